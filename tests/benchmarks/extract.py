"""Benchmark: page text + quotes under highlights, against pdfannots and PyMuPDF.

Run from the repository root (the peers from ``.venv/bin/pip install -e '.[bench]'``)::

    .venv/bin/python tests/benchmarks/extract.py              # 1000 pages
    .venv/bin/python tests/benchmarks/extract.py --pages 300  # the target's size
    .venv/bin/python tests/benchmarks/extract.py --quick      # 30 pages, one round (CI)

Kantlijn's modules are compiled to bytecode first, as an install compiles them (the
peers come installed), so no measured process spends its time compiling them.
It writes a generated release (about 38 lines and 6 annotations a page: 3 highlights, a
FreeText, a sticky note and a redaction) into a temporary folder, then runs every tool in its
own process, side by side: ``--runs`` rounds (3 by default), each running every tool once in
turn. It prints each tool's CPU seconds (user + system of the whole process, which stays
meaningful on a loaded machine) as median and range over the rounds, its wall time, the peak
memory of its largest process and its speed relative to pdfannots and to PyMuPDF by CPU, with
the load average before and after. A peer that is not installed is reported as skipped
("PyMuPDF not installed"). Nothing is asserted: the figures are for reading.

Target (300 dense pages, whole processes, side by side): ``kantlijn extract`` at least 12x
pdfannots and at least as fast as PyMuPDF's characters + annotations.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from _bytecode import compile_kantlijn  # noqa: E402

# Runs a command as a child and reports its wall time, its CPU time (user + system, the
# child and everything it started) and the largest child's peak RSS.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak_kb = usage.ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": peak_kb / 1024, "rc": done.returncode,
                  "out": done.stdout.decode(errors="replace")[-300:],
                  "err": done.stderr.decode(errors="replace")[-300:]}))
"""

# Our extraction: every page's text in reading order plus the quote of every markup
# annotation, read straight from /Annots (quads only).
_OURS = """
import sys
from pypdf import PdfReader
from tui.core.anchoring.quotes import quote_for
from tui.core.pdf.fonts import FontCache
from tui.core.pdf.content_walk import extract_page_text
path = sys.argv[1]
reader = PdfReader(path)
count = len(reader.pages)
fonts = FontCache()
quotes = 0
texts = []
for index, page in enumerate(reader.pages):
    # One page at a time: keep the line texts, let the glyph boxes go after quoting.
    text = extract_page_text(reader, index, fonts)
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") in ("/Highlight", "/Underline", "/StrikeOut", "/Squiggly"):
            points = [float(v) for v in annot.get("/QuadPoints", [])]
            quads = [points[i:i + 8] for i in range(0, len(points) - 7, 8)]
            if quote_for(text, quads)[0]:
                quotes += 1
    texts.append([line.text for line in text.lines])
print(count, "pages", quotes, "quotes")
"""

# Page text only, one process: the per-core speed that worker processes multiply.
_LAYOUT_ONLY = """
import sys
from pypdf import PdfReader
from tui.core.pdf.fonts import FontCache
from tui.core.pdf.content_walk import extract_page_text
reader = PdfReader(sys.argv[1])
fonts = FontCache()
lines = sum(len(extract_page_text(reader, i, fonts).lines) for i in range(len(reader.pages)))
print(len(reader.pages), "pages", lines, "lines")
"""

# All pages kept in memory at once, read the way kantlijn reads a document: chunks of pages
# (text, comments, quotes) over worker processes (tui.core.pdf.pages.read_pages).
_ALL_PAGES = """
import sys
from pathlib import Path
from tui.core.pdf.opening import open_pdf, page_count
from tui.core.pdf.pages import read_pages
path, workers = Path(sys.argv[1]), int(sys.argv[2])
reader = open_pdf(path)
chunks = read_pages(path, None, reader, page_count(reader), workers=workers)
pages = [page for chunk in chunks for page in chunk.pages]
print(len(pages), "pages")
"""

_PYMUPDF = """
import sys
import pymupdf
doc = pymupdf.open(sys.argv[1])
quotes = 0
for page in doc:
    words = page.get_text("words")
    for annot in page.annots() or []:
        if annot.type[1] == "Highlight":
            r = annot.rect
            text = " ".join(w[4] for w in words if pymupdf.Rect(w[:4]).intersects(r))
            quotes += bool(text)
print(doc.page_count, "pages", quotes, "quotes")
"""

# PyMuPDF with a box per character, as ours gives: every page's characters (rawdict), and
# the quote of each highlight from the characters whose centre lies in one of its quads.
_PYMUPDF_CHARS = """
import sys
import pymupdf
doc = pymupdf.open(sys.argv[1])
quotes = 0
for page in doc:
    chars = [(c["c"], c["bbox"]) for block in page.get_text("rawdict")["blocks"]
             for line in block.get("lines", ()) for span in line["spans"]
             for c in span["chars"]]
    for annot in page.annots() or []:
        if annot.type[1] == "Highlight":
            points = annot.vertices or []
            rects = [pymupdf.Quad(points[i:i + 4]).rect for i in range(0, len(points) - 3, 4)]
            text = "".join(c for c, (x0, y0, x1, y1) in chars
                           if any(r.x0 <= (x0 + x1) / 2 <= r.x1 and r.y0 <= (y0 + y1) / 2 <= r.y1
                                  for r in rects))
            quotes += bool(text.strip())
print(doc.page_count, "pages", quotes, "quotes")
"""


