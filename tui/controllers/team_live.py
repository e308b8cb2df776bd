"""A team library while the app is open: teammates' changes shown live, offline and back.

:class:`TeamLive` belongs to the app. It runs the change feed's waiting in a worker thread
(:func:`tui.services.live.follow`), which posts :class:`~tui.messages.TeamChanged` or, when
the connection breaks, :class:`~tui.messages.TeamOffline`; the app hands those back here,
in the UI thread, which owns the library (a team library is not thread-safe). A change by a
teammate refreshes the library and tells every screen (:class:`~tui.messages.LibraryChanged`)
and the search index. Offline, the user is told how many changes wait in the outbox and
the server is tried again every :data:`RETRY_SECONDS` until it is back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer
from textual.worker import get_current_worker

from tui.controllers.search_index import IndexUpkeep
from tui.core.library.surface import LibrarySurface
from tui.messages import LibraryChanged, TeamChanged, TeamOffline
from tui.services.library import member_of
from tui.services.live import connection_errors, follow

RETRY_SECONDS = 2.0
"""How often the app tries the server again while offline."""
OFFLINE_SHOWN = 24 * 3600.0
"""The offline notice stays on screen until the server is back (then it is cleared)."""


def waiting(library: LibrarySurface) -> int:
    """Changes kept in the library's outbox, not yet on the server."""
    return int(getattr(library, "waiting", 0) or 0)


def offline_line(library: LibrarySurface) -> str:
    """What the status says while the server is away."""
    count = waiting(library)
    return f"offline: {count} change{'s' if count != 1 else ''} waiting"


