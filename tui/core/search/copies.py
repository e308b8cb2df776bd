"""One hit per comment: hits in linked copies of a release grouped after a search.

A search finds a comment once in each copy (the live one, the published one, a version); a
separate step after the hits are found keeps one hit per comment — the live copy's when it
is among them, for the preview — and lists every copy of it (``copies``: document, id in it,
form). A library that links no copies (a team library) gives each hit as its only copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.core.search.results import Hit

PREFERRED = ("live", "published")
"""Which copy's hit a group shows, first choice first (then the first version)."""


@dataclass(frozen=True, slots=True)
class CopyRef:
    """One copy of a comment: its document, its id there and the document's form."""

    document: str
    id: str
    form: str

    def to_dict(self) -> dict[str, str]:
        """The ``copies`` entry of ``kantlijn search --json``."""
        return {"document": self.document, "id": self.id, "form": self.form}


@dataclass(frozen=True, slots=True)
class GroupedHit:
    """A hit (a copy's) and every copy of the comment it found (none for a page line)."""

    hit: Hit
    copies: tuple[CopyRef, ...]


def group_copies(library: Any, hits: list[Hit]) -> list[GroupedHit]:
    """``hits`` with the hits on copies of one comment merged into one, in the order of the
    best of each group (``library`` offers ``copies``: :class:`CopyBook`, or nothing)."""
    book = getattr(library, "copies", None)
    groups: dict[object, list[Hit]] = {}
    listed: dict[object, tuple[CopyRef, ...]] = {}
    for hit in hits:
        if hit.annotation is None or book is None:
            key: object = (hit.doc, hit.annotation, hit.page, hit.line)
            refs = (CopyRef(hit.doc, hit.annotation, "live"),) if hit.annotation else ()
            listed.setdefault(key, refs)
        else:
            key = book.key(hit.doc, hit.annotation)
            if key not in listed:
                listed[key] = tuple(CopyRef(copy.document, ann, copy.form)
                                    for copy, ann in book.of_comment(hit.doc, hit.annotation))
        groups.setdefault(key, []).append(hit)
    grouped: list[GroupedHit] = []
    for key, members in groups.items():
        forms = {ref.document: ref.form for ref in listed[key]}
        shown = min(members, key=lambda h: _preference(forms.get(h.doc, "")))
        grouped.append(GroupedHit(shown, listed[key]))
    return grouped


def _preference(form: str) -> int:
    return PREFERRED.index(form) if form in PREFERRED else len(PREFERRED)
