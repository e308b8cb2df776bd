"""Running a compiled query on the index: ranked hits with a one-line marked snippet.

Comments are ranked by bm25 with field weights (the comment's own words first, then tags and
notes, the quote, the passage, the author), then by document order; without words to rank
by, in document order. Matching words in a snippet stand between :data:`MARK_START` and
:data:`MARK_END` (control characters that never occur in cleaned text).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from tui.core.search.compile import Compiled, Scope, compile_query
from tui.core.search.query import Query

MARK_START = "\x02"
MARK_END = "\x03"
WEIGHTS = (4.0, 2.0, 1.0, 3.0, 3.0, 1.0)
"""bm25 weights of contents, quote, passage, tags, note, author."""
SNIPPET_WORDS = 12


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
    created: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    score: float = 0.0
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
    sql, params = _select(compiled, scope)
    rows = db.execute(sql + " LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [_hit(row, scope) for row in rows]


def count(db: sqlite3.Connection, query: Query, scope: Scope) -> int:
    """How many hits ``query`` has in ``scope``."""
    compiled = compile_query(query, scope)
    table, fts = ("ann", "ann_fts") if scope == "comments" else ("line", "line_fts")
    join, where, params = _join_where(compiled, fts)
    row = db.execute(f"SELECT count(*) FROM {table} x {join} {where}", params).fetchone()
    return int(row[0])


def details(db: sqlite3.Connection, hit: Hit) -> HitDetails:
    """The contents, quote and passage of a comment hit (empty for a page line)."""
    if hit.annotation is None:
        return HitDetails("", "", "")
    row = db.execute("SELECT contents, quote, passage FROM ann_fts WHERE rowid = ?",
                     (hit.row,)).fetchone()
    return HitDetails(*row) if row else HitDetails("", "", "")


def _join_where(compiled: Compiled, fts: str) -> tuple[str, str, list[object]]:
    conditions = list(compiled.conditions)
    params: list[object] = []
    join = ""
    if compiled.match is not None:
        join = f"JOIN {fts} ON {fts}.rowid = x.rid"
        conditions.insert(0, f"{fts} MATCH ?")
        params.append(compiled.match)
    params.extend(compiled.params)
    where = "WHERE " + " AND ".join(conditions) if conditions else ""
    return join, where, params


def _select(compiled: Compiled, scope: Scope) -> tuple[str, list[object]]:
    marks = f"char(2), char(3), '…', {SNIPPET_WORDS}"
    if scope == "comments":
        fts, table = "ann_fts", "ann"
        columns = "x.rid, x.doc, x.page, x.line, x.kind, x.id, x.author, x.created, x.tags, x.note"
        weights = ", ".join(str(w) for w in WEIGHTS)
        rank = f"bm25(ann_fts, {weights})"
        plain = "substr(coalesce(nullif(t.contents, ''), nullif(t.quote, ''), t.passage), 1, 160)"
    else:
        fts, table = "line_fts", "line"
        columns = "x.rid, x.doc, x.page, x.line, 'text', NULL, NULL, NULL, '[]', NULL"
        rank = "bm25(line_fts)"
        plain = "t.text"
    join, where, params = _join_where(compiled, fts)
    if compiled.match is not None:
        snippet, score, order = f"snippet({fts}, -1, {marks})", rank, f"{rank}, d.ord, x.rid"
        text_join = ""
    else:
        snippet, score, order = plain, "0.0", "d.ord, x.rid"
        text_join = f"JOIN {fts} t ON t.rowid = x.rid"
    if scope == "comments" and compiled.match is None:
        order = "d.ord, x.pos, x.rid"
    elif scope == "comments":
        order = f"{rank}, d.ord, x.pos"
    sql = (
        f"SELECT {columns}, d.title, d.name, {snippet}, {score} FROM {table} x "
        f"JOIN docs d ON d.doc = x.doc {join} {text_join} {where} ORDER BY {order}"
    )
    return sql, params


def _hit(row: tuple[Any, ...], scope: Scope) -> Hit:
    rid, doc, page, line, kind, ann, author, created, tags, note, title, name, snippet, score = row
    return Hit(
        doc=str(doc), title=str(title or ""), file=str(name or ""), page=int(page),
        line=int(line or 0), kind=str(kind), snippet=" ".join(str(snippet or "").split()),
        annotation=str(ann) if ann is not None else None,
        author=str(author) if author else None, created=str(created) if created else None,
        tags=tuple(json.loads(str(tags or "[]"))), note=str(note) if note else None,
        score=float(score or 0.0), row=int(rid),
    )
