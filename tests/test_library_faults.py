"""The library under faults: files of the wrong shape (nested 100,000 deep, NaN, ids that are
no numbers), empty, from a newer kantlijn, a FIFO where a file should be, damaged caches, a
read-only folder, a full disk or a file-size limit during a save, temporary files left by a
killed writer, and text that is not what it seems. Never a traceback, never a command that
waits forever, never the user's library overwritten or lost."""

from __future__ import annotations

import copy
import errno
import io
import json
import os
import random
import resource
import signal
import stat
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from reader_fixture import messages
from store_samples import make_document, make_extraction

from tui.core import files
from tui.core.errors import KantlijnError
from tui.core.library.library import Library
from tui.core.library.migrations import SCHEMA
from tui.core.model import Anchor, Annotation, Span


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "library.json"


@pytest.fixture
def filled(tmp_path: Path, library_file: Path) -> tuple[Path, str]:
    """A library with one document whose first annotation is tagged; (library file, hash)."""
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.tag(sha, "p1-a1", "eerst")
    return library_file, sha


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          **kwargs)


@pytest.mark.parametrize(("content", "why"), [
    (b"[]", "not a JSON object"),
    (b"42", "not a JSON object"),
    (b'{"documents": 5}', "table 'documents' is not an object"),
    (b'{"annotations": {"1": ["doc", "id"]}}', "record '1' of 'annotations' is not an object"),
    (b'{"meta": {"1": {"schema": 1}}, "annotations": {"1": {"doc": "a", "id": "b", '
     b'"tags": "urgent"}}}', "field 'tags' of 'annotations' record '1' has the wrong type"),
    (b'{"meta": {"1": {"schema": "new"}}}', "its schema version is not a number"),
    (b"", "the file is empty"),
    (b"  \n", "the file is empty"),
    (b"[" * 100_000, "it is nested too deeply"),
    (b'{"meta": {"1": {"schema": 1}}, "documents": {"1": {"sha256": "ab", "pages": NaN}}}',
     "it holds NaN, which is not a number"),
    (b'{"meta": {"1": {"schema": 1}}, "documents": {"1": {"sha256": "ab", "pages": 1e400}}}',
     "it holds 1e400, a number too large"),
    (b'{"meta": {"1": {"schema": 1}}, "documents": {"1": {"sha256": "ab", "pages": "2"}}}',
     "field 'pages' of 'documents' record '1' has the wrong type"),
    (b'{"meta": {"1": {"schema": 1}}, "documents": {"1": {"title": "zonder hash"}}}',
     "field 'sha256' of 'documents' record '1' is missing"),
    (b'{"documents": {"eerste": {"sha256": "ab"}}}',
     "record 'eerste' of 'documents' has no number for its id"),
    (b'{"meta": {"1": {"schema": 1}}, "positions": {"1": {"doc": "ab", "page": [3]}}}',
     "field 'page' of 'positions' record '1' has the wrong type"),
    (b'{"meta": {"1": {"schema": 1, "generation": "veel"}}}',
     "field 'generation' of 'meta' record '1' has the wrong type"),
    (b'{"meta": {"1": {"schema": 1}}, "own": {"1": {"doc": "ab", "id": "mine-1", '
     b'"annotation": {"kleur": "rood"}}}}',
     "the annotation of 'own' record '1' does not read as one"),
    (b'{"tags": {"1": {"doc": "ab", "tag": "x"}}}',
     "field 'annotation' of 'tags' record '1' is missing"),
])
def test_a_library_of_the_wrong_shape_is_moved_aside_with_one_line(
    library_file: Path, content: bytes, why: str
) -> None:
    library_file.parent.mkdir(parents=True)
    library_file.write_bytes(content)
    done = _cli("list", "--library", str(library_file))
    assert done.returncode == 0, done.stderr
    [line] = done.stderr.splitlines()[:1]
    [aside] = library_file.parent.glob("library.json.broken-*")
    assert line == (f"kantlijn: warning: the library {library_file} could not be read ({why}); "
                    f"moved it aside to {aside} and started a new one")
    assert aside.read_bytes() == content  # never overwritten
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [
    ["list"], ["search", "zweden"], ["export", "-o", "-"], ["tag", "p1-a1", "later"],
    ["note", "p1-a1", "later"],
])
@pytest.mark.parametrize("content", [
    b"[" * 100_000,
    b'{"meta": {"1": {"schema": 1}}, "documents": {"1": {"sha256": "ab", "pages": NaN}}}',
], ids=["nested", "nan"])
def test_every_command_moves_a_hostile_library_aside_without_a_traceback(
    library_file: Path, command: list[str], content: bytes
) -> None:
    library_file.parent.mkdir(parents=True)
    library_file.write_bytes(content)
    done = _cli(*command, "--library", str(library_file), timeout=120)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)  # the commands' own answers on an empty library
    [aside] = library_file.parent.glob("library.json.broken-*")
    assert done.stderr.startswith(f"kantlijn: warning: the library {library_file} could not "
                                  "be read (")
    assert aside.read_bytes() == content


