"""A hostile PDF for the reader: one page object listed many times in the page tree.

Written byte by byte (pypdf would not write such a tree): the file is small, yet a reader
that lays out every page it lists does the same work ``copies`` times.
"""

from __future__ import annotations

from pathlib import Path

LINES = 40
"""Lines of text on the one page (a page of a memo)."""


def _content() -> bytes:
    rows = [b"BT /F1 10 Tf 72 %d Td (Regel %d van de pagina die telkens terugkomt in de boom) "
            b"Tj ET" % (760 - 18 * i, i + 1) for i in range(LINES)]
    return b"\n".join(rows)


def write_amplified(path: Path, copies: int) -> Path:
    """Write a PDF whose page tree lists one page ``copies`` times (with one comment on it)."""
    content = _content()
    kids = b" ".join([b"4 0 R"] * copies)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, copies),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> /Annots [6 0 R] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Annot /Subtype /Text /Rect [72 740 92 760] /Contents (Steeds dezelfde "
        b"opmerking) /T (Reviewer) /NM (herhaald-1) >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
