"""Benchmark export: the sample library, and 100,000 annotations to every text format.

Run: ``python tests/benchmarks/export.py [--docs 1000] [--per-doc 100]`` (``--quick``: 20
documents of 50 annotations, for CI). Prints figures, asserts nothing. The large library is
the one ``search.py`` builds (Dutch text from the sample's own words), with every tenth
document tagged and noted.

Targets: the whole sample library in under 0.5 s; 100,000 annotations to every format in at
most 5 s each, with a process peak of at most 150 MB.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import build_library, vocabulary  # noqa: E402

from tui.core.document import load  # noqa: E402
from tui.core.export.records import Selection, select  # noqa: E402
from tui.core.export.writer import Options, write_export  # noqa: E402
from tui.core.library.library import Library  # noqa: E402

SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"


def timed_export(library: Library, fmt: str, target: Path, query: str = "") -> tuple[float, int]:
    """Seconds to select and write, and the number of annotations written."""
    start = time.perf_counter()
    written = write_export(select(library, Selection(query)),
                           Options(fmt, target, force=True), stdout=io.StringIO())  # type: ignore[arg-type]
    return time.perf_counter() - start, written.items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="20 x 50 annotations (CI)")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.per_doc = 20, 50
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sample = Library.open(base / "sample.json")
        sample.add_document(load(SAMPLE), SAMPLE)
        sample.flush()
        for fmt in ("md", "csv", "json", "jsonld"):
            seconds, items = timed_export(sample, fmt, base / f"sample.{fmt}")
            print(f"sample library to {fmt}: {seconds * 1000:.0f} ms, {items} annotations "
                  "(target < 500 ms)")
        seconds, items = timed_export(sample, "pdf", base / "sample-copy.pdf")
        print(f"sample PDF copy: {seconds * 1000:.0f} ms")

        library = build_library(base / "big.json", args.docs, args.per_doc, vocabulary())
        print(f"library: {args.docs} documents, {args.docs * args.per_doc} annotations")
        for fmt in ("csv", "md", "json", "jsonld"):
            seconds, items = timed_export(library, fmt, base / f"big.{fmt}")
            size = (base / f"big.{fmt}").stat().st_size / 1e6
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{items} annotations to {fmt}: {seconds:.2f} s, {size:.0f} MB written, "
                  f"process peak so far {peak:.0f} MB"
                  " (target <= 5 s, <= 150 MB)")
        seconds, items = timed_export(library, "csv", base / "tagged.csv", "tag:follow-up")
        print(f"a query (tag:follow-up, {items} annotations) to csv: {seconds * 1000:.0f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"process peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
