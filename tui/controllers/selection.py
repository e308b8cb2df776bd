"""The keyboard text selection (``v``) on a page view: start, move, and what is selected."""

from __future__ import annotations

from tui.core.model import Span
from tui.widgets.page_view import PageView
from tui.widgets.selection import Caret, LineIndex, move, quote_of, selected_spans


class TextSelection:
    """Selects text in ``view`` from a start to a caret; the view draws it."""

    def __init__(self, view: PageView) -> None:
        """Select in ``view``."""
        self.view = view
        self._lines: LineIndex | None = None

    @property
    def active(self) -> bool:
        """True while a selection is under way."""
        return self.view.selection is not None

    def start(self) -> str | None:
        """Start at the first line on screen (the view never moves); or say why not."""
        view = self.view
        if not view.is_laid_out:
            return "Still reading the document…"
        self._lines = view.line_index()
        caret = self._first_caret(self._lines)
        if caret is None:
            return "No text to select."
        view.set_selection((caret, caret))
        view.focus()  # the selection keys are the page view's
        return None

    def _first_caret(self, lines: LineIndex) -> Caret | None:
        key = self.view.first_visible_line() or self.view.reading_position()
        if key not in lines.keys or not lines.text(*key).strip():
            found = next((k for k in lines.keys if k >= key and lines.text(*k).strip()), None)
            if found is None:
                return None
            key = found
        text = lines.text(*key)
        return Caret(*key, len(text) - len(text.lstrip()))

    def move(self, how: str) -> None:
        """Move the caret; the selection runs from where it started to the caret."""
        if self.view.selection is None or self._lines is None:
            return
        start, caret = self.view.selection
        self.view.set_selection((start, move(self._lines, caret, how)))

    def restart(self) -> None:
        """Start the selection again where the caret is: a selection can begin mid-line."""
        if self.view.selection is not None:
            caret = self.view.selection[1]
            self.view.set_selection((caret, caret))

    def cancel(self) -> None:
        """Drop the selection."""
        self.view.set_selection(None)

    def selected(self) -> tuple[list[Span], str] | None:
        """The selected spans and their text, or None when nothing is selected."""
        if self.view.selection is None or self._lines is None:
            return None
        spans = selected_spans(self._lines, *self.view.selection)
        quote = quote_of(self._lines, spans)
        return (spans, quote) if quote else None
