"""Broken files whose repair must stay bounded by the file: a cross-reference table that has
to be rebuilt in front of a 5 MB string or 20,000 annotation dictionaries (pypdf parses every
object to rebuild it), a table whose offsets all point a little wrong (pypdf searched the whole
file once per object), and a page with little text that draws a form drawing itself (the OCR
renderer met the same endless drawing). Each is read with warnings, never a traceback; the
work is asserted by what was parsed, not by time."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from tests.fuzz.structures import Base, Update, base_of
from tests.raw_pdf import one_page
from tui.core.document import load
from tui.core.pdf import recovery
from tui.core.pdf.reader import BoundedReader

FIRST = b"BT /F1 10 Tf 72 700 Td (Eerste pagina met genoeg tekst voor de tekstlaag) Tj ET"


def _base(tmp_path: Path) -> Base:
    base = base_of(one_page(tmp_path / "source.pdf", FIRST))
    assert base is not None
    return base


def _page(update: Update, pages: int, text: bytes, annots: bytes = b"") -> bytes:
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    content = b"BT /F1 10 Tf 72 700 Td (%s) Tj ET" % text
    return update.page(pages, update.stream(content), resources, annots)


def _pointing_nowhere(data: bytes) -> bytes:
    return data[: data.rfind(b"startxref")] + b"startxref\n1\n%%EOF\n"


def _huge_comment(tmp_path: Path) -> bytes:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    annots = b"[%s]" % update.put(b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] "
                                  b"/Contents (%s) >>" % (b"Lang " * 1_000_000))
    return update.finish(pages, [_page(update, pages, b"Lange opmerking", annots)], 1)


def test_a_rebuilt_table_parses_only_object_streams(tmp_path: Path) -> None:
    data = _pointing_nowhere(_huge_comment(tmp_path))
    reader = BoundedReader(io.BytesIO(data), strict=False)
    rebuilt = recovery.rebuild(reader, io.BytesIO(data))
    assert rebuilt.parsed == 0  # the 5 MB string is found, not read
    assert len(rebuilt.xref[0]) >= 5 and "/Root" in rebuilt.trailer


def test_a_5_mb_comment_behind_a_broken_table_is_read_as_null(tmp_path: Path) -> None:
    path = tmp_path / "crafted.pdf"
    path.write_bytes(_pointing_nowhere(_huge_comment(tmp_path)))
    extraction = load(path)
    assert [line.text for line in extraction.pages[0].lines] == ["Lange opmerking"]
    assert any("is 5 MB of data that is not a stream; read as null" in w
               for w in extraction.warnings)
    assert any("startxref" in w for w in extraction.warnings)


def test_10000_annotations_behind_a_broken_table_through_the_command(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    annots = b"[%s]" % b" ".join(
        b"<< /Subtype /Square /Rect [%d 10 %d 20] /Contents (Vak %d) >>" % (i % 500, i % 500 + 5,
                                                                         i)
        for i in range(10_000))
    path = tmp_path / "crafted.pdf"
    path.write_bytes(_pointing_nowhere(update.finish(
        pages, [_page(update, pages, b"Vol opmerkingen", annots)], 1)))
    run = subprocess.run([sys.executable, "-m", "tui", "extract", "--quiet", str(path)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    document = json.loads(run.stdout)
    assert len(document["annotations"]) == 10_000


def test_shifted_offsets_are_found_in_one_index(tmp_path: Path) -> None:
    # 2,000 reply objects, every offset 3,000 bytes off: each object is found again through
    # one index of the file's headers (pypdf searched the whole file for each of them).
    update = Update(_base(tmp_path))
    pages, page = update.reserve(), update.reserve()
    numbers = [update.reserve() for _ in range(2_000)]
    for index, number in enumerate(numbers):
        update.objects[number] = (b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] "
                                  b"/Contents (Antwoord %d) /P %d 0 R >>" % (index, page))
    annots = b"[%s]" % b" ".join(b"%d 0 R" % n for n in numbers)
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (Een draad) Tj ET")
    update.page(pages, content, resources, annots, page)
    data = update.finish(pages, [b"%d 0 R" % page], 1)
    at = data.find(b"\n", 9) + 1
    shifted = data[:at] + b"%" + b"x" * 3_000 + b"\n" + data[at:]
    path = tmp_path / "crafted.pdf"
    path.write_bytes(shifted)
    extraction = load(path)
    assert len([a for a in extraction.annotations if a.kind == "note"]) == 2_000
    assert [line.text for line in extraction.pages[0].lines] == ["Een draad"]


def test_a_page_that_draws_itself_is_not_given_to_ocr(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    font = update.font()
    form = update.reserve()
    body = b"BT /F1 6 Tf 0 0 Td (x) Tj ET" + b" /X Do" * 10
    update.objects[form] = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 %s >>"
        b" /XObject << /X %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
        % (font, form, len(body), body))
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (Boven) Tj ET /X Do")
    resources = b"<< /Font << /F1 %s >> /XObject << /X %d 0 R >> >>" % (font, form)
    path = tmp_path / "crafted.pdf"
    path.write_bytes(update.finish(pages, [update.page(pages, content, resources)], 1))
    extraction = load(path)  # OCR "auto": the page holds too little text to count
    assert [line.text for line in extraction.pages[0].lines] == ["Boven", "x"]
    assert extraction.warnings == ["page 1: a Form XObject that draws itself; skipped"]
