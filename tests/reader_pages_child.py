"""Run in a child process by tests/test_reader_many_pages.py: open a PDF in the app (headless),
wait until the whole document is shown and the search index has it, go to a page, then print
what the status line says and the process's peak resident memory (one JSON line).

A child of its own, so the peak is this one app's (the test process holds other things).
"""

from __future__ import annotations

import asyncio
import json
import sys

from child_waits import Waiter, own_peak_mb

from tui.app import make_app
from tui.core.library.library import Library
from tui.widgets.reader_status import ReaderStatus


async def _open(path: str, library: str, page: int) -> dict[str, object]:
    app = make_app(Library.open(library), path)
    async with app.run_test(size=(160, 48)) as pilot:
        waiter = Waiter(pilot)
        screen = await waiter.reader_shown(app)
        await waiter.until(lambda: app.search is not None and app.search.is_current
                    and not app.search.updating)
        screen.navigation.goto_page(page)
        await pilot.pause()
        status = str(screen.query_one(ReaderStatus).render())
        top = [screen.page_view.render_line(y).text.rstrip() for y in range(3)]
        app.exit()
    peak = own_peak_mb()
    return {"status": status, "top": top, "peak_mb": peak}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_open(sys.argv[1], sys.argv[2], int(sys.argv[3])))))
