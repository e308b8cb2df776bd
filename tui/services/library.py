"""The library as the app uses it: its listing, the first run, cached opens, quiet saves.

The app holds a library itself — a library file or a team library, both offering
:class:`~tui.core.library.surface.LibrarySurface` — opened once (:func:`open_app_library`,
by :func:`tui.launch.run_app`) and passed in. What the app needs beyond that API lives here as
plain functions: the rows of the library screen (:func:`entries`), the bundled sample on a
first run, :func:`open_cached` — is a file known, so it opens from the cache? —,
:func:`local_file` (a team document's PDF fetched from the server), and :func:`flush`,
which turns a failed write into a notice instead of an exception.
"""

from __future__ import annotations

import contextlib
import inspect
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import KantlijnError
from tui.core.files import file_sha256
from tui.core.library.cache import ExtractionCache
from tui.core.library.records import Position
from tui.core.library.surface import LibrarySurface, TeamMembers
from tui.core.model import Extraction
from tui.core.paths import sample_paths, sample_release_path
from tui.core.release.store import ReleaseStore
from tui.services.grouping import LibraryEntry, group
from tui.services.live import connection_errors, trouble


def open_app_library(location: str | None = None) -> LibrarySurface:
    """Open the library the app works on (see :mod:`tui.core.library.opener`).

    A team library opened for the app keeps changes made while the server is away in its
    outbox (the command line fails instead); where the opener knows the app, an
    unreachable server opens the last synced copy read-only rather than failing.

    Raises:
        KantlijnError: the library cannot be opened (one line).
    """
    from tui.core.library.opener import open_library

    if "for_app" in inspect.signature(open_library).parameters:
        library = open_library(location, for_app=True)  # type: ignore[call-arg,unused-ignore]
    else:
        library = open_library(location)
    if is_team(library) and hasattr(library, "queue_when_offline"):
        library.queue_when_offline = True
    return library


def close_library(library: LibrarySurface) -> None:
    """Let go of the library as the app ends (a team library closes its connection)."""
    close = getattr(library, "close", None)
    if callable(close):
        with contextlib.suppress(*connection_errors()):
            close()


def is_team(library: LibrarySurface) -> bool:
    """True for a team library (several members write on it)."""
    return isinstance(library, TeamMembers)


def member_of(library: LibrarySurface) -> str | None:
    """The member a team library is opened as; None for a library file."""
    return library.member if isinstance(library, TeamMembers) else None


def read_only_reason(library: LibrarySurface) -> str | None:
    """Why ``library`` takes no changes now (one line), or None when it does.

    A library file that cannot be written still takes changes for the session; a team
    library opened from its last synced copy takes none (they could not be merged).
    """
    if is_team(library) and library.read_only:
        return ("Read-only: the team library was away when kantlijn started, so this is "
                "the last synced copy; changes can be made once it is reached again.")
    return None


def entries(library: LibrarySurface) -> list[LibraryEntry]:
    """The library listing, most recently opened first: a Woo release as one entry, the
    linked copies of one document as one entry (:mod:`tui.services.grouping`)."""

    copies = getattr(library, "copies", None)  # a team library links no copies yet

    def copies_of(sha: str) -> list[tuple[str, str]]:
        return [(c.document, c.form) for c in copies.copies(sha)] if copies else []

    return group(documents(library), ReleaseStore(library.path).all(), copies_of)


def documents(library: LibrarySurface) -> list[LibraryEntry]:
    """Every document of ``library`` on its own, most recently opened first."""
    return [
        LibraryEntry(
            path=s.path or "", title=s.title or Path(s.path or s.sha256).name,
            pages=s.pages, comments=s.comments, last_opened=s.last_opened,
            tags=list(s.tags), sha256=s.sha256, own=s.own, notes=s.notes, source=s.source,
        )
        for s in library.documents()
    ]


def comment_counts(library: LibrarySurface) -> dict[str, int]:
    """Document hash -> how many comments it has, for every document of ``library``."""
    return {s.sha256: s.comments for s in library.documents()}


def flush(library: LibrarySurface) -> None:
    """Write pending changes now; a failure becomes a notice (the change stays pending)."""
    try:
        library.flush()
    except connection_errors() as error:  # a team library's server away, too
        library.notices.append(trouble(error))


