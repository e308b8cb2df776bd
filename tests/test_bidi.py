"""Right-to-left text comes out in the order it is read, on pages drawn the way PDF writers
draw it: glyphs placed left to right in visual order, a /ToUnicode map giving Hebrew letters.

The shared corpus has no right-to-left document, so the font and the pages are built here:
a one-byte font whose codes 0xE0-0xFA are the Hebrew letters (as in Windows-1255).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.raw_pdf import one_page, stream
from tui.core.anchoring.quotes import quote_for
from tui.core.model import Glyph
from tui.core.pdf.bidi import logical_order
from tui.core.pdf.content_walk import extract_page_text

HEBREW_TO_UNICODE = b"""begincmap
1 begincodespacerange <00> <ff> endcodespacerange
2 beginbfrange
<20> <7e> <0020>
<e0> <fa> <05d0>
endbfrange
endcmap"""
FONT = {"/Type": "/Font", "/Subtype": "/TrueType", "/BaseFont": "/Hebrew",
        "/FirstChar": 32, "/LastChar": 250, "/Widths": [500] * 219,
        "/ToUnicode": stream(HEBREW_TO_UNICODE)}


def _drawn(tmp_path: Path, visual: list[str]) -> list[str]:
    """The lines read from a page that draws each of ``visual`` left to right."""
    content = b"BT /F1 10 Tf"
    for index, line in enumerate(visual):
        shown = line.encode("cp1255").replace(b"(", b"\\(").replace(b")", b"\\)")
        content += f" 1 0 0 1 72 {700 - 14 * index} Tm (".encode() + shown + b") Tj"
    path = one_page(tmp_path / "hebrew.pdf", content + b" ET", {"F1": FONT})
    return [line.text for line in extract_page_text(PdfReader(path), 0).lines]


@pytest.mark.parametrize(("visual", "logical"), [
    ("םלוע םולש", "שלום עולם"),                       # "hello world": starts with shin
    ("לקש 120 ריחמ", "מחיר 120 שקל"),                 # a number stays left to right
    ("דואמ Python בהוא ינא", "אני אוהב Python מאוד"),  # so does a Latin word
    ("The word םולש means peace", "The word שלום means peace"),  # and Latin text around
    ("(םולש) תורעה", "הערות (שלום)"),                  # brackets take their logical shape
])
def test_right_to_left_lines_read_in_logical_order(
    tmp_path: Path, visual: str, logical: str
) -> None:
    assert _drawn(tmp_path, [visual]) == [logical]


def test_left_to_right_lines_are_untouched(tmp_path: Path) -> None:
    assert _drawn(tmp_path, ["Nota (concept) 2024"]) == ["Nota (concept) 2024"]


def test_a_highlight_quotes_the_word_in_reading_order(tmp_path: Path) -> None:
    # The second word in reading order ("עולם") is drawn at the left: characters 0-3.
    path = one_page(tmp_path / "hebrew.pdf",
                    b"BT /F1 10 Tf 72 700 Td (" + "םלוע םולש".encode("cp1255") + b") Tj ET",
                    {"F1": FONT})
    page = extract_page_text(PdfReader(path), 0)
    quad = (71, 709, 72 + 4 * 5 + 0.5, 709, 71, 697, 72 + 4 * 5 + 0.5, 697)
    text, spans = quote_for(page, [quad])
    assert text == "עולם"
    assert page.lines[0].text[spans[0].start : spans[0].end] == "עולם"


def test_glyph_boxes_travel_with_their_characters() -> None:
    glyphs = [Glyph(char, 10.0 * i, 0.0, 10.0 * i + 10, 10.0) for i, char in enumerate("בא")]
    ordered = logical_order(glyphs)
    assert [(g.char, g.x0) for g in ordered] == [("א", 10.0), ("ב", 0.0)]
