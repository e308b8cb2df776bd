"""The app on the library file: first run, reopening at the saved position, cached opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import reopened
from reader_fixture import messages, reader_when_read, settle
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable

import tui.core.document as document
from tui.app import KantlijnApp, make_app
from tui.core.library.library import Library
from tui.core.paths import sample_paths, sample_release_path
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

SIZE = (160, 48)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts full parses of a PDF (each call of PdfDocument.extract appends the file)."""
    calls: list[str] = []
    original = document.PdfDocument.extract

    def counted(self: document.PdfDocument, *args: object, **kwargs: object) -> object:
        calls.append(str(getattr(self, "path", "?")))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document.PdfDocument, "extract", counted)
    return calls


def titles(app: KantlijnApp) -> list[str]:
    """The title column of the library table."""
    table = app.screen.query_one(DataTable)
    cells = [table.get_row_at(i)[0] for i in range(table.row_count)]
    assert all(isinstance(c, Text) for c in cells)
    return [str(c) for c in cells]


SAMPLE_FILES = 2 + 9
"""PDFs a first run reads: the sample in both forms, and the sample release's letter and
eight documents."""


async def open_first(pilot: Pilot[None]) -> ReaderScreen:
    """Press enter on the first library row (the sample's copies: the live one opens); the
    reader once the document is read."""
    assert isinstance(pilot.app.screen, LibraryScreen)
    await pilot.press("enter")
    return await reader_when_read(pilot)


async def test_first_run_lists_the_sample_in_the_default_library(
    data_dir: Path, sample_pdf: Path
) -> None:
    app = make_app(Library.open())  # as the command line opens it, without --library
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        # The sample release as one entry, and the sample nota's once: one entry for its
        # two copies, with live annotations and as published.
        assert len(titles(app)) == 2
        assert app.screen.paths == [str(sample_paths()[0].resolve()),
                                    str(sample_release_path().resolve())]
        forms = [(form, copy.path) for form, copy in app.screen.entries[0].copies]
        assert forms == [("live", str(sample_paths()[0].resolve())),
                         ("published", str(sample_paths()[1].resolve()))]
    default = data_dir / "library.json"
    assert default.is_file()
    with Library.open(default) as stored:
        assert str(sample_pdf.resolve()) in [d.path for d in stored.documents()]
        assert len(stored.documents()) == SAMPLE_FILES


async def test_reopens_at_the_saved_position_from_the_cache(
    library: Library, sample_pdf: Path, parses: list[str]
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_run_parses = len(parses)
        assert first_run_parses == SAMPLE_FILES  # each imported once
        reader = await open_first(pilot)
        assert len(parses) == first_run_parses  # opened from the cache: no parsing
        await pilot.press("colon", *"7", "enter")
        await pilot.pause()
        await pilot.press("j", "j")
        await pilot.pause()
        saved = reader.page_view.reading_position()
        assert saved[0] == 7
        await pilot.press("l")  # back to the library: the position is stored
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    again = make_app(reopened(library))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = await open_first(pilot)
        assert reader.page_view.reading_position() == saved
        assert len(parses) == first_run_parses
        await pilot.press("colon", *"12", "enter")
        await pilot.pause()
        moved = reader.page_view.reading_position()
        await pilot.press("q")  # quitting stores it too
        await pilot.pause()
    with reopened(library) as stored:
        position = stored.position(reader.doc or "")
    assert position is not None and (position.page, position.line) == moved


async def test_opening_a_new_pdf_by_path_parses_once_then_uses_the_cache(
    library: Library, tmp_path: Path, sample_pdf: Path, parses: list[str]
) -> None:
    library.flush()  # an existing but empty library file: the samples go in
    copy = tmp_path / "nota.pdf"
    copy.write_bytes(sample_pdf.read_bytes())
    # Both samples are read once; the copy has the live sample's hash, so comes from the cache.
    for expected in (SAMPLE_FILES, SAMPLE_FILES):
        app = make_app(reopened(library))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("o", *str(copy), "enter")
            await pilot.pause()
            await settle(pilot)
            assert isinstance(app.screen, ReaderScreen) and app.screen.complete
            assert len(parses) == expected
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert app.screen.paths[0] == str(copy.resolve())  # most recently opened
            assert len(app.screen.paths) == 2


async def test_a_broken_library_is_moved_aside_with_a_notification(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    path.write_text("{ this is not json")
    app = make_app(Library.open(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notes = messages(app)
        assert any("could not be read" in n and "moved it aside" in n for n in notes)
        assert len(titles(app)) == 2  # started anew, with the sample in both forms
    assert any(p.name != "library.json" and "library" in p.name for p in tmp_path.iterdir())
