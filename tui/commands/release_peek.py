"""Is the PDF given to ``kantlijn PATH`` a combined release? Looked into beside the app's start.

Before the reader opens a PDF it has not read, its first pages are looked into for an
inventory (:func:`~tui.core.release.combined.looks_combined`): a fifth to a third of a
second with the PDF library's import, while loading the app's own modules takes a third.
Where it can, the command line forks a child to look while it loads them (before any
thread exists, so the fork is safe), and asks for the answer when it needs it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

Answer = Callable[[], bool]
"""True when the PDF holds an inventory in its first pages (asked once)."""


def start_looking(path: str, library: str | None, password: str | None) -> Answer:
    """Start looking into ``path`` (a PDF not yet read as a document of the library);
    the answer is False at once for anything else."""
    target = Path(path).expanduser()
    if not (target.suffix.lower() == ".pdf" and target.is_file()):
        return lambda: False
    if read_as_document(target, library):
        return lambda: False

    def here() -> bool:
        from tui.core.release.combined import looks_combined

        return looks_combined(target, password)

    if not hasattr(os, "fork") or threading.active_count() > 1:
        return here
    return _in_child(here)


def _in_child(look: Answer) -> Answer:
    """``look`` run in a forked child; asking the answer waits for it (or looks here,
    should the child fail)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return look
    if pid == 0:  # the child: look, answer, and leave without running the parent's exits
        os.close(read_end)
        try:
            os.write(write_end, b"1" if look() else b"0")
        finally:
            os._exit(0)  # (an error: nothing written, the parent looks itself)
    os.close(write_end)

    def answer() -> bool:
        try:
            said = os.read(read_end, 1)
        finally:
            os.close(read_end)
            os.waitpid(pid, 0)
        return said == b"1" if said in (b"0", b"1") else look()

    return answer


def read_as_document(pdf: Path, library: str | None) -> bool:
    """True when the library file has read ``pdf`` before, as a document of its own (no
    release holds it): it opens as that document again, without a look into its first
    pages (a third of a second for a PDF of 1,000 pages, with the PDF library's import)."""
    from tui.core.files import file_sha256
    from tui.core.library.cache import ExtractionCache, cache_dir_for
    from tui.core.library.opener import library_location
    from tui.core.paths import library_path
    from tui.core.release.store import ReleaseStore
    from tui.core.team.connection import is_team_uri

    location = library_location(library)
    if is_team_uri(location):
        return False  # a team library: the import asks its server
    file = library_path(location)
    try:
        sha = file_sha256(pdf)
    except OSError:
        return False  # reading it says why
    if not ExtractionCache(cache_dir_for(file), keep_in_memory=0, repairs=False).has(sha):
        return False
    return not any(sha in release.members for release in ReleaseStore(file).all())
