"""From a parsed :class:`~tui.core.search.query.Query` to SQL over the search index.

Clauses made only of words and phrases become one FTS5 ``MATCH`` expression (ranked by
bm25); everything else — fields, excluded words, an OR between a word and a field — becomes a
SQL condition on the row, with a sub-select into the full-text table where a word is
involved. Words are always quoted for FTS5, so nothing a user types is FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.search.members import member_sql
from tui.core.search.query import Clause, Field, Query, Term, Words
from tui.core.search.releases import release_sql

Scope = Literal["comments", "text"]

_WORD_CHARS = re.compile(r"\w", re.UNICODE)
_TOKENS = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 2
"""Letters typed before the last word matches as a prefix."""
PAST_PREFIX = "\U0010ffff"
"""Appended to a prefix: every string that starts with the prefix sorts below the result."""


@dataclass(slots=True)
class Compiled:
    """``WHERE`` conditions with their parameters, and the FTS expression if there is one."""

    match: str | None = None
    conditions: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)


def fts_string(words: Words) -> str | None:
    """``words`` as a quoted FTS5 string (prefix-starred); None when it holds no word.

    A prefix starts at two letters: one letter typed matches that one-letter word only,
    since "every word that starts with d" is most of a library and helps nobody.
    """
    if not _WORD_CHARS.search(words.text):
        return None
    quoted = '"' + words.text.replace('"', '""') + '"'
    last = _TOKENS.findall(words.text)[-1]
    return quoted + "*" if words.prefix and len(last) >= MIN_PREFIX else quoted


def compile_query(query: Query, scope: Scope) -> Compiled:
    """The conditions that select what ``query`` matches in ``scope``."""
    compiled = Compiled()
    matches: list[str] = []
    for clause in query.clauses:
        expression = _match_only(clause)
        if expression is not None:
            matches.append(expression)
        else:
            _add_condition(compiled, clause, scope)
    if matches:
        compiled.match = " AND ".join(matches)
    return compiled


def _match_only(clause: Clause) -> str | None:
    """The FTS expression of a clause of positive words only, else None."""
    parts: list[str] = []
    for term in clause.terms:
        if term.negated or not isinstance(term.atom, Words):
            return None
        text = fts_string(term.atom)
        if text is None:
            return None
        parts.append(text)
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _add_condition(compiled: Compiled, clause: Clause, scope: Scope) -> None:
    sqls: list[str] = []
    for term in clause.terms:
        sql, params = _term_sql(term, scope)
        sqls.append(sql)
        compiled.params.extend(params)
    compiled.conditions.append("(" + " OR ".join(sqls) + ")")


def _term_sql(term: Term, scope: Scope) -> tuple[str, list[object]]:
    atom = term.atom
    params: list[object]
    if isinstance(atom, Words):
        text = fts_string(atom)
        if text is None:  # punctuation only: nothing to look for, so no restriction
            sql, params = "1", []
        else:
            table = "ann_fts" if scope == "comments" else "line_fts"
            sql, params = f"x.rid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", [text]
    else:
        sql, params = _field_sql(atom, scope)
    return (f"NOT ({sql})", params) if term.negated else (sql, params)


def _field_sql(field: Field, scope: Scope) -> tuple[str, list[object]]:
    name, value = field.name, field.value
    # Pages and nota's hold in nearly every document: "+" keeps SQLite from an index on them,
    # so it walks the rows in document order and stops at the first screenful.
    if name == "page":
        return "+x.page BETWEEN ? AND ?", [field.low, field.high]
    if name == "nota":
        return "+x.nota = ?", [field.low]
    if name == "doc":
        return ("x.doc IN (SELECT doc FROM docs WHERE label LIKE ? ESCAPE '\\' OR doc LIKE ?)",
                [f"%{_like(value)}%", f"{value}%"])
    if name in {"release", "docnr", "judgement"}:
        return release_sql(name, value)
    if scope == "text":
        return "0", []  # a page line has no tags, author, kind, date or ground
    return _comment_field_sql(field)


def _comment_field_sql(field: Field) -> tuple[str, list[object]]:
    name, value = field.name, field.value
    if name == "tag":
        if field.prefix:
            return ("x.rid IN (SELECT rid FROM ann_tag WHERE tag >= ? AND tag < ?)",
                    [value, value + PAST_PREFIX])
        return "x.rid IN (SELECT rid FROM ann_tag WHERE tag = ?)", [value]
    if name == "author":
        return "x.author_f LIKE ? ESCAPE '\\'", [f"%{_like(value)}%"]
    if name == "kind":
        return "x.kind = ?", [value]
    if name == "ground":
        if value in GROUND_LABELS:  # a whole code: its rows come in document order
            return "x.ground_f = ?", [value]
        # Part of a code ("5.1.2"): a range, not LIKE, so the index on grounds counts it;
        # its rows are of several codes, so a listing walks document order ("+").
        return "+x.ground_f >= ? AND +x.ground_f < ?", [value, value + PAST_PREFIX]
    if name == "date":  # (2025, 2025-02 or 2025-02-07: a prefix of the ISO date)
        return "+x.date >= ? AND +x.date < ?", [value, value + PAST_PREFIX]
    if name == "after":
        return "+x.date >= ?", [value]
    if name == "before":
        return "+x.date < ?", [value]
    if name == "by":
        return member_sql(value)
    if name == "has":
        return ("x.has_note = 1" if value == "note" else "x.has_tag = 1"), []
    columns = {"reply": "x.reply = 1", "mine": "x.own = 1",  # as the partial indexes say it
               "unapplied": "x.unapplied = 1"}
    if value in columns:
        return columns[value], []
    if value == "open":  # a question nobody marked is open
        return "(x.question = 1 AND coalesce(x.status, 'open') = 'open')", []
    return "x.status = ?", [value]  # is:answered


def _like(value: str) -> str:
    """``value`` with LIKE's wildcards escaped."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
