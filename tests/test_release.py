"""A Woo release read whole: split into its documents and cross-checked with its inventory.

Each finding kind has a release built for it that gives that kind and no other; the same
release as a folder and as one combined PDF gives the same findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.pdfgen.document import PdfBuilder
from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined, write_folder
from tui.core.errors import UnreadableError
from tui.core.release.model import Finding, Release
from tui.core.release.reading import read_release

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


def test_a_document_number_printed_in_other_forms(tmp_path: Path) -> None:
    """``Doc. 12`` at the top, ``D.114`` and a bare ``1234`` at the bottom; a page without a
    number belongs to the document before it; a page number at the foot is no document."""
    spec = ReleaseSpec("Besluit", _LETTER, [
        DocSpec("12", "Mail", judgement="Openbaar"),
        DocSpec("114", "Nota", judgement="Openbaar"),
        DocSpec("1234", "Verslag", judgement="Openbaar"),
    ])
    pdf = PdfBuilder(title="Besluit")
    from tools.pdfgen.release import draw_inventory, draw_letter

    draw_letter(pdf, spec)
    draw_inventory(pdf, spec.documents)
    for where, mark in (("top", "Doc. 12"), ("bottom", "D.114"), ("bottom", "1234")):
        for number in range(2):
            page = pdf.new_page()
            if number == 0:
                pdf.text(page, 480, 815 if where == "top" else 30, mark, size=9)
            pdf.text(page, 72, 760, f"Tekst van {mark}, pagina {number + 1}")
            pdf.text(page, 300, 30 if where == "top" else 815, str(number + 1), size=9)
    release = read_release(pdf.write(tmp_path / "release.pdf"))
    assert [(d.docnr, d.first_page, d.pages) for d in release.documents] == [
        ("12", 3, 2), ("114", 5, 2), ("1234", 7, 2)]
    assert release.findings == []


def test_not_a_release(tmp_path: Path) -> None:
    pdf = PdfBuilder()
    pdf.text(pdf.new_page(), 72, 700, "Een nota zonder inventaris")
    with pytest.raises(UnreadableError, match="not a release"):
        read_release(pdf.write(tmp_path / "nota.pdf"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnreadableError, match="not a release"):
        read_release(tmp_path / "empty")
