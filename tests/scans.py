"""Scanned versions of PDFs for the OCR tests: every page rendered to an image (pypdfium2)
and wrapped in an image-only PDF with no text layer, as a scanner or "print to image" makes.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pypdfium2 as pdfium


def scan_pdf(source: Path, target: Path, dpi: int = 200, pages: Iterable[int] | None = None,
             turned: Mapping[int, int] | None = None, rotate: Mapping[int, int] | None = None,
             ) -> Path:
    """Write ``target``: ``source``'s pages (all, or the 1-based ``pages``) as RGB images at
    ``dpi``, nothing else.

    ``turned`` (page -> degrees clockwise) scans a page turned, as a sheet fed sideways or
    upside down; ``rotate`` (page -> degrees) gives a page a ``/Rotate`` entry (a scanner
    that turns the page for viewing, not the image).
    """
    turned, rotate = turned or {}, rotate or {}
    document = pdfium.PdfDocument(str(source))
    objects: list[bytes] = []
    page_ids: list[int] = []
    try:
        for index in [p - 1 for p in pages] if pages is not None else range(len(document)):
            page = document[index]
            width, height = page.get_width(), page.get_height()
            turn = turned.get(index + 1, 0)
            if turn in (90, 270):
                width, height = height, width
            bitmap = page.render(scale=dpi / 72, rotation=turn, rev_byteorder=True)
            row = bitmap.width * 3
            raw = bytes(bitmap.buffer)
            if bitmap.stride != row:
                raw = b"".join(raw[y * bitmap.stride : y * bitmap.stride + row]
                               for y in range(bitmap.height))
            page.close()
            image = zlib.compress(raw, 1)
            image_id = len(objects) + 3
            objects.append(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
                b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                % (bitmap.width, bitmap.height, len(image)) + image + b"\nendstream"
            )
            content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width, height)
            objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content
                           + b"\nendstream")
            page_ids.append(len(objects) + 3)
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R"
                b" /Rotate %d /Resources << /XObject << /Im0 %d 0 R >> >> >>"
                % (width, height, image_id + 1, rotate.get(index + 1, 0), image_id)
            )
    finally:
        document.close()
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    head = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))]
    _write(target, head + objects)
    return target


def _write(target: Path, objects: list[bytes]) -> None:
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    target.write_bytes(bytes(out))
