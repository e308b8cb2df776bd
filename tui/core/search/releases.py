"""Which release, document number and judgement each page of the library belongs to, for
``release:``, ``docnr:`` and ``judgement:``.

The index keeps one row per document of a release (``release_part``: the library document it
is in, its page range there, the release title, its number and judgement, folded). The table
is small and derived from the library's release store, so every sync compares it whole —
also when nothing else changed (a release is recorded after its documents were added).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui.core.release.model import docnr_key
from tui.core.release.store import ReleaseStore
from tui.core.search.query import fold

ReleasePart = tuple[str, int, int, str, str, str]
"""(document, first page, last page, release title, document number, judgement), folded."""

RELEASE_TABLE = """
CREATE TABLE IF NOT EXISTS release_part(doc TEXT, first INTEGER, last INTEGER, release TEXT,
    docnr TEXT, judgement TEXT);
CREATE INDEX IF NOT EXISTS release_part_doc ON release_part(doc);
"""


def release_parts(library_path: Path) -> list[ReleasePart]:
    """The rows ``release_part`` should hold for the library at ``library_path``."""
    rows: list[ReleasePart] = []
    for release in ReleaseStore(library_path).all():
        title = fold(release.title)
        for part in release.parts:
            if part.doc is not None:
                rows.append((part.doc, part.first_page, part.last_page, title,
                             docnr_key(part.docnr), fold(part.judgement or "")))
    return rows


def sync_release_parts(db: sqlite3.Connection, parts: list[ReleasePart]) -> int:
    """Bring ``release_part`` in line with ``parts``; returns how many rows changed."""
    for statement in filter(str.strip, RELEASE_TABLE.split(";")):  # an older index: add it
        db.execute(statement)
    indexed = set(db.execute("SELECT doc, first, last, release, docnr, judgement "
                             "FROM release_part"))
    wanted = set(parts)
    if indexed == wanted:
        return 0
    db.execute("DELETE FROM release_part")
    db.executemany("INSERT INTO release_part VALUES (?, ?, ?, ?, ?, ?)", sorted(wanted))
    return len(indexed ^ wanted)


def release_sql(name: str, value: str) -> tuple[str, list[object]]:
    """The condition of ``release:``, ``docnr:`` or ``judgement:`` on a row ``x`` (a comment
    or a page line: both have a document and a page)."""
    where = "r.doc = x.doc AND x.page BETWEEN r.first AND r.last"
    params: list[object]
    if name == "release":
        condition, params = "r.release LIKE ? ESCAPE '\\'", [f"%{_like(value)}%"]
    elif name == "docnr":
        condition, params = "r.docnr = ?", [docnr_key(value)]
    else:  # judgement: "deels-openbaar" and "deels_openbaar" as "deels openbaar"
        condition, params = "r.judgement = ?", [" ".join(value.replace("-", " ")
                                                         .replace("_", " ").split())]
    return f"EXISTS (SELECT 1 FROM release_part r WHERE {where} AND {condition})", params


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
