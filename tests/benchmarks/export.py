"""Benchmark export: the sample library, and 100,000 annotations to every text format.

Run: ``python tests/benchmarks/export.py [--docs 1000] [--per-doc 100] [--runs 3]
[--library DIR]`` (``--quick``: 60 documents of 20 annotations, one run, for CI). Prints
figures, asserts nothing. The large library is the one ``search.py`` builds (Dutch text from
the sample's own words), with every tenth document tagged and noted; ``--library DIR`` keeps
it in DIR and uses it again next time (building 1,000 documents takes minutes).

Each export of the large library runs in a process of its own, so each format's figures are
its own: wall time, CPU time (user + system of that process, and of the workers it forks
for a large export) and the peak resident memory of it and of its largest worker, the median
of ``--runs`` runs. The load average is printed beside them: on
a shared machine read CPU time more than wall time.

Targets: the whole sample library in under 0.5 s; 100,000 annotations to every format in at
most 5 s each, with a process peak of at most 150 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui.core.document import load  # noqa: E402
from tui.core.export.records import Selection, select  # noqa: E402
from tui.core.export.writer import Options, write_export  # noqa: E402
from tui.core.library.library import Library  # noqa: E402

SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
FORMATS = ("csv", "md", "json", "jsonld")


def timed_export(library: Library, fmt: str, target: Path, query: str = "") -> tuple[float, int]:
    """Seconds to select and write, and the number of annotations written."""
    start = time.perf_counter()
    written = write_export(select(library, Selection(query)),
                           Options(fmt, target, force=True), stdout=io.StringIO())  # type: ignore[arg-type]
    return time.perf_counter() - start, written.items


def child(fmt: str, library_path: Path, target: Path) -> None:
    """One export in this process; prints its figures as JSON for the parent."""
    library = Library.open(library_path)
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    _, items = timed_export(library, fmt, target)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # a large export's workers
    print(json.dumps({"wall": time.perf_counter() - wall_start,
                      "cpu": time.process_time() - cpu_start,
                      "workers_cpu": workers.ru_utime + workers.ru_stime,
                      "peak_mb": _own_peak_kb(usage) / 1024,
                      "workers_peak_mb": workers.ru_maxrss / 1024, "items": items,
                      "mb": target.stat().st_size / 1e6}))


def _own_peak_kb(usage: resource.struct_rusage) -> int:
    """This process's peak resident memory: ``VmHWM`` where ``/proc`` has it, since Linux
    carries ``ru_maxrss`` over from the parent that started this process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return usage.ru_maxrss


def measured(fmt: str, library_path: Path, target: Path, runs: int) -> dict[str, float]:
    """The median figures of ``runs`` exports, each in a process of its own."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--child", fmt, str(library_path), str(target)],
            check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def sample_figures(base: Path) -> None:
    """The sample library to every format, in this process."""
    sample = Library.open(base / "sample.json")
    sample.add_document(load(SAMPLE), SAMPLE)
    sample.flush()
    for fmt in FORMATS:
        seconds, items = timed_export(sample, fmt, base / f"sample.{fmt}")
        print(f"sample library to {fmt}: {seconds * 1000:.0f} ms, {items} annotations "
              "(target < 500 ms)")
    seconds, items = timed_export(sample, "pdf", base / "sample-copy.pdf")
    print(f"sample PDF copy: {seconds * 1000:.0f} ms")


def large_library(folder: Path, docs: int, per_doc: int) -> Path:
    """The large library in ``folder`` (built unless it is there already)."""
    path = folder / "big.json"
    if not path.exists():
        from search import build_library, vocabulary

        start = time.perf_counter()
        build_library(path, docs, per_doc, vocabulary())
        print(f"library built in {time.perf_counter() - start:.0f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs")
    parser.add_argument("--library", type=Path, help="keep the large library here")
    parser.add_argument("--quick", action="store_true",
                        help="60 x 20 annotations, one run (CI): enough documents for workers")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    if args.quick:
        args.docs, args.per_doc, args.runs = 60, 20, 1
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sample_figures(base)
        kept = args.library or base / "big"
        kept.mkdir(parents=True, exist_ok=True)
        library_path = large_library(kept, args.docs, args.per_doc)
        print(f"library: {args.docs} documents, {args.docs * args.per_doc} annotations; "
              f"median of {args.runs}, each export a process of its own")
        for fmt in FORMATS:
            load_before = os.getloadavg()[0]
            figures = measured(fmt, library_path, base / f"big.{fmt}", args.runs)
            print(f"{int(figures['items'])} annotations to {fmt:6}: wall {figures['wall']:5.2f} s, "
                  f"CPU {figures['cpu']:5.2f} s + workers {figures['workers_cpu']:5.2f} s, "
                  f"peak {figures['peak_mb']:4.0f} MB (a worker {figures['workers_peak_mb']:3.0f}"
                  f" MB), {figures['mb']:4.0f} MB written (load average {load_before:.1f}; "
                  "target <= 5 s, <= 150 MB)")
        library = Library.open(library_path)
        seconds, items = timed_export(library, "csv", base / "tagged.csv", "tag:follow-up")
        print(f"a query (tag:follow-up, {items} annotations) to csv: {seconds:.2f} s "
              "(building the search index first, which is most of it)")


if __name__ == "__main__":
    main()
