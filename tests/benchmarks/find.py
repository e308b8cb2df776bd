"""Benchmark: the reader's find (tui.core.search.find) over a generated document.

Run from the repository root::

    .venv/bin/python tests/benchmarks/find.py              # 1000 pages
    .venv/bin/python tests/benchmarks/find.py --pages 50   # a try
    .venv/bin/python tests/benchmarks/find.py --quick      # 30 pages (CI)

Writes a generated release into a temporary folder, loads it, then prints the time to build
the search index (folding every page) and the time per query for a few kinds of query
(plain word, accent-free word, a phrase across a line break, no match). Nothing is
asserted: the figures are for reading.

Targets (1,000 pages): the index in at most 100 ms, each query at most 50 ms the first time,
so a find answers as enter is pressed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tools.pdfgen.bulk import write_generated  # noqa: E402
from tui.core.document import load  # noqa: E402
from tui.core.search.find import SearchIndex  # noqa: E402

QUERIES = (
    "actieagenda",
    "beinvloeding",
    "geïntegreerd",
    "draagvlak één",
    "samenhang beïnvloeding financiële",
    "niet in dit document",
)
ROUNDS = 5


def main() -> None:
    """Generate, load, index and time the queries."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="30 pages (CI)")
    args = parser.parse_args()
    pages = 30 if args.quick else args.pages
    with tempfile.TemporaryDirectory() as folder:
        path = write_generated(Path(folder) / "generated.pdf", pages)
        extraction = load(path)
    lines = sum(len(p.lines) for p in extraction.pages)
    print(f"{len(extraction.pages)} pages, {lines} lines")
    start = time.perf_counter()
    index = SearchIndex((p.number, [line.text for line in p.lines]) for p in extraction.pages)
    print(f"index (line texts): {(time.perf_counter() - start) * 1000:.1f} ms")
    for query in QUERIES:
        start = time.perf_counter()
        found = index.find(query)
        first = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        for _ in range(ROUNDS):
            index.find(query)
        again = (time.perf_counter() - start) * 1000 / ROUNDS
        print(f"{query!r:40} {len(found):6} matches  first {first:7.1f} ms  then {again:7.1f} ms")


if __name__ == "__main__":
    main()
