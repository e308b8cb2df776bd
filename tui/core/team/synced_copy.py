"""The last synced copy of a team library: what a member reads while the server is away.

After each sync the app's library writes, in its local folder (atomically), every document
record with its annotation ids, every member's tags, current notes, own annotations and
question marks as last seen, and the change number they reflect. Extractions are in the
local extraction cache already. When the server cannot be reached, the library is read from
this copy (see :mod:`tui.core.team.copy_view`); the copy itself is never edited offline (the
member's changes wait in the outbox and are replayed on top of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.library.atomic_file import BrokenFileError, atomic_write_json, read_json_object
from tui.core.team import store

if TYPE_CHECKING:
    import psycopg

COPY_FILE = "synced.json"
COPY_FORMAT = 1
"""Bump when the layout changes; a copy of another format is not read (the next sync
rewrites it)."""


@dataclass
class SyncedCopy:
    """The team library as last seen; rows in the order the server gives them."""

    member: str
    seq: int = 0
    """The number of the last change the copy reflects."""
    documents_seq: int = 0
    synced_at: str = ""
    """When it was taken (ISO 8601, UTC, seconds)."""
    documents: list[dict[str, Any]] = field(default_factory=list)
    """:meth:`DocumentRecord.to_dict` of each document, oldest first."""
    ids: dict[str, list[str]] = field(default_factory=dict)
    """Document hash -> the ids of its annotations (from the PDF)."""
    tags: list[list[str]] = field(default_factory=list)
    """``[doc, annotation, tag, member]``, oldest first."""
    notes: list[list[str]] = field(default_factory=list)
    """``[doc, annotation, member, text]``: each member's current note, oldest first."""
    own: list[list[Any]] = field(default_factory=list)
    """``[doc, id, member, annotation data]``, oldest first."""
    questions: list[list[Any]] = field(default_factory=list)
    """``[doc, annotation, member, status, answer]``, oldest mark first."""

    def to_dict(self) -> dict[str, Any]:
        """The stored form (the rows as they are: no deep copy, it is written at once)."""
        return {"format": COPY_FORMAT,
                **{name: getattr(self, name) for name in self.__dataclass_fields__}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SyncedCopy | None:
        """The copy back from :meth:`to_dict`; None for another format."""
        if data.get("format") != COPY_FORMAT:
            return None
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**fields)

    def shown_time(self) -> str:
        """When it was synced, as the user reads it (local time, minutes)."""
        try:
            moment = datetime.fromisoformat(self.synced_at).astimezone()
        except ValueError:
            return "an unknown time"
        return moment.strftime("%Y-%m-%d %H:%M")


def take(connection: psycopg.Connection[Any], member: str,
         record_of: Any) -> SyncedCopy:
    """Read the copy from the server in one snapshot: a repeatable-read transaction, so the
    change number matches the rows. ``record_of`` turns a document row into its record."""
    from tui.core.team import documents

    copy = SyncedCopy(member=member)
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        copy.seq = _number(connection, "SELECT coalesce(max(seq), 0) FROM kantlijn.changes")
        copy.documents_seq = _number(connection, "SELECT coalesce(max(seq), 0) FROM "
                                     "kantlijn.changes WHERE kind = 'documents'")
        copy.documents = [record_of(row).to_dict() for row in documents.rows(connection)]
        copy.ids = {sha: list(ids) for sha, ids in connection.execute(
            "SELECT sha256, annotation_ids FROM kantlijn.documents")}
        copy.tags = [list(row) for row in connection.execute(
            "SELECT doc, annotation, tag, member FROM kantlijn.tags ORDER BY at, tag")]
        copy.notes = [list(row) for row in connection.execute(
            store.LATEST_NOTES.format(where=""))]
        copy.own = [[doc, ann, member, dict(data)] for doc, ann, member, data in
                    connection.execute("SELECT doc, id, member, annotation FROM "
                                       "kantlijn.own_annotations ORDER BY created, id")]
        copy.questions = [list(row) for row in connection.execute(
            "SELECT doc, annotation, member, status, answer FROM kantlijn.questions "
            "ORDER BY at")]
    copy.synced_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    return copy


