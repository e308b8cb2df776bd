"""An encrypted PDF opened from the app asks for its password in a dialog: three tries."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import messages, settle
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import make_app
from tui.core.library.library import Library
from tui.dialogs.password import PasswordDialog
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

LOCKED, PASSWORD = "r4-user-password.pdf", "asdfzxcv"  # per the corpus MANIFEST


async def asked(pilot: Pilot[None]) -> PasswordDialog:
    """Wait for the reading worker; the password dialog it led to."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, PasswordDialog), pilot.app.screen
    return pilot.app.screen


async def type_password(pilot: Pilot[None], password: str) -> None:
    await pilot.press(*password, "enter")
    await settle(pilot)



@pytest.mark.after_first_run
async def test_the_password_is_asked_and_a_wrong_one_is_said_so(
    library: Library, corpus: Path, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o", *str(corpus / "bad" / LOCKED), "enter")
        dialog = await asked(pilot)
        assert isinstance(dialog.focused, Input) and dialog.focused.password  # typed hidden
        assert not dialog.query("#password-wrong")
        await type_password(pilot, "nope")
        dialog = await asked(pilot)
        wrong = str(dialog.query_one("#password-wrong").render())
        assert "Wrong password" in wrong and "2 tries left" in wrong
        await type_password(pilot, PASSWORD)
        assert isinstance(app.screen, ReaderScreen) and app.screen.complete
        assert app.screen.extraction is not None and app.screen.extraction.pages
        assert not any("--password" in m for m in messages(app))


async def test_three_wrong_passwords_and_escape_give_up(
    library: Library, corpus: Path, tmp_path: Path
) -> None:
    app = make_app(library, str(corpus / "bad" / LOCKED))
    async with app.run_test(size=(100, 40)) as pilot:
        for attempt in range(3):
            await asked(pilot)
            await type_password(pilot, f"wrong{attempt}")
        assert isinstance(app.screen, LibraryScreen)
        assert any("Wrong password 3 times" in m for m in messages(app))
        await pilot.press("o", *str(corpus / "bad" / LOCKED), "enter")
        await asked(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("is encrypted and was not opened" in m for m in messages(app))
