"""The bundled sample as a Woo-besluit: letter, inventory and documents, and no finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import sample_builder
from pypdf import PdfReader, PdfWriter

from sample_docs import release_sample
from tools.pdfgen.document import PdfBuilder
from tools.pdfgen.release import draw_inventory, draw_letter
from tui.core.document import load
from tui.core.release.inventory import read_inventory
from tui.core.release.model import Release
from tui.core.release.reading import read_release

SAMPLE = Path(__file__).parent.parent / "sample_docs" / "woo-besluit"


@pytest.fixture(scope="module")
def folder() -> Release:
    return read_release(SAMPLE)


def test_the_sample_release_has_its_inventory_and_no_finding(folder: Release) -> None:
    assert folder.title == "Besluit op het Woo-verzoek over de Actieagenda Integratie"
    assert folder.findings == []
    rows = folder.inventory.rows
    assert [r.docnr for r in rows] == [str(n) for n in range(1001, 1009)]
    # The grounds follow the release's own redaction notes ("Lakken op grond van …").
    assert {r.docnr: r.grounds for r in rows if r.grounds} == {
        "1002": ["5.1.2b"], "1003": ["5.1.2b"], "1005": ["5.1.2a"], "1006": ["5.1.2a"],
        "1007": ["5.1.2a"]}
    assert [r.docnr for r in rows if r.judgement == "openbaar"] == ["1004"]
    assert {d.docnr: d.grounds_found for d in folder.documents} == {
        r.docnr: r.grounds for r in rows}
    assert [d.pages for d in folder.documents] == [3, 3, 3, 2, 2, 4, 4, 1]


def test_the_sample_as_one_combined_pdf_gives_the_same(folder: Release, tmp_path: Path) -> None:
    """Letter, the inventory printed as a table (its ground codes are no redactions), then
    the eight documents with their number at the foot of each page."""
    table = PdfBuilder()
    inventory = read_inventory(SAMPLE / "inventarislijst.xlsx")
    from tools.pdfgen.release import DocSpec

    draw_inventory(table, [DocSpec(r.docnr, r.name, r.date or "", r.judgement or "",
                                   "; ".join(r.grounds)) for r in inventory.rows])
    table_pdf = table.write(tmp_path / "table.pdf")
    writer = PdfWriter()
    for part in [SAMPLE / "besluit.pdf", table_pdf,
                 *(SAMPLE / f"{n}.pdf" for n in range(1001, 1009))]:
        writer.append(PdfReader(part))
    combined_path = tmp_path / "woo-besluit.pdf"
    with combined_path.open("wb") as out:
        writer.write(out)
    combined = read_release(combined_path)
    assert combined.findings == folder.findings == []
    assert [(r.docnr, r.judgement, r.grounds) for r in combined.inventory.rows] == [
        (r.docnr, r.judgement, r.grounds) for r in folder.inventory.rows]
    assert [(d.docnr, d.pages, d.grounds_found, d.redactions) for d in combined.documents] == [
        (d.docnr, d.pages, d.grounds_found, d.redactions) for d in folder.documents]
    assert combined.letter == "1-1" and combined.documents[0].first_page == 3




def test_the_sample_as_published_in_one_pdf(folder: Release, tmp_path: Path) -> None:
    """Each nota flattened with its comment summary after each page (whose "page 1" is the
    nota's own), pasted after the letter and the inventory: each document is read on its
    own, so its comments land on its pages, as when it is read as a file."""
    build = sample_builder()
    notas = build.expand(build.load_release()["notas"])
    spec = release_sample.release_spec(notas)
    front = PdfBuilder()
    draw_letter(front, spec)
    draw_inventory(front, spec.documents)
    writer = PdfWriter()
    writer.append(PdfReader(front.write(tmp_path / "front.pdf")))
    singles = []
    for document, nota in zip(spec.documents, notas, strict=True):
        pdf = build.build({"title": nota["title"], "notas": [nota]}, publish=True)
        release_sample.stamp_pages(pdf, document.docnr)
        singles.append(load(pdf.write(tmp_path / f"{document.docnr}.pdf")))
        writer.append(PdfReader(tmp_path / f"{document.docnr}.pdf"))
    combined_path = tmp_path / "gepubliceerd.pdf"
    with combined_path.open("wb") as out:
        writer.write(out)
    combined = read_release(combined_path)
    assert combined.findings == []
    assert [d.grounds_found for d in combined.documents] == [
        d.grounds_found for d in folder.documents]
    for document, single in zip(combined.documents, singles, strict=True):
        assert document.extraction is not None
        assert [(a.page, a.kind, a.contents) for a in document.extraction.annotations] == [
            (a.page, a.kind, a.contents) for a in single.annotations]
