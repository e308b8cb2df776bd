""":class:`TeamLibrary`: a library kept in PostgreSQL, read and written by a team's members.

Usage::

    with TeamLibrary.open("postgresql://db.example.org/woo") as library:
        doc, ann = library.resolve_annotation_id("p2-a1")
        library.tag(doc, ann, "follow-up")      # a row of this member's, at once

It offers the surface of the library file (:class:`~tui.core.library.surface.LibrarySurface`)
so the commands use either. What differs: the member is the connecting database role; every
change is written to the server at once (there is nothing to flush); tags are the team's (a
member removes only their own); a note is the member's own, and the other members' notes are
beside it (:meth:`notes_by`); undo undoes only this member's changes in this session. The
extraction of each document comes from the server and is kept in a local cache, in a folder
per team library under ``$XDG_DATA_HOME/kantlijn/team/`` (where the search index lives too).

Live updates wait on :class:`~tui.core.team.changes.ChangeFeed` and read
:meth:`TeamLibrary.changes_since`; the local index follows :attr:`generation` (the last
change number). Every write is one step passed to ``_apply`` together with the
:class:`~tui.core.team.outbox.Op` that describes it: when the server goes away (and
:attr:`queue_when_offline`), that operation is what the outbox keeps (see
:mod:`tui.core.team.offline`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tui.core.errors import KantlijnError
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.operations import clean_tags
from tui.core.library.records import DocumentRecord, Position
from tui.core.library.searches import SessionSearches
from tui.core.library.surface import OwnRow, UserRow
from tui.core.model import Extraction, annotation_from_dict
from tui.core.paths import data_dir
from tui.core.team import changes, documents, store
from tui.core.team.connection import connect, connection_error, where
from tui.core.team.offline import OfflineSupport, WentOffline, reads_fall_back
from tui.core.team.outbox import Op, Outbox, rename
from tui.core.team.own_writes import OwnAnnotationWrites
from tui.core.team.questions import TeamQuestions
from tui.core.team.reading import TeamReading
from tui.core.team.synced_copy import SyncedCopy
from tui.core.text import MAX_NOTE_LENGTH, user_text

if TYPE_CHECKING:
    import psycopg

Undo = Callable[[], "Undo | None"]
"""A change already made returns its inverse (None when there is nothing to undo)."""


def local_folder(uri: str, member: str) -> Path:
    """This machine's folder for one team library and member (caches, search index)."""
    key = hashlib.sha256(f"{where(uri)}\0{member}".encode()).hexdigest()[:16]
    return data_dir() / "team" / key


