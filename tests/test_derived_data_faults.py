"""Derived data under faults: the search index locked by another process, read-only, or on a
full disk; extraction caches damaged, turned into a FIFO, or impossible to write. What the
user saved stays saved and is said so in one line; the index catches up; a document whose
cache is gone is read again from its PDF, and an export names what it could not include."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_samples import make_document, make_extraction

from tests.conftest import SAMPLE_PDF
from tui.core.library.library import Library

PUBLISHED_PDF = SAMPLE_PDF.with_name("nota-actieagenda-integratie-gepubliceerd.pdf")


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """A library of one (synthetic) document with a tagged comment and a built search index;
    (library file, index file)."""
    library_file = tmp_path / "data" / "library.json"
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.tag(sha, "p1-a1", "eerst")
    assert _cli("search", "--library", str(library_file), "tag:eerst").returncode == 0
    index = library_file.parent / "library.d" / "search.sqlite"
    assert index.is_file()
    return library_file, index


@pytest.fixture
def locked(indexed: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    """The index held by another process's write transaction for the test's duration."""
    holder = sqlite3.connect(indexed[1], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET value = value WHERE key = 'schema'")
    yield indexed
    holder.execute("ROLLBACK")
    holder.close()


def _hits(library_file: Path, query: str) -> tuple[list[str], str]:
    done = _cli("search", "--library", str(library_file), query)
    return [line.split()[0] for line in done.stdout.splitlines()], done.stderr


def test_a_locked_index_tag_and_note_are_saved_and_said_so(locked: tuple[Path, Path]) -> None:
    library_file, _ = locked
    tag = _cli("tag", "--library", str(library_file), "p1-a1", "later")
    assert (tag.returncode, tag.stdout) == (0, "p1-a1: eerst, later\n")
    assert tag.stderr == ("kantlijn: warning: tag saved; the search index will catch up "
                          "(database is locked)\n")
    note = _cli("note", "--library", str(library_file), "p1-a1", "navragen")
    assert (note.returncode, note.stdout) == (0, "p1-a1: note saved\n")
    assert note.stderr == ("kantlijn: warning: note saved; the search index will catch up "
                           "(database is locked)\n")
    library = Library.open(library_file)
    doc, _ = library.resolve_annotation_id("p1-a1")
    assert (library.tags_of(doc, "p1-a1"), library.note_of(doc, "p1-a1")) == (
        ["eerst", "later"], "navragen")
    # Searching meanwhile answers from a copy in memory, with everything saved.
    assert _hits(library_file, "tag:later") == (
        ["p1-a1"], "kantlijn: warning: the search index cannot be used (database is locked); "
        "searched a copy built in memory\n")


def test_the_index_catches_up_once_it_is_free(indexed: tuple[Path, Path]) -> None:
    library_file, index = indexed
    holder = sqlite3.connect(index, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET value = value WHERE key = 'schema'")
    assert _cli("tag", "--library", str(library_file), "p1-a1", "later").returncode == 0
    holder.execute("ROLLBACK")
    holder.close()
    listing = _cli("list", "--library", str(library_file))  # a command that changes nothing
    assert (listing.returncode, listing.stderr) == (0, "")
    assert _hits(library_file, "tag:later") == (["p1-a1"], "")
    rows = sqlite3.connect(index).execute("SELECT tags FROM ann WHERE id = 'p1-a1'").fetchall()
    assert rows == [('["eerst", "later"]',)]  # in the file itself, not only in memory


def _immutable(path: Path) -> bool:
    """Make ``path`` read-only even for root (chattr +i); False where that is not possible."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return True
    chattr = shutil.which("chattr")
    return chattr is not None and subprocess.run(
        [chattr, "+i", str(path)], capture_output=True).returncode == 0


def test_a_read_only_index_tag_saved_and_searched_from_memory(
    indexed: tuple[Path, Path],
) -> None:
    library_file, index = indexed
    if not _immutable(index):
        pytest.skip("as root a file is only read-only with chattr +i, which this file system "
                    "does not support")
    try:
        tag = _cli("tag", "--library", str(library_file), "p1-a1", "later")
        found = _hits(library_file, "tag:later")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(index)], check=True)
        index.chmod(0o644)
    assert (tag.returncode, tag.stdout) == (0, "p1-a1: eerst, later\n")
    assert tag.stderr.startswith("kantlijn: warning: tag saved; the search index will catch "
                                 "up (")
    assert found[0] == ["p1-a1"] and "searched a copy built in memory" in found[1]
    assert _hits(library_file, "tag:later") == (["p1-a1"], "")


