"""Reading the seed release's comment summary (and small English/Dutch snippets)."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SEED
from tui.core.anchoring.find_text import find_text, span_text
from tui.core.errors import UnreadableError
from tui.core.model import Annotation, Extraction
from tui.core.summary.document import looks_like_summary, read_summary


@pytest.fixture(scope="module")
def seed_x() -> Extraction:
    """The seed release read once for the whole module."""
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present beside the checkout")
    return read_summary(SEED)


def _by_contents(x: Extraction, start: str) -> Annotation:
    return next(a for a in x.annotations if (a.contents or "").startswith(start))


def _page_text(x: Extraction, number: int) -> list[str]:
    return [line.text for line in x.pages[number - 1].lines]


def test_seed_inventory(seed_x: Extraction) -> None:
    assert seed_x.document.source == "summary"
    assert seed_x.document.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert seed_x.document.pages == len(seed_x.pages) == 22
    assert len(seed_x.annotations) == 44
    assert Counter(a.subtype for a in seed_x.annotations) == {
        "FreeText": 6, "Highlight": 4, "Markering": 23, "Notitie": 8, "Tekst plaatsen": 3,
    }
    assert Counter(a.kind for a in seed_x.annotations) == {
        "freetext": 9, "highlight": 4, "redaction": 23, "note": 8,
    }
    assert len({a.id for a in seed_x.annotations}) == 44
    assert not seed_x.warnings


def test_seed_exact_entries(seed_x: Extraction) -> None:
    first = seed_x.annotations[0]
    assert (first.id, first.kind, first.author, first.created, first.contents) == (
        "p1-n1", "freetext", "Nobel, J.N.J.", "2025-02-07T12:48:35",
        "Staatssecretaris besproken 15-10-2024",
    )
    undated = next(a for a in seed_x.annotations if a.id == "p1-n11")
    assert (undated.kind, undated.created, undated.contents) == (
        "highlight", None, "3. Een sociaal stabiel Nederland",
    )
    anonymous = next(a for a in seed_x.annotations if a.id == "p1-n2")
    assert (anonymous.kind, anonymous.author, anonymous.contents) == ("redaction", None, None)
    assert {a.author for a in seed_x.annotations if a.page == 14} == {"Nobel, J.N.J.", "[REDACTED]"}
    assert _by_contents(seed_x, "SP&I Akkoord").contents == "SP&I Akkoord\n07/02/2025"
    # The <hr/> table left the stamp's text after the entries: it is the text box's.
    stamp = next(a for a in seed_x.annotations if a.id == "p4-n1")
    assert (stamp.subtype, stamp.contents) == (
        "Tekst plaatsen", "Staatssecretaris besproken 14-11-2024",
    )


def test_no_summary_or_markup_left_in_page_text(seed_x: Extraction) -> None:
    text = "\n".join(line.text for page in seed_x.pages for line in page.lines)
    for leftover in ("Nummer:", "Onderwerp:", "Deze pagina bevat geen opmerkingen", "<sup>",
                     "<hr", "<b>", "**", "Overzicht van opmerkingen", "\t"):
        assert leftover not in text
    assert not any(line.text.startswith("#") for page in seed_x.pages for line in page.lines)
    assert all(not line.glyphs for page in seed_x.pages for line in page.lines)


def test_freetext_copies_and_comment_numbers_leave_the_page(seed_x: Extraction) -> None:
    text = "\n".join(line.text for page in seed_x.pages for line in page.lines)
    assert "Welke dan?" not in text
    assert "Waarom in" not in text
    assert "besproken 15-10-2024" not in text
    assert "- Kunt u zich vinden in de aangepaste naamgeving van de Actieagenda?" in _page_text(
        seed_x, 1
    )
    assert "hiervoor zijn al aanwijzingen." in _page_text(seed_x, 20)[8]
    # Footnote references glued to a word stay, as superscripts.
    assert "(MT-lid ESS¹)" in _page_text(seed_x, 1)[9]


def test_repeated_side_block_removed_on_later_pages(seed_x: Extraction) -> None:
    assert "09-10-2024" in _page_text(seed_x, 1)
    assert "Datum" not in _page_text(seed_x, 3)
    assert "09-10-2024" not in _page_text(seed_x, 3)


def test_highlight_found_across_line_break(seed_x: Extraction) -> None:
    lines = _page_text(seed_x, 21)
    highlight = _by_contents(seed_x, "In Nederland is een")
    assert highlight.quote == (
        "In Nederland is een preventief uitreisverbod niet mogelijk (wel in bijvoorbeeld Zweden)"
    )
    # The page lost the word "In" to a comment number and reads "Zweden en VK ...)": the
    # part that is on the page is marked.
    assert span_text(lines, highlight.spans) == (
        "Nederland is een preventief uitreisverbod niet mogelijk (wel in bijvoorbeeld Zweden"
    )
    assert highlight.anchor is not None and highlight.anchor.via == "quote"
    spread = _by_contents(seed_x, "de verwachting")
    assert span_text(_page_text(seed_x, 20), spread.spans) == (
        "de verwachting uitgesproken dat SZW hier op een actieagenda dient te ontwikkelen."
    )


def test_comments_anchor_beside_their_highlight(seed_x: Extraction) -> None:
    welke = _by_contents(seed_x, "Welke dan?")
    target = _by_contents(seed_x, "Hiervoor zijn al aanwijzingen.")
    assert welke.anchor is not None
    assert (welke.anchor.via, welke.anchor.annotation) == ("markup", target.id)
    assert welke.anchor.line == target.spans[0].line
    waarom = _by_contents(seed_x, "Waarom in zweden")
    assert waarom.anchor is not None and waarom.anchor.annotation == _by_contents(
        seed_x, "In Nederland"
    ).id
    # Text boxes whose numbers sit on other lines stay on their own line.
    naam = next(a for a in seed_x.annotations if a.id == "p1-n9")
    assert naam.anchor is not None and naam.anchor.via == "summary"
    assert "aangepaste naamgeving" in naam.anchor.text


def test_redaction_grounds(seed_x: Extraction) -> None:
    notes = {a.id: a.ground for a in seed_x.annotations if a.kind == "note" and a.contents}
    assert notes == {"p5-n1": "5.1.2b", "p9-n3": "5.1.2b", "p13-n2": "5.1.2a",
                     "p14-n5": "5.1.2a", "p18-n3": "5.1.2a"}
    inherited = {a.id: a.ground for a in seed_x.annotations if a.kind == "redaction"}
    assert inherited["p18-n1"] == inherited["p14-n2"] == "5.1.2a"
    assert inherited["p9-n6"] == "5.1.2b"
    assert inherited["p1-n2"] is None


def test_annotations_know_their_nota(seed_x: Extraction) -> None:
    assert {a.nota for a in seed_x.annotations if a.page == 20} == {7}
    assert all(a.nota is not None for a in seed_x.annotations)


ENGLISH = """Summary of Comments on memo.pdf

