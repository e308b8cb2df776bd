"""Pages read by OCR shown as they come, while the rest of a scanned document is read.

:class:`OcrShowing` is the :data:`~tui.core.ocr.pages.PageRead` callback the loader hands to
the extraction: each time a page is read it reports how far OCR got (with an estimate of
the time left) and, at most every :data:`SHOW_EVERY` seconds, the document as read so far,
so the reader can read page 1 while later pages are still being read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from tui.core.model import Extraction, Line, PageText

SHOW_EVERY = 0.5
"""Seconds between two partial documents sent to the reader (each is laid out again)."""


class OcrReport(Protocol):
    """What the reader is told (from the worker thread)."""

    def shown(self, extraction: Extraction, complete: bool) -> None:
        """The document as read so far."""

    def ocr_progress(self, done: int, total: int, seconds_left: float | None) -> None:
        """``done`` of ``total`` pages read by OCR."""


class OcrShowing:
    """Turns pages read by OCR into progress and partial documents for the reader."""

    def __init__(self, first: Extraction, report: OcrReport, stop: Callable[[], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        """Build on ``first`` (the first page shown, whose comments stay shown); ``stop``
        raises when nobody waits for the document any more."""
        self.first = first
        self.report = report
        self.stop = stop
        self.clock = clock
        self._copies: dict[int, PageText] = {}
        self._first: tuple[float, int] | None = None
        """When the first page came, and how many were done then: the pace is measured
        from there (pages read before, for the first paint, come at once)."""
        self._last_shown = float("-inf")

    def __call__(self, pages: list[PageText], number: int, done: int, total: int) -> None:
        """Page ``number`` of ``pages`` was just read: ``done`` of ``total``."""
        self.stop()
        now = self.clock()
        if self._first is None:
            self._first = (now, done)
        self.report.ocr_progress(done, total, self._left(now, done, total))
        if not self._copies:
            self._copies = {page.number: _copy(page) for page in pages}
        else:
            self._copies.update({p.number: _copy(p) for p in pages if p.number == number})
        if done < total and now - self._last_shown >= SHOW_EVERY:
            self._last_shown = now
            self.report.shown(self._partial(pages), complete=False)

    def _left(self, now: float, done: int, total: int) -> float | None:
        assert self._first is not None
        since, counted = self._first
        if done <= counted or now <= since:
            return None
        return (now - since) / (done - counted) * (total - done)

    def _partial(self, pages: list[PageText]) -> Extraction:
        shown = [self._copies.get(page.number) or _copy(page) for page in pages]
        return Extraction(document=self.first.document, pages=shown,
                          annotations=list(self.first.annotations))


def _copy(page: PageText) -> PageText:
    """A copy the reader may keep while the extraction goes on editing the page's lines."""
    return replace(page, lines=[_line(line) for line in page.lines])


def _line(line: Line) -> Line:
    return replace(line, glyphs=list(line.glyphs), unsure=list(line.unsure))
