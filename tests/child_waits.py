"""Waiting in the app children of tests/test_reader_many_pages.py: until a condition holds,
or the child's generous deadline passes (a machine under load is slow; only a hang fails);
and the child's own peak memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tui.screens.reader import ReaderScreen

WAIT = 600.0
"""Seconds before a child gives up."""


def own_peak_mb() -> float:
    """This process's peak resident memory since it started its program, in MB.

    ``VmHWM`` of ``/proc/self/status``, not ``ru_maxrss``: Linux carries ``ru_maxrss`` across
    fork and exec, so a child started by a test worker that had grown to 600 MB would report
    the worker's peak as its own.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


class Waiter:
    """Waits for conditions in one child's app, all against one deadline."""

    def __init__(self, pilot: Pilot[None]) -> None:
        """Start the deadline now."""
        self.pilot = pilot
        self.deadline = time.monotonic() + WAIT

    async def until(self, condition: Callable[[], object]) -> None:
        """Until ``condition()`` is true (an AssertionError past the deadline)."""
        while not condition():
            assert time.monotonic() < self.deadline, "the app did not get there"
            await self.pilot.pause(0.05)

    async def reader_shown(self, app: App[None]) -> ReaderScreen:
        """Until the reader shows the whole document, laid out; the reader screen."""
        await self.until(lambda: isinstance(app.screen, ReaderScreen) and app.screen.complete
                         and app.screen.page_view.is_laid_out)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        return screen
