"""Where the reader is, and what the status line says about it.

``p. 20/22 · comment 34/40 · /zweden: match 1/3 · n/N next · esc ends · nota 7/8: …`` —
or, while selecting text, the selection's keys. The reader screen keeps a
:class:`ReadingPosition` and a :class:`FindSummary` as reactive values; the status line and
the nota list are bound to them. Keys are named as the user's keymap has them; everything
from the document is cleaned, to be drawn as literal text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.core.model import Extraction, Nota
from tui.core.text import clean_line, counted
from tui.reading.card_content import short_date
from tui.reading.layout import PageLayout

SELECT_MOVES = ("select_left", "select_right", "select_word", "select_word_end", "select_back",
                "select_down", "select_up", "select_start_of_line", "select_end_of_line")
"""The selection moves the status line names while selecting."""


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where the reader is in a laid-out document."""

    page: int
    """The page being read."""
    pages: int
    """How many pages the document has."""
    comment: str
    """The focused comment as the status line names it (``comment 3/40``)."""
    nota: int | None
    """The position in the nota list of the nota being read (None: no nota's)."""
    nota_label: str | None
    """``nota 7/8: title`` for that nota."""
    selecting: bool
    """True while a keyboard selection is under way."""


@dataclass(frozen=True, slots=True)
class FindSummary:
    """A find under way, as the status line tells it."""

    query: str
    at: int
    """The current match, counted from 1 (0: none)."""
    found: int
    wrapped: bool
    """True when the last step went past the last match to the first (or back)."""
    searching: int | None = None
    """How far (percent) the find is while it runs in the background (None: it is done)."""
    more: int = 0
    """Matches found past the ones kept (``found`` then shows as ``1,000,000+``)."""


def nota_at(notas: Sequence[Nota], page: int) -> int | None:
    """The position in ``notas`` of the nota holding ``page`` (the last one that does, or
    the last one before it); None without nota's."""
    if not notas:
        return None
    inside = [i for i, n in enumerate(notas) if n.first_page <= page <= n.last_page]
    if inside:
        return inside[-1]
    before = [i for i, n in enumerate(notas) if n.first_page <= page]
    return before[-1] if before else 0


def comment_part(layout: PageLayout[Any], focused: int | None) -> str:
    """``comment 3/40`` for the focused comment (counted as the library counts them)."""
    total = sum(1 for c in layout.cards if c.number is not None)
    if focused is None:
        return counted(total, "comment")
    card = layout.cards[focused]
    if card.number is None:
        return f"your {card.thread.root.own_kind}"
    if not card.lines:  # a marker: the status says what the gutter number stands for
        author = clean_line(card.thread.root.author or "").strip() or "anonymous"
        when = short_date(card.thread.root.date)  # a marker has no card to show its date
        return (f"comment {card.number}/{total}: an empty note by {author}"
                + (f", {when}" if when else ""))
    return f"comment {card.number}/{total}"


def reading_position(
    extraction: Extraction, layout: PageLayout[Any], page: int, focused: int | None,
    selecting: bool,
) -> ReadingPosition:
    """The position of a reader on ``page`` of ``extraction`` with card ``focused``."""
    notas = extraction.notas
    nota = nota_at(notas, page)
    label = None
    if nota is not None:
        title = clean_line(notas[nota].title).strip()
        label = f"nota {notas[nota].index}/{len(notas)}" + (f": {title}" if title else "")
    pages = max(extraction.document.pages, len(extraction.pages))
    return ReadingPosition(page, pages, comment_part(layout, focused), nota, label, selecting)


def status_parts(
    position: ReadingPosition, find: FindSummary | None, complete: bool,
    missing_path: str | None, key: Callable[[str], str],
) -> list[str]:
    """The parts of the status line, in order; ``key`` names the user's key for an action."""
    parts = [f"p. {position.page}/{position.pages}", position.comment]
    if position.selecting:
        return [*parts, _selection_hint(key)]
    if find is not None and find.query:
        parts.append(_find(find, key))
    if position.nota_label is not None:
        parts.append(position.nota_label)
    if not complete:
        parts.append("reading…")
    if missing_path:
        parts.append(f"PDF not found at {clean_line(missing_path)} (cached copy)")
    return parts


def _find(find: FindSummary, key: Callable[[str], str]) -> str:
    if find.searching is not None:
        return f"/{clean_line(find.query)}: searching… {find.searching}% · {key('clear')} ends"
    wrapped = " · wrapped" if find.wrapped else ""
    keys = f"{key('next_comment')}/{key('previous_comment')}"
    found = f"{find.found:,}" + ("+" if find.more else "")
    return (f"/{clean_line(find.query)}: match {find.at:,}/{found}{wrapped} · {keys} next · "
            f"{key('clear')} ends")


def _selection_hint(key: Callable[[str], str]) -> str:
    moves = " ".join(key(a) for a in SELECT_MOVES)
    return (f"selecting: {moves} move · {key('select_restart')} starts here · "
            f"{key('select_highlight')} highlight · {key('select_comment')} comment · "
            f"{key('select_cancel')} cancel")
