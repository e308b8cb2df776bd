"""Running a compiled query on the index: ranked hits with a one-line marked snippet.

Two steps keep every keystroke fast. First the ids of the hits in order: ranked by bm25 with
field weights (the comment's own words first, then tags and notes, the quote, the passage,
the author), ties in document order — or, when a query matches more than
:data:`RANK_LIMIT` rows (one or two letters typed), in document order alone, since ranking
tens of thousands of rows costs a tenth of a second and says nothing yet. Then the rows of
just those ids, with a snippet marked in Python (:mod:`tui.core.search.snippet`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from tui.core.search.compile import Compiled, Scope, compile_query
from tui.core.search.query import Query
from tui.core.search.snippet import MARK_END, MARK_START, Snippets

__all__ = ["MARK_END", "MARK_START", "Hit", "HitDetails", "count", "details", "search"]

WEIGHTS = (4.0, 2.0, 1.0, 3.0, 3.0, 1.0)
"""bm25 weights of contents, quote, passage, tags, note, author."""
RANK_LIMIT = 1000
"""Queries matching more rows than this are listed in document order, not ranked."""
COUNT_LIMIT = 1_000
"""Counts while typing stop here (the screen says "1000+" and counts the rest later)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing found: a comment (``annotation`` is its id) or a page line (None)."""

    doc: str
    title: str
    file: str
    page: int
    line: int
    kind: str
    """The annotation's kind, or ``"text"`` for a page line."""
    snippet: str
    annotation: str | None = None
    author: str | None = None
    date: str | None = None
    """The comment's date (:attr:`~tui.core.model.Annotation.date`)."""
    tags: tuple[str, ...] = ()
    note: str | None = None
    score: float = 0.0
    apart: str = ""
    """What tells the document apart when another in the library has the same title: its
    file name, and "as published" for a release read from its printed comment summary."""
    row: int = field(default=0, compare=False)
    """The index row (for :func:`details`)."""


@dataclass(frozen=True, slots=True)
class HitDetails:
    """The full text behind a comment hit, for a preview."""

    contents: str
    quote: str
    passage: str


def search(
    db: sqlite3.Connection, query: Query, scope: Scope, limit: int = 200, offset: int = 0
) -> list[Hit]:
    """Hits ``offset`` to ``offset + limit`` of ``query`` in ``scope``, best first."""
    compiled = compile_query(query, scope)
    ranked = compiled.match is not None and not _broad(db, compiled, scope, offset + limit)
    order = _ordered_ids(db, compiled, scope, ranked, limit, offset)
    if not order:
        return []
    rows = _rows(db, [rid for rid, _ in order], scope)
    snippets = Snippets(query.words())
    return [_hit(rows[rid], snippets, score) for rid, score in order if rid in rows]


def count(db: sqlite3.Connection, query: Query, scope: Scope, limit: int = COUNT_LIMIT) -> int:
    """How many hits ``query`` has in ``scope`` (at most ``limit + 1``: "more than")."""
    compiled = compile_query(query, scope)
    if compiled.match is not None and not compiled.conditions:  # words only: no join
        return len(_words_rows(db, scope, compiled.match, limit + 1))
    if compiled.match is None:
        return len(_field_rows(db, compiled, scope, limit + 1))
    table, join, where, params = _from_where(compiled, scope)
    listed = _recall(_memo_key(db, scope, where, params), db, limit + 1)
    if listed is not None:  # the search that listed the first hits counted them
        return len(listed)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} x {join} {where} LIMIT ?)"
    return int(db.execute(sql, [*params, limit + 1]).fetchone()[0])


def details(db: sqlite3.Connection, hit: Hit) -> HitDetails:
    """The contents, quote and passage of a comment hit (empty for a page line)."""
    if hit.annotation is None:
        return HitDetails("", "", "")
    row = db.execute("SELECT contents, quote, passage FROM ann_fts WHERE rowid = ?",
                     (hit.row,)).fetchone()
    return HitDetails(*row) if row else HitDetails("", "", "")


