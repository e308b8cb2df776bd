"""The reader on the sample release as published: document pages only, comments in place."""

from __future__ import annotations

from reader_fixture import reader_when_read, screen_rows

from tests.conftest import REPO
from tui.app import make_app
from tui.core.anchoring.threads import build_threads
from tui.core.document import load
from tui.core.library.library import Library
from tui.core.paths import PUBLISHED_SAMPLE_NAME, sample_path
from tui.screens.reader import ReaderScreen

PUBLISHED = REPO / "sample_docs" / PUBLISHED_SAMPLE_NAME
HIGHLIGHT = "Hiervoor zijn al aanwijzingen."


async def test_published_release_reads_like_the_live_one(library: Library) -> None:
    app = make_app(library, str(PUBLISHED))
    # Wide enough for the margin beside the nota list and the 99-character lines.
    async with app.run_test(size=(180, 48)) as pilot:
        screen = await reader_when_read(pilot)
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        assert view.extraction is not None and view.page_layout is not None
        # The summary pages are not shown; the document pages keep their numbers in the file.
        assert [p.number for p in view.extraction.pages][:4] == [1, 3, 5, 7]
        assert view.page_row(2) is None and view.page_row(39) is not None
        cards = view.page_layout.cards
        # The same cards as for the live sample.
        assert len(cards) == len(build_threads(load(sample_path())))
        index = next(i for i, c in enumerate(cards) if "Welke dan?" in (c.thread.root.contents
                                                                          or ""))
        view.focus_card(index)
        await pilot.pause()
        rows = screen_rows(view)
        assert not [r for r in rows if "Nummer:" in r or "Onderwerp:" in r]
        passage = next(y for y, r in enumerate(rows) if HIGHLIGHT in r)
        header = cards[index].lines[0].plain
        assert header in rows[passage]
        assert any("Welke dan?" in r for r in rows[passage + 1 : passage + 4])