def _limit_file_size() -> None:
    # ulimit -f 2 kB: the library (600 bytes) can be saved, the index and caches cannot.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_on_a_full_disk_the_library_is_saved_and_list_and_search_still_answer(
    indexed: tuple[Path, Path],
) -> None:
    library_file, _ = indexed
    full = {"preexec_fn": _limit_file_size}
    tag = _cli("tag", "--library", str(library_file), "p1-a1", "later", **full)
    assert (tag.returncode, tag.stdout) == (0, "p1-a1: eerst, later\n")
    assert tag.stderr == ("kantlijn: warning: tag saved; the search index will catch up (it "
                          "cannot be opened for writing)\n")
    listing = _cli("list", "--library", str(library_file), **full)
    assert listing.returncode == 0 and "eerst ×1, later ×1" in listing.stdout
    assert "Traceback" not in listing.stderr
    found = _hits(library_file, "tag:later")  # the disk has room again
    assert found == (["p1-a1"], "")


def test_a_cache_that_cannot_be_written_is_said_and_the_document_still_added(
    tmp_path: Path, sample_pdf: Path,
) -> None:
    library_file = tmp_path / "library.json"
    done = _cli("import", "--library", str(library_file), str(sample_pdf),
                preexec_fn=_limit_file_size)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Openbaarmaking nota's bij actieagenda integratie: 22 pages")
    sha = done.stdout.rsplit("[", 1)[1][:12]
    assert (f"kantlijn: warning: the text of document {sha} could not be cached (file too "
            "large to write); it will be read from its file again next time") in done.stderr
    assert not list((tmp_path / "library.d" / "cache").glob("*.jsonl"))
    export = _cli("export", "--library", str(library_file), "-f", "csv", "-o", "-")
    assert export.returncode == 0 and export.stdout.count("\n") > 40  # read again


# Damaged caches and the export -----------------------------------------------------------

@pytest.fixture
def two_documents(tmp_path: Path, sample_pdf: Path) -> tuple[Path, dict[str, Path]]:
    """A library of the sample and its published form; (library file, PDF by hash)."""
    if not PUBLISHED_PDF.is_file():
        pytest.skip("sample_docs published PDF not generated yet")
    pdfs = [tmp_path / "nota.pdf", tmp_path / "gepubliceerd.pdf"]
    shutil.copy(sample_pdf, pdfs[0])
    shutil.copy(PUBLISHED_PDF, pdfs[1])
    library_file = tmp_path / "library.json"
    assert _cli("import", "--library", str(library_file), *map(str, pdfs)).returncode == 0
    library = Library.open(library_file)
    return library_file, {d.sha256: Path(d.path or "") for d in library.documents()}


def _export_csv(library_file: Path, target: Path, *query: str) -> subprocess.CompletedProcess[str]:
    return _cli("export", "--library", str(library_file), *query, "-f", "csv", "-o",
                str(target), "--force")


@pytest.mark.parametrize("damage", ["truncated", "fifo"])
def test_a_damaged_cache_is_read_again_from_the_pdf_for_an_export(
    two_documents: tuple[Path, dict[str, Path]], tmp_path: Path, damage: str
) -> None:
    library_file, pdfs = two_documents
    whole = _export_csv(library_file, tmp_path / "whole.csv")
    assert whole.returncode == 0
    cache = Library.open(library_file).cache
    for sha in pdfs:
        path = cache.path(sha)
        if damage == "fifo":
            path.unlink()
            os.mkfifo(path)
        else:
            path.write_bytes(path.read_bytes()[:500])
    again = _export_csv(library_file, tmp_path / "again.csv")
    assert (again.returncode, again.stderr) == (0, whole.stderr.replace("whole", "again"))
    assert (tmp_path / "again.csv").read_text() == (tmp_path / "whole.csv").read_text()
    assert all(cache.has(sha) for sha in pdfs)  # cached anew


def test_an_export_names_the_documents_it_could_not_include(
    two_documents: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    library_file, pdfs = two_documents
    library = Library.open(library_file)
    lost = next(sha for sha, pdf in pdfs.items() if pdf.name == "nota.pdf")
    library.cache.path(lost).write_bytes(b"\x00damaged")
    pdfs[lost].rename(tmp_path / "elders.pdf")  # and the PDF is no longer where it was
    title = library.label(lost)
    target = tmp_path / "out.csv"
    done = _export_csv(library_file, target)
    assert done.returncode == 1
    assert done.stderr == (
        f"kantlijn: could not include 1 document ({title}): the cached text is gone and the "
        "file is missing, changed or unreadable (kantlijn import FILE reads it again); the "
        f"rest was written to {target}\n")
    rows = target.read_text().splitlines()
    assert len(rows) > 1 and lost not in target.read_text()
    only = _export_csv(library_file, tmp_path / "only.csv", "tag:nergens")
    assert only.returncode == 1 and only.stderr.endswith("; nothing was written\n")
    assert not (tmp_path / "only.csv").exists()
