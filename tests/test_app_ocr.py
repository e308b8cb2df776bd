"""A scanned PDF in the app: pages shown as OCR reads them, marked as read by OCR, the words
the engine was unsure of underlined on demand, the ``ocr`` setting, and no engine at all.

The scan is the first three pages of the bundled nota, rendered to images at 200 dpi and
wrapped in an image-only PDF (tests/scans.py), read by the real Tesseract.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import reopened
from reader_fixture import messages, reader_when_read, until
from scans import scan_pdf
from textual.message import Message

from tui.app import make_app
from tui.core.library.library import Library
from tui.core.ocr.engine import INSTALL_LINE
from tui.messages import DocumentShown, OcrProgress
from tui.screens.reader import ReaderScreen

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
NOTA = SAMPLES / "nota-actieagenda-integratie.pdf"
SCANNED_PAGES = (1, 2, 3)
SIZE = (160, 48)

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason=f"Tesseract is not installed ({INSTALL_LINE})")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan_pdf(NOTA, tmp_path_factory.mktemp("scan") / "scan.pdf", pages=SCANNED_PAGES)


def status(reader: ReaderScreen) -> str:
    """The reader's status line."""
    return str(reader.query_one("#reader-status").render())


def page_text(reader: ReaderScreen, number: int) -> str:
    """The text of page ``number`` as the reader holds it."""
    pages = [p for p in reader.extraction.pages
             if p.number == number] if reader.extraction is not None else []
    return " ".join(line.text for page in pages for line in page.lines)


@needs_tesseract
async def test_a_scan_shows_page_one_before_ocr_is_done_then_every_page(
    library: Library, scan: Path
) -> None:
    seen: list[Message] = []
    app = make_app(library, str(scan))
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and "Aanleiding" in page_text(app.screen, 1), "page 1 read by OCR")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await until(pilot, lambda: "page 1: read by OCR" in status(reader), "the OCR note")
        reader = await reader_when_read(pilot)
        assert all(page.ocr for page in reader.extraction.pages)  # type: ignore[union-attr]
        assert "Kernpunten" in page_text(reader, 1) + page_text(reader, 2)
    shown = list({id(m): m for m in seen if isinstance(m, DocumentShown)}.values())
    # (the hook sees a message at each widget it bubbles through)
    progress = list(dict.fromkeys((m.done, m.total) for m in seen if isinstance(m, OcrProgress)))
    # Page 1 was shown, read by OCR, before OCR had read the last page.
    first = next(i for i, m in enumerate(seen) if isinstance(m, DocumentShown)
                 and any(p.ocr and p.lines for p in m.extraction.pages))
    last_read = next(i for i, m in enumerate(seen) if isinstance(m, OcrProgress)
                     and m.done == m.total)
    assert first < last_read
    assert progress == [(n, len(SCANNED_PAGES)) for n in range(1, len(SCANNED_PAGES) + 1)]
    assert [m.complete for m in shown][-1] is True
    assert not any(m.complete for m in shown[:-1])


@needs_tesseract
async def test_unsure_words_are_underlined_on_demand_and_a_scan_opens_again_from_the_cache(
    library: Library, scan: Path
) -> None:
    app = make_app(library, str(scan))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        view = reader.page_view
        unsure = view.get_component_rich_style("page-view--ocr-unsure")

        def underlined() -> list[str]:
            rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
            return [segment.text for row in rows for segment in row
                    if segment.style is not None and segment.style.underline
                    and segment.style.color == unsure.color]

        assert underlined() == []
        assert "U shows unsure words" in status(reader)
        await pilot.press("U")
        await until(pilot, lambda: underlined(), "unsure words underlined")
        words = [w for p in reader.extraction.pages for line in p.lines  # type: ignore[union-attr]
                 for w in line.unsure]
        assert set(underlined()) <= {w for word in words for w in word.split()} | set(words)
        assert "U hides unsure words" in status(reader)
        await pilot.press("U")
        await until(pilot, lambda: not underlined(), "unsure words no longer underlined")
    seen: list[Message] = []
    again = make_app(reopened(library), str(scan))
    async with again.run_test(size=SIZE, message_hook=seen.append) as pilot:
        reader = await reader_when_read(pilot)
        assert "Aanleiding" in page_text(reader, 1)
        assert "page 1: read by OCR" in status(reader)
    assert not [m for m in seen if isinstance(m, OcrProgress)]  # from the cache: no OCR


async def test_without_the_engine_one_warning_names_the_install_line(
    library: Library, scan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without tesseract
    app = make_app(library, str(scan))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        told = [m for m in messages(app, title="OCR") if INSTALL_LINE in m]
        assert len(told) == 1
        assert "apt-get install tesseract-ocr tesseract-ocr-nld" in told[0]
        assert reader.extraction is not None
        assert len(reader.extraction.pages) == len(SCANNED_PAGES)
        assert "read by OCR" not in status(reader)


async def test_ocr_never_in_config_is_what_the_app_reads_with(
    library: Library, scan: Path, config_dir: Path
) -> None:
    (config_dir / "config.toml").write_text('ocr = "never"\n', encoding="utf-8")
    app = make_app(library, str(scan))
    async with app.run_test(size=SIZE) as pilot:
        reader = await reader_when_read(pilot)
        assert app.ocr == "never"
        assert reader.extraction is not None
        assert not any(page.ocr or page.lines for page in reader.extraction.pages)
        assert not messages(app, title="OCR")
    assert make_app(reopened(library), str(scan), ocr="always").ocr == "always"  # --ocr wins
