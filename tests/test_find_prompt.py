"""The find prompt as less and vim have it (issue 13, item 2): enter closes it and keeps the
find, n/N cycle and say when they wrap, escape in the prompt cancels, escape after ends it."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read
from textual.widgets import Input

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.reader import ReaderScreen
from tui.widgets.find_bar import FindBar
from tui.widgets.page_view import PageView

SIZE = (160, 48)


def status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#reader-status").render())


def marked_rows(view: PageView) -> int:
    """How many visible rows show a find match."""
    match = view.get_component_rich_style("page-view--match").bgcolor
    current = view.get_component_rich_style("page-view--match-current").bgcolor
    rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
    return sum(
        1 for row in rows
        if any(s.style and s.style.bgcolor in (match, current) for s in row)
    )


async def test_enter_closes_the_prompt_and_n_N_cycle_with_wrapped(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *"oekraine", "enter")
        await pilot.pause()
        assert not screen.query_one(FindBar).is_open and app.screen.focused is view
        assert len(view.matches) == 2 and "match 1/2" in status(screen)
        await pilot.press("n")
        assert "match 2/2" in status(screen) and "wrapped" not in status(screen)
        await pilot.press("n")
        assert "match 1/2 · wrapped" in status(screen)
        await pilot.press("N")
        assert "match 2/2 · wrapped" in status(screen)
        await pilot.press("N")
        assert "match 1/2" in status(screen) and "wrapped" not in status(screen)
        await pilot.press("j", "j")  # the matches stay highlighted while reading on
        assert view.matches and marked_rows(view) >= 1
        await pilot.press("escape")  # ends the find
        assert view.matches == [] and "match" not in status(screen)
        await pilot.press("n")  # n is the next comment again
        assert view.current_match is None and view.focused_card is not None


async def test_escape_in_the_prompt_cancels_and_a_second_slash_starts_afresh(
    library: Library, sample_pdf: Path,
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *"Zweden", "enter")
        await pilot.pause()
        found = len(view.matches)
        assert found >= 1
        await pilot.press("slash")
        prompt = screen.query_one(FindBar)
        assert prompt.is_open and isinstance(app.screen.focused, Input)
        assert prompt.value == "" and "Zweden" in prompt.placeholder  # a new find
        await pilot.press(*"integratie", "escape")  # cancelled: the old find stays
        await pilot.pause()
        assert not prompt.is_open and len(view.matches) == found
        assert "/Zweden" in status(screen)
        await pilot.press("slash", "enter")  # enter on nothing: the last find again
        await pilot.pause()
        assert len(view.matches) == found and not prompt.is_open
        await pilot.press("slash", *"integratie", "enter")
        await pilot.pause()
        assert len(view.matches) > found and "/integratie" in status(screen)
