"""Reading a document in the app: from the cache when the file is gone, and stopping a read
when the user leaves the reader before it is done."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import reopened
from pdf_fixtures import make_pdf
from reader_fixture import messages, reader_when_read, settle, until

import tui.core.document as document
import tui.services.library as library_services
import tui.services.loader as loading
from tui.app import make_app
from tui.core.files import file_sha256
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.services.library import open_cached
from tui.services.loader import DocumentLoader, HeadStart, ReadingCancelled

SIZE = (160, 48)


def comments(reader: ReaderScreen) -> list[str]:
    """The contents of every comment card shown."""
    layout = reader.page_view.page_layout
    assert layout is not None
    return [card.thread.root.contents or "" for card in layout.cards]


def status(reader: ReaderScreen) -> str:
    """The reader's status line."""
    return str(reader.query_one("#reader-status").render())


@pytest.mark.after_first_run
async def test_a_moved_pdf_opens_from_the_cache_saying_the_file_is_gone(
    library: Library, tmp_path: Path, sample_pdf: Path
) -> None:
    copy = tmp_path / "nota.pdf"
    copy.write_bytes(sample_pdf.read_bytes())
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *str(copy), "enter")
        before = comments(await reader_when_read(pilot))
        assert any("Welke dan?" in c for c in before)
    copy.rename(tmp_path / "elsewhere.pdf")
    assert open_cached(reopened(library), str(copy)) is not None  # the CLI opens it too
    again = make_app(reopened(library))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)
        await pilot.press("enter")  # the row of the moved file
        reader = await reader_when_read(pilot)
        assert comments(reader) == before
        assert f"PDF not found at {copy.resolve()}" in status(reader)
        assert not messages(again, severity="error")
    from_cli = make_app(reopened(library), str(copy))
    async with from_cli.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        assert comments(reader) == before and "PDF not found" in status(reader)


@pytest.mark.after_first_run
async def test_a_moved_pdf_without_a_cache_is_a_clean_error(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *str(tmp_path / "gone.pdf"), "enter")
        await until(pilot, lambda: any("no such file" in m for m in messages(app)),
                    "the reader to give up")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


