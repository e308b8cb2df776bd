"""Reading a document for the reader, in its worker thread: from the cache or the file.

:class:`DocumentLoader` runs inside the reader's thread worker and tells a
:class:`LoadReport` what it has: the page at the saved position first, then the whole
document. The reader's report posts each as a message (:class:`tui.messages.PostedLoading`),
the one way results come back from a worker. The loader asks ``cancelled()`` before every
report and between chunks of pages (through the progress callback, where
:class:`ReadingCancelled` stops the extraction), so a reader that was left stops using the
CPU and gets no late messages. It never touches the library (which is not thread-safe): what
the library knows is looked up beforehand (:func:`tui.services.library.open_cached`).

Once page 1 is reported the loader waits for it to be painted (``painted``, an event the
reader sets) before it reads on: a thread decoding beside the UI thread holds the GIL half
the time, and the first frame would wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from tui.core.copies.prepared import prepare as prepare_fingerprint
from tui.core.document import OpenedDocument, first_page, open_document
from tui.core.errors import EncryptedError, KantlijnError
from tui.core.library.cache import ExtractionCache
from tui.core.model import Extraction
from tui.core.ocr.need import OcrMode
from tui.services.library import CachedDocument, write_cache
from tui.services.ocr_pages import OcrShowing


class LoadReport(Protocol):
    """Where the loader tells what it has (each call comes from the worker thread)."""

    def shown(self, extraction: Extraction, complete: bool) -> None:
        """Part (the first page) or all of the document is ready to show."""

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` pages read."""

    def ocr_progress(self, done: int, total: int, seconds_left: float | None) -> None:
        """``done`` of ``total`` pages without a text layer read by OCR."""

    def failed(self, reason: str) -> None:
        """The document could not be read; ``reason`` is one line."""

    def password_needed(self, path: str, wrong: bool) -> None:
        """The PDF is encrypted: no password was given (``wrong`` False) or it was wrong."""

    def source_missing(self, path: str) -> None:
        """The file is no longer at ``path``: the document comes from the library's cache."""


#: How long the rest of the document waits for page 1 to be painted, at most (a reader that
#: never says so is not left without its document).
PAINT_WAIT = 2.0


@dataclass(frozen=True)
class HeadStart:
    """What the command line read of the file before the app started, so the reader does
    not read it again: its page 1 (a new PDF, read by the child that looked into it,
    :mod:`tui.commands.release_peek`) or its reading in the library's cache (a known one:
    finding it hashes the file, a quarter of a second for 300 MB)."""

    first: Extraction | None = None
    cached: CachedDocument | None = None
    cache_asked: bool = False
    """True when the library's cache was asked already and ``cached`` None is its answer (the
    file is not in it), so the reader does not hash the file to ask again."""


class ReadingCancelled(Exception):
    """Raised from the progress callback: nobody waits for this document any more."""


class DocumentLoader:
    """Reads one document and reports it; :meth:`run` runs in a worker thread."""

    def __init__(
        self,
        path: str,
        report: LoadReport,
        cancelled: Callable[[], bool],
        *,
        password: str | None = None,
        opened: OpenedDocument | None = None,
        cached: CachedDocument | None = None,
        cache: ExtractionCache | None = None,
        ocr: OcrMode = "auto",
        painted: threading.Event | None = None,
        first: Extraction | None = None,
    ) -> None:
        """Read ``path`` (or the already ``opened`` document), from ``cached`` if given.

        ``report`` is told what there is; ``cancelled`` says the reader is gone. A document
        read from the file is written to ``cache`` (the library's), when given. ``ocr``
        says which pages OCR reads; pages it reads are shown as they come. ``painted``,
        when given, is set once the first page reported is on the screen: the rest is read
        after that (or after :data:`PAINT_WAIT` seconds). ``first``: page 1, read already and
        shown by the reader (not reported again).
        """
        self.ocr: OcrMode = ocr
        self.path = path
        self.password = password
        self.opened = opened
        self.cached = cached
        self.cache = cache
        self.report = report
        self.cancelled = cancelled
        self.painted = painted
        self.first = first

    def run(self) -> None:
        """Report page 1 (or the saved page) at once, then the whole document, or why not."""
        try:
            if self._from_cache():
                return
            first = self.first
            if first is not None:  # shown already: the PDF library waits for its paint
                self._wait_painted()
            opened = self.opened or open_document(self.path, self.password, self.ocr)
            if first is None:
                first = first_page(opened)
                self._first_shown(first)
            full = opened.extract(self.progress,
                                  page_read=OcrShowing(first, self.report, self._stop))
            if self.cancelled():
                return
            if self.cache is not None:
                write_cache(self.cache, full)
            self._shown(full, complete=True)
        except ReadingCancelled:
            return
        except EncryptedError:
            if not self.cancelled():
                self.report.password_needed(self.path, self.password is not None)
        except KantlijnError as error:
            self._failed(str(error))
        except Exception as error:  # a broken file must never show a traceback
            self._failed(f"could not read {self.path}: {error}")

    def _shown(self, extraction: Extraction, complete: bool) -> None:
        if complete and not self.cancelled():
            prepare_fingerprint(extraction)  # here, so adding it on the UI thread looks it up
        if not self.cancelled():
            self.report.shown(extraction, complete)

    def _first_shown(self, first: Extraction) -> None:
        """Report the first page, and let it be painted before reading on."""
        self._shown(first, complete=False)
        self._wait_painted()

    def _wait_painted(self) -> None:
        """Wait until the first page is on the screen (stop if the reader is gone)."""
        if self.painted is not None and not self.cancelled():
            self.painted.wait(PAINT_WAIT)
        self._stop()

    def _failed(self, reason: str) -> None:
        if not self.cancelled():
            self.report.failed(reason)

    def progress(self, done: int, total: int) -> None:
        """Between chunks of pages: stop when cancelled, else tell the reader how far."""
        self._stop()
        self.report.progress(done, total)

    def _stop(self) -> None:
        """Stop reading (raise :class:`ReadingCancelled`) once the reader is gone."""
        if self.cancelled():
            raise ReadingCancelled

    def _from_cache(self) -> bool:
        """A known document: its page at the saved position at once, then all of it.

        A file that moved or was deleted still opens from the cache (reported missing
        first). False when the document must be read from the file.
        """
        cached = self.cached
        if cached is None:
            return False
        if cached.missing and not self.cancelled():
            self.report.source_missing(self.path)
        if self.first is not None:
            self._wait_painted()
        elif (first := cached.first_page()) is not None:
            self._first_shown(first)
        full = cached.whole()
        if full is None:
            return False
        self._shown(full, complete=True)
        return True
