"""A page tree that lists one page 10,000 times opens in the reader within bounded memory,
and the reader lays out only the pages it shows (issue 26: work bounded by the file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from amplified_pdf import write_amplified

from tui.core.model import DocumentInfo, Extraction, Line, PageText
from tui.reading.layout import SeparatorRow, TextRow, build_layout

HERE = Path(__file__).parent
MEMORY_LIMIT_MB = 500
"""Issue 26: no input may take more than this."""


def test_an_amplified_page_tree_opens_in_the_reader_within_500_mb(tmp_path: Path) -> None:
    pdf = write_amplified(tmp_path / "amplified.pdf", 10_000)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE)])}
    done = subprocess.run(
        [sys.executable, str(HERE / "reader_pages_child.py"), str(pdf),
         str(tmp_path / "library.json"), "1000"],
        env=env, capture_output=True, text=True, check=False, timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # Page 1000: the copies after about 1,300 are past the document's budget of characters
    # (a file of a few kilobytes), listed but without their text.
    assert seen["status"].startswith("p. 1000/10000"), seen["status"]
    assert seen["top"][0].startswith("── p. 1000 / 10000")
    assert seen["top"][1] == "Regel 1 van de pagina die telkens terugkomt in de boom"
    assert seen["peak_mb"] <= MEMORY_LIMIT_MB, f"peak {seen['peak_mb']:.0f} MB"


def test_finds_in_10_000_pages_stay_within_500_mb(tmp_path: Path) -> None:
    """110,000 matches of a phrase, then 3,200,000 of one letter (only the first 1,000,000
    kept): the matches are kept compactly, the app stays within the limit."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join([str(HERE.parent), str(HERE)])}
    done = subprocess.run(
        [sys.executable, str(HERE / "reader_find_child.py"), "10000",
         str(tmp_path / "library.json"), "regel 1", "e"],
        env=env, capture_output=True, text=True, check=False, timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    phrase, letter = seen["statuses"]
    assert "/regel 1: match 1/110,000 ·" in phrase, phrase
    assert "/e: match 1/1,000,000+ ·" in letter, letter
    assert seen["peak_mb"] <= MEMORY_LIMIT_MB, f"peak {seen['peak_mb']:.0f} MB"


def _long_document(pages: int) -> Extraction:
    lines = [Line(f"Regel {i} " + "woord " * (30 if i == 5 else 3)) for i in range(40)]
    return Extraction(DocumentInfo("long.pdf", "0" * 64, pages),
                      pages=[PageText(number=n, lines=lines) for n in range(1, pages + 1)])


def test_the_layout_makes_rows_only_for_the_pages_asked_for() -> None:
    extraction = _long_document(10_000)
    layout = build_layout(extraction, 80, 40, lambda thread, label, width: [])
    rows = layout.rows
    per_page = 1 + 39 + 3  # the rule, 39 short lines, one line wrapped over 3 rows
    assert len(rows) == layout.height == 10_000 * per_page
    assert layout.page_rows[9000] == 8999 * per_page
    assert rows[8999 * per_page] == SeparatorRow(9000)
    assert layout.line_rows[(9000, 6)] == 8999 * per_page + 1 + 5 + 3
    assert rows[8999 * per_page + 6] == TextRow(9000, 5, 0, 79)
    assert layout.page_at(8999 * per_page + 20) == 9000
    assert layout.row_at(9000, 5, 200) == 8999 * per_page + 6 + 2
    assert len(rows._kept) <= 2  # the pages looked at, not 10,000
