"""Messages between the parts of the app, as small dataclasses.

Workers come back to the UI only by messages: the reading worker posts
:class:`DocumentShown`, :class:`ExtractProgress`, :class:`OcrProgress`, :class:`OpenFailed`,
:class:`PasswordNeeded` and :class:`SourceMissing` to the reader (through
:class:`PostedLoading`), the index worker :class:`IndexProgress` and :class:`IndexReady` to
the app, the reader's find worker :class:`FindProgress` and :class:`FindDone` to the page
view (and on up to the reader). Screens post :class:`OpenDocument`, :class:`ShowLibrary` and
:class:`UserDataChanged` up to the app, which acts on them (screens never reach into the
app's attributes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.model import Extraction

if TYPE_CHECKING:  # the search (and its query compiler) is not needed to show page 1
    from tui.core.search.found import Found
    from tui.core.search.results import Hit


@dataclass
class DocumentShown(Message):
    """Part (the first page) or all of the document is ready to show."""

    extraction: Extraction
    complete: bool


@dataclass
class ExtractProgress(Message):
    """``done`` of ``total`` pages read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """Only the newest progress matters."""
        return isinstance(message, ExtractProgress)


@dataclass
class OcrProgress(Message):
    """``done`` of ``total`` pages without a text layer read by OCR; ``seconds_left`` is
    the estimate once a page was read (None before)."""

    done: int
    total: int
    seconds_left: float | None

    def can_replace(self, message: Message) -> bool:
        """Only the newest progress matters."""
        return isinstance(message, OcrProgress)


@dataclass
class OpenFailed(Message):
    """The document could not be read; ``text`` is a one-line reason."""

    text: str


@dataclass
class PasswordNeeded(Message):
    """The PDF is encrypted: no password was given (``wrong`` False) or it was wrong."""

    path: str
    wrong: bool


@dataclass
class SourceMissing(Message):
    """The file is no longer at ``path``: the document is shown from the library's cache."""

    path: str


@dataclass(frozen=True, slots=True)
class PostedLoading:
    """The reading worker's report (:class:`tui.services.loader.LoadReport`), posted as
    messages to the reader."""

    post: Callable[[Message], object]
    """``Screen.post_message`` (thread-safe)."""

    def shown(self, extraction: Extraction, complete: bool) -> None:
        """Post :class:`DocumentShown`."""
        self.post(DocumentShown(extraction, complete))

    def progress(self, done: int, total: int) -> None:
        """Post :class:`ExtractProgress`."""
        self.post(ExtractProgress(done, total))

    def ocr_progress(self, done: int, total: int, seconds_left: float | None) -> None:
        """Post :class:`OcrProgress`."""
        self.post(OcrProgress(done, total, seconds_left))

    def failed(self, reason: str) -> None:
        """Post :class:`OpenFailed`."""
        self.post(OpenFailed(reason))

    def password_needed(self, path: str, wrong: bool) -> None:
        """Post :class:`PasswordNeeded`."""
        self.post(PasswordNeeded(path, wrong))

    def source_missing(self, path: str) -> None:
        """Post :class:`SourceMissing`."""
        self.post(SourceMissing(path))


@dataclass
class IndexProgress(Message, bubble=False):  # the app hands it on to the screen showing it
    """The search index is being built: ``done`` of ``total`` documents read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """Only the newest progress matters."""
        return isinstance(message, IndexProgress)


@dataclass
class IndexReady(Message, bubble=False):
    """The search index reflects the library as it was when the update started."""

    changed: int


@dataclass
class FindProgress(Message):
    """The reader's find number ``job`` is ``done`` of ``total`` steps through the document."""

    job: int
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        """Only the newest progress matters."""
        return isinstance(message, FindProgress)


@dataclass
class FindDone(Message):
    """The reader's find number ``job`` ended: its matches (None: it was stopped)."""

    job: int
    found: Found | None
    keep: bool
    """The current match stays where it was (the document was shown again)."""


@dataclass
class OpenDocument(Message):
    """Open ``path`` in the reader (from the library screen), at ``page`` when given (a
    document of a combined release starts there)."""

    path: str
    page: int | None = None


@dataclass
class NotOpened(Message):
    """The reader gave up on ``path`` (told to the library screen, which opened it)."""

    path: str


@dataclass
class ShowLibrary(Message):
    """Close the reader, back to the library."""


@dataclass
class UserDataChanged(Message):
    """Tags or notes changed outside the current screen (the tag manager): redraw them."""


@dataclass
class OpenSearch(Message):
    """Open the search screen with ``query`` typed in."""

    query: str = ""


@dataclass
class OpenHit(Message):
    """Open the reader at a search hit (the comment focused, or the page line shown)."""

    hit: Hit


@dataclass
class TeamChanged(Message, bubble=False):
    """The team library's change feed announced changes up to number ``latest`` (posted
    by the feed's worker thread to the app, which owns the library)."""

    latest: int

    def can_replace(self, message: Message) -> bool:
        """The app reads every change since it last looked: the newest number is enough."""
        return isinstance(message, TeamChanged)


@dataclass
class TeamOffline(Message, bubble=False):
    """The team library's connection broke (``reason``: one line, no password)."""

    reason: str


@dataclass
class LibraryChanged(Message, bubble=False):
    """A teammate changed the library: screens redraw what they show of it, keeping their
    place. ``docs``: the documents whose tags, notes or own annotations changed (None:
    unknown, any may have)."""

    docs: frozenset[str] | None = None