def take_notices(library: LibrarySurface) -> list[str]:
    """What the library has to tell the user (each told once)."""
    notices = list(library.notices)
    library.notices.clear()
    return notices


def import_sample_if_empty(library: LibrarySurface) -> bool:
    """On a first run, read the bundled samples into the library; True when it was.

    Both forms of the sample nota's go in — with live annotations, and as published — and
    the sample Woo release (the same nota's as a Woo-besluit: letter, inventory, documents).
    A team library never gets them: its documents are the team's.
    """
    samples = [sample for sample in sample_paths() if sample.is_file()]
    if is_team(library) or not samples or library.documents():
        return False
    from tui.core.document import load  # only needed on a first run
    from tui.core.release.importing import import_release

    if sample_release_path().is_dir():  # first, so the nota's stand at the top of the list
        try:
            import_release(library, sample_release_path())
        except KantlijnError as error:  # a damaged installation: the nota's still open
            library.notices.append(f"the sample release could not be read: {error}")
    for sample in samples:
        library.add_document(load(sample), sample)
    flush(library)
    return True


def save_position(library: LibrarySurface, doc: str, page: int, line: int) -> None:
    """Remember the reading position in ``doc``, writing only when it changed."""
    old = library.position(doc)
    if old is None or (old.page, old.line) != (page, line):
        library.set_position(doc, page, line)
        flush(library)


@dataclass(frozen=True, slots=True)
class CachedDocument:
    """A document the library has read before: it opens from the cache, not the file.

    Its pages are read in the reading worker (the cache is safe to read there; the library
    itself is not, which is why :func:`open_cached` looks up the rest beforehand).
    """

    sha256: str
    position: Position | None
    """Where the user was reading, when known."""
    missing: bool
    """The file is no longer at the path asked for: only the cache is left."""
    cache: ExtractionCache

    def first_page(self) -> Extraction | None:
        """The page at the saved position (else page 1) with its comments, or None."""
        for number in dict.fromkeys((self.position.page if self.position else 1, 1)):
            try:
                found = self.cache.load_page(self.sha256, number)
            except (OSError, KantlijnError):
                return None
            if found is not None:
                return found
        return None

    def whole(self) -> Extraction | None:
        """The whole cached extraction, or None (then the file must be read again)."""
        try:
            return self.cache.load(self.sha256)
        except (OSError, KantlijnError):
            return None


def open_cached(library: LibrarySurface, path: str) -> CachedDocument | None:
    """The cached reading of the file at ``path``, or None when it must be parsed.

    A known file opens from the cache; so does one that moved or was deleted, when the
    library last saw it at ``path``. Call it where the library lives (the UI thread): it
    hashes the file and asks the library.
    """
    file = Path(path).expanduser()
    try:
        sha = file_sha256(file) if file.is_file() else None
        missing = sha is None
        if sha is None:
            record = library.find_document(path)
            sha = record.sha256 if record is not None else None
        if sha is None or not library.has_cached(sha):
            return None
    except (OSError, KantlijnError):
        return None  # unreadable: reading the file says why
    return CachedDocument(sha, library.position(sha), missing, library.cache)


def write_cache(cache: ExtractionCache, extraction: Extraction) -> None:
    """Cache a document just read, from the reading thread (a long one takes a second);
    recording it in the library then finds it cached and only records it."""
    with contextlib.suppress(OSError):  # recording tries again, and reports
        cache.save(extraction)


def local_file(library: LibrarySurface, path: str) -> str:
    """The file to read for a document listed at ``path``.

    In a team library the path is where this machine keeps its copy of the PDF: one not
    here yet is fetched from the server (once), with the document's extraction, so the
    reader opens it from the cache. Anything else (or a fetch that fails: the reader then
    says the file is missing) is ``path`` itself.
    """
    fetch = getattr(library, "pdf_path", None)
    if not callable(fetch) or Path(path).is_file():
        return path
    try:
        sha = next((s.sha256 for s in library.documents() if s.path == path), None)
        if sha is None:
            return path
        library.cached_extraction(sha)
        found = fetch(sha)
    except connection_errors() as error:
        library.notices.append(trouble(error))
        return path
    return str(found) if found is not None else path
