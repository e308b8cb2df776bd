"""The small PDF writer: text that readers get back, exact quads, real annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

from tests.pdf_fixtures import FreeText, Highlight, Ink, Note, Redaction, Reply, make_pdf
from tools.pdfgen.bulk import generated_document
from tools.pdfgen.document import REDACTED, PdfAnnot, PdfBuilder, pdf_date

DUTCH = "Oekraïne ë ï é ö ü € – ‘enkel’ “dubbel” financiële beïnvloeding"


def _annots(path: Path, page: int = 0) -> list[Any]:
    return [a.get_object() for a in PdfReader(path).pages[page].get("/Annots", [])]


def _by_subtype(path: Path, subtype: str) -> list[Any]:
    return [a for a in _annots(path) if a["/Subtype"] == subtype]


def _text_under(path: Path, quads: list[float]) -> str:
    """Characters whose centre lies inside a quad, found via pypdf's text visitor.

    Only valid for our own left-aligned single-Tj lines: the visitor gives each line's
    start, and the character widths come from the font's /Widths array in the file.
    """
    reader = PdfReader(path)
    page = reader.pages[0]
    font = page["/Resources"]["/Font"]["/F1"]
    widths, first = font["/Widths"], font["/FirstChar"]
    picked: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font_dict: Any, size: float) -> None:
        x, y = tm[4], tm[5]
        for char in text:
            code = char.encode("cp1252")[0] if char.strip() else 32
            advance = widths[code - first] * size / 1000
            cx, cy = x + advance / 2, y + 0.3 * size
            for i in range(0, len(quads), 8):
                q = quads[i:i + 8]
                if q[0] <= cx <= q[2] and q[5] <= cy <= q[1]:
                    picked.append(char)
            x += advance

    page.extract_text(visitor_text=visit)
    return "".join(picked)


def test_dutch_text_survives_extraction(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "nl.pdf", pages=[[DUTCH, "tweede regel"]])
    text = PdfReader(path).pages[0].extract_text()
    assert DUTCH in text
    assert "tweede regel" in text


def test_fonts_carry_widths_from_the_core_metrics(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "w.pdf", pages=[["x"]])
    font = PdfReader(path).pages[0]["/Resources"]["/Font"]["/F1"]
    assert font["/Encoding"] == "/WinAnsiEncoding"
    assert (font["/FirstChar"], font["/LastChar"]) == (32, 255)
    metrics = CORE_FONT_METRICS["Helvetica"].character_widths
    for char in "aW€ë–":
        code = char.encode("cp1252")[0]
        assert font["/Widths"][code - 32] == metrics[char]


def test_highlight_quads_cover_exactly_the_phrase_across_a_line_break(tmp_path: Path) -> None:
    lines = ["In Nederland is een preventief", "uitreisverbod niet mogelijk (wel in Zweden)."]
    phrase = "preventief uitreisverbod niet mogelijk"
    path = make_pdf(tmp_path / "h.pdf", pages=[lines], annotations=[Highlight(phrase=phrase)])
    (annot,) = _by_subtype(path, "/Highlight")
    quads = [float(v) for v in annot["/QuadPoints"]]
    assert len(quads) == 16  # one quad per line
    # Acrobat's order: top-left, top-right, bottom-left, bottom-right.
    assert quads[1] == quads[3] > quads[5] == quads[7]
    assert quads[0] == quads[4] < quads[2] == quads[6]
    assert _text_under(path, quads).replace(" ", "") == phrase.replace(" ", "")
    rect = [float(v) for v in annot["/Rect"]]
    assert rect == [min(quads[0::2]), min(quads[1::2]), max(quads[0::2]), max(quads[1::2])]


def test_annotation_metadata(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "m.pdf", pages=[["regel een"]],
                    annotations=[Highlight(phrase="een", contents="waarom?", name="h1")])
    (annot,) = _annots(path)
    assert annot["/NM"] == "h1"
    assert annot["/T"] == "Tester"
    assert annot["/M"] == annot["/CreationDate"] == "D:20250207124835+01'00'"
    assert annot["/F"] == 4 and annot["/Contents"] == "waarom?"
    assert list(annot["/C"]) == [1, 0.82, 0]


def test_every_kind_of_annotation_is_written(tmp_path: Path) -> None:
    specs = [
        Highlight(phrase="line 2", contents="why?", name="h1"),
        FreeText(beside="line 1", text="Welke dan?"),
        Note(beside="line 2", text="Lakken op grond van Financiële belangen"),
        Redaction(phrase="1", overlay="5.1.2e"),
        Reply(to="h1", text="Omdat."),
        Ink(strokes=[[(100, 700), (150, 720)], [(100, 690), (160, 690)]]),
        Highlight(phrase="line", kind="Underline"),
        Highlight(phrase="2", kind="StrikeOut"),
        Highlight(phrase="line 1", kind="Squiggly"),
    ]
    path = make_pdf(tmp_path / "all.pdf", pages=[["line 1", "line 2"]], annotations=specs)
    annots = _annots(path)
    kinds = sorted(str(a["/Subtype"]) for a in annots)
    assert kinds == sorted(["/Highlight", "/FreeText", "/Text", "/Popup", "/Redact", "/Text",
                            "/Ink", "/Underline", "/StrikeOut", "/Squiggly"])
    (note,) = [a for a in annots if a.get("/Contents", "").startswith("Lakken")]
    assert note["/Contents"] == "Lakken op grond van Financiële belangen"
    assert note["/Popup"].get_object()["/Parent"].get_object()["/NM"] == note["/NM"]
    (reply,) = [a for a in annots if "/IRT" in a]
    assert reply["/IRT"].get_object()["/NM"] == "h1" and reply["/RT"] == "/R"
    (ink,) = _by_subtype(path, "/Ink")
    first_stroke = ink["/InkList"][0]
    assert [float(v) for v in first_stroke] == [100, 700, 150, 720]
    (redact,) = _by_subtype(path, "/Redact")
    assert redact["/OverlayText"] == "5.1.2e"
    assert len({a["/NM"] for a in annots if "/NM" in a}) == len(annots) - 1  # popup has none


def test_output_is_byte_identical_for_the_same_input(tmp_path: Path) -> None:
    spec = [Highlight(phrase="b"), Note(beside="a", text="ë")]
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    one = make_pdf(tmp_path / "1" / "x.pdf", pages=[["a", "b"]], annotations=spec).read_bytes()
    two = make_pdf(tmp_path / "2" / "x.pdf", pages=[["a", "b"]], annotations=spec).read_bytes()
    assert one == two


def test_redacted_gap_is_one_tj_line_with_a_box(tmp_path: Path) -> None:
    doc = PdfBuilder()
    page = doc.new_page()
    line = doc.text(page, 70, 700, f"Onze referentie 2024-{REDACTED} hier", gap=40)
    (gap,) = doc.layout.gaps(page)
    before = doc.text(page, 70, 680, "Onze referentie 2024-").width
    assert gap[1] == pytest.approx(70 + before, abs=0.01)
    assert gap[3] - gap[1] == pytest.approx(40)
    assert doc.layout.find("hier")[0][1] > gap[3]
    assert line.text == "Onze referentie 2024-  hier"  # the gap is one space in the layout
    path = doc.write(tmp_path / "gap.pdf")
    content = PdfReader(path).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert b"[(Onze referentie 2024-) -4000 ( hier)] TJ" in content


def test_pdf_dates_use_dutch_offsets() -> None:
    assert pdf_date("7-2-2025 12:48:35") == "D:20250207124835+01'00'"
    assert pdf_date("15-10-2024 10:30:00") == "D:20241015103000+02'00'"
    assert pdf_date("Onbepaald") is None


def test_outline_and_info(tmp_path: Path) -> None:
    doc = PdfBuilder(title="Nota's")
    doc.outline("1. Voortgang", doc.new_page())
    doc.annotate(PdfAnnot("Square", 1, rect=(10, 10, 50, 50), interior=(1, 0, 0)))
    doc.annotate(PdfAnnot("Caret", 1, rect=(60, 10, 70, 20)))
    reader = PdfReader(doc.write(tmp_path / "o.pdf"))
    assert reader.metadata is not None and reader.metadata.title == "Nota's"
    assert [item.title for item in reader.outline] == ["1. Voortgang"]  # type: ignore[union-attr]


def test_generated_benchmark_document(tmp_path: Path) -> None:
    path = generated_document(3).write(tmp_path / "gen.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 3
    subtypes = [a.get_object()["/Subtype"] for p in reader.pages for a in p["/Annots"]]
    assert subtypes.count("/Highlight") == 9 and subtypes.count("/Redact") == 3
