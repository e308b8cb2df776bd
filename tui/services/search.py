"""Library search as the app uses it: queries in the UI thread, index building in the back.

Queries take milliseconds, so the search screen asks :class:`SearchService` directly as the
user types; :meth:`SearchService.groups` gives its hits with the copies of one comment or
page line merged (:mod:`tui.core.search.copies`), the library's releases read once per
change of the library.

Building or updating the index can take seconds (a new library, a document of a thousand
pages), so :meth:`SearchService.update_index` does it in the app's worker thread on
its own connection, from a :class:`~tui.core.search.snapshot.LibrarySnapshot` taken in the
UI thread (the library is not thread-safe), telling its progress to a plain callback. That
worker is the index's one writer: an export selects through :meth:`SearchService.select`,
which only reads it.
"""

from __future__ import annotations

import contextlib
import sqlite3

from tui.core.anchoring.withheld import NOTHING, Reveal
from tui.core.copies.releases import Releases
from tui.core.errors import KantlijnError
from tui.core.export.records import Export, Exportable
from tui.core.library.surface import LibrarySurface
from tui.core.model import Progress
from tui.core.search.copies import HitGroups, hit_groups
from tui.core.search.following import ChangesSnapshot
from tui.core.search.index import LibraryIndex
from tui.core.search.library_search import LibrarySearch, SearchScope
from tui.core.search.query import Query
from tui.core.search.results import Hit, HitDetails
from tui.core.search.snapshot import LibrarySnapshot
from tui.services.live import connection_errors


class SearchService:
    """One library's search: answers queries, keeps its index up to date in the background."""

    def __init__(self, library: LibrarySurface) -> None:
        """Search ``library`` (its index is opened, repaired or created here)."""
        self.library = library
        self._search = LibrarySearch(library)
        self.updating = False
        """True while a worker updates the index."""
        self.repaired: str | None = self._search.index.rebuilt_because
        self._releases: tuple[int, Releases] | None = None

    @property
    def is_current(self) -> bool:
        """True when the index reflects the library as it is now."""
        return self._search.is_current

    def snapshot(self) -> LibrarySnapshot | ChangesSnapshot:
        """What an index update needs; take it in the UI thread. A team library that is
        online gives only the changes since the index's last one; offline (or when the
        server breaks off while asked) the whole library as this machine holds it."""
        if getattr(self.library, "online", True):
            with contextlib.suppress(*connection_errors()):
                return self._search.snapshot()
        return LibrarySnapshot.of(self.library, self._search.index.documents_generation)

    def update_index(self, snapshot: LibrarySnapshot | ChangesSnapshot,
                     progress: Progress) -> int:
        """Bring the index up to ``snapshot`` (in a worker thread); how many rows changed."""
        index = LibraryIndex.for_library(self.library.path)
        try:
            return index.sync(snapshot, progress)
        finally:
            index.close()

    def exportable(self) -> Exportable:
        """What an export can take from the library, copied now (in the UI thread)."""
        return Exportable.of(self.library)

    def select(self, source: Exportable, text: str, query: Query,
               reveal: Reveal = NOTHING) -> Export:
        """The export of what ``query`` (typed as ``text``) finds in ``source``, showing the
        withheld words of ``reveal``.

        Safe in the export's worker: the index is only read, and the library not at all.

        Raises:
            KantlijnError: the index cannot be read.
        """
        wanted = None
        if not query.is_empty:
            try:
                wanted = self._search.matching(query)
            except sqlite3.DatabaseError as error:
                raise KantlijnError(f"the search index cannot be read ({error})") from error
        return source.export(text, wanted, reveal)

    def hits(self, query: Query, scope: SearchScope, offset: int, limit: int) -> list[Hit]:
        """Hits ``offset`` to ``offset + limit`` (none when the index cannot be read)."""
        try:
            return self._search.search(query, scope, limit, offset)
        except sqlite3.DatabaseError as error:
            self._start_over(error)
            return []

    def groups(self, query: Query, scope: SearchScope) -> HitGroups:
        """The hits of ``query``, one per comment or page line with its copies, paged
        (none when the index cannot be read)."""
        try:
            return hit_groups(self.library, self._search.index.db, query, scope,
                              lambda offset, limit: self.hits(query, scope, offset, limit),
                              lambda: self.count(query, scope), self.releases())
        except sqlite3.DatabaseError as error:
            self._start_over(error)
            return HitGroups.empty()

    def releases(self) -> Releases:
        """The library's copies and matched comments, read again after every change."""
        generation = self.library.generation
        if self._releases is None or self._releases[0] != generation:
            book = getattr(self.library, "copies", None)
            self._releases = (generation, book.releases() if book is not None else Releases())
        return self._releases[1]

    def count(self, query: Query, scope: SearchScope) -> int:
        """How many hits (capped while typing: see :data:`results.COUNT_LIMIT`)."""
        try:
            return self._search.count(query, scope)
        except sqlite3.DatabaseError as error:
            self._start_over(error)
            return 0

    def did_you_mean(self, query: Query, scope: SearchScope) -> str | None:
        """For a query without hits: the query with its unknown words corrected from the
        index's vocabulary, or None."""
        try:
            return self._search.did_you_mean(query, scope)
        except sqlite3.DatabaseError:
            return None

    def details(self, hit: Hit) -> HitDetails:
        """The full text behind a comment hit."""
        try:
            return self._search.details(hit)
        except sqlite3.DatabaseError:
            return HitDetails("", "", "")

    def tag_members(self, hit: Hit) -> dict[str, list[str]]:
        """Tag -> the members who put it on the hit's comment (a team library; empty for a
        library file, or when the server cannot be asked now)."""
        tags_by = getattr(self.library, "tags_by", None)
        if hit.annotation is None or not callable(tags_by):
            return {}
        try:
            found: dict[str, list[str]] = tags_by(hit.doc, hit.annotation)
        except connection_errors():
            return {}
        return {tag.casefold(): members for tag, members in found.items()}

    def _start_over(self, error: Exception) -> None:
        """The index broke while in use: start it over (the next update fills it)."""
        self._search.index.start_over(f"unreadable ({error})")
        self.repaired = self._search.index.rebuilt_because

    def close(self) -> None:
        """Close the index."""
        self._search.close()
