"""Benchmark: ``kantlijn import`` of many documents, on every core against one process.

Run from the repository root::

    .venv/bin/python tests/benchmarks/import_many.py              # 300 documents, 2,000 pages
    .venv/bin/python tests/benchmarks/import_many.py --rounds 3   # min / median / max
    .venv/bin/python tests/benchmarks/import_many.py --quick      # 12 documents, 60 pages (CI)

Writes ``--docs`` generated memos into a temporary folder, of 0.5 to 1.5 times the average
length so that they hold ``--pages`` pages in all (a release of that many documents, as it
would be once split: about 38 lines and 6 comments a page), each with its own reviewer so no
two are the same document. Then imports them all into a fresh library, in a fresh process,
once with ``--jobs 1`` (one process) and once with ``--jobs N`` (N: the cores this process
may use), alternating which goes first each round. Prints wall times, pages/s, the largest
process's peak memory and the ratio one process / pool. Nothing is asserted.

Targets (2,000 pages in 300 documents, two cores): the pool's import at most 20 s and at
least 1.7x as fast as one process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tools.pdfgen.bulk import write_generated  # noqa: E402
from tui.core.library.library import Library  # noqa: E402
from tui.core.workers import usable_cores  # noqa: E402

# Runs a command as a child and reports its wall time and the largest descendant's peak RSS.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "rc": done.returncode,
                  "err": done.stderr.decode(errors="replace")[-600:]}))
"""


def lengths(docs: int, pages: int) -> list[int]:
    """Page counts of ``docs`` documents, 0.5x to 1.5x the average, about ``pages`` in all."""
    average = pages / docs
    return [max(1, round(average * (0.5 + ((i * 7) % 10) / 9))) for i in range(docs)]


def write_documents(folder: Path, docs: int, pages: int) -> list[Path]:
    """The generated memos, each a document of its own (its own reviewer)."""
    return [write_generated(folder / f"memo-{i:04}.pdf", n, author=f"Lezer {i}")
            for i, n in enumerate(lengths(docs, pages))]


def timed_import(files: list[Path], library: Path, jobs: int) -> dict[str, float]:
    """Wall time and peak memory of ``kantlijn import --jobs JOBS`` in a fresh process."""
    command = [sys.executable, "-m", "tui", "import", "--jobs", str(jobs), "--library",
               str(library), *map(str, files)]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, cwd=REPO, check=True)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"import --jobs {jobs} failed ({result['rc']}): {result['err']}")
    held = len(Library.open(library).documents())
    if held != len(files):
        raise SystemExit(f"import --jobs {jobs} left {held} of {len(files)} documents")
    return result  # type: ignore[no-any-return]


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    """Generate, import both ways each round, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--pages", type=int, default=2000, help="pages in all")
    parser.add_argument("--jobs", type=int, default=max(2, usable_cores()),
                        help="processes of the pool (default: the cores, at least 2)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="12 documents, 60 pages (CI)")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.pages, args.rounds = 12, 60, 1
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        start = time.perf_counter()
        files = write_documents(folder, args.docs, args.pages)
        total = sum(lengths(args.docs, args.pages))
        print(f"{len(files)} documents, {total} pages, written in "
              f"{time.perf_counter() - start:.1f} s; {usable_cores()} cores usable here")
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        peaks: dict[int, list[float]] = {1: [], args.jobs: []}
        for round_ in range(args.rounds):
            order = (1, args.jobs) if round_ % 2 == 0 else (args.jobs, 1)
            for jobs in order:
                library = folder / f"library-{round_}-{jobs}" / "library.json"
                result = timed_import(files, library, jobs)
                times[jobs].append(result["seconds"])
                peaks[jobs].append(result["peak_mb"])
    label = "s (min / median / max)" if args.rounds > 1 else "s"
    for jobs, name in ((1, "one process (--jobs 1)"), (args.jobs, f"pool (--jobs {args.jobs})")):
        rate = total / statistics.median(times[jobs])
        print(f"{name:24} {_spread(times[jobs])} {label}, {rate:.0f} pages/s, largest process "
              f"{max(peaks[jobs]):.0f} MB")
    ratio = statistics.median(times[1]) / statistics.median(times[args.jobs])
    print(f"one process / pool: {ratio:.2f}x (target at 2,000 pages in 300 documents on two "
          "cores: pool <= 20 s, >= 1.7x)")


if __name__ == "__main__":
    main()
