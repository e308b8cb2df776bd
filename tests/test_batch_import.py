"""Importing many documents: read on every core, added in the order given, whole or not at all.

A folder of real and generated PDFs imported by two processes gives the library one process
gives; an import killed part-way leaves whole documents only, the first ones of the batch;
its workers do not read on after it; the progress line shows on a terminal only.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import DEADLINE, children, running, wait_for

from tests.conftest import REPO
from tools.pdfgen.bulk import write_generated
from tui.cli import main
from tui.commands.progress_line import progress_text
from tui.core.document import load
from tui.core.files import file_sha256
from tui.core.library.batch_import import BatchProgress, import_files
from tui.core.library.library import Library

SAMPLES = sorted((REPO / "sample_docs").glob("*.pdf"))
"""Seconds a condition may take on a busy machine before the test gives up on it."""


def _folder(folder: Path, pages: list[int], samples: bool = True) -> list[Path]:
    """The sample release (both forms) and generated memos, each a document of its own."""
    folder.mkdir()
    files = [Path(shutil.copy(s, folder / s.name)) for s in SAMPLES] if samples else []
    files += [write_generated(folder / f"memo-{i:02}.pdf", n, author=f"Lezer {i}")
              for i, n in enumerate(pages)]
    return files


def _shelf(library_file: Path) -> list[tuple[str, str | None, int, int, list[str]]]:
    """What the library holds, in its listing order: hash, title, pages, comments and the
    ids of every annotation in the document's cache."""
    library = Library.open(library_file)
    shelf = []
    for summary in library.documents():
        extraction = library.cached_extraction(summary.sha256)
        assert extraction is not None, summary.sha256
        shelf.append((summary.sha256, summary.title, summary.pages, summary.comments,
                      [a.id for a in extraction.annotations]))
    return shelf


def test_a_folder_read_by_two_processes_gives_the_library_one_process_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _folder(tmp_path / "release", [3, 12, 1, 7])
    broken = tmp_path / "release" / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not the rest of a PDF")
    given = [str(files[0]), str(broken), *map(str, files[1:])]
    outputs = []
    for jobs in ("1", "2"):
        code = main(["import", "--jobs", jobs, "--library", str(tmp_path / jobs / "lib.json"),
                     *given])
        out, err = capsys.readouterr()
        assert code == 1  # one file of the batch failed, the rest are in
        errors = err.splitlines()
        assert len(errors) == 2 and errors[0].startswith(f"kantlijn: {broken}: ")
        assert errors[1] == "kantlijn: 1 of 7 files failed"
        outputs.append(out.splitlines())
    assert outputs[0] == outputs[1] and len(outputs[0]) == 6  # same lines, in the same order
    one, two = _shelf(tmp_path / "1" / "lib.json"), _shelf(tmp_path / "2" / "lib.json")
    assert one == two
    newest_first = [file_sha256(path) for path in reversed(files)]
    assert [sha for sha, *_ in two] == newest_first  # added in the order given
    assert sum(len(ids) for *_, ids in two) > 100


def test_a_copy_in_the_batch_is_read_once_and_said_to_be_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _folder(tmp_path / "release", [2])
    copy = Path(shutil.copy(files[-1], tmp_path / "kopie.pdf"))
    code = main(["import", "--jobs", "2", "--library", str(tmp_path / "lib.json"),
                 *map(str, files), str(copy)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[3] == lines[2] + " (already in the library)"
    assert len(Library.open(tmp_path / "lib.json").documents()) == 3


def test_each_document_is_on_disk_when_it_is_reported_in_the_order_given(
    tmp_path: Path,
) -> None:
    names = [str(p) for p in _folder(tmp_path / "release", [3, 1, 4, 2], samples=False)]
    library_file = tmp_path / "lib.json"
    library = Library.open(library_file)
    reported = []
    for count, result in enumerate(import_files(library, names, workers=2), 1):
        assert result.error is None and result.record is not None
        reported.append(result.name)
        assert _documents_in(library_file) == count  # saved before it is reported
    assert reported == names


def _documents_in(library_file: Path) -> int:
    """Documents in the library file as it is on disk now (it is replaced whole: atomic)."""
    try:
        data = json.loads(library_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return len(data.get("documents", {}))


def _end_session(pid: int) -> None:
    """Kill whatever is left of the session the import started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_import_leaves_the_first_documents_whole_and_its_workers_stop(
    tmp_path: Path,
) -> None:
    files = _folder(tmp_path / "release", [25] * 8, samples=False)
    library_file = tmp_path / "lib.json"
    command = [sys.executable, "-m", "tui", "import", "--jobs", "2", "--library",
               str(library_file), *map(str, files)]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _documents_in(library_file) >= 1, "the first document saved")
        workers = children(process.pid)
        assert workers  # the pool is reading the next documents
        process.send_signal(signal.SIGKILL)
        process.wait()
        wait_for(lambda: not any(running(pid) for pid in workers), "the workers to stop")
    finally:
        _end_session(process.pid)
    library = Library.open(library_file)
    held = [summary.sha256 for summary in reversed(library.documents())]  # oldest first
    assert held
    for path, sha in zip(files, held, strict=False):  # the first ones, in the order given
        whole = load(path)
        assert whole.document.sha256 == sha
        cached = library.cached_extraction(sha)
        assert cached is not None
        assert len(cached.pages) == whole.document.pages
        assert [a.id for a in cached.annotations] == [a.id for a in whole.annotations]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_worker_that_dies_costs_no_document(tmp_path: Path) -> None:
    files = _folder(tmp_path / "release", [25] * 8, samples=False)
    library_file = tmp_path / "lib.json"
    command = [sys.executable, "-m", "tui", "import", "--jobs", "2", "--library",
               str(library_file), *map(str, files)]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: _documents_in(library_file) >= 1, "the first document saved")
        workers = children(process.pid)
        assert workers
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
        out, err = process.communicate(timeout=DEADLINE)
    finally:
        _end_session(process.pid)
    assert (process.returncode, err) == (0, "")
    assert len(out.splitlines()) == len(files)
    held = [summary.sha256 for summary in reversed(Library.open(library_file).documents())]
    assert held == [file_sha256(path) for path in files]


def test_the_progress_line_shows_on_a_terminal_and_nowhere_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in _folder(tmp_path / "release", [2, 3, 1, 2], samples=False)]
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "import", "--library", str(tmp_path / "a.json"), *files],
        cwd=REPO, stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the import has ended
            break
        if not chunk:
            break
        shown += chunk
    out, _ = process.communicate()
    os.close(leader)
    assert process.returncode == 0 and len(out.splitlines()) == 4
    terminal = shown.decode()
    assert "importing [" in terminal and "4/4 documents" in terminal
    assert terminal.endswith("\r\x1b[K")  # and it is gone at the end
    assert main(["import", "--library", str(tmp_path / "b.json"), *files]) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(out.splitlines()) == 4  # not a terminal: quiet


def test_the_time_left_follows_the_pace_once_a_twentieth_is_read() -> None:
    state = BatchProgress(documents=300, finished=30, pages=200, work=1000, started=100.0)
    state.worked = 40
    assert state.seconds_left(now=110.0) is None  # 4 %: too early to tell
    state.worked = 250
    assert state.seconds_left(now=110.0) == pytest.approx(30.0)
    assert progress_text(state, now=110.0) == (
        "importing [##------------------] 30/300 documents, 200 pages, about 0:30 left")
