"""Crafted PDFs: absurd coordinates and sizes, decompression bombs, endless content and form
fan-outs, files of zeros. Each is read (or refused) with a warning or one line, never a
traceback, and what can be read still comes out."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

from tests.raw_pdf import one_page, stream
from tui.core.document import load
from tui.core.pdf.content_walk import MAX_FORMS, MAX_OPERATIONS, extract_page_text

LINES = [f"Regel {i} van de nota over de actieagenda" for i in range(6)]


def _lines_with(tmp_path: Path, x: str) -> Path:
    """Six lines; the fourth is placed at ``x`` (as written in the content stream)."""
    content = b"BT /F1 10 Tf"
    for i, line in enumerate(LINES):
        content += f" 1 0 0 1 {x if i == 3 else 70} {700 - 14 * i} Tm ({line}) Tj".encode()
    return one_page(tmp_path / "far.pdf", content + b" ET")


def _texts(path: Path) -> tuple[list[str], list[str]]:
    extraction = load(path)
    return [line.text for line in extraction.pages[0].lines], extraction.warnings


@pytest.mark.parametrize("x", ["20000000", "-20000000", "100000000000", "1" + "0" * 20,
                               "9" * 400])
def test_text_far_off_the_page_is_left_out_with_a_warning(tmp_path: Path, x: str) -> None:
    texts, warnings = _texts(_lines_with(tmp_path, x))
    assert texts == LINES[:3] + LINES[4:]
    assert warnings[-1] == "page 1: 39 characters far off the page left out"
    # A number no page could hold is named: the line was placed nowhere.
    assert all("far off the page" in w or "number out of range" in w for w in warnings)


def test_an_absurd_page_size_is_taken_for_a4(tmp_path: Path) -> None:
    path = one_page(tmp_path / "size.pdf", b"BT /F1 10 Tf 70 700 Td (Tekst) Tj ET")
    data = path.read_bytes().replace(b"/MediaBox [ 0.0 0.0 595 842 ]",
                                     b"/MediaBox [ 0 0 1" + b"0" * 30 + b" 842 ]")
    assert data != path.read_bytes()
    path.write_bytes(data)
    page = extract_page_text(PdfReader(path), 0, warnings=(warnings := []))
    assert (page.width, page.height) == (595.0, 842.0)
    assert [line.text for line in page.lines] == ["Tekst"]
    assert any("A4 assumed" in w for w in warnings)


def test_a_decompression_bomb_is_stopped(tmp_path: Path) -> None:
    # 30 MB of path operators in 30 kB: reading stops at the 16 MB stream limit, the page's
    # other content stream still gives its text.
    bomb = StreamObject()
    bomb._data = zlib.compress(b"0 0 m " * 5_000_000, 9)
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    path = one_page(tmp_path / "bomb.pdf", b"BT /F1 10 Tf 70 700 Td (Leesbaar) Tj ET")
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    page[NameObject("/Contents")] = writer._add_object(
        ArrayObject([page["/Contents"], writer._add_object(bomb)])
    )
    bombed = tmp_path / "bombed.pdf"
    writer.write(bombed)
    texts, warnings = _texts(bombed)
    assert texts == ["Leesbaar"] or texts == []
    assert any("content stream" in w or "Limit" in w or "skipped" in w for w in warnings)


def test_endless_content_is_cut_at_the_operator_limit(tmp_path: Path) -> None:
    content = b"BT /F1 10 Tf 70 700 Td (Eerste regel) Tj ET " + b"0 0 m " * (MAX_OPERATIONS + 10)
    content += b"BT /F1 10 Tf 70 600 Td (Na de grens) Tj ET"
    texts, warnings = _texts(one_page(tmp_path / "long.pdf", content))
    assert texts == ["Eerste regel"]
    # Normally the operator limit; on a machine slow enough, the time limit comes first. The
    # time counts from the first operator, so the text drawn before the cut always stays.
    [warning] = warnings
    assert warning.startswith("page 1: ") and warning.endswith("; the rest of the page is skipped")


def test_forms_drawing_forms_are_cut_at_the_form_limit(tmp_path: Path) -> None:
    # Each form draws the next one ten times, eight deep: 10^8 drawings if nothing stopped it.
    path = one_page(tmp_path / "forms.pdf", b"BT /F1 10 Tf 70 700 Td (Boven) Tj ET /X0 Do")
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    fonts = page["/Resources"]["/Font"]
    inner = None
    for _ in range(9):
        body = b"BT /F1 6 Tf 0 0 Td (x) Tj ET" if inner is None else b"/X Do " * 10
        form = stream(body, Type="/XObject", Subtype="/Form", BBox=[0, 0, 10, 10])
        resources = {"/Font": fonts}
        if inner is not None:
            resources["/XObject"] = DictionaryObject({NameObject("/X"): inner})
        form[NameObject("/Resources")] = DictionaryObject(
            {NameObject(k): v for k, v in resources.items()})
        form[NameObject("/Matrix")] = ArrayObject([FloatObject(v) for v in (1, 0, 0, 1, 0, 0)])
        inner = writer._add_object(form)
    page["/Resources"][NameObject("/XObject")] = DictionaryObject({NameObject("/X0"): inner})
    crafted = tmp_path / "crafted.pdf"
    writer.write(crafted)
    texts, warnings = _texts(crafted)
    assert texts[0] == "Boven"
    # The form limit, or on a machine slow enough the time limit: either way the page is cut
    # (once) and what was drawn before stays.
    [cut] = [w for w in warnings if w.endswith("; the rest of the page is skipped")]
    assert f"over {MAX_FORMS} Form XObjects drawn" in cut or "over 3 s" in cut, warnings


def test_zeros_and_junk_are_refused_by_their_header(tmp_path: Path) -> None:
    zeros = tmp_path / "zeros.pdf"
    with zeros.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: no disk used, 200 MB to read if one tried
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(bytes(range(256)) * 4000)
    for path in (zeros, junk):
        done = subprocess.run([sys.executable, "-m", "tui", "extract", str(path)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        assert done.stderr == f"kantlijn: {path}: not a PDF\n"
        assert done.stdout == ""


def test_extract_output_stays_strict_json(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "extract", "--pages",
                           str(_lines_with(tmp_path, "9" * 400))],
                          capture_output=True, text=True, check=True)
    json.loads(done.stdout, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))


def test_annotation_positions_far_off_the_page_are_left_out(tmp_path: Path) -> None:
    far = 10.0**20
    path = one_page(tmp_path / "annots.pdf", b"BT /F1 10 Tf 70 700 Td (Tekst) Tj ET", annotations=[
        {"/Subtype": "/Highlight", "/Rect": [70, 695, 100, 712], "/NM": "hl",
         "/QuadPoints": [70, 710, 100, 710, 70, 697, 100, 697, far, 0, 0, 0, 0, 0, 0, 0]},
        {"/Subtype": "/Text", "/Rect": [far, 700, far, 718], "/Contents": "Ver weg", "/NM": "nt"},
    ])
    extraction = load(path)
    by_id = {a.id: a for a in extraction.annotations}
    assert by_id["hl"].quote == "Tekst" and len(by_id["hl"].quads) == 1
    assert by_id["nt"].rect is None and by_id["nt"].contents == "Ver weg"
    assert extraction.warnings == [
        "page 1: annotation 1: a position far off the page left out",
        "page 1: annotation 2: a position far off the page left out",
    ]
