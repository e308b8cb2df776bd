"""The reader's `/` find on the sample release: a phrase over a line break is found and shown."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read
from rich.style import Style
from textual.strip import Strip

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

# Breaks after "In Nederland" on page 17 (line 29) and again on page 21.
PHRASE = "nederland is een preventief uitreisverbod"


def _marked(strip: Strip, style: Style) -> str:
    """The text of the cells drawn with ``style``'s background."""
    return "".join(s.text for s in strip if s.style and s.style.bgcolor == style.bgcolor)


def _current_rows(view: PageView) -> list[tuple[str, str]]:
    """(row text, the part drawn as the current match) for every visible row that has one."""
    current = view.get_component_rich_style("page-view--match-current")
    rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
    return [(row.text, _marked(row, current)) for row in rows if _marked(row, current)]


def _status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#reader-status").render())


async def test_find_scrolls_to_and_highlights_a_phrase_over_two_rows(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *PHRASE, "enter")
        await pilot.pause()
        assert len(view.matches) == 2
        marked = _current_rows(view)
        assert [part for _, part in marked] == ["Nederland", "is een preventief uitreisverbod"]
        assert "meegenomen. In Nederland" in marked[0][0]
        assert "match 1/2" in _status(screen)
        assert view.page_layout is not None and view.page_layout.page_at(view.top_row()) in (16, 17)

        await pilot.press("n")  # enter closed the prompt; n: the next whole match, on page 21
        await pilot.pause()
        assert view.current_match == 1
        assert [part for _, part in _current_rows(view)] == [
            "Nederland",
            "is een preventief uitreisverbod",
        ]
        assert view.page_layout.page_at(view.top_row()) in (20, 21)
        assert "match 2/2" in _status(screen)

        await pilot.press("n")  # n cycles whole matches: back to the first
        await pilot.pause()
        assert view.current_match == 0
        assert "match 1/2 · wrapped" in _status(screen)
        assert len(_current_rows(view)) == 2


async def test_accent_free_find_in_the_reader(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        await pilot.press("slash", *"oekraine", "enter")
        await pilot.pause()
        assert [part for _, part in _current_rows(screen.page_view)] == ["Oekraïne"]
        assert "match 1/2" in _status(screen)
