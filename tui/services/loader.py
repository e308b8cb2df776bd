"""Reading a document for the reader, in its worker thread: from the cache or the file.

:class:`DocumentLoader` runs inside the reader's thread worker and posts what it has as
messages (:mod:`tui.messages`): the page at the saved position first, then the
whole document. It asks ``cancelled()`` before every message and between chunks of pages
(through the progress callback, where :class:`ReadingCancelled` stops the extraction), so a
reader that was left stops using the CPU and gets no late messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

from tui.core.document import OpenedDocument, first_page, open_document
from tui.core.errors import EncryptedError, KantlijnError
from tui.core.library.records import Position
from tui.messages import (
    DocumentShown,
    ExtractProgress,
    OpenFailed,
    PasswordNeeded,
    SourceMissing,
)
from tui.services.library import StoreLibrary

CallInUi = Callable[..., Any]
"""Runs a function in the UI thread and returns its result (``App.call_from_thread``)."""


class ReadingCancelled(Exception):
    """Raised from the progress callback: nobody waits for this document any more."""


class DocumentLoader:
    """Reads one document and posts it to the reader; :meth:`run` runs in a worker thread."""

    def __init__(
        self,
        path: str,
        post: Callable[[Message], object],
        cancelled: Callable[[], bool],
        *,
        password: str | None = None,
        opened: OpenedDocument | None = None,
        store: StoreLibrary | None = None,
        call_in_ui: CallInUi | None = None,
    ) -> None:
        """Read ``path`` (or the already ``opened`` document), via ``store``'s cache if it can.

        ``post`` sends a message to the reader; ``cancelled`` says the reader is gone;
        ``call_in_ui`` runs library look-ups in the UI thread (the library is not thread-safe).
        """
        self.path = path
        self.password = password
        self.opened = opened
        self.store = store
        self._post = post
        self.cancelled = cancelled
        self._call_in_ui = call_in_ui or (lambda function, *args: function(*args))

    def run(self) -> None:
        """Post page 1 (or the saved page) at once, then the whole document, or why not."""
        try:
            if self._from_cache():
                return
            opened = self.opened or open_document(self.path, self.password)
            self.post(DocumentShown(first_page(opened), complete=False))
            full = opened.extract(self.progress)
            if self.cancelled():
                return
            if self.store is not None:
                self.store.write_cache(full)
            self.post(DocumentShown(full, complete=True))
        except ReadingCancelled:
            return
        except EncryptedError:
            self.post(PasswordNeeded(self.path, wrong=self.password is not None))
        except KantlijnError as error:
            self.post(OpenFailed(str(error)))
        except Exception as error:  # a broken file must never show a traceback
            self.post(OpenFailed(f"could not read {self.path}: {error}"))

    def post(self, message: Message) -> None:
        """Send ``message`` to the reader, unless it is gone."""
        if not self.cancelled():
            self._post(message)

    def progress(self, done: int, total: int) -> None:
        """Between chunks of pages: stop when cancelled, else tell the reader how far."""
        if self.cancelled():
            raise ReadingCancelled
        self.post(ExtractProgress(done, total))

    def _from_cache(self) -> bool:
        """A known document: its page at the saved position at once, then all of it.

        A file that moved or was deleted still opens from the cache (with a
        :class:`SourceMissing` first). False when the document must be read from the file.
        """
        if self.store is None or not self.path:
            return False
        sha = self.store.sha_of(self.path)
        if sha is None:
            sha = self._call_in_ui(self.store.cached_sha_of_missing, self.path)
            if sha is None:
                return False
            self.post(SourceMissing(self.path))
        position: Position | None = self._call_in_ui(self.store.position, sha)
        first = self.store.cached_page(sha, position.page if position else 1)
        if first is not None:
            self.post(DocumentShown(first, complete=False))
        full = self.store.cached_by_hash(sha)
        if full is None:
            return False
        self.post(DocumentShown(full, complete=True))
        return True
