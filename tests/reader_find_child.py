"""Run in a child process by tests/test_reader_many_pages.py: show a document of many pages
in the app (headless), then find each query given with ``/`` and wait for its count; print
what the status line said after each find and the process's peak resident memory (one JSON
line).

The document is made here, page after page of the same 40 lines ("Regel 1 van de pagina die
telkens terugkomt in de boom" ...), as text: a PDF that short but that long would be cut by
the document's budget of characters, and the find is what is measured. A child of its own, so
the peak is this one app's (the test process holds other things).
"""

from __future__ import annotations

import asyncio
import json
import sys

from child_waits import Waiter, own_peak_mb

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.model import DocumentInfo, Extraction, Line, PageText
from tui.widgets.reader_status import ReaderStatus


def _document(pages: int) -> Extraction:
    lines = [Line(f"Regel {i} van de pagina die telkens terugkomt in de boom")
             for i in range(1, 41)]
    return Extraction(DocumentInfo("long.pdf", "0" * 64, pages),
                      pages=[PageText(number=n, lines=lines) for n in range(1, pages + 1)])


async def _find(pages: int, library: str, queries: list[str]) -> dict[str, object]:
    app = make_app(Library.open(library), extraction=_document(pages))
    statuses = []
    async with app.run_test(size=(160, 48)) as pilot:
        waiter = Waiter(pilot)
        screen = await waiter.reader_shown(app)
        for query in queries:
            await pilot.press("slash", *query, "enter")
            await waiter.until(lambda: screen.find.searching is None)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            statuses.append(str(screen.query_one(ReaderStatus).render()))
        app.exit()
    peak = own_peak_mb()
    return {"statuses": statuses, "peak_mb": peak}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_find(int(sys.argv[1]), sys.argv[2], sys.argv[3:]))))
