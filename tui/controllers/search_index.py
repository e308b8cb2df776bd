"""The library's search index, kept up to date while the app runs.

:class:`IndexUpkeep` belongs to the app. It opens the index (a
:class:`~tui.services.search.SearchService`) and brings it up to date in a worker thread
whenever the library is flushed or a teammate changed something; the worker posts
:class:`~tui.messages.IndexProgress` and, done or failed, :class:`~tui.messages.IndexReady`,
which the app hands back here in the UI thread. A change during an update asks for one
more round when it ends, so the index never misses the last change and never runs twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App

from tui.core.library.surface import LibrarySurface
from tui.messages import IndexProgress, IndexReady
from tui.services.live import connection_errors, trouble

if TYPE_CHECKING:
    from tui.core.search.following import ChangesSnapshot
    from tui.core.search.snapshot import LibrarySnapshot
    from tui.services.search import SearchService


class IndexUpkeep:
    """Keeps ``library``'s search index current for ``app``."""

    def __init__(self, app: App[Any], library: LibrarySurface) -> None:
        """Keep the index of ``library``, posting news to ``app``; :meth:`start` opens it."""
        self.app = app
        self.library = library
        self.service: SearchService | None = None
        """The index, once :meth:`start` opened it."""
        self._again = False

    def start(self) -> None:
        """Open the search index and bring it up to date in the background."""
        from tui.services.search import SearchService

        self.service = SearchService(self.library)
        self.library.on_flush.append(lambda _library: self.update())
        self.update()

    def update(self) -> None:
        """Bring the search index up to date with the library, in a worker thread."""
        service = self.service
        if service is None or service.is_current:
            return
        if service.updating:
            self._again = True  # one more round when this one ends
            return
        try:
            snapshot = service.snapshot()
        except connection_errors() as error:  # a team library away: the index waits
            self.app.log.warning(trouble(error))
            return
        service.updating = True
        # A description of our own: Textual's default is the repr of the work, which
        # would spell out the whole snapshot on the UI thread.
        self.app.run_worker(partial(self._update, service, snapshot), thread=True,
                            group="search-index", description="search index",
                            exit_on_error=False)

    def _update(self, service: SearchService,
                snapshot: LibrarySnapshot | ChangesSnapshot) -> None:
        """In the worker thread: update, telling the progress, and always say it ended."""
        def progress(done: int, total: int) -> None:
            self.app.post_message(IndexProgress(done, total))

        changed = 0
        try:
            changed = service.update_index(snapshot, progress)
        finally:  # even when it failed: nobody waits for an update that will not come
            self.app.post_message(IndexReady(changed))

    def ready(self) -> None:
        """An update ended (the app got :class:`IndexReady`): run the round asked for meanwhile."""
        if self.service is not None:
            self.service.updating = False
        if self._again:
            self._again = False
            self.update()

    def close(self) -> None:
        """Close the index (the app is ending)."""
        if self.service is not None:
            self.service.close()
