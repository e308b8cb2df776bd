"""Benchmark: reading the sample release as published against the live-annotation sample.

Run from the repository root::

    .venv/bin/python tests/benchmarks/published.py            # 15 rounds
    .venv/bin/python tests/benchmarks/published.py --rounds 5
    .venv/bin/python tests/benchmarks/published.py --quick     # 2 rounds (CI)

Both samples hold the same seven nota's and 44 comments: one as live annotations (22
pages), one flattened with each page followed by its printed comment summary (44 pages).
Each round reads both in this process (``tui.core.document.load``, so the summary pages,
the markers and the burned-in marks are all in the published figure), alternating which
goes first; a process start to JSON (``kantlijn extract``) is timed too. Prints medians and
the published / live ratio. Nothing is asserted: the figures are for reading.

Target: the published sample (twice the pages) read in at most twice the live one's time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core.document import load  # noqa: E402  (needs the path above)

LIVE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
PUBLISHED = REPO / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"


def _in_process(path: Path) -> float:
    start = time.perf_counter()
    extraction = load(path)
    seconds = time.perf_counter() - start
    assert len(extraction.annotations) == 44, "the sample lost comments"
    return seconds


def _whole_process(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui", "extract", str(path)], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="2 rounds (CI)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds = 2
    _in_process(LIVE), _in_process(PUBLISHED)  # warm: imports, font metrics
    inner: dict[Path, list[float]] = {LIVE: [], PUBLISHED: []}
    whole: dict[Path, list[float]] = {LIVE: [], PUBLISHED: []}
    for round_ in range(args.rounds):
        order = (LIVE, PUBLISHED) if round_ % 2 == 0 else (PUBLISHED, LIVE)
        for path in order:
            inner[path].append(_in_process(path))
        if round_ < 5:
            for path in order:
                whole[path].append(_whole_process(path))
    print(f"{'sample':<11} {'pages':>5} {'in-process':>11} {'ms/page':>8} {'process':>9}")
    for name, path, pages in (("live", LIVE, 22), ("published", PUBLISHED, 44)):
        seconds = statistics.median(inner[path])
        print(f"{name:<11} {pages:>5} {seconds * 1000:>9.1f}ms {seconds * 1000 / pages:>8.2f}"
              f" {statistics.median(whole[path]) * 1000:>7.0f}ms")
    ratio = statistics.median(inner[PUBLISHED]) / statistics.median(inner[LIVE])
    process = statistics.median(whole[PUBLISHED]) / statistics.median(whole[LIVE])
    print(f"published / live: {ratio:.2f}x in process, {process:.2f}x process start to JSON "
          "(target <= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
