"""The app around the reader: help from live bindings, keymap, palette, library, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import messages, sample_extraction, settle, until
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import DataTable

from tui.app import make_app
from tui.core.errors import KantlijnError
from tui.core.library.library import Library
from tui.core.settings import load_keymap
from tui.launch import run_app
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen


def help_text(screen: HelpScreen) -> str:
    """The help table as plain text lines ``keys  description``."""
    return "\n".join(f"{row.keys}  {row.label}" for row in screen.rows)


async def test_help_lists_the_live_bindings(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app.screen)
        assert "n  Next comment" in text
        assert "]  Next nota" in text
        assert "/  Find" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_keymap_file_remaps_keys_and_help_follows(library: Library, config_dir: Path) -> None:
    (config_dir / "keymap.toml").write_text('[keymap]\nnext_comment = "x,ctrl+down"\n')
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.page_view
        assert view.focused_card == 0  # the first card on screen
        await pilot.press("n")
        assert view.focused_card == 0  # n no longer moves
        await pilot.press("x")
        assert view.focused_card == 1
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        lines = help_text(app.screen).splitlines()
        assert any(line.startswith("x") and line.endswith("Next comment") for line in lines)
        assert not any(line.startswith("n ") for line in lines)


def test_broken_keymap_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text("[keymap\nnext_comment = ")
    keymap, warnings = load_keymap(path)
    assert keymap == {} and len(warnings) == 1 and "keymap.toml" in warnings[0]
    path.write_text('[keymap]\nfind = ["ctrl+f", "slash"]\nquit = 3\n')
    keymap, warnings = load_keymap(path)
    assert keymap == {"find": "ctrl+f,slash"}
    assert "keymap.quit" in warnings[0]


async def test_palette_offers_reader_commands(library: Library) -> None:
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Reactie op")
        await settle(pilot)  # the palette gathers its commands in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        layout = reader.page_view.page_layout
        assert layout is not None
        assert reader.page_view.top_row() == layout.page_rows[7]  # nota 2 "Reactie op de outline"


@pytest.mark.after_first_run
async def test_library_lists_documents_and_reports_bad_paths(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        titles = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert all(isinstance(t, Text) for t in titles)
        await pilot.press("o", *"/no/such/file.pdf", "enter")
        await until(pilot, lambda: any("no such file" in m for m in messages(app)),
                    "the reader to give up")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # the failed reader closed again


def test_cli_bad_file_is_one_clean_error(tmp_path: Path) -> None:
    with pytest.raises(KantlijnError, match="no such file"):
        run_app(file=str(tmp_path / "missing.pdf"))


async def test_remapping_a_reading_key_leaves_the_selection_its_key(
    library: Library, config_dir: Path
) -> None:
    (config_dir / "keymap.toml").write_text('[keymap]\nscroll_down = "x"\nlibrary = "L"\n')
    app = make_app(library, extraction=sample_extraction())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        view = reader.page_view
        await pilot.press("x")
        assert view.scroll_y == 1  # the new key scrolls
        await pilot.press("j")
        assert view.scroll_y == 1  # the old one no longer does
        await pilot.press("v")
        assert view.selection is not None
        start = view.selection.caret
        await pilot.press("j", "l")  # still the selection's: a line down, a character right
        caret = view.selection.caret
        assert (caret.page, caret.line) > (start.page, start.line) and caret.col > 0
        assert isinstance(app.screen, ReaderScreen)  # l did not leave for the library
        await pilot.press("escape")
        assert view.selection is None
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
