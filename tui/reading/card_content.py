"""What a comment's card holds besides the comment: the user's marks, and when it is only a
marker (its number in the gutter, no card).

The card's rows themselves are drawn by :mod:`tui.widgets.cards`; these rules decide what
goes on them, and the layout and the find read them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.core.anchoring.threads import Thread, build_threads
from tui.core.anchoring.withheld import withhold
from tui.core.model import Extraction
from tui.core.text import clean_text


@dataclass(frozen=True, slots=True)
class UserMarks:
    """What the user added to one comment: tags, a note, or that the comment is their own."""

    tags: tuple[str, ...] = ()
    """Tag chips as shown; in a team library a teammate's tag names them: ``tag · alice``."""
    note: str | None = None
    own: bool = False
    team_notes: tuple[tuple[str, str], ...] = ()
    """Teammates' notes, ``(member, note)``: shown under the user's, read-only."""


def user_marks(entry: Mapping[str, Any], own: bool = False,
               member: str | None = None) -> UserMarks:
    """The marks of one comment from the library's ``annotation_data`` entry.

    In a team library (``member`` is who the user is) the entry also holds ``tags_by`` (tag
    -> members) and ``notes_by`` (member -> note): a tag someone else put on names them,
    and the teammates' notes come with their names.
    """
    tags_by: Mapping[str, list[str]] = entry.get("tags_by") or {}
    notes_by: Mapping[str, str] = entry.get("notes_by") or {}
    if member is None or not (tags_by or notes_by):
        return UserMarks(tuple(entry.get("tags", ())), entry.get("note"), own)
    tags = []
    for tag in entry.get("tags", ()):
        members = list(dict.fromkeys(tags_by.get(tag, [])))
        others = [m for m in members if m != member]
        if others:
            names = (["you"] if member in members else []) + others
            tags.append(f"{tag} · {', '.join(names)}")
        else:
            tags.append(tag)
    team_notes = tuple((name, text) for name, text in sorted(notes_by.items())
                       if name != member and text)
    return UserMarks(tuple(tags), entry.get("note"), own, team_notes)


MARKER_KINDS = frozenset({"note", "freetext"})
"""The kinds of comment that, left empty, are shown as a gutter number only."""


def is_marker(thread: Thread, user: UserMarks | None = None) -> bool:
    """True for a reviewer's note without any text, passage, reply or user's mark: shown as
    its number in the gutter only, so it never pushes other cards away from their passages."""
    root = thread.root
    return (
        root.kind in MARKER_KINDS
        and not root.is_own
        and not clean_text(root.contents or "").strip()
        and not (root.quote or "").strip()
        and thread.marked is None
        and not thread.replies
        and not (user and (user.tags or user.note or user.team_notes))
    )


def short_date(created: str | None) -> str:
    """``2025-02-07T13:10:51+01:00`` -> ``2025-02-07 13:10``; empty when unknown."""
    if not created:
        return ""
    return created[:16].replace("T", " ")


def shown_threads(extraction: Extraction, revealed: frozenset[str]) -> dict[str, Thread]:
    """The threads whose cards quote them otherwise, by root id: the words under a redaction
    that was not applied stand as a block in every passage, except those in ``revealed``.
    Empty when nothing is withheld (the usual case: no second pass over the threads)."""
    shown = withhold(extraction, revealed)
    return {} if shown is extraction else {t.root.id: t for t in build_threads(shown)}
