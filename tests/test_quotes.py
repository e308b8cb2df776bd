"""The quote under markup annotations: pdfannots' own expectations on real PDFs, and
generated notes (phrases across line breaks, hyphenation, Dutch characters)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from tests.conftest import CORPUS
from tools.pdfgen.document import PdfAnnot, PdfBuilder, quad
from tui.core.anchoring.quotes import quote_for
from tui.core.model import Span
from tui.core.pdf.content_walk import extract_page_text
from tui.core.pdf.fonts import FontCache

EXPECTED = CORPUS / "pdfannots_expected.json"
#: The subtypes pdfannots extracts (its expected lists count only these).
PDFANNOTS_SUBTYPES = {"Text", "Highlight", "Squiggly", "StrikeOut", "Underline", "Caret",
                      "Square", "FreeText"}
#: The typography pdfannots replaces in its quotes; ours keep the document's characters, so
#: they are compared through the same replacement.
PDFANNOTS_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
    "\u00ad": "-",
})


def _expected_files() -> list[str]:
    if not EXPECTED.is_file():
        return []
    return sorted(json.loads(EXPECTED.read_text())["files"])


def _candidates(path: Path, join_hyphens: bool) -> list[dict[str, Any]]:
    """Every annotation pdfannots would list, with our quote, in (page, reading) order."""
    reader = PdfReader(path, strict=False)
    fonts = FontCache()
    found = []
    for index, page in enumerate(reader.pages):
        text = extract_page_text(reader, index, fonts)
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if not isinstance(annot, DictionaryObject):
                continue
            subtype = str(annot.get("/Subtype", ""))[1:]
            if subtype not in PDFANNOTS_SUBTYPES:
                continue
            points = [float(v) for v in annot.get("/QuadPoints", [])]
            quads = [points[i : i + 8] for i in range(0, len(points) - 7, 8)]
            rect_values = annot["/Rect"]
            assert isinstance(rect_values, ArrayObject)
            rect = tuple(float(v) for v in rect_values)
            quote, spans = quote_for(text, quads, rect, join_hyphens=join_hyphens)  # type: ignore[arg-type]
            found.append({
                "page": index, "subtype": subtype, "quote": quote,
                "position": (spans[0].line, spans[0].start) if spans else (1 << 30, 0),
                "group_child": "/IRT" in annot,
            })
    found.sort(key=lambda c: (c["page"], c["position"]))
    return found


@pytest.mark.parametrize("name", _expected_files())
def test_quotes_match_pdfannots(corpus: Path, name: str) -> None:
    spec = json.loads(EXPECTED.read_text())["files"][name]
    join = bool(spec.get("options", {}).get("text_remove_hyphens", False))
    candidates = _candidates(corpus / "pdfannots" / name, join)
    wanted = [a for a in spec["annotations"] if a.get("text") is not None]
    if not wanted:
        pytest.skip("no quotes expected in this file")
    got, expected = [], []
    for annotation in wanted:
        # The k-th expected annotation of a subtype is the k-th of that subtype in our
        # reading order, so a wrong column order fails here too.
        match = next(
            c for c in candidates
            if c["subtype"] == annotation["subtype"]
            and c["page"] == annotation.get("page", c["page"])
            and ("is_group_child" not in annotation
                 or c["group_child"] == annotation["is_group_child"])
        )
        candidates.remove(match)
        got.append(match["quote"].translate(PDFANNOTS_TYPOGRAPHY))
        expected.append(annotation["text"])
    assert got == expected


# Generated notes -------------------------------------------------------------------------

def _write(doc: PdfBuilder, tmp_path: Path) -> PdfReader:
    return PdfReader(doc.write(tmp_path / "nota.pdf"))


def _quads(boxes: list[tuple[int, float, float, float, float]]) -> list[Any]:
    return [quad(box) for box in boxes]


def test_quote_keeps_the_documents_own_characters(corpus: Path) -> None:
    # hotos17.pdf page 1: pdfannots prints straight quotes; the document has curly ones.
    quotes = [c["quote"] for c in _candidates(corpus / "pdfannots" / "hotos17.pdf", True)]
    assert ("TSX launched with “Haswell” in 2013 but was later disabled due to a bug. "
            "“Broadwell” CPUs with the bug fix shipped in late 2014.") in quotes


def test_phrase_across_a_line_break_with_dutch_characters(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    text = ("Het kabinet vraagt om één geïntegreerde aanpak van de financiële middelen voor "
            "beïnvloeding, zodat gemeenten en nieuwkomers weten waar zij aan toe zijn.")
    doc.paragraph(page, text, x=70, y=760, width=200)
    phrase = "financiële middelen voor beïnvloeding, zodat gemeenten"
    boxes = doc.layout.find(phrase)
    assert len(boxes) > 1, "the phrase should wrap"
    reader = _write(doc, tmp_path)
    quote, spans = quote_for(extract_page_text(reader, 0), _quads(boxes))
    assert quote == phrase
    assert len(spans) == len(boxes)


def test_spans_point_at_exactly_the_marked_characters(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    doc.text(page, 70, 700, "Zie de nota over één loket.")
    boxes = doc.layout.find("één loket")
    page_text = extract_page_text(_write(doc, tmp_path), 0)
    quote, spans = quote_for(page_text, _quads(boxes))
    assert quote == "één loket"
    assert spans == [Span(1, 0, 17, 26)]
    assert page_text.lines[0].text[17:26] == "één loket"


def test_hyphenated_word_is_joined(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    doc.text(page, 70, 700, "Wij vragen meer infor-")
    doc.text(page, 70, 687, "matie over de aanpak.")
    boxes = doc.layout.find("infor-") + doc.layout.find("matie over")
    page_text = extract_page_text(_write(doc, tmp_path), 0)
    assert quote_for(page_text, _quads(boxes))[0] == "informatie over"
    kept = quote_for(page_text, _quads(boxes), join_hyphens=False)[0]
    assert kept == "infor- matie over"


def test_quote_from_rect_when_there_are_no_quads(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    doc.text(page, 70, 700, "Het besluit is genomen.")
    _, x0, y0, x1, y1 = doc.layout.find("besluit")[0]
    doc.annotate(PdfAnnot("Highlight", page, rect=(x0, y0, x1, y1)))
    page_text = extract_page_text(_write(doc, tmp_path), 0)
    assert quote_for(page_text, [], (x0, y0, x1, y1))[0] == "besluit"


def test_quad_corner_order_does_not_matter(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    doc.text(page, 70, 700, "Advies: akkoord gaan met het voorstel.")
    _, x0, y0, x1, y1 = doc.layout.find("akkoord gaan")[0]
    page_text = extract_page_text(_write(doc, tmp_path), 0)
    acrobat = (x0, y1, x1, y1, x0, y0, x1, y0)
    clockwise = (x0, y0, x1, y0, x1, y1, x0, y1)
    assert quote_for(page_text, [acrobat])[0] == "akkoord gaan"
    assert quote_for(page_text, [clockwise])[0] == "akkoord gaan"


def test_nothing_under_the_quad_gives_an_empty_quote(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    doc.text(page, 70, 700, "Tekst.")
    page_text = extract_page_text(_write(doc, tmp_path), 0)
    assert quote_for(page_text, [(300, 300, 400, 300, 300, 280, 400, 280)]) == ("", [])