def _fts(scope: Scope) -> tuple[str, str]:
    return ("ann", "ann_fts") if scope == "comments" else ("line", "line_fts")


def _from_where(compiled: Compiled, scope: Scope) -> tuple[str, str, str, list[object]]:
    table, fts = _fts(scope)
    conditions = list(compiled.conditions)
    params: list[object] = []
    join = ""
    if compiled.match is not None:
        join = f"JOIN {fts} ON {fts}.rowid = x.rid"
        conditions.insert(0, f"{fts} MATCH ?")
        params.append(compiled.match)
    params.extend(compiled.params)
    where = "WHERE " + " AND ".join(conditions) if conditions else ""
    return table, join, where, params


def _broad(db: sqlite3.Connection, compiled: Compiled, scope: Scope, wanted: int) -> bool:
    """True when the words alone match more than :data:`RANK_LIMIT` rows. With fields, the
    query's own first rows are read first (a search for ``wanted`` rows in document order
    reads them anyway): when they are more, so are the words', unread."""
    assert compiled.match is not None
    if (compiled.conditions and wanted <= FIRST_ROWS
            and len(_first_rows(db, compiled, scope, FIRST_ROWS)) > RANK_LIMIT):
        return True
    return len(_words_rows(db, scope, compiled.match, RANK_LIMIT + 1)) > RANK_LIMIT


FIRST_ROWS = max(RANK_LIMIT, COUNT_LIMIT) + 1
"""Rows a search reads in document order at least, when it reads them in that order: as many
as tell whether the words alone are too many to rank and how many hits to show."""

_MEMO: dict[tuple[object, ...], tuple[sqlite3.Connection, list[int], int]] = {}
"""The first rows of a query in document order (ids, and how many were asked), by what they
depend on. While typing, each keystroke asks the words alone whether to rank, then a page of
hits, then the count: one read of the full-text index serves all three (at a million
comments, a word typed past five letters costs 5 ms a read). Kept until the index changes
(this connection's writes, or another's commits)."""


def _memo_key(db: sqlite3.Connection, *what: object) -> tuple[object, ...]:
    version = db.execute("PRAGMA data_version").fetchone()[0]
    return (id(db), db.total_changes, version, *(tuple(w) if isinstance(w, list) else w
                                                 for w in what))


def _recall(key: tuple[object, ...], db: sqlite3.Connection, limit: int) -> list[int] | None:
    """The first ``limit`` rows remembered under ``key``, if as many were read."""
    known = _MEMO.get(key)
    # (The entry holds its connection: no other can have the same id meanwhile.)
    if known is None or known[0] is not db:
        return None
    _, rows, asked = known
    return rows[:limit] if asked >= limit or len(rows) < asked else None


def _remember(key: tuple[object, ...], db: sqlite3.Connection, rows: list[int],
              asked: int) -> None:
    if len(_MEMO) >= 4:  # a keystroke needs two; the next asks others
        _MEMO.clear()
    _MEMO[key] = (db, rows, asked)


def _words_rows(db: sqlite3.Connection, scope: Scope, match: str, limit: int) -> list[int]:
    """The first ``limit`` rows (in document order) of ``scope`` the FTS expression
    ``match`` finds."""
    key = _memo_key(db, scope, match)
    known = _recall(key, db, limit)
    if known is not None:
        return known
    fts = _fts(scope)[1]
    asked = max(limit, FIRST_ROWS)
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid LIMIT ?"
    found = [int(row[0]) for row in db.execute(sql, (match, asked))]
    _remember(key, db, found, asked)
    return found[:limit]


