"""Serialising a built document (a :class:`~tools.pdfgen.document.PdfBuilder`) to PDF bytes.

Objects are numbered in a fixed order (catalog, pages, info, fonts, outlines, then each page
with its content and annotations), so the same document always gives the same file.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Protocol

from tools.pdfgen.annotation import PdfAnnot
from tools.pdfgen.dates import pdf_date
from tools.pdfgen.fonts import (
    FIRST_CHAR,
    FONT_RESOURCES,
    LAST_CHAR,
    FontName,
    widths_array,
)
from tools.pdfgen.layout import quad, union
from tools.pdfgen.syntax import pdf_number

_MARKUP = {"Highlight", "Underline", "StrikeOut", "Squiggly", "Redact"}


class Serialisable(Protocol):
    """What :func:`serialise` reads of a document (a :class:`PdfBuilder` has all of it)."""

    @property
    def title(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def producer(self) -> str: ...
    @property
    def compress(self) -> bool: ...
    @property
    def outlines(self) -> list[tuple[str, int]]: ...
    @property
    def page_count(self) -> int: ...
    def page_ops(self, page: int) -> list[bytes]: ...
    def page_annots(self, page: int) -> list[PdfAnnot]: ...


class _Objects:
    """Numbered objects collected before the file is laid out."""

    def __init__(self) -> None:
        self.bodies: dict[int, bytes] = {}
        self.next = 1

    def reserve(self) -> int:
        number = self.next
        self.next += 1
        return number

    def put(self, number: int, body: bytes) -> None:
        self.bodies[number] = body


def serialise(doc: Serialisable) -> bytes:
    """The bytes of ``doc`` as a PDF 1.7 file."""
    objs = _Objects()
    catalog, pages_root, info = objs.reserve(), objs.reserve(), objs.reserve()
    fonts: dict[FontName, int] = {name: objs.reserve() for name in FONT_RESOURCES}
    outlines = objs.reserve() if doc.outlines else None
    outline_items = [objs.reserve() for _ in doc.outlines]
    page_numbers = [objs.reserve() for _ in range(doc.page_count)]
    annot_numbers = _number_annotations(doc, objs)

    for font, number in fonts.items():
        objs.put(number, _font(font))
    _put_pages(doc, objs, pages_root, page_numbers, fonts, annot_numbers)
    if outlines is not None:
        _put_outlines(doc, objs, outlines, outline_items, page_numbers)
    objs.put(info, _info(doc))
    extra = f" /Outlines {outlines} 0 R /PageMode /UseOutlines" if outlines else ""
    objs.put(catalog, f"<< /Type /Catalog /Pages {pages_root} 0 R{extra} >>".encode())
    return _layout_file(objs, catalog, info)


def _number_annotations(doc: Serialisable, objs: _Objects) -> dict[str, tuple[int, int | None]]:
    """/NM -> (object number, popup object number or None), in page order."""
    numbers: dict[str, tuple[int, int | None]] = {}
    for page in range(1, doc.page_count + 1):
        for annot in doc.page_annots(page):
            own = objs.reserve()
            popup = objs.reserve() if annot.popup else None
            assert annot.name is not None
            if annot.name in numbers:
                raise ValueError(f"duplicate annotation name {annot.name!r}")
            numbers[annot.name] = (own, popup)
    return numbers


def _put_pages(
    doc: Serialisable,
    objs: _Objects,
    root: int,
    page_numbers: list[int],
    fonts: dict[FontName, int],
    annot_numbers: dict[str, tuple[int, int | None]],
) -> None:
    font_dict = " ".join(f"/{FONT_RESOURCES[f]} {n} 0 R" for f, n in fonts.items())
    for index, number in enumerate(page_numbers, start=1):
        content = objs.reserve()
        objs.put(
            content, _stream(b"BT\n" + b"\n".join(doc.page_ops(index)) + b"\nET", doc.compress)
        )
        refs: list[str] = []
        for annot in doc.page_annots(index):
            assert annot.name is not None
            own, popup = annot_numbers[annot.name]
            objs.put(own, _annotation(annot, number, own, popup, annot_numbers))
            refs.append(f"{own} 0 R")
            if popup is not None:
                objs.put(popup, _popup(annot, number, own))
                refs.append(f"{popup} 0 R")
        annots = f" /Annots [{' '.join(refs)}]" if refs else ""
        objs.put(
            number,
            (
                f"<< /Type /Page /Parent {root} 0 R /MediaBox [0 0 595 842]"
                f" /Resources << /Font << {font_dict} >> >> /Contents {content} 0 R{annots} >>"
            ).encode(),
        )
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    objs.put(root, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_numbers)} >>".encode())


def _annotation(
    annot: PdfAnnot,
    page: int,
    own: int,
    popup: int | None,
    numbers: dict[str, tuple[int, int | None]],
) -> bytes:
    rect = annot.rect if annot.rect is not None else union(annot.boxes) if annot.boxes else None
    if rect is None:
        raise ValueError(f"annotation {annot.name} has neither rect nor boxes")
    parts = [
        f"/Type /Annot /Subtype /{annot.subtype} /P {page} 0 R",
        "/Rect [" + " ".join(pdf_number(v) for v in rect) + "]",
        f"/F 4 /NM {_string(annot.name or '')}",
    ]
    if annot.contents is not None:
        parts.append(f"/Contents {_string(annot.contents)}")
    if annot.author is not None:
        parts.append(f"/T {_string(annot.author)}")
    if annot.subject is not None:
        parts.append(f"/Subj {_string(annot.subject)}")
    date = pdf_date(annot.date)
    if date is not None:
        parts.append(f"/M ({date})" + (f" /CreationDate ({date})" if annot.creation_date else ""))
    if annot.color is not None:
        parts.append("/C [" + " ".join(pdf_number(c) for c in annot.color) + "]")
    if annot.interior is not None:
        parts.append("/IC [" + " ".join(pdf_number(c) for c in annot.interior) + "]")
    if annot.boxes and annot.subtype in _MARKUP:
        points = [pdf_number(v) for box in annot.boxes for v in quad(box)]
        parts.append("/QuadPoints [" + " ".join(points) + "]")
    parts.extend(_specific(annot, popup))
    if annot.reply_to is not None:
        if annot.reply_to not in numbers:
            raise ValueError(f"reply to unknown annotation {annot.reply_to!r}")
        parts.append(f"/IRT {numbers[annot.reply_to][0]} 0 R")
        if annot.reply_type is not None:
            parts.append(f"/RT /{annot.reply_type}")
    return ("<< " + " ".join(parts) + " >>").encode()


def _specific(annot: PdfAnnot, popup: int | None) -> list[str]:
    """Entries that only some subtypes have."""
    parts: list[str] = []
    if annot.subtype == "FreeText":
        parts.append(f"/DA {_string(annot.default_appearance)} /Q 0")
        if annot.intent is not None:
            parts.append(f"/IT /{annot.intent}")
    elif annot.subtype == "Text":
        parts.append(f"/Name /{annot.icon or 'Comment'} /Open false")
    elif annot.subtype == "Redact" and annot.overlay_text is not None:
        parts.append(f"/OverlayText {_string(annot.overlay_text)}")
    elif annot.subtype == "Ink":
        strokes = [" ".join(pdf_number(v) for pt in stroke for v in pt) for stroke in annot.ink]
        parts.append("/InkList [" + " ".join(f"[{s}]" for s in strokes) + "] /BS << /W 1 >>")
    elif annot.subtype == "Caret":
        parts.append("/Sy /None")
    elif annot.subtype in ("Square", "Circle"):
        parts.append("/BS << /W 1 >>")
    if popup is not None:
        parts.append(f"/Popup {popup} 0 R")
    return parts


def _popup(annot: PdfAnnot, page: int, parent: int) -> bytes:
    x0, _, _, y1 = annot.rect if annot.rect is not None else union(annot.boxes)
    left = min(x0 + 20, 595 - 200)
    rect = (left, y1 - 120, left + 180, y1)
    return (
        f"<< /Type /Annot /Subtype /Popup /P {page} 0 R /Parent {parent} 0 R"
        f" /Rect [{' '.join(pdf_number(v) for v in rect)}] /Open false /F 28 >>"
    ).encode()


def _put_outlines(
    doc: Serialisable,
    objs: _Objects,
    root: int,
    items: list[int],
    page_numbers: list[int],
) -> None:
    for index, ((title, page), number) in enumerate(zip(doc.outlines, items, strict=True)):
        links = []
        if index > 0:
            links.append(f"/Prev {items[index - 1]} 0 R")
        if index + 1 < len(items):
            links.append(f"/Next {items[index + 1]} 0 R")
        objs.put(
            number,
            (
                f"<< /Title {_string(title)} /Parent {root} 0 R {' '.join(links)}"
                f" /Dest [{page_numbers[page - 1]} 0 R /XYZ null null null] >>"
            ).encode(),
        )
    objs.put(
        root,
        (
            f"<< /Type /Outlines /First {items[0]} 0 R /Last {items[-1]} 0 R /Count {len(items)} >>"
        ).encode(),
    )


def _font(font: FontName) -> bytes:
    widths = " ".join(f"{w:g}" for w in widths_array(font))
    return (
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding"
        f" /FirstChar {FIRST_CHAR} /LastChar {LAST_CHAR} /Widths [{widths}] >>"
    ).encode()


def _info(doc: Serialisable) -> bytes:
    parts = [f"/Producer {_string(doc.producer)}"]
    if doc.title is not None:
        parts.append(f"/Title {_string(doc.title)}")
    if doc.author is not None:
        parts.append(f"/Author {_string(doc.author)}")
    return ("<< " + " ".join(parts) + " >>").encode()


def _stream(data: bytes, compress: bool) -> bytes:
    if compress:
        data = zlib.compress(data, 6)
        head = f"<< /Length {len(data)} /Filter /FlateDecode >>"
    else:
        head = f"<< /Length {len(data)} >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


def _string(text: str) -> str:
    """A PDF text string: a literal for printable ASCII, else UTF-16BE hex with a BOM."""
    if all(32 <= ord(c) < 127 for c in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _layout_file(objs: _Objects, catalog: int, info: int) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number in range(1, objs.next):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + objs.bodies[number] + b"\nendobj\n"
    ident = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper()
    xref = len(out)
    out += f"xref\n0 {objs.next}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {objs.next} /Root {catalog} 0 R /Info {info} 0 R"
        f" /ID [<{ident}> <{ident}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
