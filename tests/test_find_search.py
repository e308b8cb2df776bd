"""Finding phrases in real page text: across line breaks, hyphen splits, case and accents."""

from __future__ import annotations

from pathlib import Path

from tests.pdf_fixtures import make_pdf
from tui.core.anchoring.find_text import span_text
from tui.core.document import load
from tui.core.model import Extraction, Span
from tui.core.search.find import SearchIndex, find_in_pages


def _covered(x: Extraction, spans: list[Span]) -> str:
    """The page text the spans of one match cover, lines joined by a space."""
    page = x.pages[spans[0].page - 1]
    return span_text([line.text for line in page.lines], spans)


def test_phrase_across_a_line_break_is_found_as_two_spans(sample_pdf: Path) -> None:
    x = load(sample_pdf)
    found = find_in_pages(x.pages, "in nederland is een PREVENTIEF uitreisverbod niet mogelijk")
    assert found, "the phrase breaks after 'In Nederland' on page 17"
    first = found[0]
    assert [(s.page, s.line) for s in first] == [(17, 28), (17, 29)]
    assert _covered(x, first) == "In Nederland is een preventief uitreisverbod niet mogelijk"
    # The same phrase stands on page 21 too (a later version of the nota), in reading order.
    assert [m[0].page for m in found] == [17, 21]
    # A per-line find would miss it: no single line holds the phrase.
    assert not any("In Nederland is een preventief" in ln.text for p in x.pages for ln in p.lines)


def test_a_query_without_accents_finds_accented_words(sample_pdf: Path) -> None:
    x = load(sample_pdf)
    plain = find_in_pages(x.pages, "beinvloeding")
    accented = find_in_pages(x.pages, "beïnvloeding")
    assert plain and [m[0] for m in plain] == [m[0] for m in accented]
    assert {_covered(x, m).lower() for m in plain} == {"beïnvloeding"}
    assert _covered(x, find_in_pages(x.pages, "geintegreerd")[0]) == "geïntegreerd"
    # Offsets map back exactly past an accented letter earlier on the line.
    assert _covered(x, find_in_pages(x.pages, "Oekraine).")[0]) == "Oekraïne)."


def test_an_accented_query_needs_the_accent() -> None:
    lines = ["een idee en één idee"]
    found = SearchIndex([(1, lines)]).find("één")
    assert [span_text(lines, m) for m in found] == ["één"]
    assert len(SearchIndex([(1, lines)]).find("een")) == 2


def test_hyphenated_line_end_joins_the_word(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "hyphen.pdf",
        pages=[
            ["Wij vragen om meer infor-", "matie over de Noord-", "Holland regeling."],
            ["Op deze pagina staat informatie in een woord."],
        ],
    )
    x = load(path)
    found = find_in_pages(x.pages, "Informatie")
    assert [[(s.page, s.line) for s in m] for m in found] == [[(1, 0), (1, 1)], [(2, 0)]]
    assert _covered(x, found[0]) == "infor- matie"
    noord = find_in_pages(x.pages, "noord-holland regeling")
    assert [_covered(x, m) for m in noord] == ["Noord- Holland regeling"]
    # Matches never run from one page onto the next.
    assert find_in_pages(x.pages, "regeling. Op deze") == []


def test_whitespace_is_loose_but_words_must_match() -> None:
    lines = ["elke  vorm van", "discriminatie en racisme"]
    index = SearchIndex([(4, lines)])
    found = index.find("  vorm van discriminatie ")
    assert [[(s.page, s.line, s.start, s.end) for s in m] for m in found] == [
        [(4, 0, 6, 14), (4, 1, 0, 13)]
    ]
    assert index.find("vorm vandiscriminatie") == []
    assert index.find("   ") == []
    assert index.find("racisme en") == []


def test_the_index_finds_across_its_pages_again_and_again() -> None:
    index = SearchIndex([(1, ["een eerste pagina"]), (2, ["een tweede pagina"])])
    assert [m[0].page for m in index.find("pagina")] == [1, 2]
    assert [m[0].page for m in index.find("tweede")] == [2]
    assert [m[0].page for m in index.find("pagina")] == [1, 2]
