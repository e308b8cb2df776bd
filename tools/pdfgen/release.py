"""Woo releases for the sample, tests and benchmarks: letter, inventory and documents.

A :class:`ReleaseSpec` describes the release; :func:`write_folder` writes it as published
on open.minvws.nl (a letter PDF, an inventory ``.xlsx``, one PDF per document named by its
number) and :func:`write_combined` as one PDF (letter, inventory table, then the documents
with their number printed at the top of each page).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tools.pdfgen.document import REDACTED, PdfAnnot, PdfBuilder

#: Inventory columns as published, with where each starts on a printed page.
HEADERS = ("Document ID", "Documentnaam", "Datum", "Beoordeling", "Beoordelingsgrond")
COLUMN_X = (40.0, 125.0, 330.0, 395.0, 475.0)
ROWS_PER_PAGE = 50


@dataclass
class DocSpec:
    """One document: its inventory row and what its pages show."""

    docnr: str
    name: str
    date: str = "01-02-2024"
    judgement: str = "Openbaar"
    grounds: str = ""
    """The inventory's grounds cell, as written."""
    redactions: list[str] = field(default_factory=list)
    """One redaction per entry on the first page, its ground as the mark's note."""
    pages: int = 1
    removed: tuple[int, str] | None = None
    """A placeholder page at the end: (pages removed, reason)."""
    listed: bool = True
    present: bool = True
    explanation: str = ""
    """The inventory's *Toelichting*."""
    lines: int = 8
    """Lines of text on each page."""


@dataclass
class ReleaseSpec:
    """A release: a title, the letter's paragraphs and the documents."""

    title: str
    letter: list[str]
    documents: list[DocSpec]


Draw = Callable[[PdfBuilder, DocSpec], None]
"""Draws one document's pages into a builder (with its number stamped on each page)."""


def stamp(doc: PdfBuilder, page: int, docnr: str) -> None:
    """The document number at the top right of a page, as a combined release prints it."""
    doc.text(page, 480, 815, f"ID {docnr}", size=9, record=False)


def draw_document(doc: PdfBuilder, spec: DocSpec) -> None:
    """A plain document: a title, some lines, its redactions and a placeholder page."""
    for number in range(spec.pages):
        page = doc.new_page()
        stamp(doc, page, spec.docnr)
        doc.text(page, 72, 760, f"{spec.name} (pagina {number + 1})", font="Helvetica-Bold",
                 size=12)
        y = 730.0
        for line in range(spec.lines):
            doc.text(page, 72, y, f"Regel {line + 1} van het document over de actieagenda.")
            y -= 16 if spec.lines <= 30 else 640 / spec.lines
        if number == 0:
            for ground in spec.redactions:
                placed = doc.text(page, 72, y, f"Gesproken met {REDACTED} over de planning.",
                                  gap=60)
                box = placed.gap_boxes()[0]
                doc.fill_box(page, box[1:])
                doc.annotate(PdfAnnot("Redact", page, boxes=[box], contents=ground,
                                      author="Woo-team", subject="Markering"))
                y -= 16
    if spec.removed is not None:
        count, reason = spec.removed
        page = doc.new_page()
        stamp(doc, page, spec.docnr)
        doc.text(page, 72, 600, f"De volgende {count} pagina's zijn verwijderd {reason}",
                 size=12)


def draw_letter(doc: PdfBuilder, spec: ReleaseSpec) -> None:
    """The decision letter: a heading and its paragraphs."""
    page = doc.new_page()
    doc.text(page, 72, 760, "Besluit op uw Woo-verzoek", font="Helvetica-Bold", size=14)
    doc.text(page, 72, 740, spec.title, size=11)
    y = 710.0
    for paragraph in spec.letter:
        _, y = doc.paragraph(page, paragraph, x=72, y=y, width=450, size=10, leading=13)
        y -= 8


def draw_inventory(doc: PdfBuilder, rows: list[DocSpec]) -> None:
    """The inventory as a printed table, its header on every page."""
    for start in range(0, max(len(rows), 1), ROWS_PER_PAGE):
        page = doc.new_page()
        doc.text(page, 50, 800, "Inventarislijst", font="Helvetica-Bold", size=12)
        y = 770.0
        for x, header in zip(COLUMN_X, HEADERS, strict=True):
            doc.text(page, x, y, header, font="Helvetica-Bold", size=8)
        for row in rows[start:start + ROWS_PER_PAGE]:
            y -= 13
            cells = (row.docnr, row.name[:40], row.date, row.judgement, row.grounds)
            for x, cell in zip(COLUMN_X, cells, strict=True):
                if cell:
                    doc.text(page, x, y, cell, size=8)


def write_inventory_xlsx(path: Path, rows: list[DocSpec]) -> Path:
    """The inventory as a spreadsheet: a title row, the header, a row per document."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Inventarislijst"
    sheet.append(["Inventarislijst"])
    sheet.append([*HEADERS, "Toelichting"])
    for row in rows:
        sheet.append([int(row.docnr) if row.docnr.isdigit() else row.docnr, row.name,
                      row.date, row.judgement, row.grounds, row.explanation])
    book.save(path)
    _fixed_times(path)
    return path


def _fixed_times(path: Path) -> None:
    """Rewrite the .xlsx with fixed times (zip entries, document properties), so building
    it again gives the same bytes."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2025-02-07T00:00:00Z", data)
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 2, 7, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def write_folder(spec: ReleaseSpec, folder: Path, draw: Draw = draw_document) -> Path:
    """The release as a folder: ``besluit.pdf``, ``inventarislijst.xlsx``, ``<ID>.pdf``."""
    folder.mkdir(parents=True, exist_ok=True)
    letter = PdfBuilder(title=spec.title, producer="kantlijn tools/pdfgen/release.py")
    draw_letter(letter, spec)
    letter.write(folder / "besluit.pdf")
    write_inventory_xlsx(folder / "inventarislijst.xlsx", [d for d in spec.documents if d.listed])
    for document in spec.documents:
        if document.present:
            pdf = PdfBuilder(title=document.name, producer="kantlijn tools/pdfgen/release.py")
            draw(pdf, document)
            pdf.write(folder / f"{document.docnr}.pdf")
    return folder


def write_combined(spec: ReleaseSpec, path: Path, draw: Draw = draw_document) -> Path:
    """The release as one PDF: the letter, the inventory table, then every document."""
    doc = PdfBuilder(title=spec.title, producer="kantlijn tools/pdfgen/release.py")
    draw_letter(doc, spec)
    draw_inventory(doc, [d for d in spec.documents if d.listed])
    for document in spec.documents:
        if document.present:
            draw(doc, document)
    return doc.write(path)
