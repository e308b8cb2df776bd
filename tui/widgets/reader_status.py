"""The reader's status line: where the reader is, the focused comment, the find, hints.

``p. 20/22 · comment 34/40 · /zweden: match 1/3 · n/N next · esc ends · nota 7/8: …`` —
or, while selecting text, the selection's keys. Keys are named as the user's keymap has
them; everything from the document is cleaned and drawn as literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from tui.controllers.find import DocumentFind
from tui.core.model import Extraction
from tui.core.text import clean_line, counted
from tui.widgets.cards import short_date
from tui.widgets.page_view import PageView

SELECT_MOVES = ("select_left", "select_right", "select_word", "select_word_end", "select_back",
                "select_down", "select_up", "select_start_of_line", "select_end_of_line")
"""The selection moves the status line names while selecting."""


@dataclass(frozen=True, slots=True)
class ReaderState:
    """What the status line tells, as the reader screen knows it."""

    view: PageView
    extraction: Extraction
    find: DocumentFind | None
    nota: int | None
    """The position in the nota list of the nota being read."""
    complete: bool
    missing_path: str | None
    key: Callable[[str], str]
    """The user's key for an action id."""


class ReaderStatus(Static):
    """One line under the page text."""

    def show(self, state: ReaderState) -> None:
        """Tell ``state``."""
        self.update(Text("  ·  ".join(status_parts(state))))


def status_parts(state: ReaderState) -> list[str]:
    """The parts of the line, in order."""
    view, extraction = state.view, state.extraction
    pages = max(extraction.document.pages, len(extraction.pages))
    parts = [f"p. {view.where_reading()}/{pages}", _comment(view)]
    if view.selection is not None:
        return [*parts, _selection_hint(state.key)]
    if state.find is not None and state.find.query:
        parts.append(_find(state.find, state.key))
    if state.nota is not None and extraction.notas:
        nota = extraction.notas[state.nota]
        title = clean_line(nota.title).strip()
        parts.append(f"nota {nota.index}/{len(extraction.notas)}" + (f": {title}" if title else ""))
    if not state.complete:
        parts.append("reading…")
    if state.missing_path:
        parts.append(f"PDF not found at {clean_line(state.missing_path)} (cached copy)")
    return parts


def _comment(view: PageView) -> str:
    """``comment 3/40`` for the focused comment (counted as the library counts them)."""
    layout = view.page_layout
    total = sum(1 for c in layout.cards if c.number is not None) if layout else 0
    focused = view.focused_card
    if layout is None or focused is None:
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


def _find(find: DocumentFind, key: Callable[[str], str]) -> str:
    wrapped = " · wrapped" if find.wrapped else ""
    keys = f"{key('next_comment')}/{key('previous_comment')}"
    return (f"/{clean_line(find.query)}: {find.describe()}{wrapped} · {keys} next · "
            f"{key('clear')} ends")


def _selection_hint(key: Callable[[str], str]) -> str:
    moves = " ".join(key(a) for a in SELECT_MOVES)
    return (f"selecting: {moves} move · {key('select_restart')} starts here · "
            f"{key('select_highlight')} highlight · {key('select_comment')} comment · "
            f"{key('select_cancel')} cancel")
