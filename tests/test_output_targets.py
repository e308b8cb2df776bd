"""Output that respects what is there: ``export -o`` into a FIFO or character device writes
into it, through a symbolic link replaces the file it points to (atomically) and keeps the
link, and refuses anything else that is not a regular file; file names and titles never reach
the terminal as escape sequences; the Markdown front matter is strictly quoted YAML that a
renderer cannot take for HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from store_samples import make_document, make_extraction

from tui.core.export.records import Selection, select
from tui.core.export.writer import Options, write_export
from tui.core.files import shown_name
from tui.core.library.library import Library


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    """A library of one (synthetic) document with three comments."""
    path = tmp_path / "library.json"
    pdf = make_document(tmp_path)
    with Library.open(path) as library:
        library.add_document(make_extraction(pdf), pdf)
    return path


def _export(library_file: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return _cli("export", "--library", str(library_file), "-f", "csv", "-o", str(target), *extra)


def test_into_a_fifo_the_export_is_written_and_the_fifo_stays(
    library_file: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = _export(library_file, fifo, "--force")
    reader.join(timeout=60)
    assert (done.returncode, done.stderr) == (0, f"3 annotations from 1 document written to "
                                                 f"{fifo}\n")
    assert received and received[0].decode().count("\r\n") == 4  # header and three rows
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dev_stdout_into_a_pipe_is_written_into(library_file: Path) -> None:
    if not Path("/dev/stdout").exists():
        pytest.skip("no /dev/stdout on this system")
    done = _export(library_file, Path("/dev/stdout"))  # a link to this process's pipe
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 4 and done.stdout.startswith("document,")


def test_into_a_character_device_the_export_is_written_and_the_device_stays(
    library_file: Path, tmp_path: Path
) -> None:
    null = tmp_path / "null"
    try:  # a /dev/null of the test's own: a mistake here cannot touch the system's
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    for extra in ((), ("--force",)):
        done = _export(library_file, null, *extra)
        assert done.returncode == 0, done.stderr
        assert stat.S_ISCHR(null.stat().st_mode) and null.stat().st_rdev == os.makedev(1, 3)


def test_through_a_symbolic_link_force_replaces_its_target_and_keeps_the_link(
    library_file: Path, tmp_path: Path
) -> None:
    (tmp_path / "elders").mkdir()
    real = tmp_path / "elders" / "export.csv"
    real.write_text("oud\n")
    real.chmod(0o600)
    link = tmp_path / "export.csv"
    link.symlink_to(real)
    refused = _export(library_file, link)
    assert (refused.returncode, refused.stderr) == (
        1, f"kantlijn: {link} exists; add --force to replace it\n")
    before = real.stat().st_ino
    done = _export(library_file, link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().count(b"\r\n") == 4  # header and three rows
    assert real.stat().st_ino != before  # replaced by a rename, not rewritten in place
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # and keeps its mode


def test_a_dangling_link_is_only_followed_with_force(library_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "export.csv"
    missing = tmp_path / "nog-niet.csv"
    link.symlink_to(missing)
    refused = _export(library_file, link)
    assert (refused.returncode, refused.stderr) == (
        1, f"kantlijn: {link} is a link to {missing}, which does not exist; add --force to "
           "create it\n")
    assert not missing.exists()
    done = _export(library_file, link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and missing.is_file()


def test_a_socket_a_directory_and_a_link_to_one_are_refused_in_one_line(
    library_file: Path, tmp_path: Path
) -> None:
    sock_path = tmp_path / "sok"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        done = _export(library_file, sock_path, "--force")
    finally:
        server.close()
    assert (done.returncode, done.stderr) == (
        1, f"kantlijn: {sock_path}: not a regular file (a socket); choose another file\n")
    assert stat.S_ISSOCK(sock_path.stat().st_mode)
    folder_link = tmp_path / "map"
    folder_link.symlink_to(tmp_path)
    done = _export(library_file, folder_link, "--force")
    assert (done.returncode, done.stderr) == (
        1, f"kantlijn: {folder_link} is a directory: give a file name\n")


# Names and titles on the terminal -------------------------------------------------------

ESCAPE_NAME = "nota\x1b[31m\x1b]0;gehackt\x07\u202e.pdf"


def test_file_names_are_shown_escaped_as_ls_b_does() -> None:
    assert shown_name("gewoon bestand.pdf") == "gewoon bestand.pdf"
    assert shown_name(ESCAPE_NAME) == "nota\\033[31m\\033]0;gehackt\\a\\342\\200\\256.pdf"
    assert shown_name("a\\b\n") == "a\\\\b\\n"
    assert shown_name(os.fsdecode(b"x\x9by.pdf")) == "x\\233y.pdf"  # a byte that is no UTF-8


def test_import_and_errors_never_echo_an_escape_sequence(
    tmp_path: Path, sample_pdf: Path
) -> None:
    hostile = tmp_path / ESCAPE_NAME
    shutil.copy(sample_pdf, hostile)
    missing = tmp_path / ("weg\x1b[2J" + ".pdf")
    no_folder = tmp_path / "x\x1b[2J"
    library = str(tmp_path / "library.json")
    done = _cli("import", "--library", library, str(hostile), str(missing))
    extract = _cli("extract", str(missing))
    export = _cli("export", "--library", library, "-o", str(no_folder / "a.md"))
    for output in (done.stdout, done.stderr, extract.stderr, export.stderr):
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert len(done.stdout.splitlines()) == 1  # the hostile name's document was imported
    assert f"kantlijn: {shown_name(missing)}: no such file" in done.stderr.splitlines()
    assert extract.stderr == f"kantlijn: {shown_name(missing)}: no such file\n"
    assert export.stderr == f"kantlijn: {shown_name(no_folder)}: no such folder\n"


# The Markdown front matter --------------------------------------------------------------

HOSTILE_TITLE = ('Nota <script>alert(1)</script> <img src=x onerror=alert(2)> "aan" de \\ '
                 "[directie](http://evil.example) &amp; \x85 \u2028 \u202e\x7f einde")
#: A YAML double-quoted scalar using only escapes YAML and JSON share, every character in
#: it printable: a strict form that PyYAML (when present) and json.loads read alike.
_QUOTED = r'"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029]|\\["\\nrt]|\\u[0-9a-f]{4})*"'
_LINE = re.compile(rf"^(?:  - |    )?(title|source|sha256|exported|query): ({_QUOTED})$")


def _front_matter(text: str) -> list[str]:
    assert text.startswith("---\n")
    return text[4:text.index("\n---\n")].splitlines()


@pytest.mark.parametrize("documents", [1, 2])
def test_front_matter_is_strict_yaml_and_renders_without_html(
    tmp_path: Path, documents: int
) -> None:
    with Library.open(tmp_path / "library.json") as library:
        for number in range(documents):
            pdf = make_document(tmp_path, f"nota-{number}.pdf", seed=str(number))
            extraction = make_extraction(pdf)
            extraction.document = replace(extraction.document, title=HOSTILE_TITLE)
            library.add_document(extraction, pdf)
        out = tmp_path / "export.md"
        write_export(select(library, Selection('"comment 1" OR zweden')),
                     Options("md", out, force=True))
    text = out.read_text(encoding="utf-8")
    values: dict[str, list[str]] = {}
    for line in _front_matter(text):
        if line == "documents:":
            continue
        match = _LINE.match(line)
        assert match, line
        values.setdefault(match[1], []).append(json.loads(match[2]))
    titles = values["title"][1:] if documents > 1 else values["title"]
    assert titles == [HOSTILE_TITLE] * documents  # read back exactly
    assert values["query"] == ['"comment 1" OR zweden']
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        pass
    else:
        parsed = yaml.safe_load(text.split("---\n")[1])
        assert HOSTILE_TITLE in json.dumps(parsed, ensure_ascii=False)
    # A renderer that does not know front matter reads it as text: never HTML, never a link.
    tokens = MarkdownIt("commonmark").parse(text)
    inline = [t for tok in tokens for t in [tok, *(tok.children or [])]]
    assert [t for t in inline if t.type in ("html_inline", "html_block")] == []
    links = [t.attrGet("href") for t in inline if t.type == "link_open"]
    assert all(str(h).startswith("nota-") for h in links)  # only the citations
    assert "<script>" not in MarkdownIt("commonmark").render(text)