def _ordered_ids(
    db: sqlite3.Connection, compiled: Compiled, scope: Scope, ranked: bool, limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    table, join, where, params = _from_where(compiled, scope)
    fts = _fts(scope)[1]
    if ranked and not compiled.conditions:
        # Words only: rank inside the full-text table, joining nothing (8x faster);
        # rows are indexed in document order, so rowid breaks ties in document order.
        weights = ", ".join(str(w) for w in WEIGHTS) if scope == "comments" else ""
        rank = f"bm25({fts}{', ' + weights if weights else ''})"
        sql = (f"SELECT rowid, {rank} FROM {fts} WHERE {fts} MATCH ? "
               f"ORDER BY {rank}, rowid LIMIT ? OFFSET ?")
        return [(int(r[0]), float(r[1])) for r in db.execute(sql, [compiled.match, limit, offset])]
    if ranked:
        weights = ", ".join(str(w) for w in WEIGHTS) if scope == "comments" else ""
        rank = f"bm25({fts}{', ' + weights if weights else ''})"
        score, order = rank, f"{rank}, x.ord"
    elif compiled.match is not None:
        # Rows are indexed in document order, so the full-text table's own order is
        # document order: the first hits come without reading the rest.
        if offset + limit <= FIRST_ROWS:  # the first rows, read once for the count too
            first = _first_rows(db, compiled, scope, offset + limit)
            return [(rid, 0.0) for rid in first[offset:]]
        if not compiled.conditions:
            sql = (f"SELECT rowid, 0.0 FROM {fts} WHERE {fts} MATCH ? "
                   "ORDER BY rowid LIMIT ? OFFSET ?")
            return [(int(r[0]), 0.0) for r in db.execute(sql, (compiled.match, limit, offset))]
        score, order = "0.0", f"{fts}.rowid"
    else:
        score, order = "0.0", "x.ord"
        found = _field_rows(db, compiled, scope)
        if not found:
            return []
        if len(found) <= RANK_LIMIT:
            # Few: all known (through the row indexes), put in document order. Many: the
            # table is walked in document order ("+" in compile) until a screenful is in.
            marks = ",".join("?" * len(found))
            sql = (f"SELECT rid FROM {table} WHERE rid IN ({marks}) "
                   "ORDER BY ord, rid LIMIT ? OFFSET ?")
            return [(int(r[0]), 0.0) for r in db.execute(sql, [*found, limit, offset])]
    sql = f"SELECT x.rid, {score} FROM {table} x {join} {where} ORDER BY {order} LIMIT ? OFFSET ?"
    return [(int(r[0]), float(r[1])) for r in db.execute(sql, [*params, limit, offset])]


def _first_rows(db: sqlite3.Connection, compiled: Compiled, scope: Scope, limit: int
                ) -> list[int]:
    """The first ``limit`` rows of a query with words, in document order; as many as
    :data:`FIRST_ROWS` are read and remembered, so :func:`count` knows them."""
    assert compiled.match is not None
    if not compiled.conditions:
        return _words_rows(db, scope, compiled.match, limit)
    table, join, where, params = _from_where(compiled, scope)
    key = _memo_key(db, scope, where, params)
    known = _recall(key, db, limit)
    if known is not None:
        return known
    fts = _fts(scope)[1]
    sql = f"SELECT x.rid FROM {table} x {join} {where} ORDER BY {fts}.rowid LIMIT ?"
    found = [int(row[0]) for row in db.execute(sql, [*params, FIRST_ROWS])]
    _remember(key, db, found, FIRST_ROWS)
    return found[:limit]


def _field_rows(db: sqlite3.Connection, compiled: Compiled, scope: Scope,
                limit: int = FIRST_ROWS) -> list[int]:
    """Up to ``limit`` rows of a query of fields alone, in no order: found through the row
    indexes ("+" keeps a listing in document order, see compile; a count needs none), as
    many as :data:`FIRST_ROWS` read and remembered for the count and the listing."""
    table, join, where, params = _from_where(compiled, scope)
    where = where.replace("+x.", "x.")
    key = _memo_key(db, scope, "any order", where, params)
    known = _recall(key, db, limit)
    if known is not None:
        return known
    asked = max(limit, FIRST_ROWS)
    sql = f"SELECT x.rid FROM {table} x {join} {where} LIMIT ?"
    found = [int(row[0]) for row in db.execute(sql, [*params, asked])]
    _remember(key, db, found, asked)
    return found[:limit]


def _rows(db: sqlite3.Connection, rids: list[int], scope: Scope) -> dict[int, tuple[Any, ...]]:
    marks = ",".join("?" * len(rids))
    if scope == "comments":
        sql = (
            "SELECT x.rid, x.doc, x.page, x.line, x.kind, x.id, x.author, x.date, x.tags, "
            "x.note, d.title, d.name, d.source, "
            "(SELECT count(*) FROM docs o WHERE o.title = d.title), "
            "t.contents, t.quote, t.passage, t.tags, t.note, t.author "
            f"FROM ann x JOIN docs d ON d.doc = x.doc JOIN ann_fts t ON t.rowid = x.rid "
            f"WHERE x.rid IN ({marks})"
        )
    else:
        sql = (
            "SELECT x.rid, x.doc, x.page, x.line, 'text', NULL, NULL, NULL, '[]', NULL, "
            "d.title, d.name, d.source, (SELECT count(*) FROM docs o WHERE o.title = d.title), "
            "x.text FROM line x JOIN docs d ON d.doc = x.doc "
            f"WHERE x.rid IN ({marks})"
        )
    return {int(row[0]): row for row in db.execute(sql, rids)}


def _hit(row: tuple[Any, ...], snippets: Snippets, score: float) -> Hit:
    rid, doc, page, line, kind, ann, author, date, tags, note, title, name = row[:12]
    source, same_title = row[12:14]
    apart = ""
    if int(same_title or 0) > 1:
        apart = str(name or doc[:12]) + (", as published" if source == "summary-pdf" else "")
    return Hit(
        doc=str(doc), title=str(title or ""), file=str(name or ""), page=int(page),
        line=int(line or 0), kind=str(kind), snippet=snippets.make(row[14:]), apart=apart,
        annotation=str(ann) if ann is not None else None,
        author=str(author) if author else None, date=str(date) if date else None,
        tags=tuple(json.loads(str(tags or "[]"))), note=str(note) if note else None,
        score=-score, row=int(rid),
    )


def matching_ids(db: sqlite3.Connection, query: Query) -> set[tuple[str, str]]:
    """``(document, annotation id)`` of every comment ``query`` matches (for export)."""
    compiled = compile_query(query, "comments")
    table, join, where, params = _from_where(compiled, "comments")
    sql = f"SELECT x.doc, x.id FROM {table} x {join} {where}"
    return {(str(doc), str(ann)) for doc, ann in db.execute(sql, params)}


def rows_in(db: sqlite3.Connection, query: Query, scope: Scope,
            docs: list[str]) -> list[tuple[Any, ...]]:
    """Every row of ``scope`` in ``docs`` that ``query`` matches, in index order (for
    grouping the copies of a comment or a line): ``(rid, doc, id)`` of a comment, ``(rid,
    doc, page, line, text, the line before, the line after)`` of a page line (its
    neighbours on the same page, None at the page's edge)."""
    compiled = compile_query(query, scope)
    table, join, where, params = _from_where(compiled, scope)
    if scope == "comments":
        columns, near = "x.rid, x.doc, x.id", ""
    else:
        columns = "x.rid, x.doc, x.page, x.line, x.text, b.text, a.text"
        near = ("LEFT JOIN line b ON b.rid = x.rid - 1 AND b.doc = x.doc AND b.page = x.page "
                "LEFT JOIN line a ON a.rid = x.rid + 1 AND a.doc = x.doc AND a.page = x.page")
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(docs), 500):  # within SQLite's limit on parameters
        chunk = docs[start:start + 500]
        inside = f"x.doc IN ({','.join('?' * len(chunk))})"
        condition = f"{where} AND {inside}" if where else f"WHERE {inside}"
        sql = f"SELECT {columns} FROM {table} x {join} {near} {condition} ORDER BY x.rid"
        found.extend(db.execute(sql, [*params, *chunk]))
    return sorted(found, key=lambda row: int(row[0]))
