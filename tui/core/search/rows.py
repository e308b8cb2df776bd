"""The rows of the search index: one document's comments and lines in, out, and the user's
tags and notes on one comment.

Both ways of keeping the index up to date write through these functions: comparing a whole
library with the index (:meth:`tui.core.search.index.LibraryIndex.sync`) and following a
team library's change sequence (:mod:`tui.core.search.following`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from tui.core.anchoring.questions import asks
from tui.core.anchoring.withheld import MASK, collapse, has_withheld, is_withheld, withhold
from tui.core.model import Annotation, Extraction
from tui.core.search.query import fold

Label = tuple[str, str, str]
"""A document's title, file name and source."""


DocumentRows = tuple[tuple[object, ...], list[tuple[object, ...]], list[tuple[object, ...]],
                     list[tuple[object, ...]]]
"""One document's rows, numbered: its ``docs`` row, its comments' ``ann`` rows and their
texts for ``ann_fts``, and its page lines (``line``). Plain tuples: a second process builds
them (:mod:`tui.core.search.build`) and sends them over a pipe."""


def add_document(db: sqlite3.Connection, sha: str, order: int, label: Label,
                 extraction: Extraction | None) -> None:
    """Index a document at place ``order``: its comments and page lines."""
    found = document_rows(sha, order, label, extraction, _next_rid(db, "ann"),
                          _next_rid(db, "line"))
    write_rows(db, [found])


def document_rows(sha: str, order: int, label: Label, extraction: Extraction | None,
                  ann_rid: int, line_rid: int) -> DocumentRows:
    """The rows of a document at place ``order``, its comments numbered from ``ann_rid``
    and its lines from ``line_rid`` (no database needed: see :data:`DocumentRows`)."""
    title, name, source = label
    withheld = extraction is not None and has_withheld(extraction.annotations)
    doc = (sha, order, title, name, fold(f"{title} {name}"), int(withheld), source)
    if extraction is None:  # no cache: the document is listed, its text is not searchable
        return doc, [], [], []
    # Words still under a redaction mark are never indexed: a search neither finds nor
    # shows them (the reader shows them only on request).
    extraction = withhold(extraction)
    ann, texts = annotation_rows(sha, extraction.annotations, False, order, ann_rid)
    return doc, ann, texts, _line_rows(sha, extraction, order, line_rid)


def write_rows(db: sqlite3.Connection, documents: list[DocumentRows]) -> None:
    """Insert the rows of ``documents`` (see :func:`document_rows`)."""
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", (d[0] for d in documents))
    for _, ann, texts, lines in documents:
        _write_annotations(db, ann, texts)
        db.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?, ?, ?)", lines)
    rids = [int(row[0]) for *_, lines in documents for row in lines]  # type: ignore[call-overload]
    if rids and len(rids) == rids[-1] - rids[0] + 1 == len(set(rids)):
        # Numbered in one run (a build): the text is read back from the table, not bound
        # a second time.
        db.execute("INSERT INTO line_fts(rowid, text) SELECT rid, text FROM line"
                   " WHERE rid BETWEEN ? AND ?", (rids[0], rids[-1]))
    else:
        db.executemany("INSERT INTO line_fts(rowid, text) VALUES (?, ?)",
                       ((row[0], row[6]) for *_, lines in documents for row in lines))


def remove_document(db: sqlite3.Connection, sha: str) -> None:
    """Take a document, its comments and its lines out of the index."""
    rids = [r[0] for r in db.execute("SELECT rid FROM ann WHERE doc = ?", (sha,))]
    delete_annotation_rows(db, rids)
    lines = db.execute("SELECT rid, text FROM line WHERE doc = ?", (sha,)).fetchall()
    # An external-content index forgets a row when told its text.
    db.executemany("INSERT INTO line_fts(line_fts, rowid, text) VALUES ('delete', ?, ?)",
                   lines)
    db.execute("DELETE FROM line WHERE doc = ?", (sha,))
    db.execute("DELETE FROM docs WHERE doc = ?", (sha,))


def delete_annotation_rows(db: sqlite3.Connection, rids: list[int]) -> None:
    """Take comments out of the index, with their tags and members."""
    db.executemany("DELETE FROM ann_fts WHERE rowid = ?", ((r,) for r in rids))
    db.executemany("DELETE FROM ann_tag WHERE rid = ?", ((r,) for r in rids))
    db.executemany("DELETE FROM ann_by WHERE rid = ?", ((r,) for r in rids))
    db.executemany("DELETE FROM ann WHERE rid = ?", ((r,) for r in rids))


def _next_rid(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(rid), 0) + 1 FROM {table}").fetchone()[0])


