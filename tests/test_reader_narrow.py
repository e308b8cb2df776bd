"""Narrow terminals (issue 13, item 4): text wraps evenly, card headers never cut a time in
half, the footer keeps ? Help, the library table shows what tells documents apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reader_fixture import reader_when_read
from textual.widgets import DataTable, Footer

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.widgets.page_layout import TextRow, line_width

HEADER_END = re.compile(r"(· \d{4}-\d\d-\d\d( \d\d:\d\d)?|[^\d:·])$")
"""A card header ends with a whole date (and time), or with no date at all."""


@pytest.mark.parametrize("size", [(100, 40), (80, 24), (160, 48)])
async def test_the_lines_of_the_page_are_not_broken_in_two(
    library: Library, sample_pdf: Path, size: tuple[int, int]
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=size) as pilot:
        view = (await reader_when_read(pilot)).page_view
        layout = view.page_layout
        assert layout is not None and view.extraction is not None
        needed = line_width(view.extraction)
        assert layout.text_width >= needed  # the margin only where the text still fits
        broken = [
            row for row in layout.rows
            if isinstance(row, TextRow) and row.start > 0
            and len(view.display_text(row.page, row.line).rstrip()) <= needed
        ]
        assert broken == []
        assert layout.inline == (size[0] < 120)


@pytest.mark.parametrize("size", [(100, 40), (80, 24)])
async def test_card_headers_drop_the_time_before_cutting(
    library: Library, sample_pdf: Path, size: tuple[int, int]
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=size) as pilot:
        view = (await reader_when_read(pilot)).page_view
        layout = view.page_layout
        assert layout is not None
        headers = [card.lines[0].plain.rstrip() for card in layout.cards if card.lines]
        assert headers and all(HEADER_END.search(h) for h in headers), headers


async def test_the_footer_keeps_help_at_80_columns(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_when_read(pilot)
        keys = list(screen.query_one(Footer).children)
        [help_key] = [key for key in keys if "Help" in str(key.render())]
        assert help_key.region.width > 0 and help_key.region.right <= 80
        assert "?" in str(help_key.render())


async def test_the_library_table_at_80_columns_shows_file_and_kind(
    library: Library, tmp_path: Path, sample_pdf: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o", *str(sample_pdf), "enter")
        await reader_when_read(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        header, first = table.render_line(0).text, table.render_line(1).text
        assert "Title" in header and "File" in header and "Kind" in header
        assert sample_pdf.name[:10] in first and "PDF" in first


async def test_a_terminal_made_narrow_hides_the_nota_list_and_rewraps(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        notas = screen.query_one("#notas")
        assert notas.display
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        layout = screen.page_view.page_layout
        assert not notas.display and layout is not None and layout.inline
        assert layout.text_width >= line_width(screen.extraction)  # type: ignore[arg-type]
        await pilot.press("o")  # the user's choice still counts
        assert notas.display
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert notas.display
