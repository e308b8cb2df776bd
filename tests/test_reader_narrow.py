"""Narrow terminals (issue 13, item 4): text wraps evenly, card headers never cut a time in
half, the footer keeps ? Help, the library table shows what tells documents apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_fixtures import Note, make_pdf
from reader_fixture import reader_when_read
from textual.widgets import DataTable, Footer

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.model import Line
from tui.reading.layout import TextRow, line_width
from tui.screens.library import LibraryScreen
from tui.widgets.page_view import PageView
from tui.widgets.row_painter import GUTTER

HEADER_END = re.compile(r"(· \d{4}-\d\d-\d\d( \d\d:\d\d)?|[^\d:·])$")
"""A card header ends with a whole date (and time), or with no date at all."""


def _continued(view: PageView) -> list[tuple[int, int]]:
    """The (page, line) of every line the text column breaks in two or more rows."""
    layout = view.page_layout
    assert layout is not None
    return sorted({(row.page, row.line) for row in layout.rows
                   if isinstance(row, TextRow) and row.start > 0})


def _body(view: PageView) -> list[Line]:
    """The document's lines in body print (a footnote's smaller lines aside)."""
    assert view.extraction is not None
    lines = [line for page in view.extraction.pages for line in page.lines]
    heights = sorted(r[3] - r[1] for line in lines if (r := line.rect) is not None)
    usual = heights[len(heights) // 2]
    return [line for line in lines if (r := line.rect) is None or r[3] - r[1] >= usual * 0.85]


def _longest(view: PageView) -> int:
    """The longest line in body print (a paragraph's over 100 characters aside)."""
    return max(n for n in (len(line.text.rstrip()) for line in _body(view)) if n <= 100)


@pytest.mark.parametrize("size", [(100, 40), (80, 24), (160, 48)])
async def test_the_lines_of_the_page_are_not_broken_in_two(
    library: Library, sample_pdf: Path, size: tuple[int, int]
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=size) as pilot:
        view = (await reader_when_read(pilot)).page_view
        layout = view.page_layout
        assert layout is not None and view.extraction is not None
        room = view.scrollable_content_region.width - GUTTER
        longest = _longest(view)
        assert layout.text_width >= min(longest, room)  # as wide as the lines, room allowing
        assert layout.inline or layout.text_width >= longest  # the margin only beside them
        broken = [
            (page, line) for page, line in _continued(view)
            if len(view.display_text(page, line).rstrip()) <= layout.text_width
        ]
        assert broken == []
        if size == (160, 48):  # the sample's footnotes wrap; its body keeps the margin
            assert not layout.inline


SHORT = "Ter voorbereiding ontvangt u een eerste versie van de outline van de"
BIJNA = "Het kabinet wil dat nieuwkomers snel meedoen in de samenleving, en dat lukt nu bijna"
"""84 characters, as the line of a memo that left "bijna" alone on a row at 160 columns."""
FOOTNOTE = ("aan herkomst gerelateerde verklaringen te zijn, maar kan ook het gevolg zijn van "
            "etnisch profileren")
"""99 characters, as long as the sample's longest footnote, here in body print."""


def _memo(tmp_path: Path, long_line: str) -> Path:
    """A memo of short lines with one long line among them, and a comment beside it."""
    lines = [f"{SHORT} ({i})" for i in range(40)]
    lines[12] = long_line
    return make_pdf(tmp_path / "memo.pdf", [lines, lines],
                    [Note(beside=" ".join(long_line.split()[:2]), text="Graag toelichten.")])


@pytest.mark.parametrize(("size", "long_line", "margin"), [
    ((160, 48), BIJNA, True), ((100, 40), BIJNA, False), ((160, 48), FOOTNOTE, False),
], ids=["160-84", "100-84", "160-99"])
async def test_a_long_line_stays_whole_the_margin_narrows_or_goes_inline(
    tmp_path: Path, library: Library, size: tuple[int, int], long_line: str, margin: bool
) -> None:
    app = make_app(library, str(_memo(tmp_path, long_line)))
    async with app.run_test(size=size) as pilot:
        view = (await reader_when_read(pilot)).page_view
        layout = view.page_layout
        assert layout is not None and layout.cards
        assert layout.inline != margin
        assert _continued(view) == []  # not one line broken in two
        rows = [row.text for row in (view.render_line(y) for y in range(size[1] - 6))]
        assert any(long_line in row for row in rows)  # "bijna" on the row of its line


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


@pytest.mark.after_first_run
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
        room = screen.page_view.scrollable_content_region.width - GUTTER
        assert layout.text_width >= min(line_width(screen.extraction), room)  # type: ignore[arg-type]
        await pilot.press("o")  # the user's choice still counts
        assert notas.display
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert notas.display
