"""``kantlijn dossier`` and ``kantlijn import`` of a release, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined, write_folder
from tui.cli import main
from tui.core.library.library import Library

SPEC = ReleaseSpec("Besluit Woo-verzoek actieagenda", ["Geachte heer, hierbij het besluit."], [
    DocSpec("1001", "Nota overleg", date="09-10-2024", judgement="Openbaar"),
    DocSpec("1002", "Nota voortgang", judgement="Deels openbaar", grounds="5.1.2e; 5.1.2b",
            redactions=["5.1.2e"]),
    DocSpec("1003", "Verslag", judgement="Deels openbaar", present=False),
])


@pytest.fixture
def release_folder(tmp_path: Path) -> Path:
    return write_folder(SPEC, tmp_path / "besluit")


def _dossier(path: Path, form: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["dossier", str(path), "--format", form]) == 0
    return capsys.readouterr().out


def test_the_dossier_of_a_release_as_json(
    tmp_path: Path, release_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = json.loads(_dossier(release_folder, "json", capsys))["release"]
    combined_pdf = write_combined(SPEC, tmp_path / "besluit.pdf")
    combined = json.loads(_dossier(combined_pdf, "json", capsys))["release"]
    assert folder["title"] == combined["title"] == "Besluit Woo-verzoek actieagenda"
    assert folder["findings"] == combined["findings"] == [
        {"kind": "inventory-ground-not-found", "docnr": "1002", "page": None,
         "text": "the inventory lists ground 5.1.2b for document 1002, but the document "
                 "nowhere shows it"},
        {"kind": "missing-document", "docnr": "1003", "page": None,
         "text": "document 1003 is listed as deels openbaar but is not in the release"},
    ]
    first, second, third = folder["documents"]
    assert {k: first[k] for k in ("docnr", "name", "date", "judgement", "grounds_inventory",
                                  "grounds_found", "pages", "findings")} == {
        "docnr": "1001", "name": "Nota overleg", "date": "2024-10-09", "judgement": "openbaar",
        "grounds_inventory": [], "grounds_found": [], "pages": 1, "findings": []}
    assert (second["grounds_inventory"], second["grounds_found"]) == (
        ["5.1.2e", "5.1.2b"], ["5.1.2e"])
    assert [f["kind"] for f in second["findings"]] == ["inventory-ground-not-found"]
    assert (third["in_release"], third["pages"]) == (False, 0)
    assert folder["overview"]["findings_by_kind"] == {
        "missing-document": 1, "inventory-ground-not-found": 1}


def test_the_dossier_of_a_release_as_markdown_and_csv(
    release_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = _dossier(release_folder, "md", capsys)
    assert markdown.startswith("# Release: Besluit Woo-verzoek actieagenda\n")
    assert "- **missing-document** · 1003 · document 1003 is listed" in markdown
    rows = list(csv.DictReader(io.StringIO(_dossier(release_folder, "csv", capsys))))
    assert [(r["section"], r["docnr"], r["kind"]) for r in rows] == [
        ("document", "1001", ""), ("document", "1002", ""), ("document", "1003", ""),
        ("finding", "1002", "inventory-ground-not-found"), ("finding", "1003", "missing-document"),
    ]


def test_a_plain_pdf_keeps_its_own_dossier(capsys: pytest.CaptureFixture[str]) -> None:
    sample = Path(__file__).parent.parent / "sample_docs" / "nota-actieagenda-integratie.pdf"
    data = json.loads(_dossier(sample, "json", capsys))
    assert "release" not in data and len(data["notas"]) == 8


def test_import_a_release_folder(
    tmp_path: Path, release_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library.json"
    assert main(["import", str(release_folder), "--library", str(library)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [
        "release Besluit Woo-verzoek actieagenda: 3 listed, 2 documents, 2 findings",
        "  inventory-ground-not-found  1002  the inventory lists ground 5.1.2b for document "
        "1002, but the document nowhere shows it",
        "  missing-document  1003  document 1003 is listed as deels openbaar but is not in "
        "the release",
    ]
    with Library.open(library) as opened:
        titles = sorted(s.title or "" for s in opened.documents())
    assert titles == ["Besluit Woo-verzoek actieagenda", "Nota overleg", "Nota voortgang"]


def test_a_folder_that_is_no_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "leeg").mkdir()
    assert main(["dossier", str(tmp_path / "leeg")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("kantlijn: ") and "not a release" in error
    assert len(error.splitlines()) == 1
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "inventaris.xlsx").write_text("<html>not a spreadsheet</html>")
    assert main(["dossier", str(broken)]) == 1
    assert capsys.readouterr().err.strip().endswith(
        "not a spreadsheet (a web page or XML, not .xlsx)")


def test_import_a_combined_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    combined = write_combined(SPEC, tmp_path / "besluit.pdf")
    library = tmp_path / "library.json"
    assert main(["import", str(combined), "--library", str(library)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Besluit Woo-verzoek actieagenda: 4 pages")
    assert out[1] == "release Besluit Woo-verzoek actieagenda: 3 listed, 2 documents, 2 findings"
    assert [line.split()[0] for line in out[2:]] == [
        "inventory-ground-not-found", "missing-document"]
