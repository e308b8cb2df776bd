"""One-page PDFs written object by object, for the cases pdfgen does not draw: a content
stream of our own over fonts of our own (Type0 fonts with an embedded CMap, a right-to-left
font with a /ToUnicode map), and annotations given as raw dictionaries."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

HELVETICA = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica",
             "/Encoding": "/WinAnsiEncoding"}


def stream(data: bytes, **entries: object) -> DecodedStreamObject:
    """A stream object holding ``data`` (its dictionary from ``entries``, names as keys)."""
    obj = DecodedStreamObject()
    obj.set_data(data)
    for key, value in entries.items():
        obj[NameObject("/" + key)] = pdf_value(value)
    return obj


def pdf_value(value: object) -> PdfObject:
    """A Python value as a PDF object: "/Name" strings are names, other strings text."""
    if isinstance(value, PdfObject):
        return value
    if isinstance(value, bool):
        raise TypeError("no booleans needed here")
    if isinstance(value, int):
        return NumberObject(value)
    if isinstance(value, float):
        return FloatObject(value)
    if isinstance(value, str):
        return NameObject(value) if value.startswith("/") else TextStringObject(value)
    if isinstance(value, (list, tuple)):
        return ArrayObject(pdf_value(v) for v in value)
    if isinstance(value, dict):
        return DictionaryObject({NameObject(k): pdf_value(v) for k, v in value.items()})
    raise TypeError(f"cannot write {value!r}")


def one_page(path: Path, content: bytes, fonts: dict[str, object] | None = None,
             annotations: list[dict[str, object]] = ()) -> Path:  # type: ignore[assignment]
    """Write a 595 x 842 page drawn by ``content`` with ``fonts`` (resource name -> font
    dictionary; Helvetica as F1 when not given) and ``annotations``; returns ``path``."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font_refs = {
        NameObject("/" + name): writer._add_object(_indirect_streams(writer, pdf_value(font)))
        for name, font in (fonts or {"F1": HELVETICA}).items()
    }
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject(font_refs)}
    )
    page[NameObject("/Contents")] = writer._add_object(stream(content))
    if annotations:
        page[NameObject("/Annots")] = ArrayObject(
            writer._add_object(pdf_value({"/Type": "/Annot", **a})) for a in annotations
        )
    with path.open("wb") as out:
        writer.write(out)
    return path


def _indirect_streams(writer: PdfWriter, obj: PdfObject) -> PdfObject:
    """``obj`` with every stream inside it made an indirect object (streams must be)."""
    if isinstance(obj, DictionaryObject):
        for key, value in list(obj.items()):
            obj[key] = _indirect(writer, _indirect_streams(writer, value))
    elif isinstance(obj, ArrayObject):
        for index, value in enumerate(obj):
            obj[index] = _indirect(writer, _indirect_streams(writer, value))
    return obj


def _indirect(writer: PdfWriter, obj: PdfObject) -> PdfObject:
    return writer._add_object(obj) if isinstance(obj, DecodedStreamObject) else obj