class TeamLive:
    """Follows a team library for the app (does nothing for a library file)."""

    def __init__(self, app: App[Any], library: LibrarySurface, index: IndexUpkeep) -> None:
        """Follow ``library`` for ``app``, whose search ``index`` follows each teammate's
        change."""
        self.app = app
        self.library = library
        self.index = index
        self.member = member_of(library)
        self.offline = False
        """True from a broken connection until the server is reached again."""
        self._retry: Timer | None = None
        self._told_waiting = -1
        self._seen = 0
        self._reaching = False
        """A worker is looking for the server (one at a time)."""
        self._stopped = False
        """The app is closing: nothing new is started."""

    @property
    def active(self) -> bool:
        """True for a team library."""
        return self.member is not None

    def start(self) -> None:
        """Start following (a library opened from its last synced copy starts offline)."""
        if not self.active:
            return
        self.library.on_flush.append(self._after_change)
        if self.library.read_only or getattr(self.library, "online", True) is False:
            self.went_offline("the team library opened from its last synced copy")
            return
        self._seen = self._generation()
        self._start_feed()

    def stop(self) -> None:
        """The app is closing: stop trying the server and start nothing new (a worker
        started after the app cancelled its workers would keep the process alive)."""
        self._stopped = True
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        self.app.workers.cancel_group(self.app, "team-feed")

    def _generation(self) -> int:
        try:
            return self.library.generation
        except connection_errors():
            return self._seen

    def _start_feed(self) -> None:
        uri = getattr(self.library, "uri", None)
        if uri is None or self._stopped:
            return  # a worker started while the app closes would never be cancelled
        self.app.run_worker(lambda: self._follow(uri), thread=True, group="team-feed",
                            exclusive=True, exit_on_error=False, name="team change feed")

    def _follow(self, uri: str) -> None:
        """In the worker thread: wait on the feed; post what comes (never touch the library)."""
        worker = get_current_worker()
        def changed(numbers: list[int]) -> None:
            self.app.post_message(TeamChanged(max(numbers, default=0)))

        reason = follow(uri, changed, lambda: worker.is_cancelled)
        if reason is not None and not worker.is_cancelled:
            self.app.post_message(TeamOffline(reason))

    # --- in the UI thread ------------------------------------------------------------------

    def redraw(self, docs: frozenset[str] | None) -> None:
        """A teammate's change (to ``docs``; None: not known which): the index follows, every
        open screen redraws its part."""
        self.index.update()
        for screen in self.app.screen_stack:
            screen.post_message(LibraryChanged(docs))

    def changed(self) -> None:
        """The feed announced changes: refresh the library and redraw what a teammate
        changed (our own changes are on screen already)."""
        try:
            if not self.library.refresh():
                return
            docs = self._teammates_docs()
        except connection_errors() as error:
            self.went_offline(str(error))
            return
        if docs is None or docs:
            self.redraw(docs)

    def _teammates_docs(self) -> frozenset[str] | None:
        """The documents teammates changed since the last look (None: cannot tell)."""
        since = getattr(self.library, "changes_since", None)
        if not callable(since):
            return None
        found = since(self._seen)
        if found:
            self._seen = max(change.seq for change in found)
        return frozenset(str(c.doc) for c in found if c.member != self.member and c.doc)

    def _after_change(self, _library: object) -> None:
        """After each change of the user's: one kept in the outbox means the server is away
        (the feed's worker may not have noticed yet)."""
        if not self.offline and getattr(self.library, "online", True) is False:
            self.went_offline("the change is kept until the server is back")
        elif self.offline:
            self.tell_waiting()

    def tell_waiting(self) -> None:
        """Offline: tell how many changes wait, when that changed since last told."""
        count = waiting(self.library)
        if count != self._told_waiting:
            self._told_waiting = count
            self.app.clear_notifications()  # the older count is stale
            self.app.notify(offline_line(self.library), title="Team library",
                            severity="warning", timeout=OFFLINE_SHOWN, markup=False)

    def went_offline(self, reason: str) -> None:
        """The connection broke: say so and try the server again every few seconds."""
        if self.offline or self._stopped:
            return
        reason = reason.split(": ", 1)[0]  # "cannot reach the team library at HOST/DB"
        self.offline = True
        self.app.workers.cancel_group(self.app, "team-feed")
        self._told_waiting = waiting(self.library)
        if not callable(getattr(self.library, "connect_again", None)):
            self.app.notify(f"{offline_line(self.library)} — {reason}; start kantlijn again "
                            "to reconnect.", title="Team library", severity="warning",
                            timeout=30, markup=False)
            return
        self.app.notify(f"{offline_line(self.library)} — trying the server every "
                        f"{RETRY_SECONDS:g} s ({reason})", title="Team library",
                        severity="warning", timeout=OFFLINE_SHOWN, markup=False)
        self._retry = self.app.set_interval(RETRY_SECONDS, self.try_again)

    def try_again(self) -> None:
        """The retry timer's tick: look for the server in a worker thread.

        Connecting may wait up to the connect timeout (10 s) on a host that does not answer;
        in the UI thread that would freeze the screen every tick. The worker only opens and
        checks a new connection; the library adopts it (and sends the outbox) back here.
        """
        connect_again = getattr(self.library, "connect_again", None)
        if self._reaching or not callable(connect_again):
            return
        self._reaching = True
        self.app.run_worker(lambda: self._reach(connect_again), thread=True,
                            group="team-reconnect", exit_on_error=False,
                            name="team reconnect")

    def _reach(self, connect_again: Callable[[], Any]) -> None:
        """In the worker thread: a checked connection to the server, or None."""
        try:
            connection = connect_again()
        except Exception:  # whatever went wrong, the next tick tries again
            connection = None
        try:
            self.app.call_from_thread(self._reached, connection)
        except RuntimeError:  # the app closed meanwhile
            if connection is not None:
                connection.close()

    def _reached(self, connection: Any) -> None:
        """Back in the UI thread with what the worker found."""
        self._reaching = False
        if self._stopped:  # the app closed while the worker looked: leave it be
            if connection is not None:
                connection.close()
            return
        if not self.offline or connection is None:
            if connection is not None:
                connection.close()
            self.tell_waiting()  # the count, if the user changed something meanwhile
            return
        before = waiting(self.library)
        try:
            back = bool(self.library.reconnect(connection))  # type: ignore[attr-defined]
        except connection_errors():
            back = False
        if not back:
            self.tell_waiting()
            return
        self._back(max(0, before - waiting(self.library)))

    def _back(self, sent: int) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        self.offline = False
        self.app.clear_notifications()  # "offline: N changes waiting" is over
        extra = f": {sent} change{'s' if sent != 1 else ''} sent" if sent else ""
        self.app.notify(f"back online{extra}", title="Team library", markup=False)
        self._start_feed()
        self._seen = self._seen or self._generation()
        try:
            self.library.refresh()
        except connection_errors() as error:
            self.went_offline(str(error))
            return
        self.redraw(None)
