"""The user's own work in the reader on the sample release: tags, notes, own highlights, undo.

Every test uses a library file of its own and the real sample PDF; "restart" means a new app
on the same library file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import reopened
from reader_fixture import messages, reader_when_read, screen_rows, settle
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app import make_app
from tui.core.library.library import Library
from tui.dialogs.tag import split_tags
from tui.dialogs.tag_manager import TagManager
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

SIZE = (180, 48)
"""Room for the comment margin beside the nota list and the sample's 99-character lines."""
WELKE_DAN = "Welke dan?"


async def reader_of(pilot: Pilot[None]) -> ReaderScreen:
    """Wait until the document is read and in the library; the reader screen."""
    screen = await reader_when_read(pilot)
    assert screen.doc
    return screen


def card_about(view: PageView, text: str) -> int:
    """The index of the card whose comment (or quote) contains ``text``."""
    assert view.page_layout is not None
    for index, card in enumerate(view.page_layout.cards):
        root = card.thread.root
        if text in (root.contents or "") or text in (root.quote or ""):
            return index
    raise AssertionError(f"no card about {text!r}")


async def focus_card(pilot: Pilot[None], screen: ReaderScreen, text: str) -> int:
    """Focus the card about ``text`` as a click would; its index."""
    index = card_about(screen.page_view, text)
    screen.navigation.goto_card(index)
    await pilot.pause()
    return index


def card_text(view: PageView, index: int) -> list[str]:
    """The rows of one card as plain text."""
    assert view.page_layout is not None
    return [line.plain for line in view.page_layout.cards[index].lines]


async def tag_focused(pilot: Pilot[None], text: str) -> None:
    """Press t, type ``text``, enter."""
    await pilot.press("t")
    await pilot.pause()
    await pilot.press(*text, "enter")
    await pilot.pause()



