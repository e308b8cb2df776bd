"""Following a team library's change sequence: the index reads only what changed.

A team library numbers every change on the server (:mod:`tui.core.team.changes`). The index
keeps the number of the last change it reflects (its ``generation``) and when that change
was made. To catch up, :func:`snapshot_for` reads the changes after that number and, of the
library, only what they touched — the documents added or removed, and the tags, notes,
members, own annotations and question marks of the annotations named — into a
:class:`ChangesSnapshot`, which :func:`catch_up` writes into the index. After a teammate's
tag in a library of 100,000 comments that is one row read and one row written.

The whole library is read again (a :class:`~tui.core.search.snapshot.LibrarySnapshot`)
only when the index is new, when so many changes came in that reading everything is
cheaper, or when the server's history is not the one the index followed (its sequence went
back, or the change the index stopped at is another change now: the database was set up
again or restored) — then the index starts over (``rebuild``).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tui.core.library.surface import LibrarySurface
from tui.core.search import rows
from tui.core.search.query import fold
from tui.core.search.snapshot import LibrarySnapshot, label_of

if TYPE_CHECKING:
    import sqlite3

    from tui.core.library.surface import OwnRow
    from tui.core.model import Extraction
    from tui.core.search.members import Members
    from tui.core.search.snapshot import UserData
    from tui.core.team.changes import Change
    from tui.core.team.touched import Touched

Key = tuple[str, str]
FULL_FROM = 5_000
"""From this many changes at once, comparing the whole library is cheaper than reading
each touched annotation."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = datetime.resolution


@runtime_checkable
class ChangeSequence(Protocol):
    """A library whose changes are numbered on its server (a team library)."""

    def changes_since(self, seq: int) -> list[Change]:
        """The changes numbered after ``seq``, in order (at most a batch)."""

    def touched(self, keys: Collection[Key]) -> Touched:
        """The current rows of the annotations ``keys``."""

    def tag_spellings(self) -> dict[str, str]:
        """Casefolded tag -> the team's spelling of it."""


class FollowingIndex(Protocol):
    """What following needs of the index (:class:`tui.core.search.index.LibraryIndex`, which
    imports this module: a protocol, not an import back)."""

    db: sqlite3.Connection

    @property
    def generation(self) -> int:
        """The last change the index reflects (-1: never built)."""

    @property
    def documents_generation(self) -> int:
        """The library's documents counter the index reflects."""

    @property
    def change_at(self) -> str:
        """When change :attr:`generation` was made."""

    @property
    def spellings(self) -> dict[str, str]:
        """The team's tag spellings as the index shows them."""

    def load(self, sha: str) -> Extraction | None:
        """A document's extraction with its page text."""

    def set_meta(self, **values: str) -> None:
        """Remember what the index reflects."""

    def sync_own(self, own_rows: list[OwnRow], keys: Collection[Key] | None = None) -> int:
        """Index the own annotations of ``keys``."""

    def sync_user_data(self, user: UserData, keys: Collection[Key] | None = None) -> int:
        """Give the comments of ``keys`` their tags and notes."""

    def sync_statuses(self, statuses: dict[Key, str], keys: Collection[Key] | None = None
                      ) -> int:
        """Give the questions of ``keys`` their marks."""

    def sync_members(self, members: Members, keys: Collection[Key]) -> int:
        """Give the comments of ``keys`` their members."""


@dataclass(slots=True)
class ChangesSnapshot:
    """What changed in a team library after change ``since``, up to ``generation``."""

    since: int
    generation: int
    change_at: str
    """When change ``generation`` was made (microseconds since 1970, as text)."""
    documents_generation: int
    added: dict[str, rows.Label] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    keys: set[Key] = field(default_factory=set)
    """Every annotation whose tags, notes, members, own annotation or mark may differ."""
    touched: Touched | None = None
    spellings: dict[str, str] = field(default_factory=dict)


