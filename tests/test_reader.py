"""The reader screen: comments level with their passage, navigation keys, find, untrusted text."""

from __future__ import annotations

from reader_fixture import (
    HIGHLIGHT,
    HIGHLIGHT_LINE,
    HIGHLIGHT_PAGE,
    INJECTION_BOLD,
    INJECTION_CLICK,
    sample_extraction,
    screen_rows,
    settle,
    until,
)
from textual.pilot import Pilot

from tui.app import KantlijnApp, make_app
from tui.core.library.library import Library
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView


def view_of(app: KantlijnApp) -> PageView:
    """The reader's page view."""
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.page_view


def row_with(view: PageView, needle: str) -> int:
    """The screen row (absolute, in app coordinates) where ``needle`` is drawn."""
    rows = screen_rows(view)
    found = [y for y, text in enumerate(rows) if needle in text]
    assert found, f"{needle!r} not on screen:\n" + "\n".join(rows)
    return view.region.y + found[0]


async def focus_card_about(pilot: Pilot[None], view: PageView, text: str) -> int:
    """Press n until the focused card's comment contains ``text``; its index."""
    for _ in range(20):
        await pilot.press("n")
        await pilot.pause()
        focused = view.focused_card
        assert view.page_layout is not None and focused is not None
        if text in (view.page_layout.cards[focused].thread.root.contents or ""):
            return focused
    raise AssertionError(f"no card about {text!r}")


async def test_card_starts_on_the_row_of_its_highlighted_passage(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        index = await focus_card_about(pilot, view, "Welke dan?")
        assert view.page_layout is not None
        card = view.page_layout.cards[index]
        passage_row = view.page_layout.line_rows[(HIGHLIGHT_PAGE, HIGHLIGHT_LINE)]
        assert card.anchor_row == card.top == passage_row
        # On screen: the card's header is drawn on the row of the highlighted sentence,
        # and the comment text follows in the same (margin) column.
        header = card.lines[0].plain
        assert row_with(view, HIGHLIGHT) == row_with(view, header)
        assert row_with(view, "Welke dan?") > row_with(view, HIGHLIGHT)
        text_x = screen_rows(view)[row_with(view, HIGHLIGHT) - view.region.y].index(HIGHLIGHT)
        assert text_x < view.page_layout.text_width
        welke_row = screen_rows(view)[row_with(view, "Welke dan?") - view.region.y]
        assert welke_row.index("Welke dan?") > view.page_layout.text_width


async def test_highlight_is_coloured_over_exactly_its_characters(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        await focus_card_about(pilot, view, "Welke dan?")
        y = row_with(view, HIGHLIGHT) - view.region.y
        backgrounds = []
        for segment in view.render_line(y):
            backgrounds += [segment.style.bgcolor if segment.style else None] * len(segment.text)
        text = view.render_line(y).text
        start = text.index(HIGHLIGHT)
        inside = set(backgrounds[start : start + len(HIGHLIGHT)])
        assert len(inside) == 1
        assert backgrounds[start - 1] not in inside if start else True
        assert backgrounds[start + len(HIGHLIGHT)] not in inside


async def test_cards_compete_for_rows_without_overlapping(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        layout = view_of(app).page_layout
        assert layout is not None
        taken: set[int] = set()
        for card in layout.cards:
            rows = set(range(card.top, card.top + len(card.lines)))
            assert not rows & taken
            assert card.top >= card.anchor_row
            taken |= rows


async def test_movement_keys_scroll_the_text(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("j", "j", "j")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y > 30
        await pilot.press("b")
        assert view.scroll_y == 2
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 100
        await pilot.press("g")
        assert view.scroll_y == 0


async def test_go_to_page_and_next_nota(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        view = view_of(app)
        layout = view.page_layout
        assert layout is not None
        await pilot.press("colon", "9", "enter")
        await until(pilot, lambda: layout.page_at(view.top_row()) == 9, "page 9 at the top")
        await until(pilot, lambda: "p. 9 / 12" in screen_rows(view)[0], "p. 9 on screen")
        await pilot.press("g", "right_square_bracket")
        await until(pilot, lambda: view.top_row() == layout.page_rows[7],
                    "nota 2 (page 7) at the top")
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: view.top_row() == layout.page_rows[1],
                    "nota 1 (page 1) at the top")


async def test_find_highlights_and_cycles_matches_then_escape_returns_n_to_comments(
    library: Library
) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        await pilot.press("slash", *"ingekort", "enter")
        await pilot.pause()
        assert len(view.matches) == 1  # "sterk ingekort." on the highlighted page
        await pilot.press("slash")  # a new find
        await pilot.press(*"actieagenda", "enter")
        await pilot.pause()
        count = len(view.matches)
        assert count > 400
        first = view.current_match
        await pilot.press("n")
        assert view.current_match == (first or 0) + 1
        status = str(app.screen.query_one("#reader-status").render())
        assert f"/{count}" in status
        await pilot.press("escape")
        assert view.matches == []
        await pilot.press("n")
        assert view.focused_card is not None


async def test_clicking_a_card_jumps_to_its_passage(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        assert view.page_layout is not None
        card = view.page_layout.cards[1]  # the note on page 1, drawn in the margin
        x = view.page_layout.text_width + 6
        await pilot.click(view, offset=(x, card.top - view.top_row()))
        await pilot.pause()
        assert view.focused_card == 1
        assert view.top_row() <= card.anchor_row < view.top_row() + view.size.height


async def test_text_from_the_pdf_is_never_markup(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        rows = "\n".join(screen_rows(view))
        assert INJECTION_BOLD in rows and INJECTION_CLICK in rows
        y = row_with(view, INJECTION_CLICK) - view.region.y
        x = screen_rows(view)[y].index(INJECTION_CLICK) + 2
        await pilot.click(view, offset=(x, y))
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did nothing
        await pilot.press("colon", "3", "enter")
        await pilot.pause()
        page3 = "\n".join(screen_rows(view))
        assert "Control [31m chars" in page3  # ESC drawn as a blank, the rest literal
        assert "\x1b" not in page3
        assert "\x07" not in page3


async def test_redaction_is_a_block_labelled_with_its_ground(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        rows = "\n".join(screen_rows(view_of(app)))
        assert "aan: ████████ (DS&I)" in rows  # the blacked-out name, same width
        assert "█████ 5.1.2e" in rows  # its card names the ground


async def test_narrow_terminal_puts_cards_under_their_line(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(90, 40)) as pilot:
        await pilot.pause()
        view = view_of(app)
        await focus_card_about(pilot, view, "Welke dan?")
        assert view.page_layout is not None and view.page_layout.inline
        passage = row_with(view, HIGHLIGHT)
        assert row_with(view, "¶ Nobel, J.N.J.") == passage + 1
        assert row_with(view, "Welke dan?") > passage


async def test_ink_is_sketched_in_braille(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = view_of(app)
        layout = view.page_layout
        assert layout is not None
        ink = next(c for c in layout.cards if c.thread.root.kind == "ink")
        sketch = [line.plain for line in ink.lines[1:]]
        assert len(sketch) == 4
        assert all(len(row) == 16 for row in sketch)
        assert all("\u2800" <= ch <= "\u28ff" for row in sketch for ch in row)
        assert any(ch != "\u2800" for row in sketch for ch in row)