def measure(command: list[str], env: dict[str, str]) -> dict[str, object]:
    """Wall time, CPU time and peak RSS of ``command`` run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command],
                          capture_output=True, text=True, cwd=REPO, check=True, env=env)
    return json.loads(done.stdout)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` shows them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _has_module(name: str) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True)
    return probe.returncode == 0


def tools(pdf: Path, workers: int) -> dict[str, list[str]]:
    """The commands to compare (only those that can run here; a peer that cannot is said)."""
    found = {
        "kantlijn page text only, 1 process": [sys.executable, "-c", _LAYOUT_ONLY, str(pdf)],
        "kantlijn layout+quote, streaming": [sys.executable, "-c", _OURS, str(pdf)],
        "kantlijn layout+quote (all pages kept)":
            [sys.executable, "-c", _ALL_PAGES, str(pdf), str(workers)],
        "kantlijn extract FILE": [sys.executable, "-m", "tui", "extract", str(pdf)],
    }
    if shutil.which("pdfannots") or _has_module("pdfannots"):
        found["pdfannots FILE"] = [sys.executable, "-m", "pdfannots", str(pdf)]
    else:
        print("pdfannots: not installed (pip install -e '.[bench]'), skipped")
    if _has_module("pymupdf"):
        found["PyMuPDF words + annots"] = [sys.executable, "-c", _PYMUPDF, str(pdf)]
        found["PyMuPDF chars + annots"] = [sys.executable, "-c", _PYMUPDF_CHARS, str(pdf)]
    else:
        print("PyMuPDF not installed (pip install -e '.[bench]'): skipped")
    return found


def main() -> int:
    """Build the document, run every tool and print the table; 1 when one of ours failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="rounds of every tool (median)")
    parser.add_argument("--quick", action="store_true", help="30 pages, one round (CI)")
    parser.add_argument("--only", default="",
                        help="run only the tools whose name holds this (or one of these, "
                             "comma-separated)")
    args = parser.parse_args()
    if args.quick:
        args.pages, args.runs = 30, 1
    from tools.pdfgen.bulk import write_generated

    compile_kantlijn()

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "generated.pdf"
        start = time.perf_counter()
        write_generated(pdf, args.pages)
        print(f"generated {args.pages} pages in {time.perf_counter() - start:.1f} s: {pdf.name}")
        # ``kantlijn extract`` gets a data folder of its own: the user's library stays out.
        env = {**os.environ, "XDG_DATA_HOME": folder, "XDG_CONFIG_HOME": folder}
        commands = {name: command for name, command in tools(pdf, args.workers).items()
                    if any(part.strip().lower() in name.lower()
                           for part in args.only.split(","))}
        print(f"load average before: {load_average()}")
        rounds: dict[str, list[dict[str, object]]] = {name: [] for name in commands}
        for _ in range(args.runs):  # side by side: each round runs every tool once
            for name, command in commands.items():
                rounds[name].append(measure(command, env))
        print(f"load average after:  {load_average()}")
    return _report(rounds, args.pages)


def _report(rounds: dict[str, list[dict[str, object]]], pages: int) -> int:
    """Print the table (medians over the rounds); 1 when one of our tools failed."""
    cpu = {name: median(float(r["cpu"]) for r in runs)  # type: ignore[arg-type]
           for name, runs in rounds.items() if all(r["rc"] == 0 for r in runs)}
    peers = [("pdfannots", cpu.get("pdfannots FILE")),
             ("PyMuPDF chars", cpu.get("PyMuPDF chars + annots"))]
    print(f"\n{'tool':42} {'CPU s':>7} {'(min-max)':>13} {'wall s':>7} {'pages/s':>8}"
          f" {'peak MB':>8} {'x pdfannots':>12} {'x PyMuPDF chars':>16}")
    ours_failed = False
    for name, runs in rounds.items():
        failed = [r for r in runs if r["rc"] != 0]
        if failed:
            print(f"{name:42} failed: {str(failed[0]['err']).strip()[-120:]}")
            ours_failed = ours_failed or name.startswith("kantlijn")
            continue
        cpus = [float(r["cpu"]) for r in runs]  # type: ignore[arg-type]
        wall = median(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
        peak = max(float(r["peak_mb"]) for r in runs)  # type: ignore[arg-type]
        ratios = [f"{base / cpu[name]:.2f}" if base else "-" for _, base in peers]
        print(f"{name:42} {cpu[name]:7.2f} {f'({min(cpus):.2f}-{max(cpus):.2f})':>13}"
              f" {wall:7.2f} {pages / cpu[name]:8.1f} {peak:8.0f} {ratios[0]:>12} {ratios[1]:>16}")
    print(f"(medians of {len(next(iter(rounds.values()), []))} rounds; ratios by CPU time;"
          " target: kantlijn extract >= 12x pdfannots and >= 1x PyMuPDF chars + annots)")
    return 1 if ours_failed else 0


if __name__ == "__main__":
    sys.exit(main())
