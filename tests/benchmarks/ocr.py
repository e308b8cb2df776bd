"""Benchmark: reading a scanned release by OCR.

Run: ``.venv/bin/python tests/benchmarks/ocr.py [--quick]``.

The published sample is rendered to images at 200 dpi and wrapped in an image-only PDF
(``tests/scans.py``), then read as ``kantlijn extract`` reads it, in worker processes on
every core. Prints:

* **first page** — opening the scan and reading page 1 by OCR, as the reader does for its
  first paint (target ≤ 3 s);
* **pages per second** — the whole extraction (every page OCR'd, comments read back from
  the scanned summary pages) over the pages read (target ≥ 2 pages/s on two cores).

``--quick`` scans the first 8 pages only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

SAMPLE = TESTS.parent / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"
QUICK_PAGES = 8


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
        tick = time.perf_counter()
        page, _ = open_document(scan).page(1)
        first = time.perf_counter() - tick
        tick = time.perf_counter()
        extraction = open_document(scan).extract()
        whole = time.perf_counter() - tick
    read = sum(1 for p in extraction.pages + extraction.summary_pages if p.ocr)
    print(f"cores: {os.cpu_count()}, pages read by OCR: {read}")
    print(f"first page (open + OCR page 1, {len(page.lines)} lines): {first:.2f} s (target ≤ 3 s)")
    print(f"whole document: {whole:.1f} s, {read / whole:.2f} pages/s (target ≥ 2 pages/s)")
    print(f"comments: {len(extraction.annotations)}")


if __name__ == "__main__":
    main()
