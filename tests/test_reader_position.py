"""Where am I (issue 13, item 3): the nota list marks the nota being read, the status line
says nota, page and comment i/N, and the library, nota list and reader count comments alike."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import reopened
from reader_fixture import reader_when_read
from textual.widgets import DataTable

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.nota_list import NotaList

SIZE = (160, 48)


def status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#reader-status").render())


def marked_nota(screen: ReaderScreen) -> int:
    """The index (1-based) of the nota the nota list marks."""
    notas = screen.query_one(NotaList)
    assert notas.highlighted is not None and screen.extraction is not None
    return screen.extraction.notas[notas.highlighted].index


async def test_the_nota_list_follows_the_view_and_tab_starts_there(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        assert marked_nota(screen) == 1
        await pilot.press("colon", *"9", "enter")
        await pilot.pause()
        assert marked_nota(screen) == 3  # pages 7-9
        for _ in range(4):
            await pilot.press("space")
        await pilot.pause()
        page = screen.page_view.where_reading()
        assert screen.extraction is not None
        holds = [n.index for n in screen.extraction.notas if n.first_page <= page <= n.last_page]
        assert marked_nota(screen) == holds[-1]
        await pilot.press("slash", *"Zweden", "enter")
        await pilot.pause()
        page = screen.page_view.where_reading()
        holds = [n.index for n in screen.extraction.notas if n.first_page <= page <= n.last_page]
        assert marked_nota(screen) == holds[-1]
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, NotaList)
        assert marked_nota(screen) == holds[-1]  # Tab into the list starts at that nota
        await pilot.press("down", "enter")
        await pilot.pause()
        nota = screen.extraction.notas[holds[-1]]  # the one after it
        assert screen.page_view.where_reading() == nota.first_page
        assert marked_nota(screen) == nota.index


async def test_status_says_nota_page_and_comment_and_G_shows_the_last_page(
    library: Library, sample_pdf: Path,
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        assert screen.extraction is not None
        pages = screen.extraction.document.pages
        text = status(screen)
        assert text.startswith(f"p. 1/{pages}")
        assert re.search(r"comment 1/\d+", text)
        assert "nota 1/8: Voorbereiding overleg Actieagenda Integratie" in text
        await pilot.press("G")
        await pilot.pause()
        text = status(screen)
        assert text.startswith(f"p. {pages}/{pages}")
        assert "nota 8/8" in text


async def test_library_nota_list_and_reader_count_the_same_comments(
    library: Library, tmp_path: Path, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        found = re.search(r"comment \d+/(\d+)", status(screen))
        assert found is not None
        in_reader = int(found.group(1))
        labels = [str(o.prompt) for o in screen.query_one(NotaList).options]
        per_nota = [int(m.group(1)) for m in
                    (re.search(r"(\d+) comments?", label) for label in labels) if m]
        assert len(per_nota) == 8 and sum(per_nota) == in_reader
        await pilot.press("l")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, LibraryScreen)
        row = listing.query_one(DataTable).get_row_at(0)
        column = list(listing.query_one(DataTable).columns.values())
        comments = next(i for i, c in enumerate(column) if str(c.label) == "Comments")
        assert int(str(row[comments])) == in_reader


async def test_a_restored_position_marks_its_nota(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        await reader_when_read(pilot)
        await pilot.press("colon", *"15", "enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    again = make_app(reopened(library), str(sample_pdf))
    async with again.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        assert screen.page_view.where_reading() == 15
        assert marked_nota(screen) == 6  # pages 14-17
        assert "nota 6/8" in status(screen)
