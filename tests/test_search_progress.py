"""The search screen while the index is being built: it says how far the build is, and asks
again as each batch comes in (the index answers from the part built so far)."""

from __future__ import annotations

from textual.widgets import Static

from tui.app import make_app
from tui.core.library.library import Library
from tui.messages import IndexProgress, IndexReady
from tui.screens.search import SearchScreen
from tui.widgets.hit_list import HitList


async def test_the_status_line_says_how_far_the_index_is_built(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()  # the first build, in the background
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and app.search is not None
        await pilot.press(*"zweden")
        await pilot.pause()
        hits = screen.query_one(HitList)
        found = hits.total
        assert found > 0
        status = screen.query_one("#search-status", Static)
        # A build under way reports after each batch it committed (the app marks it running).
        app.search.updating = True
        app.post_message(IndexProgress(4210, 10_000))
        await pilot.pause()
        assert str(status.content) == f"{found} hits · index: 4,210 of 10,000 documents"
        assert hits.total == found  # asked again: the same index, the same hits
        app.post_message(IndexReady(0))
        await pilot.pause()
        assert str(status.content) == f"{found} hits"