class PausedExtraction:
    """Holds a real extraction after its first chunk of pages until the test lets it go on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.first_chunk = threading.Event()
        self.go_on = threading.Event()
        self.chunks = 0
        self.outcome = "running"
        original = document.PdfDocument.extract

        def extract(
            doc: document.PdfDocument, progress: Callable[[int, int], None] | None = None,
            page_read: object = None,
        ) -> object:
            if progress is None:  # not the reader's read (the sample imported on a first run)
                return original(doc)

            def paused(done: int, total: int) -> None:
                self.chunks += 1
                self.first_chunk.set()
                self.go_on.wait(10)
                progress(done, total)

            try:
                result = original(doc, paused, page_read=page_read)  # type: ignore[arg-type]
            except ReadingCancelled:
                self.outcome = "cancelled"
                raise
            self.outcome = "finished"
            return result

        monkeypatch.setattr(document.PdfDocument, "extract", extract)


@pytest.mark.after_first_run
@pytest.mark.parametrize("leave", ["library", "open another"])
async def test_leaving_the_reader_stops_the_extraction(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_pdf: Path, leave: str
) -> None:
    pdf = make_pdf(tmp_path / "long.pdf", [[f"Pagina {n}, regel {i}." for i in range(30)]
                                           for n in range(1, 76)])  # 3 chunks of 25 pages
    paused = PausedExtraction(monkeypatch)
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", *str(pdf), "enter")
        await until(pilot, paused.first_chunk.is_set, "the first chunk of pages")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and not reader.complete
        if leave == "library":  # back to the library while the document is being read
            await pilot.press("l")
        else:  # the sample, in the library since the first run: opens from its cache
            app.open_document(str(sample_pdf))
        await pilot.pause()
        paused.go_on.set()
        await settle(pilot)
        if leave == "library":
            assert isinstance(app.screen, LibraryScreen)
        else:
            assert isinstance(app.screen, ReaderScreen) and app.screen.complete
            assert len(app.screen_stack) == 3  # the new reader replaced the old one
        assert paused.outcome == "cancelled" and paused.chunks == 1  # stopped after 25 pages
        assert reader not in app.screen_stack and not reader.complete  # no late full document
        assert not messages(app, severity="error")
    with reopened(library) as stored:
        assert not stored.has_cached(file_sha256(pdf))  # never finished, so never cached


def test_the_rest_of_a_document_is_read_once_page_1_is_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "PAINT_WAIT", 120.0)  # the loader waits for the test alone
    pdf = make_pdf(tmp_path / "long.pdf", [[f"Pagina {n}."] for n in range(1, 31)])
    painted = threading.Event()
    told: queue.Queue[tuple[str, bool]] = queue.Queue()
    report = SimpleNamespace(
        shown=lambda extraction, complete: told.put(
            ("whole" if complete else "page 1", painted.is_set())),
        progress=lambda done, total: told.put(("progress", painted.is_set())),
        failed=lambda reason: told.put((reason, painted.is_set())),
    )
    loader = DocumentLoader(str(pdf), report, lambda: False, painted=painted)
    reading = threading.Thread(target=loader.run)
    reading.start()
    assert told.get(timeout=60) == ("page 1", False)
    with pytest.raises(queue.Empty):  # half a second: 30 pages would be read by then
        told.get(timeout=0.5)
    painted.set()
    reading.join(60)
    rest = [told.get_nowait() for _ in range(told.qsize())]
    assert rest[-1] == ("whole", True) and all(was_painted for _, was_painted in rest)


@pytest.mark.after_first_run
async def test_a_document_opened_at_start_that_cannot_be_read_leaves_the_library(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library, str(tmp_path / "gone.pdf"))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen),
                    "the library in the reader's place")
        assert any("no such file" in m for m in messages(app, severity="error"))
        assert len(app.screen_stack) == 2  # the library alone, not over an empty reader


@pytest.mark.after_first_run
async def test_page_1_read_before_the_app_starts_is_shown_then_the_whole_document(
    library: Library, tmp_path: Path
) -> None:
    """``kantlijn FILE`` may hand the reader page 1 read already (by the child that looked
    into the PDF): it is shown as it is, and the document is then read whole."""
    pdf = make_pdf(tmp_path / "long.pdf", [[f"Pagina {n}, regel {i}." for i in range(5)]
                                           for n in range(1, 31)])
    first = document.first_page(document.open_document(pdf))
    first.pages[0].lines[0].text = "Gelezen door de blik vooraf."  # tells this page 1 apart
    app = make_app(library, str(pdf), head_start=HeadStart(first=first))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.page_view.drawn, "page 1 on the screen")
        shown = app.screen
        assert isinstance(shown, ReaderScreen) and shown.extraction is not None
        assert shown.extraction.pages[0].lines[0].text == "Gelezen door de blik vooraf."
        whole = (await reader_when_read(pilot)).extraction
        assert whole is not None and len(whole.pages) == 30
        assert whole.pages[0].lines[0].text.startswith("Pagina 1")
    with reopened(library) as stored:
        assert stored.has_cached(file_sha256(pdf))


@pytest.mark.after_first_run
async def test_a_cached_reading_found_before_the_app_starts_is_not_looked_up_again(
    library: Library, sample_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kantlijn FILE`` finds a known file's reading in the cache before the app starts
    (hashing the file: a quarter of a second for 300 MB); the reader uses it as it is."""
    async with make_app(library, str(sample_pdf)).run_test(size=SIZE) as pilot:
        await reader_when_read(pilot)  # now in the library's cache
    again = reopened(library)
    cached = open_cached(again, str(sample_pdf))
    assert cached is not None
    hashed: list[Path] = []
    real = library_services.file_sha256
    monkeypatch.setattr(library_services, "file_sha256",
                        lambda path: hashed.append(path) or real(path))
    app = make_app(again, str(sample_pdf), head_start=HeadStart(cached=cached))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        assert reader.extraction is not None
        assert reader.extraction.document.sha256 == cached.sha256
    assert hashed == []


@pytest.mark.after_first_run
async def test_a_new_file_the_cache_was_asked_about_is_not_hashed_again_before_page_1(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kantlijn FILE`` asks the library's cache about the file before the app starts (a
    hash of the whole file); for a new file the answer, none, is handed over too."""
    pdf = make_pdf(tmp_path / "new.pdf", [[f"Pagina {n}."] for n in range(1, 4)])
    first = document.first_page(document.open_document(pdf))
    hashed: list[Path] = []
    real = library_services.file_sha256
    monkeypatch.setattr(library_services, "file_sha256",
                        lambda path: hashed.append(path) or real(path))
    app = make_app(library, str(pdf), head_start=HeadStart(first=first, cache_asked=True))
    async with app.run_test(size=SIZE) as pilot:
        whole = (await reader_when_read(pilot)).extraction
        assert whole is not None and len(whole.pages) == 3
    assert hashed == []