@reads_fall_back
class TeamLibrary(OfflineSupport, OwnAnnotationWrites, TeamReading):
    """A team library on a PostgreSQL server; one connection, not thread-safe."""

    def __init__(self, uri: str, connection: psycopg.Connection[Any] | None, member: str
                 ) -> None:
        """Use :meth:`open` (or :meth:`open_for_app`)."""
        self.uri = uri
        self.where = where(uri)
        self.member = member
        """The database role this library connects as: the member's name in the team."""
        self.searches = SessionSearches()
        """This member's searches in this session (the app's search screen)."""
        self.path = local_folder(uri, member) / "library.json"
        self.notices: list[str] = []
        self.cache = ExtractionCache(cache_dir_for(self.path), notices=self.notices)
        self.on_flush: list[Callable[[Any], None]] = []
        self.read_only = False
        self.queue_when_offline = False
        """Keep writes in the outbox when the server goes away (the app), instead of
        failing with one line (the command line)."""
        self.keeps_copy = False
        """Keep the synced copy up to date on each refresh (the app)."""
        self._connection = connection  # type: ignore[assignment]  # None: opened offline
        self._view = None
        self._outbox = Outbox(self.path.parent)
        self._written: list[Op] = []
        self._copy: SyncedCopy | None = None
        self._undo: list[tuple[str, Undo]] = []
        self._redo: list[tuple[str, Undo]] = []
        self._positions: dict[str, Position] = {}
        self._seen = -1
        self.questions = TeamQuestions(self)

    @classmethod
    def open(cls, uri: str) -> TeamLibrary:
        """Connect to the team library at ``uri`` and check its schema.

        Raises:
            KantlijnError: the server cannot be reached or logged in to, is not a team
                library, or has a schema this kantlijn does not know (one line each).
        """
        from tui.core.team.schema import check

        connection = connect(uri)
        try:
            check(connection, where(uri))
            row = connection.execute("SELECT current_user").fetchone()
        except BaseException:
            connection.close()
            raise
        return cls(uri, connection, str(row[0]) if row else "?")

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The connection (for the change feed's readers and for push)."""
        return self._connection

    def close(self) -> None:
        """Take the synced copy when this session wrote since the last one (the app), and
        close the connection (the outbox and synced copy stay on disk)."""
        if self._written and self.online:
            with contextlib.suppress(WentOffline, KantlijnError):
                self.save_copy()
        if self._connection is not None:
            self._connection.close()

    def __enter__(self) -> TeamLibrary:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        import psycopg

        try:
            if kind is None and self.online:
                self.flush()
        finally:
            self.close()
        if isinstance(value, psycopg.OperationalError):  # the server went away mid-command
            raise connection_error(self.uri, value) from None

    def flush(self) -> None:
        """Changes are on the server already: tell the :attr:`on_flush` listeners."""
        for listener in self.on_flush:
            listener(self)

    def refresh(self) -> bool:
        """True when the server changed since the last call (another member, or us); the
        synced copy is taken again then (:attr:`keeps_copy`)."""
        now = self.generation
        changed, self._seen = now != self._seen, now
        copied = self._copy.seq if self._copy else -1
        if changed and self.keeps_copy and self.online and now != copied:
            with contextlib.suppress(WentOffline):
                self.save_copy()
        return changed

    def _latest(self, kind: str | None = None) -> int:
        if self._view is None:
            try:
                return self._guarded(lambda: changes.latest(self._connection, kind))
            except WentOffline:
                pass
        assert self._view is not None
        return self._view.generation if kind is None else self._view.copy.documents_seq

    @property
    def generation(self) -> int:
        """The number of the server's last change (offline: the synced copy's, plus the
        changes made since)."""
        return self._latest()

    @property
    def documents_generation(self) -> int:
        """The number of the last document added."""
        return self._latest("documents")

    def changes_since(self, seq: int) -> list[changes.Change]:
        """The server's changes numbered after ``seq`` (see :mod:`tui.core.team.changes`);
        none while offline."""
        if self._view is not None:
            return []
        try:
            return self._guarded(lambda: changes.changes_since(self._connection, seq))
        except WentOffline:
            return []

    # -- undo: this member's own changes ------------------------------------------------

    def _record(self, undo_as: str, inverse: Undo | None) -> None:
        if inverse is not None:
            self._undo.append((undo_as, inverse))
            self._redo.clear()

    def _run(self, step: Undo) -> Undo | None:
        import psycopg

        try:
            return step()
        except psycopg.errors.InsufficientPrivilege as error:
            raise KantlijnError(f"the team library refused: {' '.join(str(error).split())}"
                                ) from None
        except psycopg.OperationalError as error:
            self._went_away(error)  # the one-line error, unless the app queues
            raise WentOffline from None

    def _again(self, stack: list[tuple[str, Undo]], other: list[tuple[str, Undo]]
               ) -> str | None:
        if not stack:
            return None
        self._refuse_when_read_only()
        what, step = stack.pop()
        try:
            again = self._run(step)
        except WentOffline:
            stack.append((what, step))
            raise KantlijnError(f"{what} was made while online: it can be undone when the "
                                f"team library at {self.where} is back") from None
        if again is not None:
            other.append((what, again))
        return what

    def undo(self) -> str | None:
        """Undo this member's last change in this session; returns what, or None."""
        return self._again(self._undo, self._redo)

    def redo(self) -> str | None:
        """Do again what the last :meth:`undo` took back; returns what, or None."""
        return self._again(self._redo, self._undo)

    def _apply(self, step: Undo, undo_as: str, ops: list[Op]) -> None:
        """Make one change: on the server, or (offline) in the view and the outbox."""
        self._refuse_when_read_only()
        if self._view is None:
            try:
                self._record(undo_as, self._run(step))
                if self.keeps_copy:
                    self._written += ops
                return
            except WentOffline:
                pass  # the change goes to the outbox (sending it again is harmless)
        self._record(undo_as, self._queue(ops))

    # -- documents ----------------------------------------------------------------------

    def add_document(self, extraction: Extraction, path: str | os.PathLike[str]) -> DocumentRecord:
        """Add a document (its extraction and its PDF, each once by hash) to the server."""
        return self.add_documents([(extraction, path)])[0]

    def add_documents(
        self, items: Iterable[tuple[Extraction, str | os.PathLike[str]]]
    ) -> list[DocumentRecord]:
        """:meth:`add_document` for several documents."""
        records: list[DocumentRecord] = []
        for extraction, path in items:
            file = Path(path)
            self._put(extraction, file if file.is_file() else None)
            self.cache.save(extraction)
            sha = extraction.document.sha256
            record = self.document(sha) or DocumentRecord.from_extraction(extraction, str(file))
            records.append(record)
        return records

    def _put(self, extraction: Extraction, file: Path | None) -> None:
        import psycopg

        self._refuse_when_read_only()
        if not self.online:
            raise KantlijnError(f"the team library at {self.where} is offline: documents are "
                                "added when it is back")
        try:
            documents.put(self._connection, extraction, file)
        except psycopg.OperationalError as error:
            raise connection_error(self.uri, error) from None

    def remove_document(self, sha256: str) -> None:
        """Refused: a team library keeps its documents (the team's work is on them)."""
        raise KantlijnError(f"{self.label(sha256)} stays in the team library at {self.where}: "
                            "documents of a team library are not removed")

    # -- tags and notes -----------------------------------------------------------------

    def tag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Add this member's tags to an annotation; returns all its tags afterwards."""
        clean = clean_tags(tags)
        self._must_hold(doc, annotation_id)

        def step() -> Undo:
            added = store.add_tags(self._connection, doc, annotation_id, clean)
            return lambda: self._untag_step(doc, annotation_id, added)

        self._apply(step, f"tag {', '.join(clean)} on {self._what(doc, annotation_id)}",
                    [Op("tag", {"doc": doc, "ann": annotation_id, "tag": t}) for t in clean])
        return self.tags_of(doc, annotation_id)

    def _untag_step(self, doc: str, ann: str, tags: list[str]) -> Undo | None:
        removed = store.remove_tags(self._connection, doc, ann, tags) if tags else []
        return (lambda: self._tag_step(doc, ann, removed)) if removed else None

    def _tag_step(self, doc: str, ann: str, tags: list[str]) -> Undo | None:
        added = store.add_tags(self._connection, doc, ann, tags) if tags else []
        return (lambda: self._untag_step(doc, ann, added)) if added else None

    def untag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Remove this member's tags (any case); another member's tag is refused.

        Raises:
            KantlijnError: a tag only other members put there (nothing is removed).
        """
        clean = clean_tags(tags)
        owners: dict[str, set[str]] = {}
        for tag, members_of in self.tags_by(doc, annotation_id).items():
            owners.setdefault(tag.casefold(), set()).update(members_of)
        for tag in clean:
            members = owners.get(tag.casefold(), set())
            if members and self.member not in members:
                raise KantlijnError(
                    f"the tag {tag} on {annotation_id} is {', '.join(sorted(members))}'s: "
                    "a member removes only their own tags")
        self._apply(lambda: self._untag_step(doc, annotation_id, clean),
                    f"remove tag {', '.join(clean)} from {self._what(doc, annotation_id)}",
                    [Op("untag", {"doc": doc, "ann": annotation_id, "tag": t}) for t in clean])
        return self.tags_of(doc, annotation_id)

    def rename_tag(self, old: str, new: str) -> None:
        """Rename this member's tag ``old`` to ``new`` wherever they put it."""
        new = clean_tags([new])[0]

        def step() -> Undo:
            rows = rename(self._connection, old, new)
            return lambda: self._rename_back(rows, new, old)

        self._apply(step, f"rename tag {old} to {new}", [Op("rename", {"old": old, "new": new})])

    def _rename_back(self, rows: list[tuple[str, str]], new: str, old: str) -> Undo:
        with self._connection.transaction():
            for doc, ann in rows:
                store.remove_tags(self._connection, doc, ann, [new])
                store.add_tags(self._connection, doc, ann, [old])
        return lambda: self._rename_back(rows, old, new)

    def set_note(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Write this member's note (None or empty: remove it); earlier versions stay."""
        text = user_text(text, "note", MAX_NOTE_LENGTH).strip() if text else None
        self._must_hold(doc, annotation_id)
        self._apply(lambda: self._note_step(doc, annotation_id, text or None),
                    f"your note on {self._what(doc, annotation_id)}",
                    [Op("note", {"doc": doc, "ann": annotation_id, "text": text or None})])

    def _note_step(self, doc: str, ann: str, text: str | None) -> Undo | None:
        previous = store.own_note(self._connection, doc, ann)
        if previous == text:
            return None
        store.set_note(self._connection, doc, ann, text)
        return lambda: self._note_step(doc, ann, previous)

    # -- this machine only ----------------------------------------------------------------

    def mark_opened(self, sha256: str) -> None:
        """Opening is not shared with the team (nothing is written)."""

    def set_position(self, doc: str, page: int, line: int = 0, nota: int | None = None) -> None:
        """Remember where this member is reading, for this session."""
        self._positions[doc] = Position(page, line, nota)

    def position(self, doc: str) -> Position | None:
        """Where this member was reading in this session, or None."""
        return self._positions.get(doc)

    def searchable(
        self, documents: bool = True
    ) -> tuple[list[DocumentRecord], list[UserRow], list[OwnRow]]:
        """What a search index holds; the documents' extractions are fetched into the local
        cache first, so the index (which reads them there) can follow the server."""
        records = self.records() if documents else []
        for record in records:
            if not self.cache.has(record.sha256):
                self.cached_extraction(record.sha256)
        return records, self.user_rows(), self.own_rows()

    def _what(self, doc: str, ann: str) -> str:
        found = self.own_record(doc, ann)
        if found is not None:
            kind = annotation_from_dict(found[1]).own_kind
            return f"your {kind}" if found[0] == self.member else f"{found[0]}'s {kind}"
        return f"the comment {ann}"

    def _must_hold(self, doc: str, ann: str) -> None:
        if doc not in self.holders(ann):
            raise KantlijnError(f"no annotation {ann} in {self.label(doc)}")

