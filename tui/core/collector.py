"""Pausing Python's cyclic garbage collector while many small objects are built.

Reading a page (glyphs, lines, boxes) or decoding a cached document makes up to millions of
small objects that hold no reference cycles. The cyclic collector still runs every few
hundred allocations and rescans everything alive, again and again as the pile grows: a fifth
of the time when walking a page, half of it when decoding a cache. Reference counting frees
these objects anyway, so collection can wait until they are built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block; restore it as it was (nesting works:
    an inner block leaves it off when an outer one turned it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
