"""The inventory list of a Woo release: spreadsheets, CSV files and printed tables."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tools.pdfgen.document import PdfBuilder, measure
from tui.core.errors import UnreadableError
from tui.core.release.inventory import read_inventory
from tui.core.release.judgements import normalise_judgement


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_spreadsheet_with_a_title_above_its_headers_in_another_order(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "inventaris.xlsx", [
        ["Inventarislijst besluit Woo-verzoek"], [],
        ["Beoordelingsgrond", "Nr.", "Document", "datum", "BEOORDELING", "Toelichting",
         "Publieke link", "Gerelateerd ID"],
        ["5.1.2e; 5.1.2.i", 1001, "Nota 1", datetime.datetime(2024, 10, 9), "Deels Openbaar",
         "namen", "https://example.org/1001", "1002"],
        ["art. 5.1, tweede lid, onder e, 5.2", 1002, "Nota 2", "06-11-2024", "Niet openbaar",
         "", "", ""],
        ["Dubbel", 1003, "Nota 3", None, "Reeds openbaar", "", "", ""],
    ])
    inventory = read_inventory(path)
    first, second, third = inventory.rows
    assert (first.docnr, first.name, first.date, first.judgement, first.grounds) == (
        "1001", "Nota 1", "2024-10-09", "deels openbaar", ["5.1.2e", "5.1.2i"])
    assert (first.explanation, first.link, first.related) == (
        "namen", "https://example.org/1001", "1002")
    assert (second.date, second.judgement, second.grounds) == (
        "2024-11-06", "niet openbaar", ["5.1.2e", "5.2"])
    assert (third.judgement, third.grounds, third.reasons) == ("reeds openbaar", [], ["dubbel"])
    assert inventory.findings == []


def test_a_csv_file_whose_grounds_hold_commas(tmp_path: Path) -> None:
    path = tmp_path / "inventaris.csv"
    path.write_text("Document ID;Documentnaam;Beoordeling;Beoordelingsgrond\n"
                    '12;"Mail, intern";Openbaar;\n13;Verslag;Deels openbaar;"5.1.2e, 5.1.2a"\n',
                    encoding="utf-8")
    rows = read_inventory(path).rows
    assert [(r.docnr, r.name, r.judgement, r.grounds) for r in rows] == [
        ("12", "Mail, intern", "openbaar", []),
        ("13", "Verslag", "deels openbaar", ["5.1.2e", "5.1.2a"]),
    ]


def test_duplicate_ids_are_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "inventaris.csv"
    path.write_text("ID,Beoordeling\n7,Openbaar\n8,Openbaar\n0007,Niet openbaar\n")
    inventory = read_inventory(path)
    assert [(f.kind, f.docnr) for f in inventory.findings] == [("duplicate-id", "7")]
    assert "rows 2, 4" in inventory.findings[0].text


def test_a_missing_id_column_names_the_headers_found(tmp_path: Path) -> None:
    path = tmp_path / "inventaris.csv"
    path.write_text("Naam;Datum;Beoordeling\nx;1-1-2024;Openbaar\n")
    with pytest.raises(UnreadableError, match=r'no document ID column \(headers found: '
                                              r'"Naam", "Datum", "Beoordeling"\)'):
        read_inventory(path)


def test_a_file_that_is_not_what_its_name_says(tmp_path: Path) -> None:
    pdf = PdfBuilder()
    pdf.text(pdf.new_page(), 72, 700, "Besluit")
    fake = pdf.write(tmp_path / "inventaris.xlsx")
    with pytest.raises(UnreadableError, match=r"not a spreadsheet \(a PDF, not .xlsx\)"):
        read_inventory(fake)
    zipped = _xlsx(tmp_path / "echt.xlsx", [["ID"]])
    (tmp_path / "lijst.csv").write_bytes(zipped.read_bytes())
    with pytest.raises(UnreadableError, match=r"not a CSV file \(a zip archive\)"):
        read_inventory(tmp_path / "lijst.csv")


def test_an_inventory_printed_as_a_table(tmp_path: Path) -> None:
    pdf = PdfBuilder()
    page = pdf.new_page()
    columns = (50.0, 110.0, 300.0, 370.0, 450.0)
    pdf.text(page, 50, 800, "Inventarislijst", size=12)
    header = ("Document ID", "Documentnaam", "Datum", "Beoordeling", "Beoordelingsgrond")
    rows = [("1001", "Nota voorbereiding overleg", "09-10-2024", "Deels openbaar", "5.1.2e"),
            ("1002", "Voortgang", "06-11-2024", "Openbaar", ""),
            ("1003", "Concept-Kamerbrief", "22-11-2024", "Deels openbaar", "5.1.2b; 5.1.2e")]
    y = 770.0
    for x, text in zip(columns, header, strict=True):
        pdf.text(page, x, y, text, size=8, font="Helvetica-Bold")
    for row in rows:
        y -= 12
        for x, text in zip(columns, row, strict=True):
            pdf.text(page, x, y, text, size=8)
    y -= 12
    pdf.text(page, columns[1], y, "(vervolg van de naam)", size=8)
    inventory = read_inventory(pdf.write(tmp_path / "inventaris.pdf"))
    assert [(r.docnr, r.name, r.date, r.judgement, r.grounds) for r in inventory.rows] == [
        ("1001", "Nota voorbereiding overleg", "2024-10-09", "deels openbaar", ["5.1.2e"]),
        ("1002", "Voortgang", "2024-11-06", "openbaar", []),
        ("1003", "Concept-Kamerbrief (vervolg van de naam)", "2024-11-22", "deels openbaar",
         ["5.1.2b", "5.1.2e"]),
    ]


@pytest.mark.parametrize(("written", "judgement"), [
    ("Openbaar", "openbaar"), ("Deels openbaar", "deels openbaar"),
    ("Gedeeltelijk openbaar", "deels openbaar"), ("Niet openbaar", "niet openbaar"),
    ("Weigeren", "niet openbaar"), ("Reeds openbaar", "reeds openbaar"), ("", None),
    ("onbekend", "onbekend"),
])
def test_judgements_are_four_words(written: str, judgement: str | None) -> None:
    assert normalise_judgement(written) == judgement


@pytest.mark.parametrize(("name", "content", "message"), [
    ("leeg.xlsx", b"", "not a spreadsheet (an empty file, not .xlsx)"),
    ("kapot.xlsx", b"PK\x03\x04 half a zip", "not a readable .xlsx file"),
    ("lijst.csv", bytes(range(256)), "not a CSV file (data)"),
    ("lijst.csv", b"", "no document ID column (headers found: none)"),
])
def test_broken_inventories_are_one_line(tmp_path: Path, name: str, content: bytes,
                                         message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableError) as raised:
        read_inventory(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_printed_table_whose_cells_nearly_touch(tmp_path: Path) -> None:
    """The ID cell ends a few points before the name begins: no space comes out of the page
    between them, the gap still tells the cells apart; a ministry's prefix stays on the ID."""
    pdf = PdfBuilder()
    page = pdf.new_page()
    width = measure("VWS-WOO-195461", size=8)
    pdf.text(page, 50, 770, "ID", size=8)
    pdf.text(page, 50 + width + 3, 770, "Document", size=8)
    pdf.text(page, 300, 770, "Beoordeling", size=8)
    pdf.text(page, 50, 758, "VWS-WOO-195461", size=8)
    pdf.text(page, 50 + width + 3, 758, "FW: Noodverordening", size=8)
    pdf.text(page, 300, 758, "Deels openbaar", size=8)
    rows = read_inventory(pdf.write(tmp_path / "lijst.pdf")).rows
    assert [(r.docnr, r.name, r.judgement) for r in rows] == [
        ("VWS-WOO-195461", "FW: Noodverordening", "deels openbaar")]
