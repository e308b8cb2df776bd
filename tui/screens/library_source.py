"""What the library screen lists, behind a small interface the store can back later."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from tui.core.model import Extraction
from tui.core.paths import sample_path


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


class LibrarySource(Protocol):
    """Where library entries come from."""

    def entries(self) -> list[LibraryEntry]:
        """Every document, most recently opened first."""

    def record_opened(self, path: str, extraction: Extraction) -> None:
        """Remember that ``path`` was read now (title, pages, comments)."""


class SessionLibrary:
    """The bundled sample plus every file opened in this session (kept in memory)."""

    def __init__(self, library_file: str | None = None) -> None:
        """``library_file`` is accepted for the store to use later; unused here."""
        self.library_file = library_file
        self._entries: dict[str, LibraryEntry] = {}
        sample = sample_path()
        if sample.is_file():
            self._entries[str(sample)] = LibraryEntry(str(sample), "Sample: " + sample.stem)

    def entries(self) -> list[LibraryEntry]:
        """Every document, most recently opened first."""
        return sorted(self._entries.values(), key=lambda e: e.last_opened or "", reverse=True)

    def record_opened(self, path: str, extraction: Extraction) -> None:
        """Remember that ``path`` was read now."""
        key = str(Path(path).expanduser().resolve()) if Path(path).exists() else path
        entry = self._entries.get(key) or self._entries.setdefault(
            key, LibraryEntry(key, Path(path).name)
        )
        entry.title = extraction.document.title or entry.title
        entry.pages = extraction.document.pages
        entry.comments = len(extraction.annotations)
        entry.last_opened = datetime.now().isoformat(timespec="minutes")
