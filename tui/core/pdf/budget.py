"""What one document may make kantlijn do, beside what one page may (see
:mod:`tui.core.pdf.content_walk`).

A small file can list one page 100,000 times, share one heavy content stream among thousands
of pages or carry 100,000 annotations: each page within its own limits, the document far
beyond any real one. :class:`DocumentBudget` counts pages, annotations, operators run,
bytes of content decoded and characters of text placed for the whole document (everything
after reading — quotes, anchors, the index — costs in proportion to those); what lies
beyond a limit is skipped, with one warning per limit. The counters live in shared memory,
so the worker processes reading a long document's pages (:mod:`tui.core.pdf.pages`) spend
from the same budget.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

#: Per document: pages read, annotations read, content operators run, content bytes decoded,
#: characters of page text (a dense page holds 3,000-5,000).
MAX_DOCUMENT_PAGES = 10_000
MAX_DOCUMENT_ANNOTATIONS = 10_000
MAX_DOCUMENT_OPERATIONS = 4_000_000
MAX_DOCUMENT_BYTES = 200_000_000
MAX_DOCUMENT_CHARACTERS = 3_000_000

_PAGES, _ANNOTATIONS, _OPERATIONS, _BYTES, _CHARACTERS = range(5)
_LIMITS = (MAX_DOCUMENT_PAGES, MAX_DOCUMENT_ANNOTATIONS, MAX_DOCUMENT_OPERATIONS,
           MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARACTERS)
_SKIPPED = (
    f"over {MAX_DOCUMENT_PAGES:,} pages; the pages after them are skipped",
    f"over {MAX_DOCUMENT_ANNOTATIONS:,} annotations; the rest are skipped",
    f"over {MAX_DOCUMENT_OPERATIONS:,} drawing operators in the document; the rest of its "
    "content is skipped",
    f"over {MAX_DOCUMENT_BYTES // 1_000_000} MB of content in the document; the rest of its "
    "content is skipped",
    f"over {MAX_DOCUMENT_CHARACTERS:,} characters of text in the document; the text of the "
    "pages after them is skipped",
)


class DocumentBudget:
    """The document's counters; each ``spend_*`` says whether the work may go ahead."""

    def __init__(self, shared: Any = None) -> None:
        """Fresh counters, or ``shared`` ones (:attr:`shared`, handed to a worker process)."""
        self.shared = shared if shared is not None else multiprocessing.RawArray("q", len(_LIMITS))
        self.warnings: list[str] = []
        """One line per limit met (document-wide: no page number)."""
        self._said: set[int] = set()

    def _spend(self, which: int, amount: int) -> bool:
        used = self.shared[which] + amount
        self.shared[which] = used
        if used <= _LIMITS[which]:
            return True
        if which not in self._said:
            self._said.add(which)
            self.warnings.append(_SKIPPED[which])
        return False

    def spend_page(self) -> bool:
        """One more page read; False past :data:`MAX_DOCUMENT_PAGES`."""
        return self._spend(_PAGES, 1)

    def spend_annotations(self, count: int) -> int:
        """How many of ``count`` more annotations may be read (all, some or none)."""
        before = self.shared[_ANNOTATIONS]
        self._spend(_ANNOTATIONS, count)
        return max(0, min(count, MAX_DOCUMENT_ANNOTATIONS - before))

    def spend_operations(self, count: int) -> bool:
        """``count`` more operators run; False once the document has run too many."""
        return self._spend(_OPERATIONS, count)

    def spend_bytes(self, count: int) -> bool:
        """``count`` more bytes of content decoded; False once there were too many."""
        return self._spend(_BYTES, count)

    def spend_characters(self, count: int) -> bool:
        """A page's ``count`` characters of text; False once the document has too many."""
        return self._spend(_CHARACTERS, count)

    def take_warnings(self) -> list[str]:
        """The warnings so far, handed over once."""
        taken, self.warnings = self.warnings, []
        return taken
