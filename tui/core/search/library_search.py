"""Search over a whole library: the one entry point for the app, the CLI and export.

:class:`LibrarySearch` keeps the index (:mod:`tui.core.search.index`) in step with the
library — it follows every flush of the library it is attached to, and a team library's
change sequence change by change — and answers queries in
the language of :mod:`tui.core.search.query`, in one of three scopes: the comments (with the
user's tags, notes and own annotations), the page text of every document, or both.

The index is derived data. When its file cannot be opened or written (locked by another
process for longer than SQLite waits, read-only, a full disk), a sync builds a copy in memory
that answers the queries (:attr:`LibrarySearch.problem` says why), and an update after a
change is skipped (:attr:`LibrarySearch.behind` says why): the library itself is saved, and
the index catches up at the next update that can write it.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from typing import Literal

from tui.core.errors import os_problem
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.reread import read_again
from tui.core.library.surface import LibrarySurface
from tui.core.model import Extraction, Progress
from tui.core.search import results
from tui.core.search.copies import HitGroups, hit_groups
from tui.core.search.following import ChangesSnapshot, snapshot_for
from tui.core.search.index import LibraryIndex, index_path
from tui.core.search.query import Query, parse
from tui.core.search.results import Hit, HitDetails
from tui.core.search.snapshot import LibrarySnapshot
from tui.core.search.suggest import suggest

SearchScope = Literal["comments", "text", "all"]
SCOPES: tuple[SearchScope, ...] = ("comments", "text", "all")
_INDEX_FAULTS = (sqlite3.Error, OSError)
"""What an index file that cannot be used raises (locked, read-only, full, damaged)."""


class LibrarySearch:
    """Searches one library; not thread-safe (one per thread, each with its own index)."""

    def __init__(self, library: LibrarySurface, index: LibraryIndex | None = None) -> None:
        """Search ``library`` through ``index`` (default: the index beside the library; a
        document whose cached text is gone is read again from its file to be indexed)."""
        self.library = library
        self.index = index or LibraryIndex(index_path(library.path), self._cache())
        self.problem: str | None = None
        """Why the index file could not be used and a copy in memory answers (None: it
        could)."""
        if index is None and self.index.path.exists() and not _on_disk(self.index.db):
            self.problem = "it cannot be opened for writing"
        self.behind: str | None = None
        """Why the last update after a flush could not be written (None: it was)."""

    def _cache(self) -> ExtractionCache:
        return ExtractionCache(cache_dir_for(self.library.path), read_again=self._read_again)

    def _read_again(self, sha256: str) -> Extraction | None:
        record = self.library.document(sha256)
        return read_again(sha256, record.paths) if record is not None else None

    def follow(self) -> None:
        """Update the index after every flush of the library (in the same operation)."""
        self.library.on_flush.append(self._flushed)

    def _flushed(self, library: LibrarySurface) -> None:
        """The library is saved: update the index, or say why it lags (:attr:`behind`)."""
        try:
            self.index.sync(self.snapshot())
            self.behind = None
        except _INDEX_FAULTS as error:
            self.behind = _reason(error)

    @property
    def is_current(self) -> bool:
        """True when the index reflects the library as it is now."""
        return self.index.generation == self.library.generation

    def sync(self, progress: Progress | None = None) -> int:
        """Bring the index up to date; returns how many rows changed. An index file that
        cannot be used is left alone and a copy is built in memory (see :attr:`problem`)."""
        try:
            return self._sync(progress)
        except _INDEX_FAULTS as error:
            self._use_memory(error)
            return self._sync(progress)

    def _sync(self, progress: Progress | None) -> int:
        return self.index.sync(self.snapshot(), progress)

    def snapshot(self) -> LibrarySnapshot | ChangesSnapshot:
        """What the index needs to catch up with the library (take it where the library
        lives; :meth:`LibraryIndex.sync` it in any thread): a team library gives only the
        changes since the index's last one (see :mod:`tui.core.search.following`)."""
        return snapshot_for(self.library, self.index)

    def _use_memory(self, error: Exception) -> None:
        """Answer from an index built in memory from now on (the file stays as it is)."""
        if self.problem is not None:  # already in memory: a real fault, not the file's
            raise error
        self.problem = _reason(error)
        with suppress(*_INDEX_FAULTS):
            self.index.close()
        self.index = LibraryIndex(self.index.path, self._cache(), in_memory=True)

    def search(
        self, query: str | Query, scope: SearchScope = "comments", limit: int = 200,
        offset: int = 0,
    ) -> list[Hit]:
        """Hits of ``query`` (text is parsed; may raise :class:`QueryError`), best first."""
        parsed = parse(query) if isinstance(query, str) else query
        db = self.index.db
        if scope != "all":
            return results.search(db, parsed, scope, limit, offset)
        comments = results.count(db, parsed, "comments")
        found = results.search(db, parsed, "comments", limit, offset) if offset < comments else []
        rest = limit - len(found)
        if rest > 0:
            found += results.search(db, parsed, "text", rest, max(0, offset - comments))
        return found

    def grouped(self, query: str | Query, scope: SearchScope = "comments") -> HitGroups:
        """The hits of ``query`` with those on copies of one comment or page line merged
        (see :mod:`.copies`), paged."""
        parsed = parse(query) if isinstance(query, str) else query
        return hit_groups(self.library, self.index.db, parsed, scope,
                          lambda offset, limit: self.search(parsed, scope, limit, offset),
                          lambda: self.count(parsed, scope))

    def count(self, query: str | Query, scope: SearchScope = "comments") -> int:
        """How many hits ``query`` has."""
        parsed = parse(query) if isinstance(query, str) else query
        db = self.index.db
        if scope == "all":
            return results.count(db, parsed, "comments") + results.count(db, parsed, "text")
        return results.count(db, parsed, scope)

    def matching(self, query: str | Query) -> set[tuple[str, str]]:
        """``(document, annotation id)`` of every comment ``query`` matches, unranked."""
        parsed = parse(query) if isinstance(query, str) else query
        return results.matching_ids(self.index.db, parsed)

    def did_you_mean(self, query: str | Query, scope: SearchScope = "comments") -> str | None:
        """For a query without hits: the query with its unknown words replaced by the
        nearest words in the index (:mod:`tui.core.search.suggest`), or None."""
        parsed = parse(query) if isinstance(query, str) else query
        return suggest(self.index.db, parsed, scope)

    def details(self, hit: Hit) -> HitDetails:
        """The full contents, quote and passage of a comment hit."""
        return results.details(self.index.db, hit)

    def close(self) -> None:
        """Stop following the library and close the index."""
        if self._flushed in self.library.on_flush:
            self.library.on_flush.remove(self._flushed)
        with suppress(*_INDEX_FAULTS):
            self.index.close()


def _on_disk(db: sqlite3.Connection) -> bool:
    """True when ``db`` is a file (the index falls back to memory when it cannot open it)."""
    return any(row[2] for row in db.execute("PRAGMA database_list"))


def _reason(error: Exception) -> str:
    """An index fault in a few words ("database is locked", "no space left on the device")."""
    if isinstance(error, OSError):
        return os_problem(error)
    return str(error) or type(error).__name__


def follow_existing_index(library: LibrarySurface) -> LibrarySearch | None:
    """Keep the library's search index, when there is one, in step with every flush.

    A command that changes the library updates the index in the same operation; where no
    index was ever built, none is started (the first search builds it).
    """
    if not index_path(library.path).exists():
        return None
    search = LibrarySearch(library)
    if search.problem is not None:  # nothing to follow: the next search catches up
        search.behind = search.problem
        return search
    search.follow()
    return search
