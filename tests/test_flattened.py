"""Comments burned into the page, without a summary: boxes, printed grounds, OCR codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf_fixtures import Redaction, make_pdf
from tools.pdfgen.document import REDACTED, PdfBuilder
from tui.core.document import load
from tui.core.model import Annotation, Extraction

YELLOW = (1.0, 0.82, 0.0)
GREY = (0.85, 0.85, 0.85)
WHITE = (1.0, 1.0, 1.0)


def _lines(x: Extraction, page: int = 1) -> list[str]:
    return [line.text for line in x.pages[page - 1].lines]


def _kinds(x: Extraction) -> list[str]:
    return [a.kind for a in x.annotations]


def _one(x: Extraction, kind: str) -> Annotation:
    (found,) = [a for a in x.annotations if a.kind == kind]
    return found


def _page(doc: PdfBuilder, lines: list[str]) -> int:
    page = doc.new_page()
    for index, line in enumerate(lines):
        doc.text(page, 70, 780 - 14 * index, line)
    return page


def _box(doc: PdfBuilder, phrase: str) -> tuple[float, float, float, float]:
    (box,) = doc.layout.find(phrase)
    return box[1:]


def test_coloured_boxes_under_words_are_highlights(tmp_path: Path) -> None:
    doc = PdfBuilder(title="flat")
    page = _page(doc, ["Het kabinet ziet dit als een belang-",
                       "rijke zaak voor de komende jaren.",
                       "Tijd Actie"])
    for box in doc.layout.find("een belang- rijke zaak"):
        doc.fill_box(page, box[1:], YELLOW, behind=True)
    # A shaded table header is not a reviewer's highlight.
    doc.fill_box(page, _box(doc, "Tijd Actie"), GREY, behind=True)
    x = load(doc.write(tmp_path / "flat.pdf"))
    highlight = _one(x, "highlight")
    assert highlight.quote == "een belangrijke zaak"
    assert highlight.color == "#ffd100"
    assert [(s.line, s.start, s.end) for s in highlight.spans] == [(0, 25, 36), (1, 0, 10)]
    assert highlight.anchor is not None and highlight.anchor.via == "quote"
    assert _kinds(x) == ["highlight"]
    assert x.document.source == "pdf"


def test_black_box_with_its_ground_printed_in_it(tmp_path: Path) -> None:
    doc = PdfBuilder(title="flat")
    page = _page(doc, [f"In de huidige versie zijn de landen {REDACTED} specifiek genoemd."])
    box = doc.layout.gaps(page)[0][1:]
    doc.fill_box(page, box)
    doc.text(page, box[0] + 8, box[1] + 2.5, "5.1.2a", size=6, colour=WHITE, record=False)
    x = load(doc.write(tmp_path / "flat.pdf"))
    # The code is the mark's, not the sentence's: the line reads as for a live redaction.
    assert _lines(x) == ["In de huidige versie zijn de landen █████ specifiek genoemd."]
    redaction = _one(x, "redaction")
    assert redaction.ground == "5.1.2a"
    assert [(s.start, s.end) for s in redaction.spans] == [(36, 41)]


@pytest.mark.parametrize("printed", ["5.1.2¢", "5.1.2€", "5.l.2e", "(5.1.2e)"])
def test_ground_printed_beside_the_box_with_ocr_confusions(tmp_path: Path, printed: str) -> None:
    doc = PdfBuilder(title="flat")
    page = _page(doc, [f"Contactpersoon: {REDACTED} {printed}", "Telefoon: 070 123 45 67"])
    doc.fill_box(page, doc.layout.gaps(page)[0][1:])
    x = load(doc.write(tmp_path / "flat.pdf"))
    assert _lines(x)[0] == "Contactpersoon: █████"
    assert _one(x, "redaction").ground == "5.1.2e"


def test_black_box_over_words_still_there_and_over_nothing(tmp_path: Path) -> None:
    doc = PdfBuilder(title="flat")
    page = _page(doc, ["Het bedrag is 12 miljoen euro per jaar.",
                       f"Overleg met {REDACTED} volgt."])
    doc.fill_box(page, _box(doc, "12 miljoen"))
    doc.fill_box(page, doc.layout.gaps(page)[0][1:])
    # A black rule under the letterhead is decoration, not a redaction.
    doc.fill_box(page, (70, 800, 400, 801.5))
    x = load(doc.write(tmp_path / "flat.pdf"))
    over_words, over_gap = x.annotations
    # Over words still present: they stay, the mark covers them (the reader blacks them out).
    assert _lines(x) == ["Het bedrag is 12 miljoen euro per jaar.", "Overleg met █████ volgt."]
    assert (over_words.kind, over_words.ground) == ("redaction", None)
    assert [(s.line, s.start, s.end) for s in over_words.spans] == [(0, 14, 24)]
    assert [(s.line, s.start, s.end) for s in over_gap.spans] == [(1, 12, 17)]


def test_codes_in_ocr_text_are_burned_in_redactions(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", pages=[[
        "From: 5.1.2e (EN a)",
        "Sent: Mon 9/14/2020 4:48:24 PM",
        "Dit valt onder artikel 5.1.2e van de Woo.",
    ]])
    x = load(pdf)
    (redaction,) = x.annotations
    assert (redaction.kind, redaction.ground) == ("redaction", "5.1.2e")
    assert _lines(x)[0] == "From: █████ (EN a)"
    assert [(s.line, s.start, s.end) for s in redaction.spans] == [(0, 6, 11)]
    # A code cited in a sentence is text.
    assert _lines(x)[2] == "Dit valt onder artikel 5.1.2e van de Woo."


def test_boxes_of_live_redactions_are_not_counted_twice(tmp_path: Path) -> None:
    doc_lines = [f"Overleg met {REDACTED} volgt.", "Dit blijft staan."]
    path = make_pdf(tmp_path / "live.pdf", pages=[doc_lines], annotations=[
        Redaction(phrase="Overleg met"),
    ])
    x = load(path)
    assert _kinds(x) == ["redaction"]
    assert x.annotations[0].subtype == "Redact"


VWS = "VWS-WOO-195461-FW_Noodverordening_regio_Haaglanden_20_september_2020.pdf"


@pytest.mark.parametrize(
    ("name", "grounds", "line"),
    [
        ("173783.pdf", ["5.1.2e", "5.1.2e"], "From: █████ 3 EREY (EN a)"),
        ("191220.pdf", [], None),
        (VWS, ["5.1.2e"], "█████"),
    ],
)
def test_real_woo_releases_give_their_burned_in_grounds(
    corpus: Path, name: str, grounds: list[str], line: str | None
) -> None:
    # Scans with an OCR text layer: the black boxes are in the image, the codes in the text
    # ("5.1.2¢" in two of them is OCR for 5.1.2e). 191220 prints no code.
    x = load(corpus / "woo" / name)
    assert [a.ground for a in x.annotations] == grounds
    assert {a.kind for a in x.annotations} <= {"redaction"}
    if line is not None:
        assert x.annotations[0].anchor is not None
        assert x.annotations[0].anchor.text == line
