"""The user's own annotations (issue 13, item 8): e edits an own comment's text, the
reviewer's comments keep their numbers, messages speak the user's words, ctrl+r redoes."""

from __future__ import annotations

from pathlib import Path

from helpers import reopened
from reader_fixture import messages, reader_when_read
from textual.pilot import Pilot
from textual.widgets import TextArea

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.model import OWN_ID_PREFIX
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

SIZE = (160, 48)




def labels(view: PageView) -> dict[str, str]:
    """Comment id -> the label its card shows."""
    assert view.page_layout is not None
    return {c.thread.root.id: c.label for c in view.page_layout.cards}


async def own_comment(pilot: Pilot[None], screen: ReaderScreen, text: str) -> None:
    """On page 3 (no comments there), select the first line and comment on it."""
    await pilot.press("colon", *"3", "enter")
    await pilot.pause()
    await pilot.press("v", "dollar_sign", "c")
    await pilot.pause()
    await pilot.press(*text, "ctrl+s")
    await pilot.pause()


async def test_adding_your_own_keeps_the_reviewers_numbers(
    sample_pdf: Path, library: Library
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        before = labels(screen.page_view)
        await pilot.press("colon", *"3", "enter")
        await pilot.pause()
        await pilot.press("v", "w", "w", "h")  # your highlight, before most comments
        await pilot.pause()
        after = labels(screen.page_view)
        assert {k: v for k, v in after.items() if not k.startswith(OWN_ID_PREFIX)} == before
        own = [v for k, v in after.items() if k.startswith(OWN_ID_PREFIX)]
        assert own == ["✱"]
        status = str(screen.query_one("#reader-status").render())
        assert "your highlight" in status


async def test_e_edits_the_text_of_your_own_comment(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        await own_comment(pilot, screen, "Eerste vraag")
        view = screen.page_view
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == "Eerste vraag"  # the comment's own text, not a note on it
        area.text = "Betere vraag"
        await pilot.press("ctrl+s")
        await pilot.pause()
        thread = view.focused_thread()
        assert thread is not None and thread.root.contents == "Betere vraag"
        assert view.page_layout is not None and view.focused_card is not None
        rows = [line.plain for line in view.page_layout.cards[view.focused_card].lines]
        assert "Betere vraag" in rows and not any("┊" in r for r in rows)  # no note added
    with reopened(library) as stored:
        [own] = stored.own_annotations(screen.doc or "")
        assert own.contents == "Betere vraag"


async def test_delete_undo_and_redo_say_what_in_the_users_words(
    sample_pdf: Path, library: Library
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        await own_comment(pilot, screen, "Weg ermee")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        told = messages(app)
        assert "Deleted your comment on p. 3 (u undoes)" in told
        assert "Undone: delete your comment on p. 3 (^r redoes)" in told
        assert "Redone: delete your comment on p. 3" in told
        assert not any(OWN_ID_PREFIX in m or "sample-p" in m for m in told)  # never an id
    with reopened(library) as stored:
        assert stored.own_annotations(screen.doc or "") == []
