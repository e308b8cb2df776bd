"""Keys that arrive together with the key opening a text field all reach the field.

A fast typist, or a terminal delivering ``/reveal`` in one read: the keys after ``/`` are
handed out before the field takes the focus. None may be lost, nor run as the screen's own
keys ("r" reveals in the reader, "s" opens the search in the library). The keys are sent as
the terminal driver sends them, all at once, before the app handles the first.
"""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.widgets.find_bar import FindBar

SIZE = (160, 48)


async def _type_at_once(pilot: Pilot[None], app: App[None], text: str) -> None:
    driver = app._driver
    assert driver is not None
    names = {"/": "slash", " ": "space", ":": "colon"}
    for char in text:
        event = events.Key(names.get(char, char), char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


async def test_find_keys_typed_at_once_all_reach_the_prompt(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        await _type_at_once(pilot, app, "/reveal t")
        prompt = screen.query_one(FindBar)
        assert prompt.is_open and app.screen.focused is prompt
        assert prompt.value == "reveal t"
        assert not screen.session.revealed  # "r" did not reveal anything


async def test_a_path_typed_at_once_after_slash_reaches_the_path_field(library: Library
                                                                       ) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _type_at_once(pilot, app, "/sample.pdf")
        assert isinstance(app.screen, LibraryScreen)  # "s" did not open the search
        field = app.screen.focused
        assert isinstance(field, Input) and field.value == "sample.pdf"
