"""Every release of a library at one moment: which documents are copies, which comments one.

A search groups hundreds of hits by the comment (or page line) they stand for; asking the
library file once per hit (a table scan each) would cost more than the search. So
:func:`read_releases` reads the three tables once — documents, copies, comment matches — into
a :class:`Releases` that answers from dictionaries. It is a copy: take a new one when the
library's generation moves on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tui.core.copies import store

Key = tuple[str, str]

FORMS = {"pdf": "live", "summary-pdf": "published"}
"""A first edition's form by the source it was read from (anything else: ``published``)."""


def form_of(edition: int, source: str) -> str:
    """The form of a copy: ``live`` or ``published`` for the first text, ``version N`` after."""
    if edition > 1:
        return f"version {edition}"
    return FORMS.get(source, "published")


@dataclass(frozen=True, slots=True)
class Releases:
    """Copies and comment matches of every release, read at one moment."""

    release: dict[str, str] = field(default_factory=dict)
    """Linked document -> its release's canonical copy (unlinked documents are absent)."""
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Canonical copy -> every copy of its release, in release order (itself first)."""
    forms: dict[str, str] = field(default_factory=dict)
    """Document -> its form (every document, linked or not)."""
    keys: dict[Key, Key] = field(default_factory=dict)
    """(document, comment id) of a matched comment -> the key its user data is stored under."""
    sharing: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    """A key -> every (document, comment id) stored under it, the key first."""
    places: dict[str, int] = field(default_factory=dict)
    """Linked document -> its place in its release (0: the canonical copy)."""

    @property
    def linked(self) -> set[str]:
        """Every document that has a copy."""
        return set(self.release)

    def key(self, doc: str, ann: str) -> Key:
        """The key comment ``ann`` of ``doc`` is stored under (itself when not matched)."""
        return self.keys.get((doc, ann), (doc, ann))

    def release_of(self, doc: str) -> str:
        """The canonical copy of ``doc``'s release (``doc`` when it has no copy)."""
        return self.release.get(doc, doc)

    def order(self, doc: str) -> int:
        """``doc``'s place in its release (0 for the canonical copy or an unlinked one)."""
        return self.places.get(doc, 0)

    def form(self, doc: str) -> str:
        """``doc``'s form (``live`` when the document is not known)."""
        return self.forms.get(doc, "live")

    def comment_copies(self, doc: str, ann: str) -> list[Key]:
        """Every (document, id) of comment ``ann`` of ``doc`` across its copies, in release
        order (just itself when it has no copy)."""
        found = self.sharing.get(self.key(doc, ann))
        if found is None:
            return [(doc, ann)]
        return sorted(found, key=lambda k: self.places.get(k[0], 0))


def read_releases(db: Any) -> Releases:
    """The releases of the library file ``db`` (a TinyDB), in one pass over each table."""
    sources = {str(d["sha256"]): str(d.get("source", "pdf"))
               for d in db.table("documents").all()}
    release: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    editions: dict[str, int] = {}
    for row in db.table(store.COPIES).all():
        doc, first = str(row["doc"]), str(row["of"])
        release[doc] = release[first] = first
        members.setdefault(first, [first]).append(doc)
        editions[doc] = int(row.get("edition", 1))
    forms = {sha: form_of(editions.get(sha, 1), source) for sha, source in sources.items()}
    keys: dict[Key, Key] = {}
    for match in db.table(store.MATCHES).all() if db.table(store.MATCHES) else []:
        keys[(str(match["doc"]), str(match["id"]))] = (str(match["key_doc"]),
                                                      str(match["key_id"]))
    places = {doc: place for copies in members.values() for place, doc in enumerate(copies)}
    return Releases(release, {k: tuple(v) for k, v in members.items()}, forms, keys,
                    _sharing(keys.items()), places)


def _sharing(matches: Iterable[tuple[Key, Key]]) -> dict[Key, tuple[Key, ...]]:
    groups: dict[Key, list[Key]] = {}
    for comment, key in matches:
        groups.setdefault(key, [key]).append(comment)
    return {key: tuple(found) for key, found in groups.items()}
