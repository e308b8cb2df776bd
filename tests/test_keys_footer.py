"""The line of keys: held back until a screen has painted what it is for (page 1 first),
then there on every screen the user sees."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.widgets.keys_footer import KeysFooter

SIZE = (160, 48)


def _keys(screen: Screen[object]) -> str:
    return " ".join(str(key.render()) for key in screen.query_one(KeysFooter).children)


async def _until_keys(pilot: Pilot[None], screen: Screen[object]) -> str:
    for _ in range(50):  # a few refreshes: the keys come once the screen is painted
        if screen.query_one(KeysFooter).children:
            break
        await pilot.pause()
    return _keys(screen)


async def test_the_reader_shows_its_keys_once_page_1_is_painted_and_the_library_its_own(
        library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        keys = await _until_keys(pilot, reader)
        assert "Next comment" in keys and "Find" in keys and "Library" in keys
        # Opened on a document, the app makes no library screen until it is asked for.
        assert not any(isinstance(s, LibraryScreen) for s in app.screen_stack)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        keys = await _until_keys(pilot, app.screen)
        assert "Open file" in keys and "Search" in keys and "Next comment" not in keys


async def test_the_library_shown_first_has_its_keys(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "Open file" in await _until_keys(pilot, app.screen)
