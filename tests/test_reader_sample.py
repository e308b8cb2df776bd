"""The reader on the bundled sample release: alignment on the real document, and snapshots."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read, screen_rows
from textual.pilot import Pilot

from tui.app import make_app
from tui.screens.reader import ReaderScreen

HIGHLIGHT = "Hiervoor zijn al aanwijzingen."


async def goto_welke_dan(pilot: Pilot[None]) -> None:
    """Snapshot setup: read the sample, then jump to the "Welke dan?" comment."""
    view = (await reader_when_read(pilot)).page_view
    assert view.page_layout is not None
    index = next(
        i for i, c in enumerate(view.page_layout.cards)
        if "Welke dan?" in (c.thread.root.contents or "")
    )
    view.focus_card(index)
    await pilot.pause()


async def test_welke_dan_card_is_level_with_its_highlight_in_the_sample(sample_pdf: Path) -> None:
    app = make_app(file=str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        await goto_welke_dan(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        rows = screen_rows(view)
        passage = next(y for y, r in enumerate(rows) if HIGHLIGHT in r)
        assert view.focused_card is not None and view.page_layout is not None
        header = view.page_layout.cards[view.focused_card].lines[0].plain
        assert header in rows[passage]
        assert any("Welke dan?" in r for r in rows[passage + 1 : passage + 4])
        assert screen.extraction is not None and len(screen.extraction.pages) > 1


async def test_sample_shows_first_page_then_all_pages(sample_pdf: Path) -> None:
    app = make_app(file=str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        view = (await reader_when_read(pilot)).page_view
        assert view.extraction is not None
        assert len(view.extraction.pages) == view.extraction.document.pages > 10
        assert app.screen.query_one("#reader-progress").display is False


def test_snapshot_wide(snap_compare: object, sample_pdf: Path) -> None:
    assert snap_compare(  # type: ignore[operator]
        make_app(file=str(sample_pdf)), terminal_size=(160, 48), run_before=goto_welke_dan
    )


def test_snapshot_narrow(snap_compare: object, sample_pdf: Path) -> None:
    assert snap_compare(  # type: ignore[operator]
        make_app(file=str(sample_pdf)), terminal_size=(90, 40), run_before=goto_welke_dan
    )
