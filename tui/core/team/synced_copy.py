"""The last synced copy of a team library: what a member reads while the server is away.

After each sync the app's library writes, in its local folder (atomically), every document
record with its annotation ids, every member's tags, current notes, own annotations and
question marks as last seen, and the change number they reflect. Extractions are in the
local extraction cache already. When the server cannot be reached, the library is read from
this copy (see :mod:`tui.core.team.copy_view`); the copy itself is never edited offline (the
member's changes wait in the outbox and are replayed on top of it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
        """The stored form."""
        return {"format": COPY_FORMAT, **asdict(self)}

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
