"""Finding text in the document as shown (see :mod:`tui.core.search.find` for how it matches).

A phrase may run over a line break or a hyphen split, so a match is one or more spans.
The folded page texts are kept between queries and rebuilt only for a new extraction
(the reader gets two: the first page, then the whole document).

A find over a long document runs in a worker thread (:class:`~tui.controllers.find.DocumentFind`
decides), so :meth:`DocumentFinder.find` works in steps, telling how far it is and stopping
when asked; a lock keeps a stopped find that has not yet seen it is stopped from working on
the index beside the newer one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tui.core.model import Extraction
from tui.core.search.find import PAGES_PER_STEP, Cancelled, Found, Progress, SearchIndex


def _never() -> bool:
    return False


def _ignore(done: int, total: int) -> None:
    pass


class DocumentFinder:
    """Finds queries in one extraction's shown text, reusing the index between queries."""

    def __init__(self) -> None:
        """Nothing indexed yet."""
        self._extraction: Extraction | None = None
        self._index = SearchIndex()
        self._lock = threading.Lock()

    def find(
        self, extraction: Extraction, query: str, shown: Callable[[int, int], str],
        progress: Progress = _ignore, cancelled: Cancelled = _never,
    ) -> Found | None:
        """Every match of ``query`` in the lines ``shown(page, line)`` returns, in order
        (None when ``cancelled`` stopped it). ``progress`` is told ``(done, total)``: the
        lines taken first (for a new extraction), then the find's own steps."""
        with self._lock:
            pages = extraction.pages
            taking = extraction is not self._extraction
            count = len(pages)

            def scanned(done: int, steps: int) -> None:
                # Taking the lines is about as long as the scan that follows: half each.
                if taking:
                    progress(count + done * count // max(1, steps), 2 * count)
                else:
                    progress(done, steps)

            if taking:  # the old index goes first: never two documents' text at once
                self._extraction, self._index = None, SearchIndex()
                index = SearchIndex()
                for at, page in enumerate(pages):
                    if at % PAGES_PER_STEP == 0:
                        if cancelled():
                            return None
                        progress(at, 2 * count)
                    index.add(page.number, [shown(page.number, i) for i in range(len(page.lines))])
                self._extraction, self._index = extraction, index
            return self._index.scan(query, scanned, cancelled)
