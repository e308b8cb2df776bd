"""The documents of a large export read and written on every core.

Reading a document's cache (decoding its comments and, for Web Annotations, its pages'
lines) and writing its text is nearly all of an export's time: 100,000 comments in 1,000
documents kept one core busy for 4-6 s. Forked worker processes each take a run of
documents and hand back the text written for them; this process writes it out in order, so
the file is byte for byte what one process writes.

Only a process with no other thread forks (the command line): a thread holding a lock at
the fork would leave it held in the worker for ever. The app exports in one process, in the
background. A document a worker cannot read (its cache missing or damaged) is read here,
where it can be read again from its file and the damaged cache moved aside, as always.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tui.core.export.records import Export, ExportDocument
from tui.core.model import Progress
from tui.core.workers import stop_when_orphaned, usable_cores

Render = Callable[[ExportDocument], list[str]]
"""The text a format writes for one document (with items), in pieces."""
Rendered = tuple[int, list[str]] | None
"""A document's item count and its pieces; None when the worker could not read it."""

PARALLEL_FROM = 50
"""Documents from which an export is read by workers: below, forking costs more than it
saves."""
MAX_WORKERS = 8
RUNS_PER_WORKER = 8
"""Runs of documents a worker is given in all (at most :data:`MAX_RUN` documents each):
small enough that the workers finish together, large enough that handing them out is
nothing."""
MAX_RUN = 25
AHEAD = 3
"""Runs per worker in flight: the text written ahead of the file stays small."""

_EXPORTING: tuple[Export, Render] | None = None
"""The export being written, seen by the forked workers as it was when they started."""


def rendered(export: Export, render: Render, progress: Progress | None = None
             ) -> Iterator[str]:
    """The pieces ``render`` writes for each selected document that has items, in order;
    counted in ``export`` as :meth:`Export.documents` counts them."""
    workers = _workers(len(export.records))
    if workers < 2:
        for document in export.documents(progress):
            yield from render(document)
        return
    yield from _in_workers(export, render, progress or export.progress, workers)


def _workers(documents: int) -> int:
    """How many worker processes to use here: 0 when this export is written in-process."""
    if documents < PARALLEL_FROM or threading.active_count() != 1:
        return 0
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system
        return 0
    return min(MAX_WORKERS, usable_cores())


def _in_workers(export: Export, render: Render, progress: Progress | None, workers: int
                ) -> Iterator[str]:
    global _EXPORTING
    records = export.records
    size = max(1, min(MAX_RUN, len(records) // (workers * RUNS_PER_WORKER)))
    runs = iter([(start, min(len(records), start + size))
                 for start in range(0, len(records), size)])
    _EXPORTING = (export, render)
    gc.freeze()  # the workers' collector leaves what they share alone (no copy-on-write)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker)
    pending: deque[tuple[tuple[int, int], Future[list[Rendered]] | None]] = deque()
    broken = False  # a worker died (killed, out of memory): the rest is read here
    try:
        while True:
            while len(pending) < workers * AHEAD and (run := next(runs, None)) is not None:
                future = None
                if not broken:
                    try:
                        future = pool.submit(_render_run, run)
                    except BrokenProcessPool:
                        broken = True
                pending.append((run, future))
            if not pending:
                return
            (start, stop), future = pending.popleft()
            results: list[Rendered] = [None] * (stop - start)
            if future is not None:
                try:
                    results = future.result()
                except BrokenProcessPool:
                    broken = True
            for index, result in enumerate(results, start=start):
                if result is None:
                    result = _rendered(export.document(records[index]), render)
                if progress is not None:
                    progress(index + 1, len(records))
                if result is not None and result[0]:
                    export.documents_read += 1
                    export.items_read += result[0]
                    yield from result[1]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _EXPORTING = None


def _rendered(document: ExportDocument | None, render: Render) -> Rendered:
    if document is None:
        return None
    return len(document.items), render(document) if document.items else []


def _start_worker() -> None:
    """In a worker: read the caches without repairing them (that is the parent's to do)."""
    stop_when_orphaned()
    assert _EXPORTING is not None, "the worker was not forked from an exporting process"
    export, _ = _EXPORTING
    export.cache = export.cache.looking_only()
    export.progress = None


def _render_run(run: tuple[int, int]) -> list[Rendered]:
    """In a worker: each document of a run of records, read and written."""
    assert _EXPORTING is not None, "the worker was not forked from an exporting process"
    export, render = _EXPORTING
    return [_rendered(export.document(record), render)
            for record in export.records[run[0]:run[1]]]
