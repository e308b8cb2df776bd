"""The releases a library holds: which of its documents make up each release, and its report.

A release is read from its files (:func:`tui.core.release.reading.read_release`); what the
library keeps of it is small and derived: per document its number, the file (by hash) and
page range it is on, the inventory's row (name, date, judgement) and its counts, plus the
report as ``kantlijn dossier --format json`` prints it. It lives in ``releases.json`` in the
folder beside the library file (with the caches and the search index): reading the release
again from its files gives the same, so a lost file is only a release to import again.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.files import file_sha256
from tui.core.library.atomic_file import BrokenFileError, atomic_write_json, read_json_object
from tui.core.library.cache import cache_dir_for

if TYPE_CHECKING:
    from tui.core.release.model import Release

FILE_NAME = "releases.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Part:
    """One document of a release as the library holds it."""

    docnr: str
    name: str = ""
    date: str | None = None
    judgement: str | None = None
    doc: str | None = None
    """The hash of the file it is in (None: not in the release, or unreadable)."""
    path: str | None = None
    first_page: int = 1
    """Where it starts in its file."""
    pages: int = 0
    findings: int = 0
    comments: int = 0
    redactions: int = 0

    @property
    def last_page(self) -> int:
        """Its last page in its file."""
        return self.first_page + max(self.pages, 1) - 1

    def holds(self, doc: str, page: int) -> bool:
        """True when page ``page`` of the document ``doc`` is one of this part's pages."""
        return self.doc == doc and self.first_page <= page <= self.last_page


@dataclass(slots=True)
class StoredRelease:
    """A release in the library: its parts, the documents that belong to it, its report."""

    path: str
    title: str
    form: str
    parts: list[Part] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    """Hashes of every library document of the release (letter and inventory PDF too)."""
    report: dict[str, Any] = field(default_factory=dict)
    """:func:`tui.core.release.report.release_dict` of the release."""

    @property
    def findings(self) -> list[dict[str, Any]]:
        """The findings as the report lists them (``kind``, ``docnr``, ``page``, ``text``)."""
        return list(self.report.get("findings", []))

    @property
    def documents(self) -> int:
        """How many documents the release holds (found, listed or not)."""
        return sum(1 for part in self.parts if part.doc is not None)

    def part_at(self, doc: str, page: int) -> Part | None:
        """The document of the release on page ``page`` of the library document ``doc``."""
        return next((part for part in self.parts if part.holds(doc, page)), None)

    def to_dict(self) -> dict[str, Any]:
        """The form kept in ``releases.json``."""
        return {"path": self.path, "title": self.title, "form": self.form,
                "parts": [asdict(p) for p in self.parts], "members": list(self.members),
                "report": self.report}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredRelease:
        """Back from :meth:`to_dict` (raises KeyError/TypeError on a damaged record)."""
        parts = [Part(**p) for p in data["parts"]]
        return cls(str(data["path"]), str(data["title"]), str(data["form"]), parts,
                   [str(m) for m in data.get("members", [])], dict(data.get("report", {})))


def stored_release(release: Release, member_files: list[str] | None = None) -> StoredRelease:
    """What the library keeps of ``release``; ``member_files`` are more of its files (the
    letter, an inventory PDF) whose documents belong to it."""
    # Imported here: the reader reads the store before page 1 (its page labels), and needs
    # neither the release's report nor the grounds' table it imports.
    from tui.core.release.report import entries, release_dict

    hashes: dict[str, str | None] = {}

    def sha_of(path: str | None) -> str | None:
        if path is None:
            return None
        if path not in hashes:
            hashes[path] = None
            with contextlib.suppress(OSError):
                hashes[path] = file_sha256(Path(path))
        return hashes[path]

    parts = []
    for entry in entries(release):
        row, document = entry.row, entry.document
        readable = document is not None and document.error is None
        parts.append(Part(
            docnr=entry.docnr, name=row.name if row else "", date=row.date if row else None,
            judgement=row.judgement if row else None,
            doc=sha_of(document.path) if document is not None and readable else None,
            path=document.path if document is not None else None,
            first_page=document.first_page if document is not None else 1,
            pages=document.pages if document is not None else 0,
            findings=len(entry.findings),
            comments=document.comments if document is not None else 0,
            redactions=document.redactions if document is not None else 0))
    files = [release.letter, release.inventory.source, *(member_files or [])]
    members = [p.doc for p in parts if p.doc is not None]
    members += [sha for f in files if f and f.lower().endswith(".pdf") and (sha := sha_of(f))]
    return StoredRelease(release.path, release.title, release.form, parts,
                         list(dict.fromkeys(members)), release_dict(release))


class ReleaseStore:
    """The releases of one library (``releases.json`` beside its caches)."""

    def __init__(self, library_path: Path) -> None:
        """The store of the library file at ``library_path``."""
        self.path = cache_dir_for(library_path) / FILE_NAME

    def all(self) -> list[StoredRelease]:
        """Every release recorded, oldest first; a damaged file reads as none."""
        try:
            data = read_json_object(self.path)
        except (OSError, BrokenFileError):
            return []
        if not data or data.get("version") != VERSION:
            return []
        found = []
        for record in data.get("releases", []):
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                found.append(StoredRelease.from_dict(record))
        return found

    def put(self, release: StoredRelease) -> None:
        """Record ``release`` (replacing the one read from the same path before)."""
        kept = [r for r in self.all() if r.path != release.path]
        self._write([*kept, release])

    def forget(self, path: str) -> None:
        """Take the release read from ``path`` out (its documents stay in the library)."""
        self._write([r for r in self.all() if r.path != path])

    def _write(self, releases: list[StoredRelease]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_json(self.path, {"version": VERSION,
                                      "releases": [r.to_dict() for r in releases]})

    def find(self, path: str) -> StoredRelease | None:
        """The release read from ``path`` (a folder or combined PDF), if recorded."""
        wanted = str(Path(path).expanduser().resolve())
        return next((r for r in self.all() if r.path == wanted), None)

    def at(self, doc: str, page: int) -> tuple[StoredRelease, Part] | None:
        """The release and its document on page ``page`` of library document ``doc``."""
        for release in self.all():
            if (part := release.part_at(doc, page)) is not None:
                return release, part
        return None


PageLabels = tuple[tuple[int, int, str], ...]
"""``(first page, last page, label)`` of each release document in one library document."""


def page_labels(releases: list[StoredRelease], doc: str) -> PageLabels:
    """What the reader's status line says on each page of library document ``doc`` that
    belongs to a release: ``doc 1001 · deels openbaar``."""
    return tuple((part.first_page, part.last_page,
                  f"doc {part.docnr} · {part.judgement or 'not listed'}")
                 for release in releases for part in release.parts if part.doc == doc)


def label_at(labels: PageLabels, page: int) -> str | None:
    """The label of page ``page`` (None: no release document is on it)."""
    return next((label for first, last, label in labels if first <= page <= last), None)
