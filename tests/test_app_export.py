"""The export dialog as a user drives it: x, the selection prefilled, a preview, ctrl+s."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import messages, reader_when_read, settle, until
from test_withheld import make_memo
from textual.widgets import Input, Select, Static

from tui.app import make_app
from tui.core.library.library import Library
from tui.dialogs.export import ExportDialog
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen


def _text(widget: Static) -> str:
    return str(widget.content)


def _preview(dialog: ExportDialog) -> str:
    return _text(dialog.query_one("#export-preview", Static))


def _status(dialog: ExportDialog) -> str:
    return _text(dialog.query_one("#export-status", Static))


async def test_x_in_the_reader_exports_the_nota_being_read(
    library: Library, tmp_path: Path, sample_pdf: Path, monkeypatch: object
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.doc
        reader.navigation.goto_nota(7)
        await pilot.pause()
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        query = dialog.query_one("#export-query", Input)
        assert query.value == f"doc:{reader.doc[:12]} nota:7"
        await until(pilot, lambda: _preview(dialog), "the preview")  # the index, then it
        preview = _preview(dialog)
        assert preview.startswith("---") and "nota:7" in preview
        dialog.query_one("#export-format", Select).value = "csv"
        path = dialog.query_one("#export-path", Input)
        await until(pilot, lambda: path.value.endswith(".csv"), "the path to end in .csv")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is reader, "the export to be written")
        written = Path(path.value)
        rows = written.read_text(encoding="utf-8").splitlines()
        assert rows[0].startswith("document,") and len(rows) > 2
        assert all(",7," in row for row in rows[1:] if row)  # nota 7's comments only
        notes = messages(app)
        assert any(str(written) in message for message in notes)


@pytest.mark.after_first_run
async def test_ctrl_e_exports_the_current_search_and_asks_before_replacing(
    library: Library, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    (tmp_path / "kantlijn-export.md").write_text("older export")
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"kind:redaction")
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-query", Input).value == "kind:redaction"
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = _text(dialog.query_one("#export-status", Static))
        assert "exists" in status and (tmp_path / "kantlijn-export.md").read_text() == (
            "older export")
        await pilot.press("ctrl+s")  # again: replace it
        await until(pilot, lambda: app.screen is not dialog, "the export to be written")
        text = (tmp_path / "kantlijn-export.md").read_text(encoding="utf-8")
        assert 'query: "kind:redaction"' in text and "**Redaction**" in text


async def test_words_revealed_in_the_reader_go_into_its_exports_which_say_so(
    library: Library, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    memo = make_memo(tmp_path / "memo.pdf")
    app = make_app(library, str(memo))
    async with app.run_test(size=(160, 48)) as pilot:
        reader = await reader_when_read(pilot)
        assert reader.page_view.page_layout is not None
        cards = reader.page_view.page_layout.cards
        reader.navigation.goto_card(next(i for i, c in enumerate(cards)
                                         if c.thread.root.id == "r2"))
        await pilot.press("r")  # show Pieterse
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await until(pilot, lambda: "ctrl+s exports" in _status(dialog), "the preview")
        assert "with the withheld words you showed" in _text(
            dialog.query_one("#export-status", Static))
        dialog.query_one("#export-query", Input).value = ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the export")
        text = (tmp_path / "kantlijn-export.md").read_text(encoding="utf-8")
        assert 'withheld_words: "included"' in text and "Withheld words are included" in text
        assert "ambtenaar Pieterse" in text and "Jansen" not in text  # only what was shown
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("r")  # hidden again: the next export withholds it too
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the dialog")
        assert not app.screen.reveal


@pytest.mark.after_first_run
async def test_the_preview_follows_the_selection_as_it_is_typed(
    library: Library, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await until(pilot, lambda: "documents" in _status(dialog), "the whole library")
        # The sample in both forms, and the sample release's letter and eight documents.
        assert _status(dialog).startswith("11 documents")
        await pilot.press(*"kind:redaction ground:")  # said at once: it does not parse
        assert _status(dialog).startswith("⚠ ground: needs a value")
        await pilot.press(*"5.1.2a")
        # Both samples and documents 1005-1007 of the sample release: the preview's front
        # matter lists them before it comes to the query.
        await until(pilot, lambda: "1005.pdf" in _preview(dialog), "the new preview")
        assert _status(dialog).startswith("5 documents · ctrl+s exports")
        await pilot.press("ctrl+u", *"tag:nergens")
        await until(pilot, lambda: "Nothing selected" in _preview(dialog), "an empty preview")
        assert "no comment" in _status(dialog)
        assert not (tmp_path / "kantlijn-export.md").exists()
