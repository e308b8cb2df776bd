"""Benchmark: a generated Woo release of 2,000 pages / 300 documents, combined and as files.

Run from the repository root::

    .venv/bin/python tests/benchmarks/release.py             # 2,000 pages, 300 documents
    .venv/bin/python tests/benchmarks/release.py --rounds 3  # imports: min / median / max
    .venv/bin/python tests/benchmarks/release.py --quick     # 200 pages, 30 documents

The release (tools/pdfgen/release.py) has a one-page letter, the inventory printed as a table
(and as .xlsx for the folder), and documents of 3 to 10 pages with 30 lines each, some of them
redacted, with a few findings of each kind planted. Timed, in this process:

* ``kantlijn import`` of the combined PDF into a fresh library, in a fresh process, with
  ``--jobs 1`` (one process) and with ``--jobs N`` (N: the cores this process may use, at
  least 2), alternating which goes first each round: wall time, CPU time of the importing
  process and of its workers, and the ratio one process / pool. Target (two cores): the
  pool's import at most 20 s and at least 1.7x as fast as one process. On a shared machine
  read the CPU split more than the wall: the importing process's own CPU is the part no
  other core can take, so *own + workers / N* is the wall an idle machine would show;
* combined PDF: reading every page (:func:`tui.core.document.load`, worker processes as for
  any long document), then finding the inventory, splitting and cross-checking;
* folder: reading the inventory and each document's PDF, then cross-checking;
* the first page of the combined PDF (:func:`tui.core.document.first_page`), what a reader
  shows first;
* in the app (headless, this process): the release recorded in a library whose cache holds
  the PDF, then the app started on it — its documents listed — and enter on the first
  document until the reader shows its first page.

Both forms must give the same findings (checked). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tools.pdfgen.release import (  # noqa: E402  (needs the path above)
    ROWS_PER_PAGE,
    DocSpec,
    ReleaseSpec,
    write_combined,
    write_folder,
)
from tui.core.document import first_page, load, open_document  # noqa: E402
from tui.core.model import Extraction  # noqa: E402
from tui.core.release.reading import read_release, release_from_extraction  # noqa: E402
from tui.core.workers import usable_cores  # noqa: E402


def spec(documents: int, pages: int) -> ReleaseSpec:
    """A release of ``documents`` documents in ``pages`` pages (letter and inventory included),
    plus a few listed documents that are missing from it."""
    specs = []
    for i in range(documents):
        partly = i % 3 == 1
        specs.append(DocSpec(
            str(10001 + i), f"Document {i + 1} over de actieagenda", date="01-03-2024",
            judgement="Deels openbaar" if partly else "Openbaar",
            grounds="5.1.2e" if partly else "", redactions=["5.1.2e"] * 2 if partly else [],
            pages=3 + (i * 7) % 8, lines=30,  # 3 to 10 pages
        ))
    # A few of every finding kind.
    for i in range(0, documents, 40):
        specs[i].redactions = ["5.1.2e"]  # listed openbaar, redacted
    for i in range(7, documents, 40):
        specs[i].listed = False  # not in the inventory
    for i in range(11, documents, 40):
        specs[i].removed = (4, "i.v.m. dubbel")
    missing = [DocSpec(str(20001 + i), f"Ontbrekend document {i + 1}", present=False)
               for i in range(max(1, documents // 40))]
    rows = sum(1 for d in specs if d.listed) + len(missing)
    fixed = 1 + -(-rows // ROWS_PER_PAGE) + sum(1 for d in specs if d.removed)
    budget = pages - fixed
    sizes = [d.pages for d in specs]
    scaled = [max(1, s * budget // sum(sizes)) for s in sizes]
    scaled[-1] += budget - sum(scaled)
    for document, size in zip(specs, scaled, strict=True):
        document.pages = size
    return ReleaseSpec("Besluit Woo-verzoek (benchmark)", ["Geachte heer, hierbij het besluit."],
                       specs + missing)


# Runs ``kantlijn import`` in this child process: wall, own CPU and its workers' CPU.
_IMPORT = """
import json, resource, sys, time
from tui.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
wall = time.perf_counter() - start
own, workers = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"wall": wall, "own": own.ru_utime + own.ru_stime,
                  "workers": workers.ru_utime + workers.ru_stime, "code": code}))
"""


def timed_import(pdf: Path, library: Path, jobs: int) -> dict[str, float]:
    """``kantlijn import --jobs JOBS PDF`` into a fresh library, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _IMPORT, "import", "--jobs", str(jobs),
                           "--library", str(library), str(pdf)],
                          capture_output=True, text=True, cwd=REPO, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"import --jobs {jobs} failed: {done.stderr[-600:]}")
    result: dict[str, float] = json.loads(lines[-1])
    return result


