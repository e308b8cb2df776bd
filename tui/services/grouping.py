"""The library listing as the user thinks of it: a Woo release is one entry, and so are the
copies of one document (live, published, a later version).

:func:`group` takes the listing of every document (most recent first) and gives it back with
each release's documents folded into one entry where its most recent document stood, and each
set of linked copies folded into the entry of the copy first in its release's order. Nothing
here reads a file: releases come from the library's release store, copies from its copy book.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tui.core.release.store import StoredRelease


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
    """``pdf``, ``summary`` for a text/Markdown comment summary, ``release`` for a Woo
    release (its documents folded into this one entry: :attr:`release`)."""
    release: StoredRelease | None = None
    copies: list[tuple[str, LibraryEntry]] = field(default_factory=list)
    """For linked copies of one document: ``(form, copy)`` of each, the first one first."""


CopiesOf = Callable[[str], list[tuple[str, str]]]
"""A document's copies as ``(hash, form)``, its release's first copy first (alone: itself)."""


def group(documents: list[LibraryEntry], releases: list[StoredRelease],
          copies_of: CopiesOf | None) -> list[LibraryEntry]:
    """``documents`` with releases and copies each folded into one entry, order kept."""
    by_sha = {e.sha256: e for e in documents if e.sha256}
    release_of: dict[str, StoredRelease] = {}
    for release in releases:
        for sha in release.members:
            if sha in by_sha:
                release_of.setdefault(sha, release)
    listed: list[LibraryEntry] = []
    placed: set[str] = set()
    for entry in documents:
        sha = entry.sha256 or ""
        if sha in placed:
            continue
        if (found := release_of.get(sha)) is not None:
            members = [by_sha[m] for m in found.members if m in by_sha]
            placed.update(m.sha256 or "" for m in members)
            listed.append(release_entry(found, members))
            continue
        forms = [(by_sha[c], form) for c, form in (copies_of(sha) if copies_of and sha else [])
                 if c in by_sha and c not in placed and c not in release_of]
        if len(forms) > 1:
            placed.update(c.sha256 or "" for c, _ in forms)
            first = forms[0][0]
            listed.append(replace(first, copies=[(form, c) for c, form in forms],
                                  comments=first.comments,
                                  tags=sorted({t for c, _ in forms for t in c.tags}),
                                  last_opened=max((c.last_opened or "" for c, _ in forms),
                                                  default="") or None))
            continue
        placed.add(sha)
        listed.append(entry)
    return listed


def release_entry(release: StoredRelease, members: list[LibraryEntry]) -> LibraryEntry:
    """The one entry of a release: its title and folder, its documents' counts added up."""

    opened = [m.last_opened for m in members if m.last_opened]
    return LibraryEntry(
        path=release.path, title=release.title,
        pages=sum(p.pages for p in release.parts),
        comments=sum(m.comments or 0 for m in members),
        last_opened=max(opened) if opened else None,
        tags=sorted({t for m in members for t in m.tags}),
        own=sum(m.own for m in members), notes=sum(m.notes for m in members),
        source="release", release=release)
