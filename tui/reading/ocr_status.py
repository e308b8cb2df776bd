"""What the status line says about OCR: the page was read by OCR, and how far OCR is.

``page 3: read by OCR · U unsure words`` on a page read from a scan, and
``OCR 5/22 pages · about 12 s left`` while pages are still being read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.core.model import Extraction
from tui.core.ocr.install import INSTALL_LINE


@dataclass(frozen=True, slots=True)
class OcrReading:
    """How far OCR is in the document being read."""

    done: int
    total: int
    seconds_left: float | None


def ocr_pages(extraction: Extraction) -> frozenset[int]:
    """The numbers of the pages whose text OCR read."""
    return frozenset(page.number for page in extraction.pages if page.ocr)


def ocr_warnings(extraction: Extraction) -> list[str]:
    """The document's warnings about OCR (the engine missing, a page it could not read)."""
    return [w for w in extraction.warnings if "OCR" in w or INSTALL_LINE in w]


def ocr_parts(page: int, read_by_ocr: frozenset[int], reading: OcrReading | None,
              unsure_shown: bool, key: Callable[[str], str]) -> list[str]:
    """The status line's OCR parts (none for a text page once OCR is done)."""
    parts: list[str] = []
    if page in read_by_ocr:
        toggle = "hides" if unsure_shown else "shows"
        parts.append(f"page {page}: read by OCR · {key('unsure_words')} {toggle} unsure words")
    if reading is not None and reading.done < reading.total:
        parts.append(f"OCR {reading.done}/{reading.total} pages{_left(reading.seconds_left)}")
    return parts


def _left(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f" · about {max(1, round(seconds))} s left"
    return f" · about {round(seconds / 60)} min left"


def word_columns(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each whole-word occurrence of ``words`` in ``text``."""
    columns: list[tuple[int, int]] = []
    for word in dict.fromkeys(words):
        if not word:
            continue
        pattern = re.compile(rf"(?<!\S){re.escape(word)}(?!\S)")
        columns += [match.span() for match in pattern.finditer(text)]
    return sorted(columns)
