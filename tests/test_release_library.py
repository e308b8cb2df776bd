"""A release in the library, from the shell: ``kantlijn import`` records it, ``search`` finds
by ``release:``, ``docnr:`` and ``judgement:``, ``export`` adds its inventory and findings."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined, write_folder
from tui.cli import main
from tui.core.release.store import ReleaseStore

REPO = Path(__file__).resolve().parent.parent

SPEC = ReleaseSpec("Besluit Woo-verzoek actieagenda", ["Geachte heer, hierbij het besluit."], [
    DocSpec("1001", "Nota overleg", date="09-10-2024", judgement="Openbaar"),
    DocSpec("1002", "Nota voortgang", judgement="Deels openbaar", grounds="5.1.2e; 5.1.2b",
            redactions=["5.1.2e", "5.1.2e"]),
    DocSpec("1003", "Verslag", judgement="Deels openbaar", present=False),
])
FINDINGS = [("inventory-ground-not-found", "1002"), ("missing-document", "1003")]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


@pytest.fixture(params=["folder", "combined"])
def imported(request: pytest.FixtureRequest, tmp_path: Path,
             capsys: pytest.CaptureFixture[str]) -> Path:
    """The library at tmp_path/library.json after ``kantlijn import`` of the release, as a
    folder or as one combined PDF."""
    if request.param == "folder":
        path = write_folder(SPEC, tmp_path / "besluit")
    else:
        path = write_combined(SPEC, tmp_path / "besluit.pdf")
    code, out = run(["import", str(path), "--library", str(tmp_path / "library.json")], capsys)
    assert code == 0 and "release Besluit Woo-verzoek actieagenda" in out
    return tmp_path / "library.json"


def hits(library: Path, query: str, capsys: pytest.CaptureFixture[str],
         scope: str = "comments") -> tuple[int, list[dict[str, object]]]:
    code, out = run(["search", query, "--json", "--scope", scope, "--library", str(library)],
                    capsys)
    return code, json.loads(out)["hits"] if out.strip() else []


def test_import_records_the_release_with_its_documents(imported: Path) -> None:
    (release,) = ReleaseStore(imported).all()
    assert release.title == "Besluit Woo-verzoek actieagenda"
    assert [(p.docnr, p.judgement, p.doc is not None) for p in release.parts] == [
        ("1001", "openbaar", True), ("1002", "deels openbaar", True),
        ("1003", "deels openbaar", False)]
    assert [(f["kind"], f["docnr"]) for f in release.findings] == FINDINGS


def test_search_by_docnr_judgement_and_release(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = ReleaseStore(imported).all()[0]
    second = release.parts[1]
    code, found = hits(imported, "docnr:1002", capsys)
    assert code == 0 and len(found) == 2  # its two redactions
    assert {h["page"] for h in found} == {second.first_page}
    code, found = hits(imported, 'judgement:"deels openbaar" kind:redaction', capsys)
    assert code == 0 and len(found) == 2
    code, found = hits(imported, "judgement:deels-openbaar release:actieagenda", capsys)
    assert code == 0 and len(found) == 2
    # 1001 (openbaar) has no comment: found in its page text only, on its own pages.
    assert hits(imported, "judgement:openbaar", capsys)[0] == 1
    code, found = hits(imported, "judgement:openbaar", capsys, scope="text")
    first = release.parts[0]
    assert code == 0 and found
    assert {h["page"] for h in found} <= set(range(first.first_page, first.last_page + 1))
    assert hits(imported, "docnr:0001002", capsys)[0] == 0  # a number compared as a number
    assert hits(imported, "release:nergens", capsys)[0] == 1


def test_judgement_is_a_field_the_query_knows(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", "judgement:", "--library", str(imported)])
    assert code == 2
    assert "judgement: needs a value, e.g. judgement:openbaar" in capsys.readouterr().err


def test_every_export_format_holds_the_inventory_and_findings(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(imported)]
    code, out = run(["export", "docnr:1002", "--format", "json", "-o", "-", *library], capsys)
    assert code == 0
    data = json.loads(out)
    (release,) = data["releases"]
    assert [d["docnr"] for d in release["documents"]] == ["1001", "1002", "1003"]
    assert {k: release["documents"][1][k] for k in (
        "judgement", "grounds_inventory", "grounds_found", "pages")} == {
        "judgement": "deels openbaar", "grounds_inventory": ["5.1.2e", "5.1.2b"],
        "grounds_found": ["5.1.2e"], "pages": 1}
    assert [(f["kind"], f["docnr"]) for f in release["findings"]] == FINDINGS
    code, out = run(["export", "--format", "csv", "-o", "-", *library], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    findings = [(r["id"], r["nota"]) for r in rows if r["kind"] == "release-finding"]
    assert code == 0 and findings == FINDINGS
    documents = [r for r in rows if r["kind"] == "release-document"]
    assert [(r["nota"], r["contents"]) for r in documents] == [
        ("1001", "openbaar"), ("1002", "deels openbaar"), ("1003", "deels openbaar")]
    code, out = run(["export", "--format", "md", "-o", "-", *library], capsys)
    assert code == 0 and "# Release: Besluit Woo-verzoek actieagenda" in out
    assert "- **missing-document** · 1003 · " in out
    code, out = run(["export", "--format", "jsonld", "-o", "-", *library], capsys)
    items = json.loads(out)["first"]["items"]
    assessed = [i for i in items if i["motivation"] == "assessing"]
    assert code == 0 and [a["body"][1]["value"] for a in assessed] == [k for k, _ in FINDINGS]


def test_an_export_of_documents_of_no_release_holds_none(
    tmp_path: Path, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(tmp_path / "library.json")]
    assert main(["import", str(sample_pdf), *library]) == 0
    capsys.readouterr()
    code, out = run(["export", "--format", "json", "-o", "-", *library], capsys)
    assert code == 0 and "releases" not in json.loads(out)


def test_kantlijn_path_imports_a_release_before_the_app_opens_on_it(
    tmp_path: Path, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.commands.importing import open_first

    library = str(tmp_path / "library.json")
    combined = write_combined(SPEC, tmp_path / "besluit.pdf")
    assert open_first(str(combined), library, None) == str(combined.resolve())
    assert "missing-document  1003" in capsys.readouterr().out
    assert [r.path for r in ReleaseStore(Path(library)).all()] == [str(combined.resolve())]
    # A PDF that is no release opens in the reader as before: nothing is read first.
    assert open_first(str(sample_pdf), library, None) is None
    assert capsys.readouterr().out == ""


def test_kantlijn_path_opens_a_release_again_and_a_document_read_before_without_a_look(
    tmp_path: Path, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF the library has read as a document of its own opens as that document with no
    look into its first pages (the PDF library is not even imported before the reader
    starts); a combined release it holds opens as the release again, also when moved."""
    from tui.commands.importing import open_first

    library = str(tmp_path / "library.json")
    assert main(["import", str(sample_pdf), "--library", library]) == 0
    combined = write_combined(SPEC, tmp_path / "besluit.pdf")
    assert open_first(str(combined), library, None) == str(combined.resolve())
    moved = combined.rename(tmp_path / "verplaatst.pdf")
    assert open_first(str(moved), library, None) == str(moved.resolve())
    capsys.readouterr()
    check = ("import sys; from tui.commands.importing import open_first; "
             f"print(open_first({str(sample_pdf)!r}, {library!r}, None), "
             "'pypdf' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.split() == ["None", "False"]


def test_a_new_pdf_is_looked_into_beside_the_app_start(tmp_path: Path, sample_pdf: Path) -> None:
    """``kantlijn PATH`` looks into a new PDF's first pages for an inventory in a child of
    its own while the app loads (the PDF library is imported there, not in the app's
    process before page 1 needs it): a combined release is told from a memo."""
    library = str(tmp_path / "library.json")
    combined = write_combined(SPEC, tmp_path / "besluit.pdf")
    check = ("import sys; from tui.commands.release_peek import start_looking; "
             f"release = start_looking({str(combined)!r}, {library!r}, None); "
             f"memo = start_looking({str(sample_pdf)!r}, {library!r}, None); "
             "print(release.is_release(), memo.is_release(), 'pypdf' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.split() == ["True", "False", "False"]
    assert done.stderr == ""


def test_the_look_reads_page_1_of_a_new_pdf_as_the_reader_would(
        tmp_path: Path, sample_pdf: Path) -> None:
    """The child that looks into a new PDF hands back its page 1, the same the reader reads
    (text and comments); none for a release, for a PDF the library has read, or where OCR
    reads page 1 (``always``): the reader reads those itself."""
    library = str(tmp_path / "library.json")
    combined = write_combined(SPEC, tmp_path / "besluit.pdf")
    check = ("from tui.commands.release_peek import start_looking; "
             "from tui.core.document import first_page, open_document; "
             f"memo = start_looking({str(sample_pdf)!r}, {library!r}, None, 'auto'); "
             "first = memo.first_page(); "
             f"expected = first_page(open_document({str(sample_pdf)!r})); "
             "print(memo.is_release(), first == expected, len(first.annotations), "
             f"start_looking({str(combined)!r}, {library!r}, None).first_page(), "
             f"start_looking({str(sample_pdf)!r}, {library!r}, None, 'always').first_page())")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          check=True, cwd=REPO)
    release, same, comments, of_release, for_ocr = done.stdout.split()
    assert (release, same, of_release, for_ocr) == ("False", "True", "None", "None")
    assert int(comments) > 0
    assert main(["import", str(sample_pdf), "--library", library]) == 0
    known = ("from tui.commands.release_peek import start_looking; "
             f"print(start_looking({str(sample_pdf)!r}, {library!r}, None).first_page())")
    done = subprocess.run([sys.executable, "-c", known], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.split() == ["None"]
