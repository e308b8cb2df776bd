"""The library screen (issue 13, item 9): reader keys move the list, the list has the keys
after the reader, never-opened documents say so, delete asks, Tab completes paths."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import reopened
from reader_fixture import messages, reader_when_read
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tui.app import make_app
from tui.core.document import load
from tui.core.library.library import Library
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.library import LibraryScreen

SIZE = (120, 30)


def two_documents(library: Library, tmp_path: Path, sample_pdf: Path, corpus: Path) -> Path:
    """Put the sample (tagged) and a corpus paper in ``library``; the paper's copy."""
    paper = tmp_path / "hotos17.pdf"
    shutil.copy(corpus / "pdfannots" / "hotos17.pdf", paper)
    sample = library.add_document(load(sample_pdf), sample_pdf)
    library.add_document(load(paper), paper)
    first = library.cached_extraction(sample.sha256)
    assert first is not None
    library.tag(sample.sha256, first.annotations[0].id, "bewaren")
    library.flush()
    return paper


def column(screen: LibraryScreen, name: str) -> list[str]:
    table = screen.query_one(DataTable)
    index = [str(c.label) for c in table.columns.values()].index(name)
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def library_screen(pilot: Pilot[None]) -> LibraryScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_keys_move_the_list_and_it_has_them_again_after_the_reader(
    library: Library, tmp_path: Path, sample_pdf: Path, corpus: Path
) -> None:
    two_documents(library, tmp_path, sample_pdf, corpus)
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library_screen(pilot)
        table = screen.query_one(DataTable)
        assert column(screen, "Last opened") == ["never", "never"]
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("enter")
        await reader_when_read(pilot)
        await pilot.press("l")
        screen = await library_screen(pilot)
        assert screen.focused is screen.query_one(DataTable)
        opened = column(screen, "Last opened")
        assert opened[0] != "never" and opened[1] == "never"  # the one just read comes first
        await pilot.press("j")
        assert screen.query_one(DataTable).cursor_row == 1


async def test_delete_asks_then_removes_the_document_but_not_the_file(
    library: Library, tmp_path: Path, sample_pdf: Path, corpus: Path
) -> None:
    paper = two_documents(library, tmp_path, sample_pdf, corpus)
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library_screen(pilot)
        titles = column(screen, "File")
        row = titles.index(sample_pdf.name)
        screen.query_one(DataTable).move_cursor(row=row)
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Your 1 tag on it go with it" in dialog.text and str(sample_pdf) in dialog.text
        await pilot.press("n")  # kept
        screen = await library_screen(pilot)
        assert len(column(screen, "File")) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        screen = await library_screen(pilot)
        assert column(screen, "File") == [paper.name]
    assert sample_pdf.is_file()
    with reopened(library) as stored:
        assert [d.path for d in stored.documents()] == [str(paper.resolve())]
        assert stored.all_tags() == []


async def test_tab_completes_the_path_to_open(
    library: Library, tmp_path: Path, sample_pdf: Path
) -> None:
    folder = tmp_path / "stukken"
    folder.mkdir()
    shutil.copy(sample_pdf, folder / "nota-een.pdf")
    (folder / "notities.txt").write_text("geen samenvatting")
    (folder / "plaatje.png").write_bytes(b"")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await library_screen(pilot)
        await pilot.press("o", *str(tmp_path / "stu"), "tab")
        field = app.screen.query_one("#open-path", Input)
        assert field.value == str(folder) + "/"
        await pilot.press("n", "o", "tab")  # nota-een.pdf and notities.txt: the shared start
        assert field.value == str(folder / "not")
        assert any("nota-een.pdf" in n and "notities.txt" in n
                   for n in messages(app))
        await pilot.press("a", "tab")
        assert field.value == str(folder / "nota-een.pdf")
        await pilot.press("enter")
        await reader_when_read(pilot)