This is the first page of the memo. It says the budget is not covered.

Page: 1

\tNumber: 1\tAuthor: Jansen\tSubject: Highlight\tDate: 2/14/2025 3:04:05 PM
\tthe budget is not
covered\t\t\t
\tNumber: 2\tAuthor: Jansen\tSubject: Sticky Note\tDate: Unknown
\tWhy not?\t\t\t
\tNumber: 3\tAuthor:\tSubject: Typewritten Text\tDate: 14-2-2025 09:00:00
\tOK\t\t\t
\tNumber: 4\tAuthor: Jansen\tSubject: Cross-Out\tDate: Unknown
\tNumber: 5\tAuthor: Jansen\tSubject: Underline\tDate: Unknown
\tNumber: 6\tAuthor: Jansen\tSubject: Strikethrough\tDate: Unknown
"""


def test_english_labels(tmp_path: Path) -> None:
    path = tmp_path / "memo.md"
    path.write_text(ENGLISH, encoding="utf-8")
    assert looks_like_summary(path)
    x = read_summary(path)
    assert x.document.title == "memo"
    kinds = [(a.kind, a.subtype, a.author, a.created) for a in x.annotations]
    assert kinds == [
        ("highlight", "Highlight", "Jansen", "2025-02-14T15:04:05"),
        ("note", "Sticky Note", "Jansen", None),
        ("freetext", "Typewritten Text", None, "2025-02-14T09:00:00"),
        ("strikeout", "Cross-Out", "Jansen", None),
        ("underline", "Underline", "Jansen", None),
        ("strikeout", "Strikethrough", "Jansen", None),
    ]
    highlight = x.annotations[0]
    assert highlight.quote == "the budget is not covered"
    assert span_text([line.text for line in x.pages[0].lines], highlight.spans) == (
        "the budget is not covered"
    )
    why = x.annotations[1]
    assert why.anchor is not None and why.anchor.annotation == highlight.id


NBSP = "\u00a0\u00a0 "
DUTCH_BULLETS = "\n".join([
    "Aan de minister",
    "",
    "Het overleg is uitgesteld tot na de zomer.",
    "",
    "- ",
    f"-  Nummer: 1{NBSP}Auteur Pietersen{NBSP}Onderwerp: Markeren{NBSP}Datum: 3-3-2025 10:00:00",
    "uitgesteld tot na de zomer",
    "- ",
    f"-  Nummer: 2{NBSP}Auteur:{NBSP}Onderwerp: Notitie{NBSP}Datum: Onbepaald",
    "Waarom?",
])


def test_dutch_bullet_variant_without_colon(tmp_path: Path) -> None:
    path = tmp_path / "nota.txt"
    path.write_text(DUTCH_BULLETS, encoding="utf-8")
    x = read_summary(path)
    assert [(a.kind, a.author, a.contents) for a in x.annotations] == [
        ("highlight", "Pietersen", "uitgesteld tot na de zomer"),
        ("note", None, "Waarom?"),
    ]
    assert [line.text for line in x.pages[0].lines] == [
        "Aan de minister", "Het overleg is uitgesteld tot na de zomer.",
    ]


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="cannot read"):
        read_summary(tmp_path / "missing.txt")
    plain = tmp_path / "plain.txt"
    plain.write_text("Just some text.\n", encoding="utf-8")
    assert not looks_like_summary(plain)
    with pytest.raises(UnreadableError, match="no comment summary"):
        read_summary(plain)
    fake_pdf = tmp_path / "x.pdf"
    fake_pdf.write_bytes(b"%PDF-1.7\n\x00\x01")
    assert not looks_like_summary(fake_pdf)
    assert not looks_like_summary(tmp_path / "missing.txt")


def test_find_text_tolerates_breaks_case_and_spacing() -> None:
    lines = ["In Nederland is een", "preventief uitreisverbod niet mogelijk."]
    spans = find_text(lines, "nederland is een preventief  uitreisverbod", page=3)
    assert spans is not None and [(s.page, s.line) for s in spans] == [(3, 0), (3, 1)]
    assert span_text(lines, spans) == "Nederland is een preventief uitreisverbod"
    assert find_text(["elke vorm van discriminatie"], "vorm vandiscriminatie") is not None
    assert find_text(lines, "iets heel anders") is None
