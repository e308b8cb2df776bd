"""The reader's status line, bound to the reader's position, find and reading state.

What it says is decided in :mod:`tui.reading.position`; this widget holds the values the
reader screen binds to it (``data_bind``) and draws the line again when one changes, so no
part of the reader has to remember to refresh it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from tui.core.release.store import PageLabels, label_at
from tui.core.text import clean_line
from tui.reading.ocr_status import OcrReading, ocr_parts
from tui.reading.position import FindSummary, ReadingPosition, status_parts


def release_segment(labels: PageLabels, page: int) -> list[str]:
    """The status line's release part: the document's number and judgement (none when the
    page belongs to no document of a release)."""
    label = label_at(labels, page)
    return [clean_line(label)] if label else []


class ReaderStatus(Static):
    """One line under the page text (empty until the document is laid out)."""

    position: var[ReadingPosition | None] = var(None)
    finding: var[FindSummary | None] = var(None)
    complete: var[bool] = var(False)
    missing_path: var[str | None] = var(None)
    release_pages: var[PageLabels] = var(())
    """Per page range of a Woo release's document: its number and judgement."""
    ocr_pages: var[frozenset[int]] = var(frozenset())
    ocr_reading: var[OcrReading | None] = var(None)
    unsure_shown: var[bool] = var(False)

    def __init__(self, key: Callable[[str], str], **kwargs: object) -> None:
        """``key`` names the user's key for an action id (:class:`tui.actions.KeyNames`)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.key = key

    def _tell(self) -> None:
        position = self.position
        if position is None:
            return
        parts = status_parts(position, self.finding, self.complete, self.missing_path, self.key)
        parts[1:1] = release_segment(self.release_pages, position.page)
        if not position.selecting:
            parts += self._ocr_parts(position)
        self.update(Text("  ·  ".join(parts)))

    def watch_position(self) -> None:
        """The reader moved, or the focus or selection changed."""
        self._tell()

    def watch_finding(self) -> None:
        """A find started, stepped or ended."""
        self._tell()

    def watch_complete(self) -> None:
        """The whole document is read."""
        self._tell()

    def watch_missing_path(self) -> None:
        """The document came from the library's cache."""
        self._tell()

    def watch_release_pages(self) -> None:
        """The document turned out to belong to a release."""
        self._tell()

    def _ocr_parts(self, position: ReadingPosition) -> list[str]:
        """The page was read by OCR; how far OCR is (:mod:`tui.reading.ocr_status`)."""
        return ocr_parts(position.page, self.ocr_pages, self.ocr_reading, self.unsure_shown,
                         self.key)

    def watch_ocr_pages(self) -> None:
        """More pages were read by OCR."""
        self._tell()

    def watch_ocr_reading(self) -> None:
        """OCR read another page."""
        self._tell()

    def watch_unsure_shown(self) -> None:
        """The unsure words were shown or hidden."""
        self._tell()
