"""``kantlijn import/list/tag/untag/note`` as a user runs them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import make_document, make_extraction

from tui.cli import main
from tui.core.library.library import Library

HAS_LOADER = importlib.util.find_spec("tui.core.document") is not None


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    """A library with two documents sharing the ids p1-a1 and p2-a2."""
    path = tmp_path / "library.json"
    first = make_document(tmp_path, "first.pdf", seed="1")
    second = make_document(tmp_path, "second.pdf", seed="2")
    with Library.open(path) as library:
        library.add_document(make_extraction(first, 2), first)
        library.add_document(make_extraction(second, 4), second)
    return path


def _sha(tmp_path: Path, name: str) -> str:
    return make_extraction(tmp_path / name).document.sha256


def test_tag_untag_and_note_by_id(
    tmp_path: Path, library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(library_file)]
    assert main(["tag", "p1-a3", "Follow-up", "budget", *lib]) == 0
    assert capsys.readouterr().out == "p1-a3: Follow-up, budget\n"
    assert main(["untag", "p1-a3", "BUDGET", *lib]) == 0
    assert main(["note", "p1-a3", "check with legal", *lib]) == 0
    sha = _sha(tmp_path, "second.pdf")
    library = Library.open(library_file)
    assert library.tags_of(sha, "p1-a3") == ["Follow-up"]
    assert library.note_of(sha, "p1-a3") == "check with legal"


def test_an_ambiguous_id_asks_for_doc(
    tmp_path: Path, library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(library_file)]
    assert main(["tag", "p1-a1", "x", *lib]) == 1
    error = capsys.readouterr().err
    assert "in 2 documents" in error and "--doc" in error and "Traceback" not in error
    assert main(["tag", "p1-a1", "x", "--doc", str(tmp_path / "first.pdf"), *lib]) == 0
    sha = _sha(tmp_path, "first.pdf")
    assert main(["note", "p1-a1", "by hash", "--doc", sha[:8], *lib]) == 0
    library = Library.open(library_file)
    assert library.tags_of(sha, "p1-a1") == ["x"]
    assert library.note_of(sha, "p1-a1") == "by hash"
    assert library.tags_of(_sha(tmp_path, "second.pdf"), "p1-a1") == []


def test_an_unknown_id_is_a_one_line_error(
    library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["note", "p7-a70", "text", "--library", str(library_file)]) == 1
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_list_shows_documents_with_tag_counts(
    library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(library_file)]
    main(["tag", "p1-a3", "woo", *lib])
    main(["tag", "p2-a4", "WOO", *lib])
    capsys.readouterr()
    assert main(["list", *lib]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3  # header + two documents
    second = next(line for line in lines if "Nota second" in line)
    assert "woo ×2" in second and " 4 " in second


def test_a_corrupt_library_is_reported_by_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.json"
    path.write_text("{broken")
    assert main(["list", "--library", str(path)]) == 0
    err = capsys.readouterr().err
    assert "moved it aside" in err and ".broken-" in err
    assert (tmp_path / next(p.name for p in tmp_path.glob("library.json.broken-*"))).read_text() \
        == "{broken"


def test_import_reports_failures_and_continues(
    tmp_path: Path, library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = tmp_path / "first.pdf"
    missing = tmp_path / "missing.pdf"
    code = main(["import", str(missing), str(known), "--library", str(library_file)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"kantlijn: {missing}: no such file" in err
    assert "Nota first: 2 pages, 1 nota, 2 comments" in out  # known: read from the cache


@pytest.mark.skipif(not HAS_LOADER, reason="tui.core.document not written yet")
def test_import_real_pdfs_then_tag_one_of_their_comments(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [corpus / "pdfannots" / "hotos17.pdf", corpus / "pdfannots" / "word2column.pdf"]
    bad = corpus / "bad" / "bug1020226.pdf"
    lib = ["--library", str(tmp_path / "library.json")]
    assert main(["import", str(good[0]), str(bad), str(good[1]), *lib]) == 1
    out, err = capsys.readouterr()
    assert out.count(" pages, ") == 2
    failures = [line for line in err.splitlines() if line.startswith("kantlijn: ")]
    assert len(failures) == 2  # the broken file, then "1 of 3 files failed"
    assert failures[0].count("bug1020226.pdf") == 1
    library = Library.open(lib[1])
    assert len(library.documents()) == 2
    sha = library.find_document(good[0]).sha256  # type: ignore[union-attr]
    extraction = library.cached_extraction(sha)
    assert extraction is not None and extraction.annotations
    first = extraction.annotations[0].id
    assert main(["tag", first, "real", "--doc", str(good[0]), *lib]) == 0
    assert Library.open(lib[1]).tags_of(sha, first) == ["real"]


def test_the_installed_command_runs(library_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "tag", "p2-a4", "later", "--library", str(library_file)],
        capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stdout) == (0, "p2-a4: later\n")


def test_untag_of_a_missing_tag_warns_and_note_says_when_it_replaces(
    library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(library_file)]
    assert main(["tag", "p1-a3", "budget", *lib]) == 0
    capsys.readouterr()
    assert main(["untag", "p1-a3", "budget", "nooit", *lib]) == 1
    out, err = capsys.readouterr()
    assert out == "p1-a3: (no tags)\n"  # what it had is still removed
    assert err == "kantlijn: warning: p1-a3 has no tag nooit\n"
    assert main(["note", "p1-a3", "eerste", *lib]) == 0
    assert capsys.readouterr().out == "p1-a3: note saved\n"
    assert main(["note", "p1-a3", "tweede", *lib]) == 0
    assert capsys.readouterr().out == "p1-a3: note replaced (it was: eerste)\n"
    assert main(["note", "p1-a3", "", *lib]) == 0
    assert capsys.readouterr().out == "p1-a3: note removed\n"


def test_a_directory_is_a_directory_and_counts_are_singular_when_one(
    tmp_path: Path, library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert main(["import", str(folder), "--library", str(library_file)]) == 1
    err = capsys.readouterr().err
    assert f"kantlijn: {folder}: is a directory" in err
    assert "kantlijn: 1 of 1 file failed" in err
