"""What the search index needs of a few annotations of a team library, read by key.

The local search index follows the server's change sequence: after a teammate's tag it
reads the rows of the one annotation the change touched, not the whole library. These
queries give, for a set of ``(document, annotation id)`` keys, the same rows as the whole
library's readers in :mod:`tui.core.team.reading` give for every annotation (tags in the
team's spelling, every member's current note opened by the member's name, the members who
wrote on it, own annotations, the latest question mark), so an index brought up to date
change by change holds what a full rebuild would.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.core.library.surface import OwnRow, UserRow
from tui.core.model import annotation_from_dict
from tui.core.team import store

if TYPE_CHECKING:
    import psycopg

Key = tuple[str, str]
_KEYS = "(doc, {column}) IN (SELECT * FROM unnest(%s::text[], %s::text[]))"
"""Rows of the given keys: two arrays (documents, annotation ids) side by side."""


@dataclass(slots=True)
class Touched:
    """The current rows of some annotations (a key absent from a field has none)."""

    user: list[UserRow] = field(default_factory=list)
    own: list[OwnRow] = field(default_factory=list)
    members: dict[Key, list[str]] = field(default_factory=dict)
    statuses: dict[Key, str] = field(default_factory=dict)


def read(connection: psycopg.Connection[Any], keys: Collection[Key]) -> Touched:
    """The tags, notes, members, own annotations and question marks of ``keys``."""
    if not keys:
        return Touched()
    args = ([doc for doc, _ in keys], [ann for _, ann in keys])
    return Touched(_user_rows(connection, args), _own_rows(connection, args),
                   _members(connection, args), _statuses(connection, args))


def _user_rows(connection: psycopg.Connection[Any], args: tuple[list[str], list[str]]
               ) -> list[UserRow]:
    rows: dict[Key, tuple[list[str], list[str]]] = {}
    where = _KEYS.format(column="annotation")
    found = connection.execute(
        f"SELECT doc, annotation, tag_key FROM kantlijn.tags WHERE {where} ORDER BY at, tag",
        args).fetchall()
    spelled = store.spellings(connection, {key for _, _, key in found})
    for doc, ann, key in found:
        tags = rows.setdefault((doc, ann), ([], []))[0]
        if spelled.get(key, key) not in tags:
            tags.append(spelled.get(key, key))
    for doc, ann, member, text in connection.execute(
        store.LATEST_NOTES.format(where=f"WHERE {where}"), args
    ).fetchall():
        rows.setdefault((doc, ann), ([], []))[1].append(f"{member}: {text}")
    return [(doc, ann, tags, "\n\n".join(notes) or None)
            for (doc, ann), (tags, notes) in rows.items()]


def _own_rows(connection: psycopg.Connection[Any], args: tuple[list[str], list[str]]
              ) -> list[OwnRow]:
    return [(doc, annotation_from_dict(data)) for doc, data in connection.execute(
        f"SELECT doc, annotation FROM kantlijn.own_annotations WHERE {_KEYS.format(column='id')}"
        " ORDER BY created, id", args).fetchall()]


def _members(connection: psycopg.Connection[Any], args: tuple[list[str], list[str]]
             ) -> dict[Key, list[str]]:
    where = _KEYS.format(column="annotation")
    rows = connection.execute(
        f"SELECT doc, annotation, member FROM kantlijn.tags WHERE {where} UNION "
        f"SELECT doc, id, member FROM kantlijn.own_annotations WHERE {_KEYS.format(column='id')}"
        " UNION SELECT doc, annotation, member FROM ("
        + store.LATEST_NOTES.format(where=f"WHERE {where}") + ") noted",
        args * 3).fetchall()
    found: dict[Key, set[str]] = {}
    for doc, ann, member in rows:
        found.setdefault((doc, ann), set()).add(member)
    return {key: sorted(members) for key, members in found.items()}


def _statuses(connection: psycopg.Connection[Any], args: tuple[list[str], list[str]]
              ) -> dict[Key, str]:
    found = connection.execute(
        "SELECT DISTINCT ON (doc, annotation) doc, annotation, status FROM kantlijn.questions "
        f"WHERE {_KEYS.format(column='annotation')} ORDER BY doc, annotation, at DESC",
        args).fetchall()
    return {(doc, ann): status for doc, ann, status in found}
