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
from tui.core.anchoring.withheld import collapse, has_withheld, is_withheld, withhold
from tui.core.model import Annotation, Extraction
from tui.core.search.query import fold

Label = tuple[str, str, str]
"""A document's title, file name and source."""


def add_document(db: sqlite3.Connection, sha: str, order: int, label: Label,
                 extraction: Extraction | None, lines_fts: bool = True) -> None:
    """Index a document at place ``order``: its comments and page lines (``lines_fts``
    False: the caller rebuilds the lines' full-text index at the end, which is faster)."""
    title, name, source = label
    withheld = extraction is not None and has_withheld(extraction.annotations)
    db.execute(
        "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
        (sha, order, title, name, fold(f"{title} {name}"), int(withheld), source),
    )
    if extraction is None:  # no cache: the document is listed, its text is not searchable
        return
    # Words still under a redaction mark are never indexed: a search neither finds nor
    # shows them (the reader shows them only on request).
    extraction = withhold(extraction)
    insert_annotations(db, sha, extraction.annotations, own=False, order=order)
    _insert_lines(db, sha, extraction, order, lines_fts)


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
    first = _next_rid(db, "ann")
    rows: list[tuple[object, ...]] = []
    texts: list[tuple[object, ...]] = []
    for rid, annotation in enumerate(annotations, start=first):
        rows.append((rid, *_annotation_row(sha, annotation, own, order),
                     int(asks(annotation)), int(is_withheld(annotation))))
        quote, passage = _searchable_text(annotation)
        texts.append((rid, annotation.contents or "", quote, passage,
                      annotation.author or ""))
    db.executemany(
        "INSERT OR REPLACE INTO ann(rid, doc, id, kind, page, line, nota, date, ground_f,"
        " reply, own, author, author_f, ord, question, unapplied)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows)
    db.executemany(
        "INSERT INTO ann_fts(rowid, contents, quote, passage, tags, note, author)"
        " VALUES (?, ?, ?, ?, '', '', ?)", texts)


def _insert_lines(db: sqlite3.Connection, sha: str, extraction: Extraction, order: int,
                  fts: bool) -> None:
    nota_of = {
        page: nota.index for nota in extraction.notas
        for page in range(nota.first_page, nota.last_page + 1)
    }
    rid = _next_rid(db, "line")
    base = _position(order, 0, 0)  # as _position, for pages of fewer than 10,000 lines
    rows: list[tuple[object, ...]] = []
    for page in extraction.pages:
        for number, line in enumerate(page.lines):
            if not line.text.strip():
                continue
            rows.append((rid, sha, page.number, number, nota_of.get(page.number),
                         base + page.number * 10_000 + number, collapse(line.text)))
            rid += 1
    db.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    if fts:
        db.executemany("INSERT INTO line_fts(rowid, text) VALUES (?, ?)",
                       ((row[0], row[6]) for row in rows))


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
