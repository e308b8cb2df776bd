"""The reader on the bundled sample release: alignment on the real document, and snapshots."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from reader_fixture import reader_when_read, screen_rows
from textual.pilot import Pilot

from tui.app import make_app
from tui.core.document import load
from tui.core.library.library import Library
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


async def test_welke_dan_card_is_level_with_its_highlight_in_the_sample(
    library: Library, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    # Wide enough for the margin beside the nota list and the sample's 99-character lines.
    async with app.run_test(size=(180, 48)) as pilot:
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


async def test_sample_shows_first_page_then_all_pages(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        view = (await reader_when_read(pilot)).page_view
        assert view.extraction is not None
        assert len(view.extraction.pages) == view.extraction.document.pages > 10
        assert app.screen.query_one("#reader-progress").display is False


SIZES = [(160, 48), (100, 40), (80, 24)]
THEMES = ["textual-dark", "textual-light"]


def themed(theme: str, then: Callable[[Pilot[None]], Awaitable[None]] | None = None,
           ) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Snapshot setup: switch to ``theme``, then do ``then``."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        if then is not None:
            await then(pilot)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_snapshot_reader(
    library: Library, snap_compare: object, sample_pdf: Path, size: tuple[int, int], theme: str
) -> None:
    """The reader at the "Welke dan?" comment: margin (or inline) cards, the focused card,
    the highlight, the status line and footer."""
    assert snap_compare(  # type: ignore[operator]
        make_app(library, str(sample_pdf)), terminal_size=size,
        run_before=themed(theme, goto_welke_dan),
    )


@pytest.mark.parametrize("theme", THEMES)
def test_snapshot_library_80x24(
    library: Library, snap_compare: object, theme: str, sample_pdf: Path, corpus: Path
) -> None:
    """The library at 80 columns: title, file and kind first (never opened, so no dates)."""
    for path in (sample_pdf, corpus / "pdfannots" / "hotos17.pdf"):
        library.add_document(load(path), path)
    library.flush()
    assert snap_compare(  # type: ignore[operator]
        make_app(library), terminal_size=(80, 24), run_before=themed(theme),
    )
