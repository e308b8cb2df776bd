"""Composite (Type0) fonts read by their CMap's codespace: one-byte, two-byte and mixed codes,
embedded or predefined; a font whose text cannot be decoded is reported, not silently lost.

pdf.js's issue13242.pdf (a Type0 font with an embedded ``OneByteIdentityH`` CMap) is not in
the shared corpus, so the fixtures below rebuild its case object by object.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.raw_pdf import one_page, stream
from tui.core.document import load
from tui.core.pdf.cmaps import CodeSpace, predefined
from tui.core.pdf.content_walk import extract_page_text

ONE_BYTE_IDENTITY = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /OneByteIdentityH def
/CMapType 1 def
1 begincodespacerange
<00> <ff>
endcodespacerange
1 begincidrange
<00> <ff> 0
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""

ONE_BYTE_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<00> <ff>
endcodespacerange
1 beginbfrange
<20> <7e> <0020>
endbfrange
endcmap
end
end"""


def _type0(encoding: object, to_unicode: bytes | None = None, widths: object = None) -> dict:
    cid_font = {"/Type": "/Font", "/Subtype": "/CIDFontType2", "/BaseFont": "/Mono",
                "/CIDSystemInfo": {"/Registry": "Adobe", "/Ordering": "Identity",
                                   "/Supplement": 0},
                "/DW": 600}
    if widths is not None:
        cid_font["/W"] = widths
    font = {"/Type": "/Font", "/Subtype": "/Type0", "/BaseFont": "/Mono",
            "/Encoding": encoding, "/DescendantFonts": [cid_font]}
    if to_unicode is not None:
        font["/ToUnicode"] = stream(to_unicode)
    return font


def test_one_byte_cmap_gives_the_text(tmp_path: Path) -> None:
    font = _type0(stream(ONE_BYTE_IDENTITY, Type="/CMap", CMapName="/OneByteIdentityH"),
                  ONE_BYTE_TO_UNICODE, widths=[72, [800]])  # "H" is wider than the rest
    path = one_page(tmp_path / "one-byte.pdf",
                    b"BT /F1 10 Tf 72 700 Td (Hello one-byte world) Tj ET", {"F1": font})
    warnings: list[str] = []
    page = extract_page_text(PdfReader(path), 0, warnings=warnings)
    assert [line.text for line in page.lines] == ["Hello one-byte world"]
    glyphs = page.lines[0].glyphs
    assert abs(glyphs[1].x0 - (72 + 8.0)) < 0.01  # widths by CID: "H" 800, the rest 600
    assert abs(glyphs[2].x0 - (72 + 8.0 + 6.0)) < 0.01
    assert warnings == []


def test_word_spacing_applies_to_a_one_byte_space(tmp_path: Path) -> None:
    font = _type0(stream(ONE_BYTE_IDENTITY), ONE_BYTE_TO_UNICODE)
    path = one_page(tmp_path / "tw.pdf", b"BT /F1 10 Tf 5 Tw 72 700 Td (a b) Tj ET",
                    {"F1": font})
    glyphs = extract_page_text(PdfReader(path), 0).lines[0].glyphs
    assert abs(glyphs[2].x0 - (72 + 6 + 6 + 5)) < 0.01


def test_predefined_shift_jis_mixes_one_and_two_byte_codes(tmp_path: Path) -> None:
    # 90ms-RKSJ-H: ASCII in one byte, kanji in two; no /ToUnicode, so the text comes from the
    # CMap's own encoding.
    shown = "Nota 日本語 ok".encode("cp932")
    path = one_page(tmp_path / "sjis.pdf",
                    b"BT /F1 10 Tf 72 700 Td <" + shown.hex().encode() + b"> Tj ET",
                    {"F1": _type0("/90ms-RKSJ-H")})
    page = extract_page_text(PdfReader(path), 0)
    assert [line.text for line in page.lines] == ["Nota 日本語 ok"]


def test_codespace_split() -> None:
    assert CodeSpace(((0, 0xFF, 1),)).split(b"AB") == [0x41, 0x42]
    assert CodeSpace().split(b"\x00A\x00B") == [0x41, 0x42]
    sjis = predefined("90ms-RKSJ-H").codespace
    assert sjis.split("a日".encode("cp932")) == [0x61, int.from_bytes("日".encode("cp932"))]
    utf16 = predefined("UniJIS-UTF16-H").codespace
    assert utf16.split("😀x".encode("utf-16-be")) == [0xD83DDE00, 0x78]


def test_undecodable_font_is_a_warning(tmp_path: Path) -> None:
    # Glyph names that say nothing and no /ToUnicode: the text cannot be known.
    font = {"/Type": "/Font", "/Subtype": "/TrueType", "/BaseFont": "/ABCDEF+Secret",
            "/FirstChar": 65, "/LastChar": 67, "/Widths": [500, 500, 500],
            "/Encoding": {"/Type": "/Encoding", "/Differences": [65, "/g17", "/g18", "/g19"]}}
    path = one_page(tmp_path / "secret.pdf",
                    b"BT /F1 10 Tf 72 700 Td (ABCABC) Tj /F2 10 Tf 0 -14 Td (Leesbaar) Tj ET",
                    {"F1": font, "F2": {"/Type": "/Font", "/Subtype": "/Type1",
                                        "/BaseFont": "/Helvetica"}})
    extraction = load(path)
    assert [line.text for line in extraction.pages[0].lines] == ["Leesbaar"]
    assert extraction.warnings == [
        "page 1: text in font ABCDEF+Secret cannot be decoded (6 of 6 characters left out)"
    ]
    done = subprocess.run([sys.executable, "-m", "tui", "extract", str(path)],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["warnings"] == extraction.warnings
