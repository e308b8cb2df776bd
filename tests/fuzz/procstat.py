"""CPU time and peak memory of a running process and its descendants, read from ``/proc``.

The fuzz run's parent watches its workers with these: a worker that only waits for a CPU on a
shared machine burns no CPU time, so it is judged (and killed) by CPU seconds, not by the wall
clock, and a killed worker's CPU time and peak memory are read before it is killed.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PROC = Path("/proc")


def available() -> bool:
    """True where ``/proc`` describes processes (Linux)."""
    return (_PROC / str(os.getpid()) / "stat").exists()


def cpu_seconds(pid: int) -> float:
    """CPU seconds of ``pid``, of the children it has waited for, and of its live
    descendants (a long document is read in a pool of processes); 0.0 when it is gone."""
    total = 0.0
    for index, one in enumerate(_tree(pid)):
        fields = _stat(one)
        if fields is None:
            continue
        # utime stime cutime cstime: fields 14-17 of stat, 11-14 after the command name.
        ticks = int(fields[11]) + int(fields[12])
        if index == 0:
            ticks += int(fields[13]) + int(fields[14])
        total += ticks / _TICK
    return total


def peak_mb(pid: int) -> float:
    """The largest peak resident set (``VmHWM``) of ``pid`` and its live descendants, in MB."""
    peak = 0
    for one in _tree(pid):
        try:
            text = (_PROC / str(one) / "status").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
                break
    return peak / 1024


def descendants(pid: int) -> list[int]:
    """The live processes ``pid`` started, and theirs."""
    return _tree(pid)[1:]


def _stat(pid: int) -> list[str] | None:
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    return text[text.rfind(")") + 2 :].split()


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (breadth first), from each task's ``children`` list."""
    found, queue = [pid], [pid]
    while queue:
        one = queue.pop()
        try:
            tasks = list((_PROC / str(one) / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.append(child)
                    queue.append(child)
    return found
