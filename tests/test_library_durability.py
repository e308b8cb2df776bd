"""The library survives kill -9 at any moment and concurrent kantlijn processes."""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_samples import make_document, make_extraction

from tui.core.library.library import Library

# Tags two annotations in a loop: says "writing I" before each write and "done I" only once
# the write is flushed (durable).
WRITER = """
import sys, time
from pathlib import Path
from tui.core.library.library import Library

path, sha, prefix, count, go = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
library = Library.open(path)
print("ready", flush=True)
while go != "-" and not Path(go).exists():
    time.sleep(0.001)
for i in range(count):
    print(f"writing {i}", flush=True)
    library.tag(sha, "p1-a1", f"{prefix}-{i}")
    library.tag(sha, "p2-a2", f"{prefix}-{i}")
    library.flush()
    print(f"done {i}", flush=True)
"""


def _writer(
    library: Path, sha: str, prefix: str, count: int, go: str = "-"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(library), sha, prefix, str(count), go],
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def library_with_document(tmp_path: Path) -> tuple[Path, str]:
    pdf = make_document(tmp_path)
    library_file = tmp_path / "library.json"
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
    return library_file, sha


def _done(line: str) -> int | None:
    """The write number of a whole "done I" line, else None (a line cut by the kill is no
    report)."""
    match = re.fullmatch(r"done (\d+)\n", line)
    return int(match[1]) if match else None


def test_kill_9_at_random_moments_loses_no_reported_write(
    library_with_document: tuple[Path, str],
) -> None:
    """Each writer is killed while it makes a write (the how-manyth is random); every write it
    reported as done before that is in the library, which still loads.

    What counts is what the writer said, not how many writes fit in some time: a slow machine
    makes the test slower, never failed.
    """
    library_file, sha = library_with_document
    rng = random.Random(20241009)
    reported: list[str] = []
    for run in range(50):
        writer = _writer(library_file, sha, f"r{run}", 10_000)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        victim = rng.randrange(5)
        lines: list[str] = []
        while not lines or lines[-1].strip() != f"writing {victim}":
            line = writer.stdout.readline()
            assert line, f"the writer ended before write {victim}: {lines}"
            lines.append(line)
        # Somewhere inside write `victim` (between its tags and the end of its flush); the
        # pause only spreads the kill over that write, the check is the same wherever it lands.
        time.sleep(rng.uniform(0.0, 0.005))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        lines += writer.stdout.readlines()
        done = [n for n in map(_done, lines) if n is not None]
        assert done[:victim] == list(range(victim)), lines
        reported += [f"r{run}-{i}" for i in done]

        library = Library.open(library_file)  # must load: never a torn file
        assert library.notices == []
        assert set(reported) <= set(library.tags_of(sha, "p1-a1"))
        assert set(reported) <= set(library.tags_of(sha, "p2-a2"))
    assert not list(library_file.parent.glob("library.json.broken-*"))


def test_two_processes_tagging_at_once_lose_nothing(
    tmp_path: Path, library_with_document: tuple[Path, str]
) -> None:
    library_file, sha = library_with_document
    go = tmp_path / "go"
    writers = [_writer(library_file, sha, name, 60, str(go)) for name in ("left", "right")]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    go.touch()
    for writer in writers:
        assert writer.wait(timeout=60) == 0
    tags = set(Library.open(library_file).tags_of(sha, "p1-a1"))
    assert tags == {f"{name}-{i}" for name in ("left", "right") for i in range(60)}


def test_our_changes_merge_with_another_processes_changes(
    library_with_document: tuple[Path, str],
) -> None:
    library_file, sha = library_with_document
    ours, theirs = Library.open(library_file), Library.open(library_file)
    ours.tag(sha, "p1-a1", "ours")
    theirs.set_note(sha, "p1-a1", "their note")
    theirs.flush()
    ours.flush()
    reopened = Library.open(library_file)
    assert reopened.tags_of(sha, "p1-a1") == ["ours"]
    assert reopened.note_of(sha, "p1-a1") == "their note"
    assert ours.refresh() is False
    theirs.tag(sha, "p2-a2", "later")
    theirs.flush()
    assert ours.refresh() is True
    assert ours.tags_of(sha, "p2-a2") == ["later"]


def test_a_library_broken_behind_our_back_is_moved_aside_not_overwritten(
    library_with_document: tuple[Path, str],
) -> None:
    library_file, sha = library_with_document
    library = Library.open(library_file)
    library.tag(sha, "p1-a1", "kept")
    library_file.write_text("not json at all")
    library.flush()
    [aside] = library_file.parent.glob("library.json.broken-*")
    assert aside.read_text() == "not json at all"
    assert any(str(aside) in notice for notice in library.notices)
    assert Library.open(library_file).tags_of(sha, "p1-a1") == ["kept"]
