"""Every error a sentence: a path that is a directory, not a regular file, not readable, or in
a folder that cannot be entered is named as what it is, in one line, with exit status 1 —
for ``extract`` and for ``import`` alike."""

from __future__ import annotations

import errno
import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_PDF
from tui.cli import main


def _run(*argv: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue().splitlines()


def test_a_directory_and_a_pipe_are_named(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert _run("extract", str(tmp_path)) == (1, [f"kantlijn: {tmp_path}: is a directory"])
    assert _run("extract", str(fifo)) == (1, [f"kantlijn: {fifo}: not a regular file"])
    code, lines = _run("import", "--library", str(tmp_path / "lib.json"), str(fifo))
    assert code == 1 and f"kantlijn: {fifo}: not a regular file" in lines


@pytest.mark.parametrize("where", ["file", "folder"])
def test_permission_denied_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   where: str) -> None:
    # Simulated, so that it holds when the tests run as root too (root may read anything).
    folder = tmp_path / "dossier"
    folder.mkdir()
    pdf = folder / "nota.pdf"
    shutil.copy(SAMPLE_PDF, pdf)
    denied = pdf if where == "file" else folder
    real_stat, real_open = Path.stat, Path.open

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        if where == "folder" and self.parent == denied:  # cannot enter the folder
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    def open_(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(Path, "open", open_)
    assert _run("extract", str(pdf)) == (1, [f"kantlijn: {pdf}: permission denied"])
    code, lines = _run("import", "--library", str(tmp_path / "lib.json"), str(pdf))
    assert code == 1 and f"kantlijn: {pdf}: permission denied" in lines


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read a chmod-000 file")
def test_a_chmod_000_file_is_permission_denied(tmp_path: Path) -> None:
    pdf = tmp_path / "nota.pdf"
    shutil.copy(SAMPLE_PDF, pdf)
    pdf.chmod(0)
    try:
        assert _run("extract", str(pdf)) == (1, [f"kantlijn: {pdf}: permission denied"])
    finally:
        pdf.chmod(0o644)


def test_any_other_system_refusal_is_one_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # The last line of defence: an OSError from anywhere becomes a sentence, not a traceback.
    def fail(*_: object, **__: object) -> None:
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "disk"))

    monkeypatch.setattr("tui.core.document.open_document", fail)
    assert _run("extract", str(SAMPLE_PDF)) == (
        1, [f"kantlijn: {tmp_path / 'disk'}: input/output error"])


def test_import_notes_refuses_a_pipe_and_a_file_nested_too_deep(tmp_path: Path) -> None:
    fifo = tmp_path / "notes.json"
    os.mkfifo(fifo)  # no writer ever comes: reading it would wait forever
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    library = str(tmp_path / "lib.json")
    assert _run("import-notes", "--library", library, str(fifo)) == (
        1, [f"kantlijn: cannot read {fifo}: not a regular file (a named pipe)"])
    assert _run("import-notes", "--library", library, str(deep)) == (
        1, [f"kantlijn: {deep} is not a kantlijn notes export (nested too deeply)"])
