"""The reader's `/` in a long document (issue 26): the find runs in a worker thread, so the
keys keep working while it searches; a newer query stops an older one; the matches are kept
compactly and bounded, the count says when there were more than were kept.

The document is a real PDF whose page tree lists one page 300 times (12,000 lines, past the
5,000 a find does at once). To press keys "while the find runs" without depending on how
fast the machine is, the tests hold the find at its start (a gate around the real finder)
until they have pressed them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from amplified_pdf import write_amplified
from reader_fixture import messages, reader_when_read, settle, until

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.model import Span
from tui.core.search import find as core_find
from tui.core.search.find import SearchIndex
from tui.reading.find_order import FindOrder
from tui.screens.reader import ReaderScreen
from tui.services.finder import DocumentFinder

SIZE = (160, 48)
PAGES = 300
"""Each page has lines "Regel 1 …" to "Regel 40 …": "regel 1" is on 11 lines of each
(1, 10-19), "regel 40" on one."""


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_amplified(tmp_path_factory.mktemp("long") / "long.pdf", PAGES)


class Gate:
    """Holds the finder's first ``held`` finds at their start until :meth:`open`."""

    def __init__(self, held: int) -> None:
        self.held = held
        self.waiting = threading.Semaphore(0)
        self._open = threading.Event()

    def wrap(self, find: Callable[..., Any]) -> Callable[..., Any]:
        def gated(*args: Any, **kwargs: Any) -> Any:
            if self.held > 0:
                self.held -= 1
                self.waiting.release()
                self._open.wait(timeout=120)
            return find(*args, **kwargs)
        return gated

    def open(self) -> None:
        self._open.set()

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.open()  # a failed test too: the app waits for its worker threads to end

    async def __aenter__(self) -> Gate:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.open()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(held=1)
    monkeypatch.setattr(DocumentFinder, "find", held.wrap(DocumentFinder.find))
    with held:
        yield held


def status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#reader-status").render())


async def test_keys_work_while_a_long_find_runs(
    library: Library, long_pdf: Path, gate: Gate
) -> None:
    app = make_app(library, str(long_pdf))
    async with app.run_test(size=SIZE) as pilot, gate:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *"regel 1", "enter")
        await until(pilot, lambda: gate.waiting.acquire(blocking=False), "the find to start")
        assert "/regel 1: searching… 0% · esc ends" in status(screen)
        focused = view.focused_card
        await pilot.press("n")  # no match yet: n waits (it does not go to a comment)
        assert view.focused_card == focused and "searching" in status(screen)
        await pilot.press("colon", *"150", "enter")  # the find is held: still searching
        await pilot.pause()
        assert status(screen).startswith("p. 150/300") and "searching" in status(screen)
        gate.open()
        await settle(pilot)
        assert "/regel 1: match " in status(screen) and "/3,300 · n/N next" in status(screen)
        current = view.current_match
        assert current is not None and view.matches[current].page == 150  # from where it is
        assert view.matches[current].spans == (Span(150, 0, 0, 7),)
        await pilot.press("N")  # back over the page break, to the last "Regel 19" of p. 149
        assert view.matches[view.current_match or 0].spans == (Span(149, 18, 0, 7),)


async def test_a_newer_query_stops_the_older_one(
    library: Library, long_pdf: Path, gate: Gate
) -> None:
    app = make_app(library, str(long_pdf))
    async with app.run_test(size=SIZE) as pilot, gate:
        screen = await reader_when_read(pilot)
        await pilot.press("slash", *"regel 1", "enter")
        await until(pilot, lambda: gate.waiting.acquire(blocking=False), "the find to start")
        await pilot.press("slash", *"regel 40", "enter")  # the first is still held
        await settle(pilot)
        assert "/regel 40: match 1/300 ·" in status(screen)
        gate.open()  # the first goes on, sees it was stopped, and shows nothing
        await settle(pilot)
        assert "/regel 40: match 1/300 ·" in status(screen)
        assert len(screen.page_view.matches) == 300
        assert not messages(app, severity="warning")


async def test_escape_stops_a_long_find(library: Library, long_pdf: Path, gate: Gate) -> None:
    app = make_app(library, str(long_pdf))
    async with app.run_test(size=SIZE) as pilot, gate:
        screen = await reader_when_read(pilot)
        await pilot.press("slash", *"regel 1", "enter")
        await until(pilot, lambda: gate.waiting.acquire(blocking=False), "the find to start")
        await pilot.press("escape")
        assert "regel" not in status(screen)
        gate.open()
        await settle(pilot)
        assert "regel" not in status(screen) and not screen.page_view.matches


async def test_past_the_kept_matches_the_count_says_more(
    library: Library, long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core_find, "MAX_KEPT", 1000)  # 3,300 found: the first 1,000 kept
    app = make_app(library, str(long_pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *"regel 1", "enter")
        await settle(pilot)
        assert "/regel 1: match 1/1,000+ ·" in status(screen)
        assert messages(app)[-1] == "3,300 matches: n/N go through the first 1,000."
        await pilot.press("N")  # wraps to the last match kept: the 1,000th, on page 91
        assert "match 1,000/1,000+ · wrapped" in status(screen)
        assert view.matches[view.current_match or 0].page == 91


def test_a_scan_keeps_places_counts_all_and_can_be_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = SearchIndex((n, ["een twee", "drie een"]) for n in range(1, 1001))
    told: list[tuple[int, int]] = []
    found = index.scan("een", lambda done, total: told.append((done, total)))
    assert found is not None and len(found) == found.total == 2000 and not found.capped
    assert found[1999].spans == (Span(1000, 1, 5, 8),)
    assert list(found.numbers_on_page(7)) == [12, 13]
    assert told[-1][0] == told[-1][1]  # it said it was done
    assert index.scan("een", cancelled=lambda: True) is None
    monkeypatch.setattr(core_find, "MAX_KEPT", 5)
    capped = index.scan("een")
    assert capped is not None and len(capped) == 5 and capped.total == 2000 and capped.capped
    assert list(capped.numbers_on_page(3)) == [4] and list(capped.numbers_on_page(4)) == []


def test_the_find_order_puts_cards_between_text_matches_by_row() -> None:
    match_rows = [1, 3, 3, 8]
    card_rows = {0: 3, 1: 0, 2: 9, 3: 3}
    order = FindOrder(len(match_rows), [0, 1, 2, 3], match_rows.__getitem__,
                      card_rows.__getitem__)
    entries = [(n, -1) for n in range(len(match_rows))] + [(-1, c) for c in card_rows]

    def row(entry: tuple[int, int]) -> int:
        return match_rows[entry[0]] if entry[0] >= 0 else card_rows[entry[1]]

    assert list(order) == sorted(entries, key=row)  # as the sorted list of all would be
    assert order[-1] == (-1, 2) and len(order) == 8
