"""Messages the reader's background extraction posts back to the screen."""

from __future__ import annotations

from textual.message import Message

from tui.core.model import Extraction


class DocumentShown(Message):
    """Part (the first page) or all of the document is ready to show."""

    def __init__(self, extraction: Extraction, complete: bool) -> None:
        super().__init__()
        self.extraction = extraction
        self.complete = complete


class ExtractProgress(Message):
    """``done`` of ``total`` pages read."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        """Only the newest progress matters."""
        return isinstance(message, ExtractProgress)


class OpenFailed(Message):
    """The document could not be read; ``text`` is a one-line reason."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SourceMissing(Message):
    """The file is no longer at ``path``: the document is shown from the library's cache."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
