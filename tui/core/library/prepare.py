"""What adding a document costs besides reading it, done by the processes that read it.

Adding a document writes its cache file (the extraction as JSON Lines: ~3 s of encoding for
2,000 pages) and looks up its copy fingerprint (~1 s). Done by the process adding it, after
the pages were read on every core, that is time one core works while the others wait: an
import of one combined release of 2,000 pages spent a third of it there. So the process that
reads a document prepares both (:func:`prepare`); a long document read in this process is
prepared by a pool in parts (its pages' cache lines and the fingerprint of the words in
them), forked so that the workers see the extraction without it being sent to them.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from tui.core.collector import collector_paused
from tui.core.copies.fingerprint import (
    SHINGLE,
    Minhash,
    merged_sketch,
    minhash,
    part_sketch,
    text_shingles,
)
from tui.core.library.cache import encode, encode_pages
from tui.core.model import Extraction
from tui.core.workers import stop_when_orphaned

PARALLEL_FROM_PAGES = 200
"""Below this many pages one process prepares faster than starting workers."""
PART_PAGES = 100
"""Pages per part a worker prepares."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's cache file and copy fingerprint, made where it was read."""

    encoded: bytes
    """The cache file's bytes (:func:`tui.core.library.cache.encode`)."""
    fingerprint: Minhash


def prepare(extraction: Extraction, workers: int = 1) -> Prepared:
    """The cache file and fingerprint of ``extraction``, over ``workers`` processes when it
    is long (and processes can be forked here)."""
    count = len(extraction.pages)
    with collector_paused():  # many small dicts and strings, no cycles among them
        if workers > 1 and count >= PARALLEL_FROM_PAGES and _fork_context() is not None:
            return _in_parts(extraction, workers)
        return Prepared(encode(extraction), minhash(text_shingles(extraction)))


def _fork_context() -> multiprocessing.context.BaseContext | None:
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system: prepared in one process
        return None


_PREPARING: Extraction | None = None
"""The extraction being prepared, seen by the forked workers as it was when they started."""


def _in_parts(extraction: Extraction, workers: int) -> Prepared:
    global _PREPARING
    count = len(extraction.pages)
    parts = [(start, min(count, start + PART_PAGES)) for start in range(0, count, PART_PAGES)]
    _PREPARING = extraction
    try:
        with ProcessPoolExecutor(min(workers, len(parts)), mp_context=_fork_context(),
                                 initializer=stop_when_orphaned) as pool:
            done = list(pool.map(_part, parts))
    finally:
        _PREPARING = None
    lines = [line for part_lines, _, _ in done for line in part_lines]
    words = sum(count for _, _, count in done)
    fingerprint = (merged_sketch(sketch for _, sketch, _ in done) if words >= SHINGLE
                   else minhash(text_shingles(extraction)))  # too short to cut into runs
    return Prepared(encode(extraction, lines), fingerprint)


def _part(span: tuple[int, int]) -> tuple[list[bytes], Minhash, int]:
    """In a worker: one part's cache lines, its fingerprint sketch and its word count."""
    assert _PREPARING is not None, "the worker was not forked from a preparing process"
    start, stop = span
    gc.disable()  # forked: collecting would walk (and so copy) the whole extraction it shares
    sketch, words = part_sketch(_PREPARING, start, stop)
    return encode_pages(_PREPARING, start, stop), sketch, words
