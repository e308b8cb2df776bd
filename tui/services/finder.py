"""Finding text in the document as shown (see :mod:`tui.core.search.find` for how it matches).

A phrase may run over a line break or a hyphen split, so a match is one or more spans.
The folded page texts are kept between queries and rebuilt only for a new extraction
(the reader gets two: the first page, then the whole document).
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.model import Extraction
from tui.core.search.find import Match, SearchIndex


class DocumentFinder:
    """Finds queries in one extraction's shown text, reusing the index between queries."""

    def __init__(self) -> None:
        """Nothing indexed yet."""
        self._extraction: Extraction | None = None
        self._index = SearchIndex()

    def find(
        self, extraction: Extraction, query: str, shown: Callable[[int, int], str]
    ) -> list[Match]:
        """Every match of ``query`` in the lines ``shown(page, line)`` returns, in order."""
        if extraction is not self._extraction:
            self._extraction = extraction
            self._index = SearchIndex(
                (page.number, [shown(page.number, i) for i in range(len(page.lines))])
                for page in extraction.pages
            )
        return [Match(tuple(spans)) for spans in self._index.find(query)]
