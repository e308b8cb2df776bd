"""A Woo release read whole: split into its documents and cross-checked with its inventory.

Each finding kind has a release built for it that gives that kind and no other; the same
release as a folder and as one combined PDF gives the same findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.pdfgen.document import PdfBuilder
from tools.pdfgen.release import (
    DocSpec,
    ReleaseSpec,
    draw_document,
    draw_inventory,
    draw_letter,
    write_combined,
    write_folder,
)
from tui.core.document import load
from tui.core.errors import UnreadableError
from tui.core.model import Line, PageText
from tui.core.release.model import Finding, Release
from tui.core.release.reading import read_release
from tui.core.release.stamps import removed_pages

_LETTER = ["Geachte heer, hierbij ontvangt u het besluit op uw verzoek van 1 maart 2024."]

#: A clean document of each judgement, so every release has some company.
_CLEAN = [
    DocSpec("1001", "Nota overleg", judgement="Openbaar"),
    DocSpec("1002", "Nota voortgang", judgement="Deels openbaar", grounds="5.1.2e",
            redactions=["5.1.2e"]),
    DocSpec("1003", "Verslag", judgement="Niet openbaar", grounds="5.1.2i", present=False),
]

CASES: dict[str, list[DocSpec]] = {
    "redacted-but-public": [
        DocSpec("2001", "Mail", judgement="Openbaar", grounds="5.1.2e", redactions=["5.1.2e"]),
    ],
    "partly-public-without-redaction": [
        DocSpec("2001", "Mail", judgement="Deels openbaar"),
    ],
    "ground-not-in-inventory": [
        DocSpec("2001", "Mail", judgement="Deels openbaar", grounds="5.1.2.e",
                redactions=["5.1.2e", "5.1.2a"]),
    ],
    "inventory-ground-not-found": [
        DocSpec("2001", "Mail", judgement="Deels openbaar", grounds="5.1.2e; 5.1.2i",
                redactions=["5.1.2e"]),
    ],
    "missing-document": [
        DocSpec("2001", "Mail", judgement="Reeds openbaar", present=False),
    ],
    "not-in-inventory": [
        DocSpec("2001", "Mail", judgement="Openbaar", listed=False),
    ],
    "pages-removed": [
        DocSpec("2001", "Mail", judgement="Deels openbaar", grounds="5.1.2e",
                redactions=["5.1.2e"], pages=2, removed=(6, "i.v.m. dubbel")),
    ],
}


def _both(tmp_path: Path, documents: list[DocSpec]) -> tuple[Release, Release]:
    spec = ReleaseSpec("Besluit op het Woo-verzoek over de actieagenda", _LETTER,
                       [*_CLEAN, *documents])
    folder = read_release(write_folder(spec, tmp_path / "release"))
    combined = read_release(write_combined(spec, tmp_path / "release.pdf"))
    return folder, combined


def _kinds(release: Release) -> set[str]:
    return {f.kind for f in release.findings}


def test_a_clean_release_has_no_finding_in_either_form(tmp_path: Path) -> None:
    folder, combined = _both(tmp_path, [])
    assert folder.findings == combined.findings == []
    assert [d.docnr for d in folder.documents] == ["1001", "1002"]
    assert [(d.docnr, d.first_page, d.pages) for d in combined.documents] == [
        ("1001", 3, 1), ("1002", 4, 1)]
    assert combined.letter == "1-1"
    # The inventory's ground codes read like a scan's redaction marks to the page reader;
    # its pages belong to no document, so they are not counted as redactions.
    whole = load(tmp_path / "release.pdf")
    assert [a.page for a in whole.annotations if a.kind == "redaction"].count(2) == 2
    assert [d.redactions for d in combined.documents] == [0, 1]
    assert [(r.docnr, r.judgement) for r in combined.inventory.rows] == [
        ("1001", "openbaar"), ("1002", "deels openbaar"), ("1003", "niet openbaar")]


@pytest.mark.parametrize("kind", list(CASES))
def test_each_finding_kind_from_a_release_built_for_it(tmp_path: Path, kind: str) -> None:
    folder, combined = _both(tmp_path, CASES[kind])
    assert _kinds(folder) == {kind}
    assert folder.findings == combined.findings
    assert all(f.docnr == "2001" for f in folder.findings)


def test_what_the_findings_say(tmp_path: Path) -> None:
    everything = [
        DocSpec("2001", "Mail", judgement="Openbaar", grounds="5.1.2e", redactions=["5.1.2e"]),
        DocSpec("2002", "Brief", judgement="Deels openbaar", grounds="5.1.2e",
                redactions=["5.1.2e", "5.1.2a"], pages=2, removed=(6, "i.v.m. dubbel")),
        DocSpec("2003", "Memo", judgement="Deels openbaar", present=False),
    ]
    folder, combined = _both(tmp_path, everything)
    assert folder.findings == combined.findings == [
        Finding("redacted-but-public", "2001", 1,
                "document 2001 is listed as openbaar but has 1 redaction"),
        Finding("ground-not-in-inventory", "2002", 1,
                "document 2002 shows ground 5.1.2a; the inventory lists 5.1.2e"),
        Finding("pages-removed", "2002", 3, "document 2002: 6 pages removed (i.v.m. dubbel)"),
        Finding("missing-document", "2003", None,
                "document 2003 is listed as deels openbaar but is not in the release"),
    ]
    brief = combined.document("2002")
    assert brief is not None and brief.pages == 3
    assert [(p.page, p.count, p.reason) for p in brief.placeholders] == [(3, 6, "i.v.m. dubbel")]


def test_an_unreadable_document_is_a_finding(tmp_path: Path) -> None:
    spec = ReleaseSpec("Besluit", _LETTER, list(_CLEAN))
    folder = write_folder(spec, tmp_path / "release")
    (folder / "1001.pdf").write_bytes(b"this is no PDF")
    release = read_release(folder)
    assert [(f.kind, f.docnr) for f in release.findings] == [("unreadable-document", "1001")]
    assert release.findings[0].text == "document 1001 cannot be read: not a PDF"


def _stamped(tmp_path: Path, marks: list[tuple[str, str, str]]) -> Release:
    """A combined release whose documents carry ``(docnr, where, mark)``: the mark at the top
    or bottom of their first page, a page number at the other end of both pages."""
    spec = ReleaseSpec("Besluit", _LETTER, [DocSpec(nr, f"Stuk {nr}") for nr, _, _ in marks])
    pdf = PdfBuilder(title="Besluit")
    draw_letter(pdf, spec)
    draw_inventory(pdf, spec.documents)
    for _, where, mark in marks:
        for number in range(2):
            page = pdf.new_page()
            if number == 0:
                pdf.text(page, 480, 815 if where == "top" else 30, mark, size=9)
            pdf.text(page, 72, 760, f"Tekst van {mark}, pagina {number + 1}")
            pdf.text(page, 300, 30 if where == "top" else 815, str(number + 1), size=9)
    return read_release(pdf.write(tmp_path / "release.pdf"))


def test_document_numbers_with_a_word_before_them(tmp_path: Path) -> None:
    """``Doc. 12``, ``D.114``, ``Document 5``, ``ID 1234`` at the top or the bottom; a page
    without a number belongs to the document before it; page numbers are no documents."""
    release = _stamped(tmp_path, [("12", "top", "Doc. 12"), ("114", "bottom", "D.114"),
                                  ("5", "top", "Document 5"), ("1234", "bottom", "ID 1234")])
    assert [(d.docnr, d.first_page, d.pages) for d in release.documents] == [
        ("12", 3, 2), ("114", 5, 2), ("5", 7, 2), ("1234", 9, 2)]
    assert release.findings == []


def test_bare_document_numbers_are_the_inventorys(tmp_path: Path) -> None:
    release = _stamped(tmp_path, [("1234", "top", "1234"), ("1235", "bottom", "1235")])
    assert [(d.docnr, d.first_page, d.pages) for d in release.documents] == [
        ("1234", 3, 2), ("1235", 5, 2)]
    assert release.findings == []


def test_not_a_release(tmp_path: Path) -> None:
    pdf = PdfBuilder()
    pdf.text(pdf.new_page(), 72, 700, "Een nota zonder inventaris")
    with pytest.raises(UnreadableError, match="not a release"):
        read_release(pdf.write(tmp_path / "nota.pdf"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnreadableError, match="not a release"):
        read_release(tmp_path / "empty")


@pytest.mark.parametrize(("text", "removed"), [
    ("De volgende 6 pagina's zijn verwijderd i.v.m. dubbel", (6, "i.v.m. dubbel")),
    ("De volgende pagina is verwijderd op grond van 5.1.2e.", (1, "op grond van 5.1.2e")),
    ("De volgende drie pagina’s zijn niet openbaar gemaakt", (3, "")),
    ("Op de volgende pagina's staat het verslag", None),
])
def test_placeholder_pages(text: str, removed: tuple[int, str] | None) -> None:
    page = PageText(1, lines=[Line("ID 1001"), Line(text)])
    assert removed_pages(page) == removed


def test_a_placeholder_stating_a_ground_shows_it(tmp_path: Path) -> None:
    documents = [DocSpec("2001", "Mail", judgement="Deels openbaar", grounds="5.1.2e; 5.1.2i",
                         redactions=["5.1.2e"], removed=(2, "op grond van 5.1.2i"))]
    folder, combined = _both(tmp_path, documents)
    assert folder.findings == combined.findings == [
        Finding("pages-removed", "2001", 2,
                "document 2001: 2 pages removed (op grond van 5.1.2i)")]


def test_a_folder_whose_inventory_is_printed_in_the_letter(tmp_path: Path) -> None:
    spec = ReleaseSpec("Besluit", _LETTER, [*_CLEAN, *CASES["missing-document"]])
    folder = write_folder(spec, tmp_path / "release")
    (folder / "inventarislijst.xlsx").unlink()
    letter = PdfBuilder(title="Besluit")
    draw_letter(letter, spec)
    draw_inventory(letter, spec.documents)
    letter.write(folder / "besluit.pdf")
    release = read_release(folder)
    assert release.inventory.source.endswith("besluit.pdf")
    assert [(f.kind, f.docnr) for f in release.findings] == [("missing-document", "2001")]


def test_documents_pasted_into_one_pdf_beside_the_inventory(tmp_path: Path) -> None:
    """A folder of letter, spreadsheet and one PDF holding all documents, each with its
    number printed: the documents are found in it; a folder holding only the combined PDF
    is a release too."""
    spec = ReleaseSpec("Besluit", _LETTER, [*_CLEAN, *CASES["pages-removed"]])
    folder = write_folder(spec, tmp_path / "release")
    pasted = PdfBuilder(title="Documenten")
    for document in spec.documents:
        (folder / f"{document.docnr}.pdf").unlink(missing_ok=True)
        if document.present:
            draw_document(pasted, document)
    pasted.write(folder / "documenten.pdf")
    release = read_release(folder)
    assert [(d.docnr, Path(d.path).name, d.first_page) for d in release.documents] == [
        ("1001", "documenten.pdf", 1), ("1002", "documenten.pdf", 2),
        ("2001", "documenten.pdf", 3)]
    assert [(f.kind, f.docnr) for f in release.findings] == [("pages-removed", "2001")]
    alone = tmp_path / "alone"
    alone.mkdir()
    write_combined(spec, alone / "besluit.pdf")
    assert read_release(alone).findings == release.findings


def test_a_suspended_document_is_rightly_missing(tmp_path: Path) -> None:
    folder = write_folder(ReleaseSpec("Besluit", _LETTER, list(_CLEAN)), tmp_path / "release")
    (folder / "inventarislijst.xlsx").unlink()
    (folder / "inventarislijst.csv").write_text(
        "ID;Beoordeling;Beoordelingsgrond;Opgeschort;Publieke link\n"
        "1001;Openbaar;;;\n1002;Deels openbaar;5.1.2e;;\n"
        "1004;Openbaar;;Ja;\n1005;Reeds openbaar;;nee;https://example.org/1005\n",
        encoding="utf-8")
    assert [(f.kind, f.docnr, f.text) for f in read_release(folder).findings] == [
        ("missing-document", "1005", "document 1005 is listed as reeds openbaar but is not in "
         "the release (the inventory links to https://example.org/1005)")]


def _miscounted(path: Path, declared: bytes) -> Path:
    """``path`` with its page tree declaring ``declared`` (as many bytes as before)."""
    data = path.read_bytes()
    pages = data.count(b"/Type /Page ")
    assert pages < 10 and data.count(f"/Count {pages} ".encode()) == 1
    path.write_bytes(data.replace(f"/Count {pages} ".encode(), declared))
    return path


@pytest.mark.parametrize("declared", [b"/Count 60", b"/Count 2 "], ids=["more", "fewer"])
def test_a_page_tree_that_miscounts_is_looked_into_all_the_same(
        tmp_path: Path, declared: bytes) -> None:
    """The first pages are looked at by the count the file declares (not by walking its
    whole page tree): a count that says more pages than there are, or fewer than are
    looked at, finds a release's inventory all the same, and no inventory in a memo."""
    from tui.core.release.combined import looks_combined

    spec = ReleaseSpec("Besluit op het Woo-verzoek", _LETTER, list(_CLEAN))
    assert looks_combined(_miscounted(write_combined(spec, tmp_path / "release.pdf"),
                                      declared))
    pdf = PdfBuilder()
    for _ in range(3):
        pdf.text(pdf.new_page(), 72, 700, "Een nota zonder inventaris")
    assert not looks_combined(_miscounted(pdf.write(tmp_path / "nota.pdf"), declared))
