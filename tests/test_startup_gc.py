"""The garbage collector is paused while the app starts and runs again once the first
screen is painted; a process that never paused it is left as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_fixture import reader_when_read, until

from tui.app import make_app
from tui.core.library.library import Library
from tui.services.startup_gc import pause_collection, resume_collection

SIZE = (160, 48)


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Every test leaves the collector running, whatever it asserted."""
    yield
    resume_collection()
    gc.enable()


async def test_the_collector_paused_for_the_start_runs_again_after_page_1(
        library: Library, sample_pdf: Path) -> None:
    pause_collection()  # as `kantlijn FILE` does
    assert not gc.isenabled()
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        await until(pilot, gc.isenabled, "the collector to run again")
        assert reader.page_view.drawn


async def test_the_library_shown_first_starts_the_collector_too(library: Library) -> None:
    pause_collection()
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, gc.isenabled, "the collector to run again")


def test_a_collector_the_caller_switched_off_stays_off() -> None:
    gc.disable()
    pause_collection()
    resume_collection()
    assert not gc.isenabled()
