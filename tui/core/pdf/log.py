"""Catching what pypdf logs about a broken file, so it becomes a warning of ours.

pypdf reports recoverable damage (a bad xref entry, a missing EOF marker) through the
``logging`` module, which would print to the terminal under the UI. Inside
:func:`pypdf_warnings` those records are collected into a list instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

_LOGGER = logging.getLogger("pypdf")
#: One broken file can log thousands of identical complaints; keep the list readable.
MAX_PDF_WARNINGS = 50


class _ListHandler(logging.Handler):
    """A logging handler that appends each distinct message to a list."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = " ".join(record.getMessage().split())[:200]
        except Exception:  # a broken record must not break the read
            return
        if message in self.seen or len(self.seen) >= MAX_PDF_WARNINGS:
            return
        self.seen.add(message)
        self.sink.append(f"pdf: {message}")


@contextmanager
def pypdf_warnings(sink: list[str]) -> Iterator[list[str]]:
    """Collect pypdf's log records into ``sink`` while active.

    The pypdf logger stops propagating for the duration, so nothing reaches stderr, and
    it passes warnings even where the host program raised its level: what we tell the
    user about a broken file must not depend on how someone configured logging.
    """
    handler = _ListHandler(sink)
    propagate, level = _LOGGER.propagate, _LOGGER.level
    _LOGGER.addHandler(handler)
    _LOGGER.propagate = False
    if _LOGGER.getEffectiveLevel() > logging.WARNING:
        _LOGGER.setLevel(logging.WARNING)
    try:
        yield sink
    finally:
        _LOGGER.removeHandler(handler)
        _LOGGER.propagate = propagate
        _LOGGER.setLevel(level)