def imports(pdf: Path, folder: Path, rounds: int) -> None:
    """Import ``pdf`` with one process and with the pool, ``rounds`` times; print figures."""
    pool = max(2, usable_cores())
    runs: dict[int, list[dict[str, float]]] = {1: [], pool: []}
    for round_ in range(rounds):
        for jobs in ((1, pool) if round_ % 2 == 0 else (pool, 1)):
            runs[jobs].append(timed_import(pdf, folder / f"lib-{round_}-{jobs}" / "l.json",
                                           jobs))

    def median(jobs: int, key: str) -> float:
        return statistics.median(run[key] for run in runs[jobs])

    spread = "min / median / max" if rounds > 1 else "one run"
    print(f"kantlijn import of the combined PDF ({spread}; load average "
          f"{os.getloadavg()[0]:.1f} on {usable_cores()} cores):")
    for jobs, name in ((1, "one process"), (pool, f"pool of {pool}")):
        walls = sorted(run["wall"] for run in runs[jobs])
        shown = " / ".join(f"{w:.1f}" for w in (walls[0], median(jobs, "wall"), walls[-1]))
        own, workers = median(jobs, "own"), median(jobs, "workers")
        print(f"  {name:14} wall {shown} s, CPU {own + workers:.1f} s (own {own:.1f} + "
              f"workers {workers:.1f}); idle-machine wall {own + workers / jobs:.1f} s")
    ratio = median(1, "wall") / median(pool, "wall")
    idle = ((median(1, "own") + median(1, "workers"))
            / (median(pool, "own") + median(pool, "workers") / pool))
    print(f"  one process / pool: {ratio:.2f}x wall, {idle:.2f}x idle-machine wall "
          "(target on two cores: pool <= 20 s, >= 1.7x)")


async def _in_app(pdf: Path, extraction: Extraction, path: Path
                  ) -> tuple[float, float, float, float]:
    """Seconds to record the release, to list its documents, to show its first document,
    and to show the same file opened as any document (the peer)."""
    from textual.widgets import DataTable

    from tui.app import make_app
    from tui.core.library.library import Library
    from tui.core.release.importing import import_release
    from tui.screens.reader import ReaderScreen
    from tui.screens.release import ReleaseScreen

    library = Library.open(path)
    library.add_document(extraction, pdf)
    started = time.perf_counter()
    import_release(library, pdf)
    library.flush()
    record = time.perf_counter() - started
    started = time.perf_counter()
    app = make_app(library, release=str(pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        while not (isinstance(app.screen, ReleaseScreen)
                   and app.screen.query_one(DataTable).row_count):
            await pilot.pause(0.005)
        listed = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("enter")
        while not (isinstance(app.screen, ReaderScreen) and app.screen.page_view.is_laid_out):
            await pilot.pause(0.005)
        reader = time.perf_counter() - started
        await pilot.press("l")  # the peer: the same file opened as any document is
        while isinstance(app.screen, ReaderScreen):
            await pilot.pause(0.005)
        started = time.perf_counter()
        app.open_document(str(pdf))
        while not (isinstance(app.screen, ReaderScreen) and app.screen.page_view.is_laid_out):
            await pilot.pause(0.005)
        peer = time.perf_counter() - started
    return record, listed, reader, peer


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 pages, 30 documents")
    parser.add_argument("--rounds", type=int, default=1,
                        help="imports of each kind (the median is shown)")
    parser.add_argument("--import-only", action="store_true",
                        help="only the imports (not the reading, folder and app figures)")
    args = parser.parse_args(argv)
    documents, pages = (30, 200) if args.quick else (300, 2000)
    release = spec(documents, pages)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        combined_pdf = write_combined(release, Path(tmp) / "release.pdf")
        folder = write_folder(release, Path(tmp) / "release")
        print(f"generated in {time.perf_counter() - started:.1f} s")
        imports(combined_pdf, Path(tmp), args.rounds)
        if args.import_only:
            return 0

        started = time.perf_counter()
        page_one = first_page(open_document(combined_pdf))
        first = time.perf_counter() - started
        started = time.perf_counter()
        extraction = load(combined_pdf)
        read = time.perf_counter() - started
        started = time.perf_counter()
        combined = release_from_extraction(combined_pdf, extraction)
        split = time.perf_counter() - started
        assert combined is not None, "the combined release was not recognised"

        started = time.perf_counter()
        separate = read_release(folder)
        files = time.perf_counter() - started
        in_app = asyncio.run(_in_app(combined_pdf, extraction, Path(tmp) / "library.json"))

    total = extraction.document.pages
    print(f"combined PDF: {total} pages, {len(combined.documents)} documents, "
          f"{len(combined.inventory.rows)} inventory rows, {len(combined.findings)} findings")
    print(f"  first page shown   {first:6.2f} s  ({len(page_one.pages)} page)")
    print(f"  read every page    {read:6.2f} s  ({total / read:.0f} pages/s)")
    print(f"  split + cross-check{split:6.2f} s")
    print(f"  whole import       {read + split:6.2f} s")
    print(f"folder: {len(separate.documents)} PDFs + inventarislijst.xlsx")
    print(f"  read + cross-check {files:6.2f} s")
    same = separate.findings == combined.findings
    record, listed, reader, peer = in_app
    print("in the app (headless):")
    print(f"  record in library  {record:6.2f} s  (the PDF cached: no page read again)")
    print(f"  documents listed   {listed:6.2f} s  (app start -> the release's documents)")
    print(f"  first page of release {reader:6.2f} s  (enter -> the reader shows its page; "
          f"{reader / peer:.2f}x the same file opened as a document, {peer:.2f} s)")
    print(f"same findings in both forms: {'yes' if same else 'NO'}")
    kinds: dict[str, int] = {}
    for finding in combined.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    print("findings: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
