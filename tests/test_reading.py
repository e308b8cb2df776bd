"""The reading package decides what the reader shows without an app: the keyboard selection,
which card keeps the focus, the position the status line tells."""

from __future__ import annotations

from reader_fixture import (
    HIGHLIGHT,
    HIGHLIGHT_LINE,
    HIGHLIGHT_PAGE,
    WELKE_DAN,
    sample_extraction,
)

from tui.core.anchoring.threads import Thread
from tui.core.model import Line, PageText
from tui.reading.card_focus import card_after, card_to_follow, visible_cards
from tui.reading.layout import PageLayout, build_layout
from tui.reading.page_state import PageState
from tui.reading.position import FindSummary, reading_position, status_parts
from tui.reading.selection import Caret, LineIndex, Selection
from tui.reading.wrap import wrap_offsets, wrap_text


def _draw(thread: Thread, label: str, width: int) -> list[str]:
    """Cards as plain rows of text (the widgets draw them with styles)."""
    return wrap_text(f"{label} {thread.root.contents or ''}".strip(), width)


def _layout() -> PageLayout[str]:
    return build_layout(sample_extraction(), 70, 40, _draw)


def test_a_selection_runs_from_its_start_to_the_caret_over_whole_words() -> None:
    pages = {p.number: p for p in sample_extraction().pages}
    lines = LineIndex(pages)
    selection = Selection.begin(lines, (HIGHLIGHT_PAGE, HIGHLIGHT_LINE))
    assert selection is not None and selection.start == selection.caret
    words = HIGHLIGHT.split()
    selection = selection.moved("word").moved("word_end")
    assert selection.quote() == " ".join(words[:2])
    again = selection.restarted()
    assert again.start == again.caret == selection.caret
    down = Selection.begin(lines, (HIGHLIGHT_PAGE, HIGHLIGHT_LINE - 1))
    assert down is not None
    down = down.moved("down").moved("end")
    assert [(s.page, s.line) for s in down.spans()] == [
        (HIGHLIGHT_PAGE, HIGHLIGHT_LINE - 1), (HIGHLIGHT_PAGE, HIGHLIGHT_LINE)
    ]
    assert down.quote().endswith(HIGHLIGHT)


def test_a_selection_starts_on_the_first_line_with_text() -> None:
    blank = [Line(""), Line("   "), Line("")]
    page = PageText(number=1, lines=[*blank, Line("  Aan Staatssecretaris")])
    selection = Selection.begin(LineIndex({1: page}), (1, 0))
    assert selection is not None and selection.caret == Caret(1, 3, 2)  # its first letter
    assert Selection.begin(LineIndex({1: PageText(number=1, lines=blank)}), (1, 0)) is None


def test_the_focus_stays_on_a_card_in_view_and_steps_from_there() -> None:
    layout = _layout()
    welke = next(i for i, c in enumerate(layout.cards) if c.thread.root.contents == WELKE_DAN)
    card = layout.cards[welke]
    top, height = card.anchor_row - 2, 20
    assert welke in visible_cards(layout, top, height)
    assert card_to_follow(layout, welke, top, height, None) == welke
    far = layout.height + 10  # nothing on screen down there: no focus at all
    assert card_to_follow(layout, welke, far, height, None) is None
    nearest = card_to_follow(layout, None, 0, height, 0)
    assert nearest is None or layout.cards[nearest].anchor_row < height
    assert card_after(layout, welke, top, height, True) == welke + 1
    assert card_after(layout, welke, top, height, False) == welke - 1


def test_the_status_line_tells_page_comment_find_and_nota() -> None:
    extraction = sample_extraction()
    state: PageState[str] = PageState(layout=_layout())
    state.show_document(extraction)
    assert state.layout is not None
    row = state.layout.page_rows[9]
    page = state.page_reading(row, at_end=False)
    position = reading_position(extraction, state.layout, page, None, selecting=False)
    nota = extraction.notas[1]
    assert page == 9 and position.nota == 1
    comments = sum(1 for c in state.layout.cards if c.number is not None)
    parts = status_parts(position, FindSummary("zweden", 1, 3, True), True, None, str)
    assert parts == [
        f"p. 9/{extraction.document.pages}", f"{comments} comments",
        "/zweden: match 1/3 · wrapped · next_comment/previous_comment next · clear ends",
        f"nota 2/2: {nota.title}",
    ]
    selecting = reading_position(extraction, state.layout, page, 0, selecting=True)
    told = status_parts(selecting, None, False, None, str)
    assert told[1].startswith("comment 1/") and told[2].startswith("selecting: ")
    assert len(told) == 3  # while selecting, only the selection's keys


def test_spaces_after_the_last_word_never_break_a_line() -> None:
    words = "Het kabinet wil dat nieuwkomers snel meedoen"
    assert wrap_offsets(words + "   ", len(words)) == [(0, len(words) + 3)]
    assert [words[s:e] for s, e in wrap_offsets(words, len(words) - 1)] == [
        words.rsplit(" ", 1)[0], words.rsplit(" ", 1)[1]
    ]
