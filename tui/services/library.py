"""What the library screen lists and the reader stores, backed by the library file.

:class:`StoreLibrary` wraps :class:`tui.core.library.library.Library` for the app: it lists the
documents, imports the bundled sample on a first run, serves cached extractions and records
what was opened. Every change is flushed at once (cheap by design: only the small library
file is rewritten).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tui.core.anchoring.withheld import Reveal
from tui.core.errors import KantlijnError
from tui.core.files import file_sha256
from tui.core.library.library import Library
from tui.core.library.records import Position
from tui.core.model import AnnotationKey, Extraction
from tui.core.paths import sample_paths


@dataclass(slots=True)
class LibraryEntry:
    """One document in the library listing."""

    path: str
    title: str
    pages: int | None = None
    comments: int | None = None
    last_opened: str | None = None
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    sha256: str | None = None
    own: int = 0
    notes: int = 0
    source: str = "pdf"
    """``pdf``, or ``summary`` for a text/Markdown comment summary."""


class LibrarySource(Protocol):
    """Where library entries come from."""

    def entries(self) -> list[LibraryEntry]:
        """Every document, most recently opened first."""

    def record_opened(self, path: str, extraction: Extraction) -> None:
        """Remember that ``path`` was read now (title, pages, comments)."""

    def remove(self, sha256: str) -> None:
        """Forget a document and what the user wrote on it (the file stays)."""


class StoreLibrary:
    """The user's library file, as the app uses it."""

    def __init__(self, library: Library) -> None:
        """Serve ``library`` (already open)."""
        self.library = library
        self.export_folder: Path | None = None
        """Where this session's last export went: the export dialog offers it again."""
        self.revealed: set[AnnotationKey] = set()
        """Redactions whose words the user shows now (``r`` in the reader): this session's
        exports and dossiers show those words too, and say so."""

    @property
    def reveal(self) -> Reveal:
        """What this session reveals of the words still under redaction marks."""
        return Reveal(redactions=frozenset(self.revealed))

    def set_revealed(self, document: str, redaction: str, shown: bool) -> None:
        """Remember that the user showed (or hid again) a redaction's words."""
        key = AnnotationKey(document, redaction)
        if shown:
            self.revealed.add(key)
        else:
            self.revealed.discard(key)

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> StoreLibrary:
        """Open the library at ``path`` (``--library``, else $KANTLIJN_LIBRARY, else XDG).

        Raises:
            KantlijnError: the library cannot be read (e.g. written by a newer kantlijn).
        """
        return cls(Library.open(path))

    def take_notices(self) -> list[str]:
        """What the library has to tell the user (each told once)."""
        notices = list(self.library.notices)
        self.library.notices.clear()
        return notices

    def import_sample_if_empty(self) -> bool:
        """On a first run, read the bundled samples into the library; True when it was.

        Both forms of the sample release go in: with live annotations, and as published.
        """
        samples = [sample for sample in sample_paths() if sample.is_file()]
        if self.library.documents() or not samples:
            return False
        from tui.core.document import load  # only needed on a first run

        for sample in samples:
            self.library.add_document(load(sample), sample)
        self.flush()
        return True

    def entries(self) -> list[LibraryEntry]:
        """Every document, most recently opened first."""
        return [
            LibraryEntry(
                path=s.path or "", title=s.title or Path(s.path or s.sha256).name,
                pages=s.pages, comments=s.comments, last_opened=s.last_opened,
                tags=list(s.tags), sha256=s.sha256, own=s.own, notes=s.notes,
                source=s.source,
            )
            for s in self.library.documents()
        ]

    def cached(self, path: str) -> Extraction | None:
        """The cached extraction of the file at ``path``, when the library has one.

        Safe to call from the reading thread: it only reads the file and the cache.
        """
        file = Path(path).expanduser()
        if not file.is_file():
            return None
        try:
            return self.library.cached_extraction(file_sha256(file))
        except (OSError, KantlijnError):
            return None  # unreadable cache: read the document again

    def sha_of(self, path: str) -> str | None:
        """The content hash of the file at ``path``; None when it cannot be read."""
        file = Path(path).expanduser()
        try:
            return file_sha256(file) if file.is_file() else None
        except OSError:
            return None

    def cached_sha_of_missing(self, path: str) -> str | None:
        """The hash of the document last seen at ``path`` when that file is gone but the
        library still has its extraction cached (so it opens from the cache); else None."""
        if Path(path).expanduser().is_file():
            return None
        try:
            record = self.library.find_document(path)
        except KantlijnError:
            return None
        if record is None or not self.library.has_cached(record.sha256):
            return None
        return record.sha256

    def has_cached(self, path: str) -> bool:
        """True when the document at ``path`` opens from the cache, without parsing: the file
        is known, or it is gone but was known at that path."""
        sha = self.sha_of(path)
        if sha is None:
            return self.cached_sha_of_missing(path) is not None
        return self.library.has_cached(sha)

    def cached_page(self, sha256: str, page: int) -> Extraction | None:
        """Page ``page`` (else page 1) of a cached document with its comments, or None.

        Safe to call from the reading thread: it only reads the cache.
        """
        for number in dict.fromkeys((page, 1)):
            try:
                found = self.library.cached_page(sha256, number)
            except (OSError, KantlijnError):
                return None
            if found is not None:
                return found
        return None

    def cached_by_hash(self, sha256: str) -> Extraction | None:
        """The whole cached extraction of a document, or None (then read the file again).

        Safe to call from the reading thread: it only reads the cache.
        """
        try:
            return self.library.cached_extraction(sha256)
        except (OSError, KantlijnError):
            return None

    def write_cache(self, extraction: Extraction) -> None:
        """Cache a document just read, from the reading thread (a long one takes a second);
        :meth:`record_opened` then finds it cached and only records it."""
        with contextlib.suppress(OSError):  # record_opened tries again, and reports
            self.library.cache.save(extraction)

    def record_opened(self, path: str, extraction: Extraction) -> None:
        """Remember the document just read from ``path`` (caching it) and that it was opened."""
        self.library.add_document(extraction, path)
        self.library.mark_opened(extraction.document.sha256)
        self.flush()

    def remove(self, sha256: str) -> None:
        """Forget a document, its cache and what the user wrote on it (the file stays)."""
        self.library.remove_document(sha256)
        self.flush()

    def position(self, sha256: str) -> Position | None:
        """Where the user last was in a document."""
        return self.library.position(sha256)

    def save_position(self, sha256: str, page: int, line: int) -> None:
        """Remember the reading position, writing only when it changed."""
        old = self.library.position(sha256)
        if old is None or (old.page, old.line) != (page, line):
            self.library.set_position(sha256, page, line)
            self.flush()

    def flush(self) -> None:
        """Write pending changes now; a failure becomes a notice (the change stays pending)."""
        try:
            self.library.flush()
        except KantlijnError as error:
            self.library.notices.append(str(error))