@pytest.mark.parametrize("which", ["library.json", "library.json.lock"])
def test_a_fifo_for_the_library_or_its_lock_is_refused_in_one_line(
    library_file: Path, which: str
) -> None:
    library_file.parent.mkdir(parents=True)
    fifo = library_file.parent / which
    os.mkfifo(fifo)
    # No writer ever opens the FIFO: a command that read it would wait until the timeout.
    for command in (["list"], ["tag", "p1-a1", "x"], ["export", "-o", "-"]):
        done = _cli(*command, "--library", str(library_file), timeout=60)
        verb = "read" if which == "library.json" else "open"
        assert (done.returncode, done.stderr) == (1, (
            f"kantlijn: cannot {verb} the library {fifo}: not a regular file (a named pipe)\n"))
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # left as it is, not replaced


def test_a_fifo_for_the_id_index_is_passed_by(filled: tuple[Path, str]) -> None:
    library_file, _ = filled
    ids = library_file.parent / "library.d" / "ids.json"
    ids.unlink()
    os.mkfifo(ids)
    done = _cli("tag", "--library", str(library_file), "p1-a1", "later", timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "p1-a1: eerst, later\n", "")
    assert stat.S_ISFIFO(ids.stat().st_mode)


_ODD_VALUES: list[Any] = [None, True, 0, -1, 2**70, 1.5, "", "x", [], {}, [1, [2]],
                         {"a": {}}, "NaN"]


def _mutated(seed: dict[str, Any], rng: random.Random) -> str:
    """``seed`` with one to three of its values deleted, replaced or joined by an odd one."""
    data = copy.deepcopy(seed)
    for _ in range(rng.randint(1, 3)):
        places: list[tuple[Any, Any]] = []
        stack: list[Any] = [data]
        while stack:
            node = stack.pop()
            keys = list(node) if isinstance(node, dict) else range(len(node))
            for key in keys:
                places.append((node, key))
                if isinstance(node[key], dict | list):
                    stack.append(node[key])
        parent, key = rng.choice(places)
        choice = rng.random()
        if choice < 0.3:
            del parent[key]
        elif choice < 0.8:
            parent[key] = copy.deepcopy(rng.choice(_ODD_VALUES))
        elif isinstance(parent, dict):
            parent[f"z{rng.randint(0, 9)}"] = copy.deepcopy(rng.choice(_ODD_VALUES))
        else:
            parent.append(copy.deepcopy(rng.choice(_ODD_VALUES)))
    return json.dumps(data)


def test_seeded_mutations_of_a_full_library_never_trace_back(
    filled: tuple[Path, str], tmp_path: Path
) -> None:
    from tui.cli import main

    library_file, sha = filled
    with Library.open(library_file) as library:  # every table kantlijn writes
        library.set_note(sha, "p1-a1", "navragen")
        library.set_position(sha, 2, 1)
        library.searches.save("zweden")
        library.questions.mark(sha, "p1-a1", "answered", "ja")
        span = Span(1, 0, 0, 4)
        library.add_own_annotation(sha, Annotation(
            id="", kind="highlight", subtype="Highlight", page=1, quote="line", spans=[span],
            anchor=Anchor("line", 1, 0, "quote", spans=[span]), contents="mijn"))
    seed = json.loads(library_file.read_text())
    rng = random.Random(26)
    for number in range(200):
        text = _mutated(seed, rng)
        for command in (["list"], ["tag", "p1-a1", "x"], ["export", "-o", "-"]):
            target = tmp_path / f"m{number}-{command[0]}.json"
            target.write_text(text)
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
                code = main([command[0], "--library", str(target), *command[1:]])
            assert code in (0, 1), (text, err.getvalue())
            assert all(line.startswith(("kantlijn: ", "the library is empty"))
                       for line in err.getvalue().splitlines()), (text, err.getvalue())


