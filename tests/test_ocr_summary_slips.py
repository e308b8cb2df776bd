"""OCR slips in a scanned comment summary, as Tesseract (Dutch model) made them on the
published sample's summary pages, read as the summary means them."""

from __future__ import annotations

from tui.core.pdf.published import same_authors
from tui.core.summary.entries import RawEntry, parse_header


def test_the_comment_icon_read_as_a_mark_beside_the_number_is_passed_over() -> None:
    """Summary page 40: the icon printed before "Auteur" came out as "_"."""
    entry = parse_header(
        "Nummer: 1 _ Auteur: Nobel, J.N.J. Onderwerp: FreeText Datum: 7-2-2025 13:10:51")
    assert entry is not None
    assert (entry.number, entry.author, entry.subject) == (1, "Nobel, J.N.J.", "FreeText")


def test_an_author_with_a_dot_lost_is_spelled_as_the_summary_spells_them() -> None:
    """Summary pages 2 and 42: "Nobel, J.N.J." read as "Nobel, JN.J."."""
    entries = [_entry("Nobel, J.N.J."), _entry("Nobel, JN.J."), _entry("Nobel, J.N.J."),
               _entry("")]
    same_authors(entries)
    assert [e.author for e in entries] == ["Nobel, J.N.J."] * 3 + [""]


def test_authors_that_differ_in_more_than_marks_stay_apart() -> None:
    """The sample names "[redacted]" and "[REDACTED]" (case differs), and two people with
    the same surname are not one."""
    entries = [_entry("[REDACTED]"), _entry("[redacted]"), _entry("[REDACTED]"),
               _entry("Nobel, J.N.J."), _entry("Nobel, A.")]
    same_authors(entries)
    assert [e.author for e in entries] == ["[REDACTED]", "[redacted]", "[REDACTED]",
                                           "Nobel, J.N.J.", "Nobel, A."]


def _entry(author: str) -> RawEntry:
    return RawEntry(number=1, author=author, subject="FreeText", date="")
