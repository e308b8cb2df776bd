"""One hit per comment (and per page line): the hits in linked copies of a release merged.

A search finds a comment once in each copy of its release (the live one, the published one, a
version), and a line of page text too. :class:`HitGroups` lists one hit for each — the live
copy's when it is among the hits, for the preview and for opening — with every copy of it
(``copies``: document, id there, form), paged like the hits themselves, so the search screen
and ``kantlijn search`` show the same.

Which hits are one: the comments whose user data is stored under one key (they were matched
by what they are and their passage, :mod:`tui.core.copies.selectors`); the page lines of one
release with the same words and the same lines before and after them on their page (the
k-th such line of one copy with the k-th of another: a heading repeated on every page stays
apart; the lines compared as the index holds them). Only the documents that have copies are
grouped; in a library without copies (or a team library) each hit is its own only copy, at
no cost.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.core.copies.releases import Releases
from tui.core.search import results
from tui.core.search.compile import Scope
from tui.core.search.query import Query
from tui.core.search.results import COUNT_LIMIT, Hit

PREFERRED = ("live", "published")
"""Which copy's hit a group shows, first choice first (then the versions, in release
order)."""
STEP = 50
"""Hits read at a time while merging."""

Fetch = Callable[[int, int], list[Hit]]
"""``fetch(offset, limit)``: the search's own hits from ``offset`` on."""
Ident = tuple[str, int]
"""A hit as the index knows it: its table (``ann`` or ``line``) and row."""
Member = tuple[Ident, str, str]
"""One hit of a group: which row, its document, its id there (``line:P:L`` for a line)."""


@dataclass(frozen=True, slots=True)
class CopyRef:
    """One copy of a comment (or a page line): its document, its id there (``line:P:L`` for
    a page line) and the document's form."""

    document: str
    id: str
    form: str

    def to_dict(self) -> dict[str, str]:
        """The ``copies`` entry of ``kantlijn search --json``."""
        return {"document": self.document, "id": self.id, "form": self.form}


@dataclass(frozen=True, slots=True)
class GroupedHit:
    """A hit (the preferred copy's) and every copy of what it found."""

    hit: Hit
    copies: tuple[CopyRef, ...]


def ident(hit: Hit) -> Ident:
    """Which index row ``hit`` is."""
    return ("line" if hit.annotation is None else "ann", hit.row)


def line_id(page: int, line: int) -> str:
    """How a page line is named among the copies (and on the command line)."""
    return f"line:{page}:{line}"


class HitGroups:
    """The hits of one search with the copies of one comment or line merged, page by page."""

    def __init__(self, releases: Releases, fetch: Fetch, count: Callable[[], int],
                 rows: dict[Scope, list[tuple[Any, ...]]]) -> None:
        """Merge the hits ``fetch`` gives (``count()`` of them, capped as
        :func:`results.count`), knowing ``rows``: per scope, every row the search matches in
        a document that has copies (:func:`results.rows_in`)."""
        self._releases = releases
        self._fetch = fetch
        self._count = count
        self._hidden: set[Ident] = set()
        self._groups: dict[Ident, tuple[bool, list[Member]]] = {}
        """A shown hit -> whether it is a comment, and every member of its group."""
        self._shown: list[GroupedHit] = []
        self._read = 0
        self._done = False
        self._plan(rows)

    @classmethod
    def empty(cls) -> HitGroups:
        """No hits."""
        return cls(Releases(), lambda offset, limit: [], lambda: 0, {})

    def page(self, offset: int, limit: int) -> list[GroupedHit]:
        """Groups ``offset`` to ``offset + limit``."""
        while len(self._shown) < offset + limit and not self._done:
            step = max(STEP, limit)
            hits = self._fetch(self._read, step)
            self._read += len(hits)
            self._done = len(hits) < step
            for hit in hits:
                found = ident(hit)
                if found not in self._hidden:
                    self._shown.append(GroupedHit(hit, self._copies(hit)))
        return self._shown[offset:offset + limit]

    def total(self) -> int:
        """How many groups (when the hits are more than :data:`COUNT_LIMIT`, the count
        of the hits: the screen says "1000+")."""
        if self._done:
            return len(self._shown)
        hits = self._count()
        return hits if hits > COUNT_LIMIT else max(len(self._shown), hits - len(self._hidden))

    def _copies(self, hit: Hit) -> tuple[CopyRef, ...]:
        """Every copy of what ``hit`` found (made only for the hits shown)."""
        releases = self._releases
        group = self._groups.get(ident(hit))
        if group is None:
            ref = hit.annotation if hit.annotation is not None else line_id(hit.page, hit.line)
            return (CopyRef(hit.doc, ref, releases.form(hit.doc)),)
        comment, members = group
        if comment:  # every copy of the comment, found or not
            copies = releases.comment_copies(hit.doc, str(hit.annotation))
        else:
            copies = sorted(((m[1], m[2]) for m in members), key=lambda c: releases.order(c[0]))
        return tuple(CopyRef(doc, ref, releases.form(doc)) for doc, ref in copies)

    # -- which hits are one ----------------------------------------------------------------

    def _plan(self, rows: dict[Scope, list[tuple[Any, ...]]]) -> None:
        """Group the rows, keep the preferred of each group, hide the others."""
        groups: dict[tuple[object, ...], list[Member]] = {}
        releases = self._releases
        for rid, doc, ann in rows.get("comments", []):
            key: tuple[object, ...] = ("comment", releases.key(str(doc), str(ann)))
            groups.setdefault(key, []).append((("ann", int(rid)), str(doc), str(ann)))
        seen: Counter[tuple[str, tuple[str, ...]]] = Counter()
        for rid, doc, page, line, text, before, after in rows.get("text", []):
            # As indexed: each copy's reading text, the published copy's markers taken out.
            shape = (str(text), str(before or ""), str(after or ""))
            nth = seen[(doc, shape)]
            seen[(doc, shape)] += 1
            key = ("line", releases.release_of(str(doc)), shape, nth)
            groups.setdefault(key, []).append((("line", int(rid)), str(doc),
                                               line_id(int(page), int(line))))
        for key, members in groups.items():
            shown = members[0] if len(members) == 1 else min(
                members, key=lambda m: (preference(releases.form(m[1])), releases.order(m[1]),
                                        m[0][1]))
            self._hidden.update(m[0] for m in members if m is not shown)
            self._groups[shown[0]] = (key[0] == "comment", members)


def preference(form: str) -> int:
    """How a copy of ``form`` ranks for showing a hit (0: first choice)."""
    return PREFERRED.index(form) if form in PREFERRED else len(PREFERRED)


def hit_groups(library: Any, db: sqlite3.Connection, query: Query, scope: str, fetch: Fetch,
               count: Callable[[], int], releases: Releases | None = None) -> HitGroups:
    """The hits of ``query`` in ``scope`` (``comments``, ``text`` or ``all``) that ``fetch``
    gives, grouped by the copies ``library`` links (``library.copies``: a
    :class:`~tui.core.copies.book.CopyBook`, or none; ``releases`` when read already)."""
    if releases is None:
        book = getattr(library, "copies", None)
        releases = book.releases() if book is not None else Releases()
    linked = sorted(releases.linked)
    rows: dict[Scope, list[tuple[Any, ...]]] = {}
    if linked:
        scopes: tuple[Scope, ...] = ("comments", "text") if scope == "all" else (
            ("text",) if scope == "text" else ("comments",))
        rows = {part: results.rows_in(db, query, part, linked) for part in scopes}
    return HitGroups(releases, fetch, count, rows)