def insert_annotations(
    db: sqlite3.Connection, sha: str, annotations: Iterable[Annotation], own: bool, order: int
) -> None:
    """Index comments of document ``sha`` (``own``: the user's own highlights/comments)."""
    _write_annotations(db, *annotation_rows(sha, annotations, own, order, _next_rid(db, "ann")))


def annotation_rows(sha: str, annotations: Iterable[Annotation], own: bool, order: int,
                    first: int) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The ``ann`` rows of comments numbered from ``first``, and their ``ann_fts`` texts."""
    rows: list[tuple[object, ...]] = []
    texts: list[tuple[object, ...]] = []
    for rid, annotation in enumerate(annotations, start=first):
        rows.append((rid, *_annotation_row(sha, annotation, own, order),
                     int(asks(annotation)), int(is_withheld(annotation))))
        quote, passage = _searchable_text(annotation)
        texts.append((rid, annotation.contents or "", quote, passage,
                      annotation.author or ""))
    return rows, texts


def _write_annotations(db: sqlite3.Connection, rows: list[tuple[object, ...]],
                       texts: list[tuple[object, ...]]) -> None:
    db.executemany(
        "INSERT OR REPLACE INTO ann(rid, doc, id, kind, page, line, nota, date, ground_f,"
        " reply, own, author, author_f, ord, question, unapplied)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows)
    db.executemany(
        "INSERT INTO ann_fts(rowid, contents, quote, passage, tags, note, author)"
        " VALUES (?, ?, ?, ?, '', '', ?)", texts)


def _line_rows(sha: str, extraction: Extraction, order: int, rid: int
               ) -> list[tuple[object, ...]]:
    nota_of = {
        page: nota.index for nota in extraction.notas
        for page in range(nota.first_page, nota.last_page + 1)
    }
    base = _position(order, 0, 0)  # as _position, for pages of fewer than 10,000 lines
    found = [(page.number, number, nota_of.get(page.number), text)
             for page in extraction.pages
             for number, text in enumerate([line.text for line in page.lines])
             if text and not text.isspace()]
    return [(rid, sha, page, number, nota, base + page * 10_000 + number,
             collapse(text) if MASK in text else text)
            for rid, (page, number, nota, text) in enumerate(found, start=rid)]


def set_user_data(db: sqlite3.Connection, doc: str, ann: str, tags: list[str],
                  note: str | None) -> int:
    """Give a comment its tags and note; 1, or 0 when the index does not hold it."""
    row = db.execute("SELECT rid FROM ann WHERE doc = ? AND id = ?", (doc, ann)).fetchone()
    if row is None:  # tagged in a document the index cannot read (no cache)
        return 0
    rid = row[0]
    db.execute("UPDATE ann SET tags = ?, note = ?, has_tag = ?, has_note = ? WHERE rid = ?",
               (json.dumps(tags), note, int(bool(tags)), int(bool(note)), rid))
    db.execute("DELETE FROM ann_tag WHERE rid = ?", (rid,))
    db.executemany("INSERT INTO ann_tag VALUES (?, ?)", ((rid, fold(t)) for t in tags))
    old = db.execute("SELECT contents, quote, passage, author FROM ann_fts WHERE rowid = ?",
                     (rid,)).fetchone()
    db.execute("DELETE FROM ann_fts WHERE rowid = ?", (rid,))
    db.execute(
        "INSERT INTO ann_fts(rowid, contents, quote, passage, tags, note, author)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (rid, old[0], old[1], old[2], " ".join(tags), note or "", old[3]),
    )
    return 1


def _searchable_text(annotation: Annotation) -> tuple[str, str]:
    """The quote and passage a search may find and show (already withheld: see
    :func:`~tui.core.anchoring.withheld.withhold`); a redaction's quote is no words."""
    quote = annotation.quote or ""
    anchor = annotation.anchor
    passage = anchor.text if anchor and anchor.text != quote else ""
    if annotation.kind == "redaction":
        quote = ""
    return quote, passage


def _position(order: int, page: int, line: int) -> int:
    """Document order as one number: the document's place in the library, page, line."""
    return (order * 100_000 + min(page, 99_999)) * 10_000 + min(line, 9_999)


def _annotation_row(
    sha: str, annotation: Annotation, own: bool, order: int
) -> tuple[object, ...]:
    anchor = annotation.anchor
    line = anchor.line if anchor else (annotation.spans[0].line if annotation.spans else 0)
    page = anchor.page if anchor else annotation.page
    return (
        sha, annotation.id, annotation.kind, annotation.page, line, annotation.nota,
        annotation.date, fold(annotation.ground) if annotation.ground else None,
        int(annotation.in_reply_to is not None), int(own), annotation.author,
        fold(annotation.author or ""), _position(order, page, line),
    )