CATCH_UP_LIMIT = 2000
"""More changes than this since the copy: it is taken again whole (cheaper by then)."""
_KEYS = "IN (SELECT * FROM unnest(%s::text[], %s::text[]))"


def catch_up(connection: psycopg.Connection[Any], copy: SyncedCopy,
             limit: int = CATCH_UP_LIMIT) -> bool:
    """Bring ``copy`` up to the server's last change by reading again only the annotations
    that changed since (in one snapshot); False when it must be taken whole instead:
    documents were added, more than ``limit`` changes, or the server is behind the copy
    (another database at the same address)."""
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if _number(connection, "SELECT coalesce(max(seq), 0) FROM kantlijn.changes") < copy.seq:
            return False
        changed = connection.execute(
            "SELECT seq, kind, doc, annotation FROM kantlijn.changes WHERE seq > %s "
            "ORDER BY seq LIMIT %s", (copy.seq, limit + 1)).fetchall()
        if len(changed) > limit or any(kind == "documents" for _, kind, _, _ in changed):
            return False
        touched: dict[str, set[tuple[str, str]]] = {}
        for _, kind, doc, ann in changed:
            touched.setdefault(kind, set()).add((doc, ann))
        for kind, keys in touched.items():
            _read_again(connection, copy, kind, keys)
        if changed:
            copy.seq = int(changed[-1][0])
    copy.synced_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    return True


def _read_again(connection: psycopg.Connection[Any], copy: SyncedCopy, kind: str,
                keys: set[tuple[str, str]]) -> None:
    """Replace the rows of ``keys`` (document, annotation) of one table with the server's."""
    args = ([doc for doc, _ in keys], [ann for _, ann in keys])
    if kind == "tags":
        copy.tags = [row for row in copy.tags if (row[0], row[1]) not in keys] + [
            list(row) for row in connection.execute(
                f"SELECT doc, annotation, tag, member FROM kantlijn.tags WHERE "
                f"(doc, annotation) {_KEYS} ORDER BY at, tag", args)]
    elif kind == "notes":
        copy.notes = [row for row in copy.notes if (row[0], row[1]) not in keys] + [
            list(row) for row in connection.execute(store.LATEST_NOTES.format(
                where=f"WHERE (doc, annotation) {_KEYS}"), args)]
    elif kind == "questions":
        copy.questions = [row for row in copy.questions if (row[0], row[1]) not in keys] + [
            list(row) for row in connection.execute(
                f"SELECT doc, annotation, member, status, answer FROM kantlijn.questions "
                f"WHERE (doc, annotation) {_KEYS} ORDER BY at", args)]
    elif kind == "own_annotations":  # edited ones keep their place (oldest first)
        found = {(doc, ann): [doc, ann, member, dict(data)] for doc, ann, member, data in
                 connection.execute(f"SELECT doc, id, member, annotation FROM "
                                    f"kantlijn.own_annotations WHERE (doc, id) {_KEYS} "
                                    "ORDER BY created, id", args)}
        kept = [found.pop((row[0], row[1]), None) if (row[0], row[1]) in keys else row
                for row in copy.own]
        copy.own = [row for row in kept if row is not None] + list(found.values())


def _number(connection: psycopg.Connection[Any], sql: str) -> int:
    row = connection.execute(sql).fetchone()
    return int(row[0]) if row else 0


def save(folder: Path, copy: SyncedCopy) -> None:
    """Write the copy into ``folder`` atomically (readers see the old or the new one)."""
    atomic_write_json(folder / COPY_FILE, copy.to_dict())


def load(folder: Path) -> SyncedCopy | None:
    """The copy kept in ``folder``, or None (none yet, unreadable, another format)."""
    try:
        data = read_json_object(folder / COPY_FILE)
    except (BrokenFileError, OSError):
        return None
    return SyncedCopy.from_dict(data) if data is not None else None
