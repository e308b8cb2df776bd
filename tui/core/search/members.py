"""Who wrote on each comment, for ``by:NAME`` and ``by:me``.

In a team library each comment's tags, notes and own annotations carry their members; the
index keeps them in ``ann_by`` (one row per comment and member, names folded) and which
member "me" is in its meta table. A library file has one writer: there ``by:me`` is every
comment the user tagged, noted or made, and ``by:NAME`` the own annotations signed NAME.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from tui.core.library.surface import LibrarySurface, TeamMembers
from tui.core.search.query import fold

Members = dict[tuple[str, str], list[str]]
"""(document, annotation id) -> the members who tagged, noted or made it."""

MEMBERS_TABLE = """
CREATE TABLE ann_by(rid INTEGER, member TEXT);
CREATE INDEX ann_by_member ON ann_by(member, rid);
CREATE INDEX ann_by_rid ON ann_by(rid);
"""

_ME = "(SELECT value FROM meta WHERE key = 'me')"


def members_of(library: LibrarySurface) -> tuple[Members, str | None]:
    """The members per comment and the connecting member (a library file: none)."""
    if isinstance(library, TeamMembers):
        return library.annotation_members(), library.member
    return {}, None


def sync_members(db: sqlite3.Connection, members: Members, me: str | None) -> int:
    """Bring ``ann_by`` and the meta ``me`` in line with ``members``; returns rows changed."""
    db.execute("DELETE FROM meta WHERE key = 'me'")
    if me is not None:
        db.execute("INSERT INTO meta VALUES ('me', ?)", (fold(me),))
    indexed = set(db.execute(
        "SELECT a.doc, a.id, b.member FROM ann_by b JOIN ann a ON a.rid = b.rid"))
    wanted = {(doc, ann, fold(m)) for (doc, ann), names in members.items() for m in names}
    gone, new = indexed - wanted, wanted - indexed
    db.executemany("DELETE FROM ann_by WHERE member = ? AND rid = (SELECT rid FROM ann "
                   "WHERE doc = ? AND id = ?)", ((m, d, a) for d, a, m in gone))
    db.executemany("INSERT INTO ann_by SELECT rid, ? FROM ann WHERE doc = ? AND id = ?",
                   ((m, d, a) for d, a, m in new))
    return len(gone) + len(new)


def sync_members_of(db: sqlite3.Connection, members: Members,
                    keys: Collection[tuple[str, str]]) -> int:
    """Bring ``ann_by`` in line with ``members`` for the comments ``keys`` only."""
    changed = 0
    for doc, ann in keys:
        row = db.execute("SELECT rid FROM ann WHERE doc = ? AND id = ?", (doc, ann)).fetchone()
        if row is None:
            continue
        indexed = {m for (m,) in db.execute("SELECT member FROM ann_by WHERE rid = ?", row)}
        wanted = {fold(m) for m in members.get((doc, ann), [])}
        if indexed != wanted:
            db.execute("DELETE FROM ann_by WHERE rid = ?", row)
            db.executemany("INSERT INTO ann_by VALUES (?, ?)", ((row[0], m) for m in wanted))
            changed += 1
    return changed


def member_sql(name: str) -> tuple[str, list[object]]:
    """The condition of ``by:name`` (folded; ``me`` is the connecting member)."""
    if name == "me":
        return (f"(CASE WHEN {_ME} IS NULL THEN (x.has_tag = 1 OR x.has_note = 1 OR x.own = 1)"
                f" ELSE x.rid IN (SELECT rid FROM ann_by WHERE member = {_ME}) END)", [])
    return ("(x.rid IN (SELECT rid FROM ann_by WHERE member = ?) OR (x.own = 1 AND "
            "x.author_f = ?))", [name, name])
