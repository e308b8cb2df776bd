"""Watching the processes a command starts (from /proc), for the tests that kill imports."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

DEADLINE = 120.0
"""Seconds to wait for a process to get somewhere: long enough for a machine under load."""


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (exited, not yet reaped)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition: Callable[[], object], what: str) -> None:
    """Poll ``condition`` until it holds (failing, saying ``what``, after :data:`DEADLINE`)."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.02)
