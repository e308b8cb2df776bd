"""Run in a child process by tests/test_export_parallel.py: export a library in every text
format, in this process alone (``one``) or by forked workers (``workers``); write each
export to ``OUT.FORMAT`` and print, as one JSON line, what each said and which processes
read documents.

A child of its own: workers are only forked by a process with no other thread, and a test
process has some.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tui.core.errors import KantlijnError
from tui.core.export import parallel
from tui.core.export.records import Selection, select
from tui.core.export.writer import FORMATS, Options, write_export
from tui.core.library.library import Library

READERS = Path(os.devnull)
"""Where each process that reads a run of documents writes its pid."""
_RUN = parallel._render_run


def counted_run(run: tuple[int, int]) -> list[parallel.Rendered]:
    """The workers' task, noting which process ran it (module level: it is pickled by
    name, and the workers, forked, find it here)."""
    with READERS.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    return _RUN(run)


_WORKERS = parallel._workers


def two_or_more(documents: int) -> int:
    """As many workers as the export would fork here, and two on a machine of one core."""
    return max(2, _WORKERS(documents))


def _export(library_path: str, mode: str, out: str) -> dict[str, object]:
    global READERS
    parallel.PARALLEL_FROM = 10**9 if mode == "one" else 2
    if mode != "one":
        parallel._workers = two_or_more
    READERS = readers = Path(out + ".readers")
    parallel._render_run = counted_run
    said: dict[str, object] = {}
    library = Library.open(library_path)
    for fmt in (f for f in FORMATS if f != "pdf"):
        export = select(library, Selection(""))
        export.exported_at = "2026-01-01T00:00:00+01:00"
        try:
            written = write_export(export, Options(fmt, Path(f"{out}.{fmt}"), force=True))
            said[fmt] = [written.documents, written.items]
        except KantlijnError as error:
            said[fmt] = str(error)
    pids = set(readers.read_text().split()) if readers.exists() else set()
    return {"said": said, "readers": len(pids), "self_read": str(os.getpid()) in pids}


if __name__ == "__main__":
    print(json.dumps(_export(sys.argv[1], sys.argv[2], sys.argv[3])))
