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

#: Per document: pages read, annotations read (redaction marks are read past that limit:
#: they withhold words; see :mod:`tui.core.pdf.annotations`), content operators run, content
#: bytes decoded, characters of page text (a dense page holds 3,000-5,000). Operators and
#: characters are the larger of these floors and what the file's size can hold
#: (:data:`PER_FILE_BYTE`): a real 2,000-page release is read whole, a small file that asks
#: for far more work than its bytes carry is cut.
MAX_DOCUMENT_PAGES = 10_000
MAX_DOCUMENT_ANNOTATIONS = 10_000
MAX_DOCUMENT_OPERATIONS = 4_000_000
MAX_DOCUMENT_BYTES = 1_000_000_000
MAX_DOCUMENT_CHARACTERS = 3_000_000
PER_FILE_BYTE = 2
"""Operators run, and characters placed, that each byte of the file may pay for (a real
page's content holds well under one of each per byte of the file)."""

_PAGES, _ANNOTATIONS, _OPERATIONS, _BYTES, _CHARACTERS = range(5)
_LIMITS = (MAX_DOCUMENT_PAGES, MAX_DOCUMENT_ANNOTATIONS, MAX_DOCUMENT_OPERATIONS,
           MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARACTERS)
_SKIPPED = (
    f"over {MAX_DOCUMENT_PAGES:,} pages; the pages after them are skipped",
    f"over {MAX_DOCUMENT_ANNOTATIONS:,} annotations; the rest are skipped (redaction marks "
    "are still read)",
    "over {:,} drawing operators in the document; the rest of its content is skipped",
    f"over {MAX_DOCUMENT_BYTES // 1_000_000} MB of content in the document; the rest of its "
    "content is skipped",
    "over {:,} characters of text in the document; the text of the pages after them is "
    "skipped",
)


class DocumentBudget:
    """The document's counters; each ``spend_*`` says whether the work may go ahead."""

    def __init__(self, shared: Any = None, file_size: int = 0) -> None:
        """Fresh counters for a file of ``file_size`` bytes, or ``shared`` ones (:attr:`shared`,
        handed to a worker process, limits included)."""
        self.shareable = True
        """False when no shared memory could be had (a full disk): then only this process
        reads the document's pages."""
        if shared is None:
            try:
                shared = multiprocessing.RawArray("q", 2 * len(_LIMITS))
            except OSError:  # shared memory is a file: a full disk refuses it
                shared, self.shareable = [0] * (2 * len(_LIMITS)), False
            limits = list(_LIMITS)
            for which in (_OPERATIONS, _CHARACTERS):
                limits[which] = max(limits[which], PER_FILE_BYTE * file_size)
            shared[len(_LIMITS):] = limits
        self.shared = shared
        self.warnings: list[str] = []
        """One line per limit met (document-wide: no page number)."""
        self._said: set[int] = set()

    def limit(self, which: int) -> int:
        """The limit of counter ``which`` for this document."""
        return int(self.shared[len(_LIMITS) + which])

    def _spend(self, which: int, amount: int) -> bool:
        used = self.shared[which] + amount
        self.shared[which] = used
        if used <= self.limit(which):
            return True
        if which not in self._said:
            self._said.add(which)
            self.warnings.append(_SKIPPED[which].format(self.limit(which)))
        return False

    def spend_page(self) -> bool:
        """One more page read; False past :data:`MAX_DOCUMENT_PAGES`."""
        return self._spend(_PAGES, 1)

    def spend_annotations(self, count: int) -> int:
        """How many of ``count`` more annotations may be read (all, some or none)."""
        before = self.shared[_ANNOTATIONS]
        self._spend(_ANNOTATIONS, count)
        return max(0, min(count, MAX_DOCUMENT_ANNOTATIONS - before))

    def annotations_left(self) -> int:
        """How many more annotations the document may read."""
        return max(0, MAX_DOCUMENT_ANNOTATIONS - int(self.shared[_ANNOTATIONS]))

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
