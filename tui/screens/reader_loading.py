"""The reader's progress line, which reads the document: the worker, a password, giving up.

:class:`DocumentReading` runs a :class:`~tui.services.loader.DocumentLoader` in its worker
thread and shows how far it got. What the loader finds on the way it deals with itself: it
asks for a password (three tries) and reads again, or says why the document cannot be shown
and closes the reader; it says when the file moved and the library's copy is shown. The
document itself (:class:`~tui.messages.DocumentShown`) and the moved file
(:class:`~tui.messages.SourceMissing`) go on up to the reader screen.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from tui.core.document import OpenedDocument
from tui.core.library.surface import LibrarySurface
from tui.core.ocr.need import OcrMode
from tui.core.text import clean_line
from tui.dialogs.password import TRIES, PasswordDialog
from tui.messages import (
    DocumentShown,
    ExtractProgress,
    OcrProgress,
    OpenFailed,
    PasswordNeeded,
    PostedLoading,
    ShowLibrary,
    SourceMissing,
)
from tui.reading.ocr_status import ocr_warnings
from tui.services.library import CachedDocument, open_cached
from tui.services.loader import DocumentLoader, HeadStart


class DocumentReading(ProgressBar):
    """A progress bar over the reading of one document (hidden once it is read)."""

    def __init__(
        self, path: str, password: str | None, opened: OpenedDocument | None,
        library: LibrarySurface, ocr: OcrMode = "auto", head_start: HeadStart | None = None,
        **kwargs: object,
    ) -> None:
        """Read ``path`` (or the ``opened`` document), from ``library``'s cache if it can;
        ``ocr`` says which pages OCR reads; ``head_start``: what was read of it already."""
        super().__init__(show_eta=False, **kwargs)  # type: ignore[arg-type]
        self.ocr: OcrMode = ocr
        self.path = path
        self.password = password
        self.opened = opened
        self.library = library
        self._password_tries = 0
        self._painted = threading.Event()
        self._head_start = head_start or HeadStart()
        self._first = self._head_start.first

    def start(self) -> None:
        """Read the document in the background, from the library's cache when it is there
        (what the library knows is looked up here, in the UI thread: it is not thread-safe).

        Page 1 given, or in the cache, is shown from here: the reader has it before its first
        frame (a page from the cache takes a few milliseconds) rather than a frame later.
        """
        cached = self._head_start.cached
        if cached is None and not self._head_start.cache_asked and self.path:
            cached = open_cached(self.library, self.path)
        if self._first is None and cached is not None:
            self._first = cached.first_page()
        if self._first is not None:
            self.post_message(DocumentShown(self._first, complete=False))
        self._read(cached)

    @work(thread=True, exclusive=True, group="extract", description="read document")
    def _read(self, cached: CachedDocument | None) -> None:
        """Read the document in this worker thread; leaving the reader cancels it."""
        worker = get_current_worker()
        DocumentLoader(
            self.path, PostedLoading(self.post_message), lambda: worker.is_cancelled,
            password=self.password, opened=self.opened, cached=cached,
            cache=self.library.cache, ocr=self.ocr, painted=self._painted, first=self._first,
        ).run()

    def page_painted(self) -> None:
        """The first page shown is on the screen: the worker reads the rest now."""
        self._painted.set()

    def stop(self) -> None:
        """Cancel the reading worker (it stops at the next chunk of pages)."""
        self.workers.cancel_group(self, "extract")
        self._painted.set()  # a worker waiting for page 1 to be painted sees it is cancelled

    @on(ExtractProgress)
    def _progress(self, message: ExtractProgress) -> None:
        message.stop()
        self.update(total=message.total, progress=message.done)

    @on(OcrProgress)
    def _ocr_progress(self, message: OcrProgress) -> None:
        """The bar follows OCR now (the text layer is read); the reader's status line says
        how many pages and how long, so the message goes on up."""
        self.update(total=message.total, progress=message.done)

    @on(DocumentShown)
    def _shown(self, message: DocumentShown) -> None:
        if message.complete:
            self.display = False
            for warning in ocr_warnings(message.extraction):  # once: the extraction dedups
                self.notify(clean_line(warning), title="OCR", severity="warning",
                            timeout=20, markup=False)

    @on(SourceMissing)
    def _source_missing(self, message: SourceMissing) -> None:
        """Say so; the reader tells it in its status line too."""
        self.notify(f"The PDF is not at {clean_line(message.path)} any more: showing the "
                    "text and comments the library keeps.", title="File not found",
                    severity="warning", markup=False)

    @on(OpenFailed)
    def _failed(self, message: OpenFailed) -> None:
        message.stop()
        self.give_up(message.text)

    def give_up(self, reason: str) -> None:
        """The document cannot be shown: say why and go back to the library."""
        self.notify(clean_line(reason), title="Cannot open", severity="error", markup=False)
        self.display = False
        if len(self.app.screen_stack) > 2:
            self.screen.dismiss()
        else:  # the app was opened on this document: the library takes the reader's place
            self.post_message(ShowLibrary())

    @on(PasswordNeeded)
    def _password_needed(self, message: PasswordNeeded) -> None:
        """Ask for the password (three tries), then read the document again with it."""
        message.stop()
        name = Path(message.path).name
        self.display = False  # nothing is being read while the dialog waits
        if message.wrong and self._password_tries >= TRIES:
            self.give_up(f"Wrong password {TRIES} times: {name} was not opened.")
            return
        self._password_tries += 1

        def done(password: str | None) -> None:
            if password is None:
                self.give_up(f"{name} is encrypted and was not opened.")
                return
            self.password = password
            self.display = True
            self.start()

        self.app.push_screen(PasswordDialog(name, self._password_tries, message.wrong), done)
