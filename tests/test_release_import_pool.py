"""A combined release (one PDF holding the letter, the inventory and every document) imported
on every core: its pages read and its cache file and fingerprint made by worker processes.

The pool gives the library one process gives, byte for byte; an import killed while the
workers read it leaves the library as it was before it, and its workers stop.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import children, running, wait_for

import tui.core.pdf.pages as pages
from tests.conftest import REPO
from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined
from tui.cli import main
from tui.core.files import file_sha256
from tui.core.library import prepare
from tui.core.library.cache import cache_dir_for
from tui.core.library.library import Library
from tui.core.release.store import ReleaseStore

"""Seconds a condition may take on a busy machine before the test gives up on it."""


def _release(path: Path, documents: int, pages_each: int) -> Path:
    """A combined release of ``documents`` documents of ``pages_each`` pages, a few redacted."""
    specs = [DocSpec(str(3001 + i), f"Document {i + 1} over de actieagenda",
                     judgement="Deels openbaar" if i % 3 == 1 else "Openbaar",
                     grounds="5.1.2e" if i % 3 == 1 else "",
                     redactions=["5.1.2e"] if i % 3 == 1 else [],
                     pages=pages_each, lines=20)
             for i in range(documents)]
    specs.append(DocSpec("3999", "Ontbrekend document", present=False))
    return write_combined(ReleaseSpec("Besluit Woo-verzoek (pool)", ["Geachte heer,"], specs),
                          path)


def test_a_combined_release_read_by_the_pool_gives_the_library_one_process_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _release(tmp_path / "besluit.pdf", 12, 3)
    # Small enough for a test, yet read and prepared in parts by two workers.
    monkeypatch.setattr(pages, "PARALLEL_FROM_PAGES", 10)
    monkeypatch.setattr(pages, "CHUNK_PAGES", 7)
    monkeypatch.setattr(prepare, "PARALLEL_FROM_PAGES", 10)
    monkeypatch.setattr(prepare, "PART_PAGES", 6)
    sha = file_sha256(pdf)
    said, caches, prints, releases = [], [], [], []
    for jobs in ("1", "2"):
        library_file = tmp_path / jobs / "library.json"
        assert main(["import", "--jobs", jobs, "--library", str(library_file), str(pdf)]) == 0
        said.append(capsys.readouterr().out)
        folder = cache_dir_for(library_file)
        caches.append((folder / "cache" / f"{sha}.jsonl").read_bytes())
        prints.append(json.loads((folder / "fingerprints.json").read_text())[sha])
        found = ReleaseStore(library_file).find(str(pdf))
        assert found is not None
        releases.append(found.report)
    assert said[0] == said[1] and "12 documents" in said[0]
    assert caches[0] == caches[1] and prints[0] == prints[1] and len(prints[0]) == 48
    assert releases[0] == releases[1]
    assert any(f["kind"] == "missing-document" for f in releases[0]["findings"])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_an_import_killed_while_the_pool_reads_a_release_leaves_the_library_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library_file = tmp_path / "library.json"
    memo = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
    assert main(["import", "--library", str(library_file), str(memo)]) == 0
    capsys.readouterr()
    before = library_file.read_bytes()
    pdf = _release(tmp_path / "besluit.pdf", 60, 4)  # 240 pages and more: read by the pool
    command = [sys.executable, "-m", "tui", "import", "--jobs", "2", "--library",
               str(library_file), str(pdf)]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: children(process.pid), "the workers reading the release")
        workers = children(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        wait_for(lambda: not any(running(pid) for pid in workers), "the workers to stop")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert library_file.read_bytes() == before
    library = Library.open(library_file)
    assert [d.sha256 for d in library.documents()] == [file_sha256(memo)]
    assert ReleaseStore(library_file).find(str(pdf)) is None
    assert main(["import", "--library", str(library_file), str(pdf)]) == 0  # and it goes on
    assert len(Library.open(library_file).documents()) == 2
