"""Benchmark: reading a scanned release by OCR.

Run: ``.venv/bin/python tests/benchmarks/ocr.py [--quick]``.

The published sample is rendered to images at 200 dpi and wrapped in an image-only PDF
(``tests/scans.py``), then read as ``kantlijn extract`` reads it, in worker processes on
every core. Prints:

* **first page** — opening the scan and reading page 1 by OCR, as the reader does for its
  first paint (target ≤ 3 s);
* **pages per second** — the whole extraction (every page OCR'd, comments read back from
  the scanned summary pages) over the pages read (target ≥ 2 pages/s on two cores).

Each is given in wall-clock time and in CPU time (this process and every worker and engine
process it waited for). On a machine shared with other work the wall clock says more about
the others than about OCR; CPU seconds per page, and the pages per second two free cores
would give (2 / CPU seconds per page), compare runs fairly.

``--quick`` scans the first 8 pages only.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

SAMPLE = TESTS.parent / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"
QUICK_PAGES = 8


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (workers, engines)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    """Scan the sample, then time the first page and the whole document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK_PAGES} pages")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        sys.exit("ocr benchmark: Tesseract is not installed "
                 "(apt-get install tesseract-ocr tesseract-ocr-nld)")
    from scans import scan_pdf

    from tui.core.document import open_document

    with tempfile.TemporaryDirectory(prefix="kantlijn-ocr-bench-") as folder:
        pages = range(1, QUICK_PAGES + 1) if args.quick else None
        scan = scan_pdf(SAMPLE, Path(folder) / "scan.pdf", pages=pages)
        tick, cpu = time.perf_counter(), cpu_seconds()
        page, _ = open_document(scan).page(1)
        first, first_cpu = time.perf_counter() - tick, cpu_seconds() - cpu
        tick, cpu = time.perf_counter(), cpu_seconds()
        extraction = open_document(scan).extract()
        whole, whole_cpu = time.perf_counter() - tick, cpu_seconds() - cpu
    read = sum(1 for p in extraction.pages + extraction.summary_pages if p.ocr)
    print(f"cores: {os.cpu_count()}, pages read by OCR: {read}")
    print(f"first page (open + OCR page 1, {len(page.lines)} lines): {first:.2f} s, "
          f"{first_cpu:.2f} CPU s (target ≤ 3 s)")
    per_page = whole_cpu / max(read, 1)
    print(f"whole document: {whole:.1f} s, {read / whole:.2f} pages/s (target ≥ 2 pages/s)")
    print(f"  CPU: {whole_cpu:.1f} s, {per_page:.2f} CPU s a page, "
          f"{2 / per_page:.2f} pages/s on two free cores")
    print(f"  load average while measured: {os.getloadavg()[0]:.1f}")
    print(f"comments: {len(extraction.annotations)}")


if __name__ == "__main__":
    main()
