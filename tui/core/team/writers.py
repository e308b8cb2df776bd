"""Who wrote what on each annotation of a team library: what an export names.

The search index and the reader see the team's tags merged and every member's note opened
by their name; an export says it exactly — which members put each tag there, each member's
own note, and which member made an own highlight or comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.core.team import store

if TYPE_CHECKING:
    import psycopg


@dataclass(slots=True)
class Written:
    """What the members wrote on one annotation."""

    tags: dict[str, list[str]] = field(default_factory=dict)
    """Tag (the team's spelling) -> the members who put it there, first one first."""
    notes: dict[str, str] = field(default_factory=dict)
    """Member -> their current note, oldest note first."""
    made_by: str | None = None
    """The member whose own highlight or comment this is (None: the document's)."""


def written(connection: psycopg.Connection[Any]) -> dict[tuple[str, str], Written]:
    """(document, annotation id) -> what the members wrote on it, for every annotation
    with a tag, a note or a maker."""
    found: dict[tuple[str, str], Written] = {}
    spelled = store.spellings(connection)
    for doc, ann, key, member in connection.execute(
        "SELECT doc, annotation, tag_key, member FROM kantlijn.tags ORDER BY at, tag"
    ).fetchall():
        members = found.setdefault((doc, ann), Written()).tags.setdefault(
            spelled.get(key, key), [])
        if member not in members:
            members.append(member)
    for doc, ann, member, text in connection.execute(store.LATEST_NOTES.format(where="")):
        found.setdefault((doc, ann), Written()).notes[member] = text
    for doc, ann, member in connection.execute(
        "SELECT doc, id, member FROM kantlijn.own_annotations"
    ).fetchall():
        found.setdefault((doc, ann), Written()).made_by = member
    return found
