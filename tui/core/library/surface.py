"""What every kind of library offers: the surface the commands, search and export use.

Two classes implement it: :class:`tui.core.library.library.Library` (the library file on
this machine) and :class:`tui.core.team.library.TeamLibrary` (a library shared in
PostgreSQL). :func:`tui.core.library.opener.open_library` returns the one the user picked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from tui.core.library.cache import ExtractionCache
from tui.core.library.records import DocumentRecord, DocumentSummary, Position
from tui.core.model import Annotation, Extraction

UserRow = tuple[str, str, list[str], str | None]
"""``(document, annotation id, tags, note)``."""
OwnRow = tuple[str, Annotation]
QuestionState = tuple[str, str | None]


class QuestionMarks(Protocol):
    """Answered or open, per reviewer's question."""

    def mark(self, doc: str, ann: str, status: str, answer: str | None = None) -> None:
        """Mark question ``ann`` of ``doc`` open or answered, with an optional answer."""

    def states(self, doc: str | None = None) -> dict[tuple[str, str], QuestionState]:
        """(document, id) -> (status, answer) of every question marked (in ``doc`` only)."""


class SearchMemory(Protocol):
    """The user's recent and saved searches (see :mod:`tui.core.library.searches`)."""

    def remember(self, text: str) -> None:
        """Note that ``text`` was searched for."""

    def save(self, text: str) -> None:
        """Keep ``text`` among the saved searches."""

    def recent(self) -> list[str]:
        """Searches, most recently used first."""

    def saved(self) -> list[str]:
        """Saved searches."""


class LibrarySurface(Protocol):
    """A library: documents by hash, and tags, notes and own annotations on them."""

    path: Path
    """The library file; for a team library, the file its local copy is named after (its
    caches and search index live in the folder beside it, as for a library file)."""
    notices: list[str]
    cache: ExtractionCache
    on_flush: list[Callable[[Any], None]]

    @property
    def read_only(self) -> bool:
        """True when changes are not kept (a library file that cannot be written; a team
        library opened from its last synced copy because the server was away)."""

    @property
    def searches(self) -> SearchMemory:
        """The user's recent and saved searches."""

    @property
    def questions(self) -> QuestionMarks:
        """The reviewer's questions marked answered or open."""

    @property
    def generation(self) -> int:
        """A counter that every change to documents, tags, notes or own annotations bumps."""

    @property
    def documents_generation(self) -> int:
        """A counter that every document added or removed bumps."""

    def flush(self) -> None:
        """Write what is pending and tell the :attr:`on_flush` listeners."""

    def refresh(self) -> bool:
        """Pick up what another process wrote; True if anything."""

    def undo(self) -> str | None:
        """Undo the user's last change; returns what was undone, or None."""

    def redo(self) -> str | None:
        """Do again what the last undo took back; returns what, or None."""

    def add_document(self, extraction: Extraction, path: str | os.PathLike[str]) -> DocumentRecord:
        """Remember a document just read from ``path``."""

    def cached_extraction(self, sha256: str) -> Extraction | None:
        """The stored extraction of a known document, or None."""

    def cached_page(self, sha256: str, page: int) -> Extraction | None:
        """A document with only one page and its comments, or None."""

    def has_cached(self, sha256: str) -> bool:
        """True when the document opens without parsing its file."""

    def document(self, sha256: str) -> DocumentRecord | None:
        """The record of the document with exactly this hash."""

    def find_document(self, path_or_hash: str | os.PathLike[str]) -> DocumentRecord | None:
        """A document by file, path seen, or hash prefix."""

    def documents(self) -> list[DocumentSummary]:
        """Every document, for the listing."""

    def mark_opened(self, sha256: str) -> None:
        """Note that the user opened a document now."""

    def tag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Add tags; returns the annotation's tags afterwards."""

    def untag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Remove the user's tags; returns the annotation's tags afterwards."""

    def tags_of(self, doc: str, annotation_id: str) -> list[str]:
        """The tags on one annotation."""

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many annotations carry it."""

    def rename_tag(self, old: str, new: str) -> None:
        """Rename the user's tag everywhere."""

    def set_note(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Set (None or empty: remove) the user's note on an annotation."""

    def note_of(self, doc: str, annotation_id: str) -> str | None:
        """The user's note on an annotation, or None."""

    def annotation_data(self, doc: str) -> dict[str, dict[str, Any]]:
        """Annotation id -> at least ``{"tags": [...], "note": str | None}``."""

    def add_own_annotation(self, doc: str, annotation: Annotation, keep_id: bool = False) -> str:
        """Store one of the user's own highlights/comments; returns its id."""

    def delete_own_annotation(self, doc: str, annotation_id: str) -> None:
        """Delete one of the user's own annotations."""

    def edit_own_annotation(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Change the text of one of the user's own comments."""

    def own_annotations(self, doc: str) -> list[Annotation]:
        """The own annotations on a document, oldest first."""

    def remove_document(self, sha256: str) -> None:
        """Forget a document and what was written on it."""

    def searchable(
        self, documents: bool = True
    ) -> tuple[list[DocumentRecord], list[UserRow], list[OwnRow]]:
        """What a search index holds (see :meth:`Library.searchable`)."""

    def set_position(self, doc: str, page: int, line: int = 0, nota: int | None = None) -> None:
        """Remember where the user is reading."""

    def position(self, doc: str) -> Position | None:
        """Where the user was reading, or None."""

    def resolve_annotation_id(self, annotation_id: str, doc: str | None = None) -> tuple[str, str]:
        """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it."""

    def holders(self, annotation_id: str) -> list[str]:
        """Hashes of the documents holding ``annotation_id``."""

    def label(self, sha256: str) -> str:
        """A short name for a document."""

    def __enter__(self) -> Any:
        """The library itself."""

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        """Flush (a library file) or close (a team library)."""


@runtime_checkable
class TeamMembers(Protocol):
    """A library with several writers (a team library): who wrote on what."""

    member: str
    """The member this library is opened as."""

    def annotation_members(self) -> dict[tuple[str, str], list[str]]:
        """(document, annotation id) -> the members who tagged, noted or made it."""
