"""A comment summary file is bounded like a PDF: 100,000 entries are read up to the comment
budget, a line of megabytes is cut, each with one warning, and the rest is read as usual."""

from __future__ import annotations

from pathlib import Path

from tui.core.summary.bounds import MAX_ENTRIES, MAX_LINE
from tui.core.summary.document import read_summary

PAGE = ["Nota 1: voorbereiding overleg", "", "Hiervoor zijn al aanwijzingen.", ""]


def _entry(number: int, text: str) -> list[str]:
    return [f"\tNummer: {number}\tAuteur: Nobel, J.N.J.\tOnderwerp: Notitie\t"
            f"Datum: 7-2-2025 12:45:{number % 60:02d}", f"\t{text}\t\t\t"]


def test_a_hundred_thousand_entries_are_read_up_to_the_comment_budget(tmp_path: Path) -> None:
    lines = list(PAGE)
    for number in range(1, 100_001):
        lines += _entry(number, f"Opmerking {number}")
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines) + "\n")
    extraction = read_summary(path)
    assert len(extraction.annotations) == MAX_ENTRIES
    assert extraction.annotations[-1].contents == f"Opmerking {MAX_ENTRIES}"
    assert extraction.warnings == [f"over {MAX_ENTRIES:,} comments; the rest are skipped"]


def test_a_line_of_megabytes_is_cut_and_the_rest_read(tmp_path: Path) -> None:
    lines = [*PAGE[:2], "woord " * 1_000_000, *PAGE[2:], *_entry(1, "Welke dan?")]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines) + "\n")
    extraction = read_summary(path)
    assert max(len(line.text) for line in extraction.pages[0].lines) <= MAX_LINE
    assert [a.contents for a in extraction.annotations] == ["Welke dan?"]
    assert extraction.warnings == [f"1 line longer than {MAX_LINE:,} characters cut"]
