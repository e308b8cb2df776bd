"""The one place the app reads documents: open quickly, then extract everything.

Backed by ``tui.core.document`` (open_document / load). Kept behind this small interface so
the screens do not care whether the document comes from a PDF, a summary file or a cache.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from tui.core.errors import KantlijnError
from tui.core.model import Annotation, DocumentInfo, Extraction, PageText

Progress = Callable[[int, int], None]


class OpenedDocument(Protocol):
    """A document opened for reading: pages on demand, or everything at once."""

    @property
    def info(self) -> DocumentInfo:
        """What identifies the document."""

    @property
    def page_count(self) -> int:
        """How many pages it has."""

    def page(self, number: int) -> tuple[PageText, list[Annotation]]:
        """One page's text and annotations (1-based)."""

    def extract(self, progress: Progress | None = None) -> Extraction:
        """Everything, reporting ``progress(done, total)``."""


def open_document(path: str | Path, password: str | None = None) -> OpenedDocument:
    """Open ``path`` for reading (fast: no full extraction).

    Raises:
        KantlijnError: missing, unreadable or encrypted file, or no reader available.
    """
    if not Path(path).expanduser().is_file():
        raise KantlijnError(f"{path}: no such file")
    try:
        document = importlib.import_module("tui.core.document")
    except ImportError as error:
        raise KantlijnError("reading documents is not available in this build") from error
    file = Path(path).expanduser()
    if document.is_summary_file(file):
        return LoadedDocument(document.load(file))
    opened: OpenedDocument = document.open_document(file, password=password)
    return opened


class LoadedDocument:
    """A document read whole up front (a comment summary is small), as an OpenedDocument."""

    def __init__(self, extraction: Extraction) -> None:
        """Wrap ``extraction``."""
        self.extraction = extraction
        self.info = extraction.document
        self.page_count = len(extraction.pages)

    def page(self, number: int) -> tuple[PageText, list[Annotation]]:
        """One page and the annotations on it."""
        found = [a for a in self.extraction.annotations if a.page == number]
        return self.extraction.pages[number - 1], found

    def extract(self, progress: Progress | None = None) -> Extraction:
        """Everything (already read)."""
        if progress is not None:
            progress(self.page_count, self.page_count)
        return self.extraction


def first_page(opened: OpenedDocument) -> Extraction:
    """An extraction holding only page 1: enough to paint the reader at once."""
    pages: list[PageText] = []
    annotations: list[Annotation] = []
    if opened.page_count:
        try:
            page, annotations = opened.page(1)
        except IndexError:  # the declared page count was wrong: wait for the full read
            return Extraction(document=opened.info)
        pages.append(page)
    return Extraction(document=opened.info, pages=pages, annotations=annotations)
