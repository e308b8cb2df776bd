"""What a team library does when its server goes away (and comes back).

Mixed into :class:`~tui.core.team.library.TeamLibrary`. With :attr:`queue_when_offline`
(the app sets it; the command line never does), a connection that breaks does not end the
session: reads are answered from the last synced copy (:mod:`~tui.core.team.synced_copy`)
with the member's pending changes on top (:mod:`~tui.core.team.copy_view`), and each write
is applied there at once and kept in the outbox on disk (:mod:`~tui.core.team.outbox`)
before the call returns. :meth:`OfflineSupport.reconnect` connects again, sends the outbox
in order and takes a new synced copy.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from tui.core.errors import KantlijnError
from tui.core.library.atomic_file import BrokenFileError, atomic_write_json, read_json_object
from tui.core.paths import data_dir
from tui.core.team import outbox as outboxes
from tui.core.team import synced_copy
from tui.core.team.connection import (
    RECONNECT_TIMEOUT,
    UnreachableError,
    connect,
    connection_error,
    where,
)
from tui.core.team.copy_view import CopyView
from tui.core.team.outbox import Op, Outbox

if TYPE_CHECKING:
    import psycopg

Undo = Callable[[], Any]
T = TypeVar("T")

READS = ("records", "document", "find_document", "label", "documents", "cached_extraction",
         "cached_page", "has_cached", "pdf_path", "tags_of", "tags_by", "all_tags",
         "note_of", "notes_by", "note_history", "annotation_data", "user_rows",
         "annotation_members", "own_rows", "own_annotations", "holders",
         "resolve_annotation_id", "own_record", "question_marks")
"""The reading methods answered from the synced copy while the server is away."""


SEND_BATCH = 200
"""Operations sent per transaction when the server is back (one commit and one rewrite of
the outbox each: an fsync per operation would take minutes for a long offline session)."""


class WentOffline(Exception):
    """The connection broke during a write and the library is now offline (internal)."""


def last_member_file(where: str) -> Path:
    """Where this machine remembers which member last opened the library at ``where``
    (offline, the server cannot say who the connecting role is)."""
    key = hashlib.sha256(where.encode()).hexdigest()[:16]
    return data_dir() / "team" / f"member-{key}.json"


def last_member(where: str) -> str | None:
    """The member who last opened the library at ``where`` on this machine, or None."""
    try:
        data = read_json_object(last_member_file(where))
    except (BrokenFileError, OSError):
        return None
    member = (data or {}).get("member")
    return member if isinstance(member, str) else None


class OfflineSupport:
    """The offline half of a team library (a mixin: the library sets the attributes)."""

    uri: str
    where: str
    member: str
    path: Path
    notices: list[str]
    read_only: bool
    queue_when_offline: bool
    keeps_copy: bool
    _connection: psycopg.Connection[Any]
    _view: CopyView | None
    _outbox: Outbox
    _written: list[Op]
    """Operations written to the server since the synced copy was taken."""
    _copy: synced_copy.SyncedCopy | None
    """The synced copy as last kept, in memory (None: not read yet, or handed to the
    offline view)."""
    _document_record: Callable[..., Any]
    cache: Any

    @property
    def online(self) -> bool:
        """True while the library talks to its server (False: read from the synced copy)."""
        return self._view is None

    @property
    def waiting(self) -> int:
        """How many changes wait in the outbox for the server."""
        return len(self._outbox)

    @property
    def folder(self) -> Path:
        """This machine's folder for the library and member (copy, outbox, caches)."""
        return self.path.parent

    def _view_from_copy(self) -> CopyView | None:
        copy, self._copy = self._copy or synced_copy.load(self.folder), None  # the view's now
        if copy is None or copy.member != self.member:
            return None
        view = CopyView(copy, self.cache)
        # What this session wrote on the server since the copy was taken, then what the
        # member typed offline (killed or not): the member sees all of their own work.
        for op in [*self._written, *self._outbox.ops]:
            view.apply(op)
        return view

    def _went_away(self, error: BaseException) -> None:
        """The connection broke: go offline (reads from the copy, writes to the outbox), or
        raise the one-line error where the library does not queue or has no copy."""
        if self._view is not None:
            return
        view = self._view_from_copy() if self.queue_when_offline else None
        if view is None:
            raise connection_error(self.uri, error) from None
        self._view = view
        self.notices.append(f"the team library at {self.where} is offline: your changes are "
                            "kept on this machine and sent when it is back")

    def _guarded(self, action: Callable[[], T]) -> T:
        """``action()`` on the server; a broken connection goes offline and raises
        :class:`WentOffline` (or the one-line error, see :meth:`_went_away`)."""
        import psycopg

        try:
            return action()
        except psycopg.OperationalError as error:
            self._went_away(error)
            raise WentOffline from None

    def _refuse_when_read_only(self) -> None:
        if self.read_only:
            raise KantlijnError(f"the team library at {self.where} could not be reached when "
                                "kantlijn started: it is read-only until it is back "
                                "(nothing was changed)")

    def _queue(self, ops: list[Op]) -> Undo | None:
        """Apply ``ops`` to the offline view and keep them in the outbox (on disk before
        this returns); returns the undo step, or None when nothing changed."""
        assert self._view is not None
        inverse: list[Op] = []
        for op in ops:
            undo = self._view.apply(op)
            if not undo:
                continue
            try:
                self._outbox.add(op)
            except OSError as error:
                for back in undo:
                    self._view.apply(back)
                raise KantlijnError(f"the change could not be kept while offline: {error}"
                                    ) from None
            inverse = undo + inverse
        return (lambda: self._perform(inverse)) if inverse else None

    def _perform(self, ops: list[Op]) -> Undo | None:
        """Undo or redo steps of changes made offline: queued while offline, sent when
        online again (then they cannot be undone in turn)."""
        for done, op in enumerate(ops):
            if self._view is None:
                try:
                    self._guarded(functools.partial(outboxes.send, self._connection, op))
                    if self.keeps_copy:
                        self._written.append(op)
                    continue
                except WentOffline:
                    pass
            return self._queue(ops[done:])  # offline, or gone offline on the way: it waits
        return None

    @classmethod
    def open_for_app(cls, uri: str) -> Self:
        """:meth:`open` for the app: changes queue in the outbox when the server goes away,
        the synced copy is kept, and what waits from an earlier session is sent. An
        unreachable server opens read-only from the synced copy (saying so in
        :attr:`notices`).

        Raises:
            KantlijnError: as :meth:`open`; unreachable with no synced copy on this machine.
        """
        try:
            library = cls.open(uri)  # type: ignore[attr-defined]
        except UnreachableError:
            offline = cls._from_copy(uri)
            if offline is None:
                raise
            return offline
        library.queue_when_offline = library.keeps_copy = True
        library._send_waiting()  # what waits from an earlier session; the synced copy
        return library

    @classmethod
    def _from_copy(cls, uri: str) -> Self | None:
        member = last_member(where(uri))
        if member is None:
            return None
        library = cls(uri, None, member)  # type: ignore[call-arg]
        library.queue_when_offline = library.keeps_copy = True
        library._view = library._view_from_copy()
        if library._view is None:
            return None
        library.read_only = True
        library.notices.append(
            f"the team library at {library.where} cannot be reached: offline and read-only, "
            f"from the copy synced at {library._view.copy.shown_time()}")
        return library

    # -- the synced copy ----------------------------------------------------------------

    def save_copy(self, whole: bool = False) -> None:
        """Bring the synced copy up to the server (reading again only what changed since,
        unless ``whole`` or that would cost more) and keep it in the local folder."""
        if self._view is not None:
            return
        kept = self._copy or synced_copy.load(self.folder)
        if kept is not None and kept.member == self.member and not whole and self._guarded(
                lambda: synced_copy.catch_up(self._connection, kept)):
            copy = kept
        else:
            copy = self._guarded(lambda: synced_copy.take(self._connection, self.member,
                                                          self._document_record))
        self._copy, self._written = copy, []
        try:
            synced_copy.save(self.folder, copy)
            if last_member(self.where) != self.member:
                atomic_write_json(last_member_file(self.where), {"member": self.member})
        except OSError as error:  # reading on goes on; only reading offline would miss it
            self.notices.append(f"the synced copy of the team library at {self.where} could "
                                f"not be kept on this machine: {error}")

    # -- coming back ----------------------------------------------------------------------

    def reconnect(self, connection: psycopg.Connection[Any] | None = None) -> bool:
        """Connect again when offline, send the outbox in order, take a new synced copy;
        True when the library is online (with nothing waiting) afterwards.

        ``connection``, when given, is one :meth:`connect_again` opened (in another thread,
        so that a server that does not answer never holds up the caller's); without it the
        connecting happens here.
        """
        if connection is None:
            if self._view is None:
                try:  # a broken connection shows only when used
                    self._guarded(lambda: self._connection.execute("SELECT 1"))
                    return self._send_waiting() if self.waiting else True
                except (WentOffline, KantlijnError):
                    pass
            connection = self.connect_again()
            if connection is None:
                return False
        if self._connection is not None:
            self._connection.close()
        self._connection = connection
        view, self._view = self._view, None
        read_only, self.read_only = self.read_only, False
        if not self._send_waiting():
            self._view, self.read_only = view, read_only
            return False
        self.notices.append(f"the team library at {self.where} is back online")
        return True

    def connect_again(self) -> psycopg.Connection[Any] | None:
        """A new connection to the server, checked (schema, member), or None while it is
        still away or refuses. Touches nothing of the library's state, so a worker thread
        may call it while the library is in use elsewhere; a schema the server now refuses
        is said in :attr:`notices`."""
        from tui.core.team.schema import check

        try:
            connection = connect(self.uri, timeout=RECONNECT_TIMEOUT)
        except KantlijnError:  # the server still away (or refusing): stay offline
            return None
        try:
            check(connection, self.where)  # it may have been upgraded meanwhile
            row = connection.execute("SELECT current_user").fetchone()
        except Exception as error:
            connection.close()
            if isinstance(error, KantlijnError):
                self.notices.append(str(error))  # list.append: safe from another thread
            return None
        if not row or row[0] != self.member:
            connection.close()
            return None
        return connection

    def _send_waiting(self) -> bool:
        """Send the outbox and keep a new synced copy; False when the server went away
        meanwhile (what was not committed stays waiting)."""
        import psycopg

        try:
            while self._outbox.ops:
                batch = self._outbox.ops[:SEND_BATCH]
                refused = self._send(batch)
                self._outbox.done(batch)  # killed before this: sent again, harmless
                for op, error in refused:
                    self.notices.append(f"a change made offline ({op.kind}) was refused by "
                                        f"the team library: {' '.join(str(error).split())}")
            if self.keeps_copy:
                self.save_copy()
        except (psycopg.OperationalError, WentOffline):
            return False
        return True

    def _send(self, batch: list[Op]) -> list[tuple[Op, Exception]]:
        """Send ``batch`` in one transaction (one commit, one trim of the outbox), each
        operation in a savepoint of its own so a refused one leaves the others; returns
        the refused ones."""
        import psycopg

        try:  # the common case first: nothing refused, no savepoint per operation
            with self._connection.transaction():
                for op in batch:
                    outboxes.send(self._connection, op)
            return []
        except psycopg.OperationalError:
            raise
        except psycopg.Error:
            pass  # one was refused and the batch rolled back: again, one savepoint each
        refused: list[tuple[Op, Exception]] = []
        with self._connection.transaction():
            for op in batch:
                try:
                    with self._connection.transaction():
                        outboxes.send(self._connection, op)
                except psycopg.OperationalError:
                    raise
                except psycopg.Error as error:  # refused (another member's, a rule)
                    refused.append((op, error))
        return refused


def reads_fall_back(cls: type[T]) -> type[T]:
    """Class decorator: each of :data:`READS` reads the server while online and the offline
    view once the connection broke (a break during the read goes offline, see
    :meth:`OfflineSupport._went_away`)."""
    for name in READS:
        setattr(cls, name, _falling_back(name, getattr(cls, name)))
    return cls


def _falling_back(name: str, online: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(online)
    def read(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self._view is None:
            try:
                return self._guarded(lambda: online(self, *args, **kwargs))
            except WentOffline:
                pass
        return getattr(self._view, name)(*args, **kwargs)

    return read