def test_a_library_from_a_newer_kantlijn_is_refused_in_one_line(library_file: Path) -> None:
    library_file.parent.mkdir(parents=True)
    newer = json.dumps({"meta": {"1": {"schema": SCHEMA + 1}}, "future": {"1": {"x": 1}}})
    library_file.write_text(newer)
    done = _cli("tag", "--library", str(library_file), "p1-a1", "x")
    assert done.returncode == 1
    assert done.stderr.startswith("kantlijn: the library was written by a newer kantlijn")
    assert len(done.stderr.splitlines()) == 1
    assert library_file.read_text() == newer


@pytest.mark.parametrize("damage", ["truncate", "garble"])
def test_a_damaged_cache_is_moved_aside_and_the_document_read_again(
    filled: tuple[Path, str], damage: str
) -> None:
    library_file, sha = filled
    library = Library.open(library_file)
    cache = library.cache.path(sha)
    raw = cache.read_bytes()
    broken = raw[: len(raw) // 2] if damage == "truncate" else b"\x00garbage" + raw[8:]
    cache.write_bytes(broken)
    again = Library.open(library_file)
    assert again.cached_extraction(sha) is None  # so the document is read again
    [aside] = cache.parent.glob(f"{cache.name}.broken-*")
    assert aside.read_bytes() == broken
    [notice] = again.notices
    assert notice == (f"the cached text of document {sha[:12]} was cut short or damaged; "
                      f"moved it aside to {aside.name} and read the document again")
    assert again.tags_of(sha, "p1-a1") == ["eerst"]  # the user's work is in the library


def test_a_read_only_folder_gives_a_read_only_session(
    filled: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library_file, sha = filled
    before = library_file.read_bytes()
    folder = str(library_file.parent)
    real_access = os.access
    # Tests may run as root, who may write anywhere: the folder says "no" through access().
    monkeypatch.setattr(os, "access", lambda path, mode: (
        False if str(path) == folder and mode & os.W_OK else real_access(path, mode)))
    library = Library.open(library_file)
    assert library.notices == [
        f"the library {library_file} is read-only here: nothing you change is saved"
    ]
    assert library.tags_of(sha, "p1-a1") == ["eerst"]  # reading works
    library.tag(sha, "p1-a1", "later")
    with pytest.raises(KantlijnError, match="is read-only: changes are not saved"):
        library.flush()
    assert library_file.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_really_read_only_folder_in_the_cli(filled: tuple[Path, str]) -> None:
    library_file, _ = filled
    before = library_file.read_bytes()
    library_file.parent.chmod(0o555)
    try:
        done = _cli("tag", "--library", str(library_file), "p1-a1", "later")
    finally:
        library_file.parent.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"kantlijn: warning: the library {library_file} is read-only here: nothing you change "
        "is saved",
        f"kantlijn: the library {library_file} is read-only: changes are not saved",
    ]
    assert library_file.read_bytes() == before


def _limit_file_size() -> None:
    # ulimit -f: writes past 1 kB fail with EFBIG (ignoring SIGXFSZ, which would kill us).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_a_file_size_limit_during_a_save_leaves_the_library_as_it_was(
    filled: tuple[Path, str],
) -> None:
    library_file, sha = filled
    with Library.open(library_file) as library:  # past the limit the save meets
        library.set_note(sha, "p1-a1", "Navragen bij de directie. " * 60)
    before = library_file.read_bytes()
    assert len(before) > 1024
    done = _cli("tag", "--library", str(library_file), "p1-a1", "nog een", timeout=120,
                preexec_fn=_limit_file_size)
    assert done.returncode == 1
    assert done.stderr == (f"kantlijn: cannot save the library {library_file}: file too large "
                           "to write; it is as it was before\n")
    assert library_file.read_bytes() == before
    assert not list(library_file.parent.glob(".*.tmp"))


