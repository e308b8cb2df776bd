"""The one way kantlijn opens a document: a PDF, or a text/Markdown comment summary.

:func:`open_document` returns at once with what identifies the file; :meth:`page` reads one
page for a quick first paint (:func:`first_page`), and :meth:`extract` reads everything —
text, annotations with their quotes, anchors, threads, nota's and redaction grounds —
reporting progress. :func:`load` does the whole job in one call.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.core.errors import readable_file
from tui.core.model import Annotation, DocumentInfo, Extraction, PageText, Progress
from tui.core.ocr.need import OcrMode

if TYPE_CHECKING:
    from tui.core.ocr.pages import PageRead
    from tui.core.pdf.document import PdfDocument

"""``progress(done, total)``: called as pages are read."""

SUMMARY_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})


class OpenedDocument(Protocol):
    """A document opened for reading: pages on demand, or everything at once."""

    @property
    def info(self) -> DocumentInfo:
        """What identifies the document."""

    @property
    def page_count(self) -> int:
        """How many pages it has (as declared, until :meth:`extract` counts them)."""

    def page(self, number: int) -> tuple[PageText, list[Annotation]]:
        """One page's text and annotations (1-based)."""

    def extract(self, progress: Progress | None = None, workers: int | None = None,
                page_read: PageRead | None = None) -> Extraction:
        """Everything, reporting ``progress(done, total)`` and each page OCR reads
        (:data:`tui.core.ocr.pages.PageRead`)."""


def is_summary_file(path: str | Path) -> bool:
    """True when ``path`` is a text/Markdown comment summary rather than a PDF."""
    file = Path(path)
    if file.suffix.lower() in SUMMARY_SUFFIXES:
        return True
    try:
        with open(file, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    if head.lstrip().startswith(b"%PDF"):
        return False
    from tui.core.summary import document as summary  # not needed for a PDF

    return summary.looks_like_summary(file)


def open_document(
    path: str | Path, password: str | None = None, ocr: OcrMode = "auto"
) -> OpenedDocument:
    """Open ``path`` for reading; a PDF's pages are read only when asked for; ``ocr`` says
    which pages OCR reads (:mod:`tui.core.ocr.need`).

    Raises:
        UnreadableError: missing file, not a supported format, or too broken to read.
        EncryptedError: an encrypted PDF and no (or a wrong) password.
    """
    file = readable_file(Path(path).expanduser(), shown=path)
    if is_summary_file(file):
        from tui.core.summary import document as summary

        return SummaryDocument(summary.read_summary(file))
    return _pdf_document()(file, password, ocr)


def _pdf_document() -> type[PdfDocument]:
    # Imported when a PDF is read: showing a document from the cache needs no PDF library.
    from tui.core.pdf.document import PdfDocument

    return PdfDocument


def __getattr__(name: str) -> object:
    """``PdfDocument``, imported on first use (see :func:`_pdf_document`)."""
    if name == "PdfDocument":
        return _pdf_document()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(
    path: str | Path, password: str | None = None, progress: Progress | None = None,
    ocr: OcrMode = "auto",
) -> Extraction:
    """Read a whole document (PDF or comment summary) into the model.

    Raises:
        UnreadableError: missing file, not a supported format, or too broken to read.
        EncryptedError: an encrypted PDF and no (or a wrong) password.
    """
    return open_document(path, password, ocr).extract(progress)


class SummaryDocument:
    """A comment summary, read whole up front (it is small), as an :class:`OpenedDocument`."""

    def __init__(self, extraction: Extraction) -> None:
        """Serve ``extraction``."""
        self.extraction = extraction
        self.info = extraction.document
        self.page_count = len(extraction.pages)

    def page(self, number: int) -> tuple[PageText, list[Annotation]]:
        """One page and the annotations on it."""
        found = [a for a in self.extraction.annotations if a.page == number]
        return self.extraction.pages[number - 1], found

    def extract(self, progress: Progress | None = None, workers: int | None = None,
                page_read: PageRead | None = None) -> Extraction:
        """Everything (already read; a summary has no pages for OCR)."""
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
