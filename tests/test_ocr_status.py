"""What the reader says and shows while OCR reads a scan, without running the engine: the
status line's OCR parts, unsure words found in a line, and the pages handed to the reader as
they are read (tui.services.ocr_pages)."""

from __future__ import annotations

import pytest

from tui.core.model import DocumentInfo, Extraction, Line, PageText
from tui.core.ocr.orientation import parse_osd
from tui.reading.ocr_status import OcrReading, ocr_parts, word_columns
from tui.services.loader import ReadingCancelled
from tui.services.ocr_pages import SHOW_EVERY, OcrShowing


def key(action: str) -> str:
    return {"unsure_words": "U"}[action]


def test_a_page_read_by_ocr_says_so_and_how_far_ocr_is() -> None:
    reading = OcrReading(5, 22, 12.4)
    assert ocr_parts(3, frozenset({3}), reading, False, key) == [
        "page 3: read by OCR · U shows unsure words", "OCR 5/22 pages · about 12 s left"]
    assert ocr_parts(3, frozenset({3}), None, True, key) == [
        "page 3: read by OCR · U hides unsure words"]
    assert ocr_parts(2, frozenset({3}), OcrReading(22, 22, 0.0), False, key) == []
    assert ocr_parts(1, frozenset(), OcrReading(1, 40, 150.0), False, key) == [
        "OCR 1/40 pages · about 2 min left"]


def test_unsure_words_are_found_as_whole_words() -> None:
    text = "e Op 15 oktober om 10.30 uur vindt een eerste overleg plaats: e-mail"
    assert word_columns(text, ["e", "10.30"]) == [(0, 1), (19, 24)]
    assert word_columns("█████ OS: █████", ["Jansen"]) == []  # withheld: not found


def test_osd_output_gives_the_turn() -> None:
    out = "Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 12.30\n"
    assert parse_osd(out) == 270
    assert parse_osd(out.replace("12.30", "0.40")) == 0  # unsure: left as it is
    assert parse_osd("") == 0


class Told:
    """The reader's side of OcrShowing."""

    def __init__(self) -> None:
        self.documents: list[Extraction] = []
        self.progress: list[tuple[int, int, float | None]] = []

    def shown(self, extraction: Extraction, complete: bool) -> None:
        assert not complete
        self.documents.append(extraction)

    def ocr_progress(self, done: int, total: int, seconds_left: float | None) -> None:
        self.progress.append((done, total, seconds_left))


def test_pages_are_handed_on_as_read_with_the_time_left() -> None:
    first = Extraction(DocumentInfo(path="scan.pdf", sha256="0" * 64, pages=3))
    pages = [PageText(n) for n in (1, 2, 3)]
    now = [0.0]
    told = Told()
    showing = OcrShowing(first, told, lambda: None, clock=lambda: now[0])
    for number, at in ((1, 0.0), (2, 4.0), (3, 8.0)):
        now[0] = at
        pages[number - 1] = PageText(number, lines=[Line(f"page {number}")], ocr=True)
        showing(pages, number, number, 3)
    assert told.progress == [(1, 3, None), (2, 3, 4.0), (3, 3, 0.0)]
    # page 1 at once, then each page SHOW_EVERY apart; not the last (the whole comes next)
    assert SHOW_EVERY < 4.0
    assert [[p.lines[0].text if p.lines else "" for p in d.pages] for d in told.documents] == [
        ["page 1", "", ""], ["page 1", "page 2", ""]]
    # the reader's copy does not change when the extraction edits its pages afterwards
    pages[0].lines[0].text = "cut"
    assert told.documents[0].pages[0].lines[0].text == "page 1"


def test_a_reader_that_left_stops_the_reading() -> None:
    first = Extraction(DocumentInfo(path="scan.pdf", sha256="0" * 64, pages=1))

    def stop() -> None:
        raise ReadingCancelled

    with pytest.raises(ReadingCancelled):
        OcrShowing(first, Told(), stop)([PageText(1)], 1, 1, 1)
