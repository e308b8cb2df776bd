"""Is the PDF given to ``kantlijn PATH`` a combined release? Looked into beside the app's start.

Before the reader opens a PDF it has not read, its first pages are looked into for an
inventory (:func:`~tui.core.release.combined.looks_combined`): a fifth to a third of a
second with the PDF library's import, while loading the app's own modules takes a third.
Where it can, the command line forks a child to look while it loads them (before any
thread exists, so the fork is safe), and asks for the answer when it needs it. The child,
which has the PDF open, reads its page 1 as well (on the other core): the reader shows it
at once instead of importing the PDF library and opening the file before page 1.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.model import Extraction
    from tui.core.ocr.need import OcrMode

Found = tuple[bool, "Extraction | None"]
"""Whether the PDF holds an inventory in its first pages, and its page 1 when it was read."""


class Look:
    """The look into a PDF's first pages, asked once: is it a release, and its page 1
    when the look read it (a PDF looked into by a child, with a text layer on page 1)."""

    def __init__(self, find: Callable[[], Found]) -> None:
        """``find`` looks (or waits for the child that looks)."""
        self._find = find
        self._found: Found | None = None

    def _result(self) -> Found:
        if self._found is None:
            self._found = self._find()
        return self._found

    def is_release(self) -> bool:
        """True when the PDF holds an inventory in its first pages."""
        return self._result()[0]

    def first_page(self) -> Extraction | None:
        """Page 1 as :func:`tui.core.document.first_page` reads it, or None when the look
        did not read it (the reader reads it then)."""
        return self._result()[1]


NOTHING = Look(lambda: (False, None))
"""The look of anything that is no new PDF: no release, no page 1."""


def start_looking(path: str, library: str | None, password: str | None,
                  ocr: OcrMode | None = None) -> Look:
    """Start looking into ``path`` (a PDF not yet read as a document of the library);
    :data:`NOTHING` at once for anything else. ``ocr``: which pages OCR reads (config.toml's
    ``ocr`` when None); a page 1 that OCR would read is left to the reader."""
    target = Path(path).expanduser()
    if not (target.suffix.lower() == ".pdf" and target.is_file()):
        return NOTHING

    def here() -> Found:
        from tui.core.release.combined import looks_combined

        if read_as_document(target, library):
            return False, None
        return looks_combined(target, password), None

    if not hasattr(os, "fork") or threading.active_count() > 1:
        return Look(here)
    # Forked at once: even whether the library knows the PDF (its hash) is worked out there.
    return Look(_in_child(lambda: _look_and_read(target, library, password, ocr), here))


def _look_and_read(pdf: Path, library: str | None, password: str | None,
                   ocr: OcrMode | None) -> Found:
    """In the child: unless the library has read the PDF as a document of its own, open it
    once, look into its first pages, and read page 1 unless the PDF is a release (it opens
    on its documents) or page 1 is for OCR to read."""
    if read_as_document(pdf, library):
        return False, None
    from tui.core.document import first_page, open_document
    from tui.core.errors import KantlijnError
    from tui.core.ocr.need import needs_reading
    from tui.core.release.combined import looks_combined
    from tui.core.settings import load_settings

    mode = ocr or load_settings().config.ocr
    try:
        opened = open_document(pdf, password, "never")  # OCR's pages are the reader's to read
    except KantlijnError:
        return looks_combined(pdf, password), None  # the reader says what is wrong
    if looks_combined(pdf, password, getattr(opened, "reader", None)):
        return True, None
    first = first_page(opened)
    if mode == "always" or (mode == "auto" and any(needs_reading(p) for p in first.pages)):
        return False, None
    return False, first


def _in_child(look: Callable[[], Found], here: Callable[[], Found]) -> Callable[[], Found]:
    """``look`` run in a forked child; asking the result waits for it (or runs ``here``,
    should the child fail)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return here
    if pid == 0:  # the child: look, answer, and leave without running the parent's exits
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as answer:
                pickle.dump(look(), answer, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)  # (an error: nothing written, the parent looks itself)
    os.close(write_end)

    def found() -> Found:
        try:
            with os.fdopen(read_end, "rb") as answer:
                said = answer.read()
        finally:
            os.waitpid(pid, 0)
        try:
            # Our own child's answer, over a pipe only the two of them hold.
            result = pickle.loads(said)
        except Exception:  # nothing (the child failed) or cut short: look here
            return here()
        return result if isinstance(result, tuple) else here()

    return found


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
