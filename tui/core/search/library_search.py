"""Search over a whole library: the one entry point for the app, the CLI and export.

:class:`LibrarySearch` keeps the index (:mod:`tui.core.search.index`) in step with the
library — it follows every flush of the library it is attached to — and answers queries in
the language of :mod:`tui.core.search.query`, in one of three scopes: the comments (with the
user's tags, notes and own annotations), the page text of every document, or both.
"""

from __future__ import annotations

from typing import Literal

from tui.core.library.library import Library
from tui.core.model import Progress
from tui.core.search import results
from tui.core.search.index import LibraryIndex, index_path
from tui.core.search.query import Query, parse
from tui.core.search.results import Hit, HitDetails
from tui.core.search.snapshot import LibrarySnapshot
from tui.core.search.suggest import suggest

SearchScope = Literal["comments", "text", "all"]
SCOPES: tuple[SearchScope, ...] = ("comments", "text", "all")


class LibrarySearch:
    """Searches one library; not thread-safe (one per thread, each with its own index)."""

    def __init__(self, library: Library, index: LibraryIndex | None = None) -> None:
        """Search ``library`` through ``index`` (default: the index beside the library)."""
        self.library = library
        self.index = index or LibraryIndex.for_library(library.path)

    def follow(self) -> None:
        """Update the index after every flush of the library (in the same operation)."""
        self.library.on_flush.append(self._flushed)

    def _flushed(self, library: Library) -> None:
        self.sync()

    @property
    def is_current(self) -> bool:
        """True when the index reflects the library as it is now."""
        return self.index.generation == self.library.generation

    def sync(self, progress: Progress | None = None) -> int:
        """Bring the index up to date; returns how many rows changed."""
        snapshot = LibrarySnapshot.of(self.library, self.index.documents_generation)
        return self.index.sync(snapshot, progress)

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
        self.index.close()


def follow_existing_index(library: Library) -> LibrarySearch | None:
    """Keep the library's search index, when there is one, in step with every flush.

    A command that changes the library updates the index in the same operation; where no
    index was ever built, none is started (the first search builds it).
    """
    if not index_path(library.path).exists():
        return None
    search = LibrarySearch(library)
    search.follow()
    return search
