"""The focused comment follows the view: whatever moved the text, t and e act on a comment
the user can see (issue 13, item 1), and the selection starts where the user looks."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import reopened
from reader_fixture import messages, reader_when_read, screen_rows
from textual import events
from textual.widgets import Input

from tui.app import make_app
from tui.core.library.library import Library
from tui.dialogs.tag import TagDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

SIZE = (180, 48)
"""Room for the comment margin beside the nota list and the sample's 99-character lines."""




def focused_on_screen(view: PageView) -> bool:
    """The focused card's passage or card rows are in view."""
    return view.focused_card is not None and view.focused_card in view.visible_cards()


def focused_page(view: PageView) -> int:
    thread = view.focused_thread()
    assert thread is not None
    return thread.page


async def test_after_G_the_tag_lands_on_a_comment_of_the_last_page(
    sample_pdf: Path, library: Library
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("n", "n")  # a comment on page 1 has the focus
        assert focused_page(view) == 1
        await pilot.press("G")
        await pilot.pause()
        assert focused_on_screen(view)
        last = view.extraction.document.pages if view.extraction else 0
        assert focused_page(view) == last
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagDialog)
        await pilot.press(*"laatste", "enter")
        await pilot.pause()
        thread = view.focused_thread()
        assert thread is not None
    with reopened(library) as stored:
        assert stored.tags_of(screen.doc or "", thread.root.id) == ["laatste"]
        assert thread.root.page == last


@pytest.mark.parametrize("keys", [["j"] * 12, ["space"], ["space", "space", "b"]])
async def test_scrolling_moves_the_focus_to_a_card_on_screen(
    library: Library, sample_pdf: Path, keys: list[str]
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        view = (await reader_when_read(pilot)).page_view
        assert focused_on_screen(view)  # the first card on screen has it from the start
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert focused_on_screen(view) or not view.visible_cards()


async def test_mouse_scroll_go_to_page_next_nota_and_find_move_the_focus(
    library: Library, sample_pdf: Path,
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        for _ in range(15):  # the mouse wheel, as the terminal sends it
            view.post_message(events.MouseScrollDown(view, 9, 9, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > 0 and focused_on_screen(view)
        await pilot.press("colon", *"9", "enter")
        await pilot.pause()
        assert focused_page(view) == 9
        await pilot.press("right_square_bracket")  # nota 4, pages 10-11: no comments there
        await pilot.pause()
        assert view.visible_cards() == [] and view.focused_card is None
        await pilot.press("right_square_bracket", "right_square_bracket")  # nota 6, page 14
        await pilot.pause()
        assert focused_on_screen(view) and focused_page(view) == 14
        await pilot.press("slash", *"Zweden", "enter")
        await pilot.pause()
        assert focused_on_screen(view)
        match_row = view.row_of_match(view.matches[view.current_match or 0])
        layout = view.page_layout
        assert layout is not None and view.focused_card is not None
        nearest = min(abs(layout.cards[i].anchor_row - match_row) for i in view.visible_cards())
        assert abs(layout.cards[view.focused_card].anchor_row - match_row) == nearest


async def test_with_no_card_on_screen_t_and_e_say_so(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("colon", *"11", "enter")  # nota 4, pages 10-11: no comments
        await pilot.pause()
        assert view.visible_cards() == [] and view.focused_card is None
        for key in ("t", "e"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)  # no dialog for an unseen comment
        told = [m for m in messages(app) if m.startswith("No comment on screen")]
        assert len(told) == 2 and "n or N" in told[0]


async def test_v_starts_at_the_top_line_on_screen_and_the_view_stays(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        view = (await reader_when_read(pilot)).page_view
        await pilot.press("n", "n", "n")  # a card further down has the focus
        await pilot.press("j", "j", "j", "j", "j")
        await pilot.pause()
        top = view.scroll_y
        first = view.first_visible_line()
        await pilot.press("v")
        await pilot.pause()
        assert view.selection is not None and view.scroll_y == top
        caret = view.selection.caret
        assert (caret.page, caret.line) >= (first or (0, 0))
        assert (caret.page, caret.line) == first or not view.line_index().text(*first).strip()


async def test_the_focused_card_is_marked(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        view = (await reader_when_read(pilot)).page_view
        await pilot.press("n")
        await pilot.pause()
        layout = view.page_layout
        assert layout is not None and view.focused_card is not None
        focused = layout.cards[view.focused_card]
        other = next(c for i, c in enumerate(layout.cards)
                     if i in view.visible_cards() and i != view.focused_card and c.lines)
        focus = view.get_component_rich_style("page-view--card-focus")

        def background_of(card_top: int) -> set[object]:
            strip = view.render_line(card_top - int(view.scroll_y))
            x = layout.text_width + 6  # inside the margin card
            cells = []
            for segment in strip:
                cells += [segment.style.bgcolor if segment.style else None] * len(segment.text)
            return {cells[x]}

        assert background_of(focused.top) == {focus.bgcolor}
        assert background_of(other.top) != {focus.bgcolor}
        rows = screen_rows(view)
        label = focused.label
        assert any(label in row for row in rows)


async def test_a_selection_starts_mid_line_and_e_ends_a_word(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        view = (await reader_when_read(pilot)).page_view
        await pilot.press("colon", *"3", "enter")
        await pilot.pause()
        await pilot.press("v", "w", "w", "v")  # move two words on, start again there
        await pilot.pause()
        assert view.selection is not None
        selection = view.selection
        assert selection is not None
        start, caret = selection.start, selection.caret
        assert start == caret and start.col > 0
        await pilot.press("e")  # to the end of that word
        await pilot.pause()
        selection = view.selection
        assert selection is not None
        start, caret = selection.start, selection.caret
        text = view.line_index().text(start.page, start.line)
        word = text[start.col : caret.col + 1]
        assert word == text.split()[2]
        assert caret.col + 1 == len(text) or text[caret.col + 1] == " "
        await pilot.press("e")
        selection = view.selection
        assert selection is not None
        start, caret = selection.start, selection.caret
        assert text[start.col : caret.col + 1] == " ".join(text.split()[2:4])
        assert not isinstance(app.screen.focused, Input)