def moment(at: datetime) -> str:
    """A change's time as the index keeps it (exact, whatever the session's time zone)."""
    return str((at - _EPOCH) // _MICROSECOND)


def snapshot_for(library: LibrarySurface, index: FollowingIndex
                 ) -> LibrarySnapshot | ChangesSnapshot:
    """What ``index`` needs to catch up with ``library``; take it where the library lives.

    A library file gives its whole searchable state (its index compares); a team library
    the changes since the index's last one, or everything when that cannot be trusted.
    """
    if not isinstance(library, ChangeSequence):
        return LibrarySnapshot.of(library, index.documents_generation)
    seen = index.generation
    if seen < 0:
        return full_snapshot(library, index)
    changes = library.changes_since(max(0, seen - 1))  # a batch larger than FULL_FROM
    if seen > 0:
        first = changes[0] if changes else None
        if first is None or first.seq != seen or (
                index.change_at and moment(first.at) != index.change_at):
            now = library.generation
            why = (f"the team library's changes went back (from {seen} to {now})" if now < seen
                   else f"the team library's change {seen} is not the one indexed")
            return full_snapshot(library, index, rebuild=why)
        if not index.change_at:  # updated by a whole snapshot that did not say when
            return full_snapshot(library, index)
        changes = changes[1:]
    if not changes:
        return ChangesSnapshot(seen, seen, index.change_at, index.documents_generation)
    if len(changes) >= FULL_FROM:
        return full_snapshot(library, index)
    return _changes_snapshot(library, index, seen, changes)


def _changes_snapshot(library: LibrarySurface, index: FollowingIndex, seen: int,
                      changes: list[Change]) -> ChangesSnapshot:
    assert isinstance(library, ChangeSequence)
    last = changes[-1]
    # Since the index's number, not the first change's: a number taken by a transaction
    # that rolled back is never used, so the sequence has gaps.
    snapshot = ChangesSnapshot(seen, last.seq, moment(last.at), index.documents_generation)
    for change in changes:
        if change.kind == "documents" and change.doc is not None:
            snapshot.documents_generation = change.seq
            if change.action == "delete":
                snapshot.added.pop(change.doc, None)
                snapshot.removed.append(change.doc)
            else:
                snapshot.added[change.doc] = ("", "", "")
        elif change.doc is not None and change.annotation is not None:
            snapshot.keys.add((change.doc, change.annotation))
    for sha in list(snapshot.added):
        record = library.document(sha)
        if record is None:  # added and gone again since
            del snapshot.added[sha]
            continue
        snapshot.added[sha] = label_of(record)
        if not library.cache.has(sha):  # the index reads documents from the local cache
            library.cached_extraction(sha)
    snapshot.spellings = library.tag_spellings()
    snapshot.keys |= _respelled(index, snapshot.spellings)
    snapshot.touched = library.touched(snapshot.keys)
    return snapshot


def _respelled(index: FollowingIndex, spellings: dict[str, str]) -> set[Key]:
    """Annotations whose tags the team now spells otherwise (the member who first used a
    tag removed it): their rows show the tag as it is spelled now."""
    before = index.spellings
    changed = [key for key, tag in spellings.items() if before.get(key, tag) != tag]
    found: set[Key] = set()
    for key in changed:
        found |= set(index.db.execute(
            "SELECT a.doc, a.id FROM ann_tag t JOIN ann a ON a.rid = t.rid WHERE t.tag = ?",
            (fold(key),)))
    return found


def full_snapshot(library: LibrarySurface, index: FollowingIndex, rebuild: str | None = None
                  ) -> LibrarySnapshot:
    """The whole library, numbered with the last change read *before* it (a change made
    while it is read is read again next time, never skipped)."""
    assert isinstance(library, ChangeSequence)
    seen = library.generation
    now = [c for c in library.changes_since(max(0, seen - 1)) if c.seq == seen]
    snapshot = LibrarySnapshot.of(library, None if rebuild else index.documents_generation)
    snapshot.generation = seen
    snapshot.change_at = moment(now[0].at) if now else ""
    snapshot.spellings = library.tag_spellings()
    snapshot.rebuild = rebuild
    return snapshot


def catch_up(index: FollowingIndex, snapshot: ChangesSnapshot) -> int:
    """Write the changes of ``snapshot`` into ``index``; returns how many rows changed.

    A snapshot taken for an index that has moved on since is still right to apply (it holds
    the current rows of everything touched after ``since``); one from after a gap is not,
    and is left for the next catch-up.
    """
    if index.generation >= snapshot.generation or snapshot.since > index.generation:
        return 0
    db = index.db
    keys = snapshot.keys
    touched = snapshot.touched
    with db:
        changed = _documents(index, snapshot)
        if touched is not None and keys:
            changed += index.sync_own(touched.own, keys)
            user = {(doc, ann): (tags, note) for doc, ann, tags, note in touched.user}
            changed += index.sync_user_data(user, keys)
            changed += index.sync_statuses(touched.statuses, keys)
            changed += index.sync_members(touched.members, keys)
        index.set_meta(generation=str(snapshot.generation), change_at=snapshot.change_at,
                       documents=str(snapshot.documents_generation),
                       spellings=json.dumps(snapshot.spellings))
    return changed


def _documents(index: FollowingIndex, snapshot: ChangesSnapshot) -> int:
    db = index.db
    indexed = {r[0] for r in db.execute("SELECT doc FROM docs")}
    gone = [sha for sha in snapshot.removed if sha in indexed]
    for sha in gone:
        rows.remove_document(db, sha)
    order = int(db.execute("SELECT coalesce(max(ord), -1) + 1 FROM docs").fetchone()[0])
    new = [sha for sha in snapshot.added if sha not in indexed - set(gone)]
    for place, sha in enumerate(new, start=order):
        rows.add_document(db, sha, place, snapshot.added[sha], index.load(sha))
    return len(gone) + len(new)
