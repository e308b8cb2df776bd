"""Plain records the library hands out: documents, their summaries, reading positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tui.core.anchoring.threads import comment_threads
from tui.core.errors import KantlijnError
from tui.core.model import Annotation, Extraction, Rect


def now_iso() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def by_hash_prefix(
    text: str, candidates: Callable[[str], list[DocumentRecord]]
) -> DocumentRecord | None:
    """The one document whose hash starts with ``text`` (six or more hex digits), found
    among ``candidates(prefix)``; None when ``text`` is no such prefix or nothing fits.

    Raises:
        KantlijnError: the prefix fits several documents.
    """
    prefix = text.lower()
    if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        return None
    matches = candidates(prefix)
    if len(matches) > 1:
        raise KantlijnError(f"hash {text} fits {len(matches)} documents; give more of it")
    return matches[0] if matches else None


def rect_key(rect: Rect | list[float] | None) -> list[float] | None:
    """A rectangle rounded so a re-extraction's float noise still compares equal."""
    if rect is None:
        return None
    return [round(float(v), 1) for v in rect]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an annotation stands, kept so user data can find it again after re-extraction."""

    page: int | None
    rect: list[float] | None
    quote: str | None

    @classmethod
    def of(cls, annotation: Annotation) -> Place:
        """The place of an extracted annotation."""
        return cls(annotation.page, rect_key(annotation.rect), annotation.quote)


@dataclass(slots=True)
class DocumentRecord:
    """A document the library knows, by content hash."""

    sha256: str
    paths: list[str]
    """Every path the file was seen at, oldest first (a move or rename adds one)."""
    title: str | None
    pages: int
    source: str
    notas: list[dict[str, Any]]
    """Per nota: ``index``, ``title``, ``first_page``, ``last_page``."""
    comments: int
    added: str
    last_opened: str | None = None

    @property
    def path(self) -> str | None:
        """The most recent path the file was seen at."""
        return self.paths[-1] if self.paths else None

    @property
    def label(self) -> str:
        """A name for messages: the title, else the file name, else the short hash."""
        if self.title:
            return self.title
        if self.path:
            return self.path.rsplit("/", 1)[-1]
        return self.sha256[:12]

    def to_dict(self) -> dict[str, Any]:
        """The stored form."""
        return {
            "sha256": self.sha256, "paths": list(self.paths), "title": self.title,
            "pages": self.pages, "source": self.source, "notas": list(self.notas),
            "comments": self.comments, "added": self.added, "last_opened": self.last_opened,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        """Rebuild from the stored form (tolerating fields an older kantlijn left out)."""
        return cls(
            sha256=data["sha256"], paths=list(data.get("paths", [])), title=data.get("title"),
            pages=int(data.get("pages", 0)), source=data.get("source", "pdf"),
            notas=list(data.get("notas", [])), comments=int(data.get("comments", 0)),
            added=data.get("added") or now_iso(), last_opened=data.get("last_opened"),
        )

    @classmethod
    def from_extraction(cls, extraction: Extraction, path: str) -> DocumentRecord:
        """A fresh record for a just-read document seen at ``path``."""
        info = extraction.document
        notas = [
            {"index": n.index, "title": n.title, "first_page": n.first_page,
             "last_page": n.last_page}
            for n in extraction.notas
        ]
        return cls(
            sha256=info.sha256, paths=[path], title=info.title, pages=info.pages,
            source=info.source, notas=notas, comments=len(comment_threads(extraction)),
            added=now_iso(),
        )


@dataclass(slots=True)
class DocumentSummary:
    """One line of the library listing."""

    sha256: str
    title: str | None
    path: str | None
    pages: int
    notas: int
    comments: int
    tags: dict[str, int] = field(default_factory=dict)
    """Tag -> how many of the document's annotations carry it."""
    notes: int = 0
    own: int = 0
    last_opened: str | None = None
    """When the user last opened it; None when never (imported only)."""
    added: str | None = None
    source: str = "pdf"
    """``pdf``, or ``summary`` for a text/Markdown comment summary."""

    @classmethod
    def of(
        cls,
        record: DocumentRecord,
        tags: dict[str, dict[str, int]],
        notes: dict[str, int],
        own: dict[str, int],
    ) -> DocumentSummary:
        """The listing line of ``record``, given per-document tag, note and own counts."""
        return cls(
            sha256=record.sha256, title=record.title, path=record.path, pages=record.pages,
            notas=len(record.notas), comments=record.comments, tags=tags.get(record.sha256, {}),
            notes=notes.get(record.sha256, 0), own=own.get(record.sha256, 0),
            last_opened=record.last_opened, added=record.added, source=record.source,
        )


@dataclass(frozen=True, slots=True)
class Position:
    """Where the user was reading in a document."""

    page: int
    line: int = 0
    nota: int | None = None
