"""Which pages OCR reads under ``auto``: pages without a text layer that draw an image.

A page of vector drawings or a blank page has nothing for OCR to read; deciding that from
the content walk (rather than by rendering the page) keeps a file of many such pages — or of
pages sharing one heavy content stream — from costing a render each.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from raw_pdf import one_page, stream

from tui.core.document import open_document
from tui.core.ocr.need import needs_reading, pages_to_read

INLINE_IMAGE = b"q 500 0 0 700 40 60 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q\n"


def test_a_page_of_vector_drawings_is_not_read_by_ocr(tmp_path: Path) -> None:
    path = one_page(tmp_path / "drawing.pdf", b"1 0 0 RG 40 40 m 500 700 l S 60 60 200 100 re f\n")
    page = open_document(path).page(1)[0]
    assert not page.lines
    assert not needs_reading(page)
    assert pages_to_read([page], "auto") == []
    assert pages_to_read([page], "always") == [1]  # asked for, it is read all the same


def test_a_page_showing_an_inline_image_is_read_by_ocr(tmp_path: Path) -> None:
    page = open_document(one_page(tmp_path / "inline.pdf", INLINE_IMAGE)).page(1)[0]
    assert needs_reading(page)


def test_an_image_drawn_inside_a_form_is_seen(tmp_path: Path) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = writer._add_object(stream(b"\x00\xff\xff\x00", Type="/XObject", Subtype="/Image",
                                      Width=2, Height=2, ColorSpace="/DeviceGray",
                                      BitsPerComponent=8))
    form = stream(b"q 500 0 0 700 40 60 cm /Im1 Do Q\n", Type="/XObject", Subtype="/Form",
                  BBox=[0, 0, 595, 842])
    form[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): image})})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): writer._add_object(form)})})
    page[NameObject("/Contents")] = writer._add_object(stream(b"/Fm1 Do\n"))
    path = tmp_path / "form.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert needs_reading(open_document(path).page(1)[0])
