"""Benchmark: reading a scanned release by OCR.

Run: ``.venv/bin/python tests/benchmarks/ocr.py [--quick]``.

The published sample is rendered to images at 200 dpi and wrapped in an image-only PDF
(``tests/scans.py``), then read as ``kantlijn extract`` reads it, in worker processes on
every core. Prints:

* **first page** — opening the scan and reading page 1 by OCR, as the reader does for its
  first paint (target ≤ 3 s);
* **pages per second** — the whole reading as the reader does it (page 1 first, then every
  other page in the same workers, comments read back from the scanned summary pages), over
  the pages read (target ≥ 2 pages/s on two cores).

Each is given in wall-clock time and in CPU time (this process and every worker and engine
process it started, running or ended). On a machine shared with other work the wall clock
says more about the others than about OCR; CPU seconds per page, and the pages per second
two free cores would give (2 / CPU seconds per page), compare runs fairly. ``--runs N``
repeats the whole measurement and gives the median.

``--quick`` scans the first 8 pages only.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

SAMPLE = TESTS.parent / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"
QUICK_PAGES = 8


def cpu_seconds() -> float:
    """CPU time of this process, of the children it waited for, and of those still running
    (OCR workers kept between the first page and the rest)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime + _running_children()


def _running_children() -> float:
    """CPU seconds of this process's live children (Linux ``/proc``; 0 elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for task in Path("/proc/self/task").glob("*/children"):
        for pid in task.read_text().split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile: counted with the waited-for children
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def measure(scan: Path) -> dict[str, float]:
    """One reading of ``scan`` as the reader does it: page 1, then the whole document."""
    from tui.core.document import open_document

    tick, cpu = time.perf_counter(), cpu_seconds()
    opened = open_document(scan)
    page, _ = opened.page(1)
    first, first_cpu = time.perf_counter() - tick, cpu_seconds() - cpu
    extraction = opened.extract()
    whole, whole_cpu = time.perf_counter() - tick, cpu_seconds() - cpu
    read = sum(1 for p in extraction.pages + extraction.summary_pages if p.ocr)
    return {"first": first, "first_cpu": first_cpu, "whole": whole, "whole_cpu": whole_cpu,
            "read": read, "lines": len(page.lines), "comments": len(extraction.annotations),
            "load": os.getloadavg()[0]}


def main() -> None:
    """Scan the sample, then time the first page and the whole document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK_PAGES} pages")
    parser.add_argument("--runs", type=int, default=1, help="measure N times, give the median")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("ocr benchmark: Tesseract is not installed "
                 "(apt-get install tesseract-ocr tesseract-ocr-nld)")
    from scans import scan_pdf

    with tempfile.TemporaryDirectory(prefix="kantlijn-ocr-bench-") as folder:
        pages = range(1, QUICK_PAGES + 1) if args.quick else None
        scan = scan_pdf(SAMPLE, Path(folder) / "scan.pdf", pages=pages)
        runs = [measure(scan) for _ in range(max(1, args.runs))]
    m = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    read = int(m["read"])
    print(f"cores: {os.cpu_count()}, pages read by OCR: {read}, runs: {len(runs)} (median)")
    print(f"first page (open + OCR page 1, {int(m['lines'])} lines): {m['first']:.2f} s, "
          f"{m['first_cpu']:.2f} CPU s (target ≤ 3 s)")
    per_page = m["whole_cpu"] / max(read, 1)
    print(f"whole document: {m['whole']:.1f} s, {read / m['whole']:.2f} pages/s "
          "(target ≥ 2 pages/s)")
    print(f"  CPU: {m['whole_cpu']:.1f} s, {per_page:.2f} CPU s a page, "
          f"{2 / per_page:.2f} pages/s on two free cores")
    print(f"  load average while measured: {m['load']:.1f}")
    print(f"comments: {int(m['comments'])}")


if __name__ == "__main__":
    main()