def test_a_full_disk_during_a_save_leaves_the_library_as_it_was(
    filled: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library_file, sha = filled
    before = library_file.read_bytes()
    library = Library.open(library_file)
    library.tag(sha, "p1-a1", "later")

    class FullDisk:
        def __init__(self, path: Path, mode: str) -> None:
            self.handle = open(path, mode)  # noqa: SIM115 — closed in __exit__

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[:100])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "open", FullDisk, raising=False)
    with pytest.raises(KantlijnError) as error:
        library.flush()
    assert str(error.value) == (f"cannot save the library {library_file}: no space left on "
                                "the device; it is as it was before")
    assert library_file.read_bytes() == before
    assert not list(library_file.parent.glob(".*.tmp"))


def test_temporary_files_of_a_killed_writer_are_cleaned_on_the_next_start(
    filled: tuple[Path, str],
) -> None:
    library_file, sha = filled
    cache_folder = Library.open(library_file).cache.folder
    dead = 2**22 + 12345  # beyond any pid this system hands out
    stale = [library_file.parent / f".library.json.{dead}.0123abcd.tmp",
             cache_folder / f".{sha}.jsonl.{dead}.89abcdef.tmp"]
    live = library_file.parent / f".library.json.{os.getpid()}.00000000.tmp"
    other = library_file.parent / ".someone-else.tmp"
    for path in [*stale, live, other]:
        path.write_bytes(b"half a write")
    library = Library.open(library_file)
    assert [p.exists() for p in stale] == [False, False]
    assert live.exists() and other.exists()  # a running writer's, and not ours
    assert library.tags_of(sha, "p1-a1") == ["eerst"]


# Text from anywhere ------------------------------------------------------------------------

def test_a_tag_that_is_not_utf8_is_refused_in_one_line(filled: tuple[Path, str]) -> None:
    library_file, _ = filled
    before = library_file.read_bytes()
    done = subprocess.run([sys.executable.encode(), b"-m", b"tui", b"tag", b"--library",
                           bytes(library_file), b"p1-a1", b"\x9b2J"], capture_output=True)
    assert done.returncode == 1
    assert done.stderr == b"kantlijn: the tag is not valid UTF-8 text\n"
    assert library_file.read_bytes() == before


def test_control_bidi_and_zero_width_characters_are_removed(filled: tuple[Path, str]) -> None:
    library_file, sha = filled
    with Library.open(library_file) as library:
        tags = library.tag(sha, "p1-a1", "ge\u202eheim\u200b\x1b[31m!")
        library.set_note(sha, "p1-a1", "regel 1\nregel\u2066 2\x07")
    assert tags == ["eerst", "geheim[31m!"]
    assert Library.open(library_file).note_of(sha, "p1-a1") == "regel 1\nregel 2"


def test_a_100_kb_note_is_refused_and_long_tags_are_cut_in_listings(
    filled: tuple[Path, str],
) -> None:
    library_file, _ = filled
    done = _cli("note", "--library", str(library_file), "p1-a1", "x" * 100_000)
    assert done.returncode == 1
    assert done.stderr == ("kantlijn: the note is 100,000 characters long; at most 20,000 are "
                           "kept\n")
    long_tag = "een heel lange tag " * 5
    assert _cli("tag", "--library", str(library_file), "p1-a1", long_tag).returncode == 0
    listing = _cli("list", "--library", str(library_file)).stdout
    assert "een heel lange tag een heel l… ×1" in listing
    assert long_tag.strip() not in listing


# The same, as the app says it -------------------------------------------------------------

async def test_the_app_says_the_library_is_read_only_and_why_a_file_cannot_open(
    filled: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import make_app

    library_file, _ = filled
    folder = str(library_file.parent)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: (
        False if str(path) == folder and mode & os.W_OK else real_access(path, mode)))
    app = make_app(Library.open(library_file), str(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = messages(app)
    assert f"the library {library_file} is read-only here: nothing you change is saved" in said
    assert f"{tmp_path}: is a directory" in said


def test_the_search_index_of_a_read_only_library_lives_in_memory(
    filled: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.search.index import LibraryIndex

    library_file, _ = filled
    folder = str(library_file.parent)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: (
        False if str(path).startswith(folder) and mode & os.W_OK else real_access(path, mode)))
    index = LibraryIndex.for_library(library_file)
    assert not index.path.exists()  # nothing written beside a read-only library
    assert index.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
