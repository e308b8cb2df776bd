"""Worker processes: how many a pool may use, and stopping them when the process that
started them is gone.

A worker of a process pool waits for its next task on a pipe it holds both ends of (forked),
so when its parent is killed it waits for ever, or reads on for nobody. Every pool of
kantlijn starts its workers with :func:`stop_when_orphaned`.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_SECONDS = 0.5
"""How often a worker looks whether its parent is still there."""


def stop_when_orphaned() -> None:
    """In a worker: exit as soon as the parent process is gone (checked in the background)."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_SECONDS)
    os._exit(1)


def usable_cores() -> int:
    """How many cores this process may run on (its affinity, not the machine's total)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
