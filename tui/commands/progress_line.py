"""One progress line on a terminal, redrawn in place, out of the way of other output.

``kantlijn import`` shows how far a batch is — documents, pages, time left — on standard
error when that is a terminal (and nothing otherwise). Lines the command prints meanwhile go
above it: :meth:`ProgressLine.clear` before printing, :meth:`ProgressLine.redraw` after.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

from tui.core.library.batch_import import BatchProgress

BAR = 20
"""Cells of the bar."""
EVERY = 0.1
"""Seconds between redraws at most (a redraw after printing is always made)."""
_CLEAR = "\r\x1b[K"


def progress_text(state: BatchProgress, now: float | None = None) -> str:
    """``importing [#####-----] 3/12 documents, 210 pages, about 0:41 left``."""
    share = state.finished / state.documents if state.documents else 1.0
    filled = round(BAR * share)
    left = state.seconds_left(now)
    eta = "" if left is None else f", about {int(left) // 60}:{int(left) % 60:02d} left"
    pages = "page" if state.pages == 1 else "pages"
    return (f"importing [{'#' * filled}{'-' * (BAR - filled)}] {state.finished}/"
            f"{state.documents} documents, {state.pages} {pages}{eta}")


class ProgressLine:
    """The line on ``stream`` (a terminal); cut to the terminal's width so it never wraps."""

    def __init__(self, stream: TextIO) -> None:
        """Draw on ``stream``."""
        self.stream = stream
        self._state: BatchProgress | None = None
        self._drawn = 0.0
        self._shown = False

    def show(self, state: BatchProgress) -> None:
        """Redraw with ``state`` (at most every :data:`EVERY` seconds, and when done)."""
        self._state = state
        now = time.monotonic()
        if now - self._drawn >= EVERY or state.finished == state.documents:
            self.redraw()

    def redraw(self) -> None:
        """Draw the last state again (after a line was printed above it)."""
        if self._state is None:
            return
        width = shutil.get_terminal_size().columns - 1
        self.stream.write(_CLEAR + progress_text(self._state)[:max(width, 10)])
        self.stream.flush()
        self._drawn = time.monotonic()
        self._shown = True

    def clear(self) -> None:
        """Take the line away (before printing, and at the end)."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False