async def test_tag_shows_as_chips_and_survives_restart_and_a_renamed_copy(
    sample_pdf: Path, library: Library, tmp_path: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = await focus_card(pilot, screen, WELKE_DAN)
        await tag_focused(pilot, "follow-up, Vraag")
        assert " follow-up   Vraag " in card_text(screen.page_view, index)
        drawn = "\n".join(screen_rows(screen.page_view))
        assert " follow-up   Vraag " in drawn
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(sample_pdf, copy)
    for path in (sample_pdf, copy):
        again = make_app(reopened(library), str(path))
        async with again.run_test(size=SIZE) as pilot:
            screen = await reader_of(pilot)
            index = card_about(screen.page_view, WELKE_DAN)
            assert " follow-up   Vraag " in card_text(screen.page_view, index)
    with reopened(library) as stored:
        assert dict(stored.all_tags()) == {"follow-up": 1, "Vraag": 1}


async def test_tag_completion_and_existing_spelling(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        await focus_card(pilot, screen, WELKE_DAN)
        await tag_focused(pilot, "Follow-up")
        await pilot.press("n")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"x, fol")
        await settle(pilot)  # the suggestion comes from a worker
        await pilot.press("right", "enter")  # right takes the suggestion
        await pilot.pause()
        view = screen.page_view
        assert view.focused_card is not None
        assert " x   Follow-up " in card_text(view, view.focused_card)


async def test_note_with_e_is_shown_apart_and_persists(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = await focus_card(pilot, screen, WELKE_DAN)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen.focused, TextArea)
        await pilot.press(*"Navragen bij SZI", "enter", *"[b]niet vet[/b]", "ctrl+s")
        await pilot.pause()
        rows = card_text(screen.page_view, index)
        assert "┊ Navragen bij SZI" in rows and "┊ [b]niet vet[/b]" in rows
    again = make_app(reopened(library), str(sample_pdf))
    async with again.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = card_about(screen.page_view, WELKE_DAN)
        assert "┊ Navragen bij SZI" in card_text(screen.page_view, index)
        await focus_card(pilot, screen, WELKE_DAN)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")  # cancel keeps the note
        await pilot.pause()
        assert "┊ Navragen bij SZI" in card_text(screen.page_view, index)


async def test_selection_becomes_own_highlight_that_persists_then_delete(
    sample_pdf: Path, library: Library, config_dir: Path
) -> None:
    (config_dir / "config.toml").write_text('[user]\nname = "Jansen, P."\n')
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        await pilot.press("colon", "3", "enter")  # the first line of page 3: no comment there
        await pilot.pause()
        view = screen.page_view
        await pilot.press("v")
        await pilot.pause()
        assert view.selection is not None
        await pilot.press("w", "w", "l", "l")
        await pilot.pause()
        selection = view.selection
        assert selection is not None
        start, caret = selection.start, selection.caret
        assert (start.page, start.line) == (caret.page, caret.line) and caret.col > start.col
        line = view.line_index().text(start.page, start.line)
        expected = line[start.col : caret.col + 1].strip()
        assert len(expected.split()) >= 2
        await pilot.press("h")
        await pilot.pause()
        assert view.selection is None
        with reopened(library) as stored:
            own = stored.own_annotations(screen.doc or "")
        assert [(a.kind, a.quote, a.author) for a in own] == [("highlight", expected, "Jansen, P.")]
    again = make_app(reopened(library), str(sample_pdf))
    async with again.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        view = screen.page_view
        index = card_about(view, expected)
        assert view.page_layout is not None
        card = view.page_layout.cards[index]
        assert "(yours)" in card.lines[0].plain
        assert card.top == card.anchor_row == view.page_layout.row_of(start.page, start.line)
        screen.navigation.goto_card(index)
        await pilot.pause()
        rows = screen_rows(view)
        assert any(expected in r and card.lines[0].plain in r for r in rows)
        await pilot.press("d")
        await pilot.pause()
        assert not any(c.lines and "(yours)" in c.lines[0].plain for c in view.page_layout.cards)
        assert any("Deleted your highlight" in m for m in messages(again))
    with reopened(library) as stored:
        assert stored.own_annotations(screen.doc or "") == []


async def test_comment_on_a_selection_and_pdf_comments_cannot_be_deleted(
    sample_pdf: Path, library: Library
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        await focus_card(pilot, screen, WELKE_DAN)
        await pilot.press("d")
        await pilot.pause()
        assert any("cannot be deleted" in m for m in messages(app))
        await pilot.press("v", "dollar_sign", "c")
        await pilot.pause()
        await pilot.press(*"Eigen vraag", "ctrl+s")
        await pilot.pause()
        view = screen.page_view
        assert view.focused_card is not None
        rows = card_text(view, view.focused_card)
        assert "(yours)" in rows[0] and "Eigen vraag" in rows
        await pilot.press("v", "escape")
        await pilot.pause()
        assert view.selection is None and isinstance(app.screen, ReaderScreen)


async def test_undo_takes_back_a_tag(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = await focus_card(pilot, screen, WELKE_DAN)
        await tag_focused(pilot, "later")
        assert " later " in card_text(screen.page_view, index)
        await pilot.press("u")
        await pilot.pause()
        assert " later " not in card_text(screen.page_view, index)
        assert any(m.startswith("Undone: tag") for m in messages(app))
    with reopened(library) as stored:
        assert stored.all_tags() == []


def test_commas_separate_tags_and_spaces_belong_to_a_tag() -> None:
    assert split_tags("needs check") == ["needs check"]
    assert split_tags(" needs   check , SZW,, szw ,") == ["needs check", "SZW"]
    assert split_tags(" , ") == []


async def test_a_tag_with_spaces(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = await focus_card(pilot, screen, WELKE_DAN)
        await pilot.press("t")
        await pilot.pause()
        placeholder = app.screen.query_one("#tag-input", Input).placeholder
        assert "separated by commas" in placeholder and "spaces stay" in placeholder
        await pilot.press(*"needs check", "enter")
        await pilot.pause()
        assert " needs check " in card_text(screen.page_view, index)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"nee")
        await settle(pilot)  # the suggestion comes from a worker
        await pilot.press("right", *", SZW", "enter")  # completes "needs check", then one more
        await pilot.pause()
    with reopened(library) as stored:
        assert dict(stored.all_tags()) == {"needs check": 1, "SZW": 1}


async def test_untag_with_capital_t(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        index = await focus_card(pilot, screen, WELKE_DAN)
        await tag_focused(pilot, "een, twee")
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second tag
        await pilot.pause()
        rows = card_text(screen.page_view, index)
        assert " een " in rows and not any("twee" in r for r in rows)


async def test_tag_manager_renames_and_merges_library_wide(
    sample_pdf: Path, library: Library, tmp_path: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_of(pilot)
        await focus_card(pilot, screen, WELKE_DAN)
        await tag_focused(pilot, "vraag")
        await pilot.press("n")
        await tag_focused(pilot, "vragen")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tags: rename")
        await settle(pilot)  # the palette gathers its commands in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagManager)
        await pilot.press("down", "enter")  # "vragen" (both count 1: sorted by name)
        await pilot.pause()
        await pilot.press(*"vraag", "enter")  # the old name is selected: typing replaces it
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = screen.page_view
        assert view.page_layout is not None
        tagged = [c for c in view.page_layout.cards if any(" vraag " in r.plain for r in c.lines)]
        assert len(tagged) == 2
        assert any(m.startswith("Merged tag vragen into vraag") for m in messages(app))
    with reopened(library) as stored:
        assert stored.all_tags() == [("vraag", 2)]


async def test_help_lists_the_new_keys(sample_pdf: Path, library: Library) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        await reader_of(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row.label: row.keys for row in app.screen.rows}
        for description, keys in [
            ("Tag", "t"), ("Untag", "T"), ("Note", "e"), ("Select text", "v"),
            ("Delete mine", "d"), ("Undo", "u"), ("Highlight it (after v)", "h"),
            ("Comment on it (after v)", "c"),
        ]:
            assert rows.get(description) == keys, description
