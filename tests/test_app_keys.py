"""Keys and focus as a new user meets them: fast typing after ctrl+u, a path that did not
open, ``q`` on the dossier and search screens, and moving between the search input and
its hits."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import messages, reader_when_read, settle, until
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import KantlijnApp, make_app
from tui.core.library.library import Library
from tui.screens.dossier import DossierScreen
from tui.screens.library import LibraryScreen
from tui.screens.search import SearchScreen
from tui.widgets.hit_list import HitList

SIZE = (160, 48)


async def typed_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Send ``keys`` to the app the way a terminal does when they come in one read: all
    posted before the first is handled (``pilot.press`` waits after each key)."""
    for key in keys:
        character = key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()


def shown_key(app: KantlijnApp, key: str) -> str | None:
    """What the footer says ``key`` does on the current screen (None: not shown)."""
    active = app.screen.active_bindings.get(key)
    return active.binding.description if active and active.binding.show else None


@pytest.mark.after_first_run
async def test_keys_typed_right_after_ctrl_u_are_kept(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        path = app.screen.query_one("#open-path", Input)
        await typed_at_once(pilot, *"abc", "ctrl+u", *"def", "backspace", *"gh", "ctrl+w",
                            *"/tmp")
        assert path.value == "/tmp"
        await typed_at_once(pilot, "ctrl+u", *"x/y", "left", "left", "Z")
        assert path.value == "xZ/y"


@pytest.mark.after_first_run
async def test_a_path_that_does_not_open_keeps_the_path_box(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        missing = str(tmp_path / "nota.pdf")
        await pilot.press("o", *missing, "enter")
        await until(pilot, lambda: any("no such file" in m for m in messages(app)),
                    "the reader to give up")
        await settle(pilot)
        library_screen = app.screen
        assert isinstance(library_screen, LibraryScreen)
        path = library_screen.query_one("#open-path", Input)
        assert path.has_focus and path.value == missing
        await pilot.press("backspace", "backspace", "backspace", *"txt")
        assert path.value == str(tmp_path / "nota.txt")


async def test_q_goes_back_from_the_dossier_as_its_footer_says(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert shown_key(app, "q") == "Back"
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is reader and app.is_running


async def search_screen(pilot: Pilot[None]) -> SearchScreen:
    """The search screen, opened from the library once the index is built."""
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


@pytest.mark.after_first_run
async def test_down_goes_to_the_hits_and_typing_there_goes_back(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_screen(pilot)
        field = screen.query_one("#search-input", Input)
        hits = screen.query_one(HitList)
        await pilot.press(*"zwed")
        await pilot.pause()
        assert hits.total > 0
        await pilot.press("down")  # no later search to bring back: on to the hits
        assert hits.has_focus
        await pilot.press("j")  # the hits' own keys still work there
        assert hits.has_focus and hits.cursor == 1
        await pilot.press("e", "n")  # typing goes back to the input, nothing lost
        assert field.has_focus and field.value == "zweden"


@pytest.mark.after_first_run
async def test_q_closes_the_search_from_the_hits_as_the_footer_says(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_screen(pilot)
        await pilot.press(*"zweden", "enter")  # enter: into the hits
        assert screen.query_one(HitList).has_focus
        assert shown_key(app, "q") == "Close"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.is_running
        await pilot.press("s")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, SearchScreen)
        await pilot.press("q")  # in the input, q is a letter
        assert again.query_one("#search-input", Input).value == "q"
        assert shown_key(app, "q") is None
