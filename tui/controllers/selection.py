"""The keyboard text selection (``v``) on a page view: the one place it starts, moves and
ends.

The selection itself is a :class:`~tui.reading.selection.Selection` (pure: where it started,
the caret, its spans and quote); :class:`TextSelection` keeps it, changes it on the
selection keys and gives every new one to the page view to draw. What the selection keys do
otherwise — a highlight or a comment on it — the annotation controller does with
:meth:`TextSelection.selected`.
"""

from __future__ import annotations

from tui.core.model import Span
from tui.reading.selection import Selection
from tui.widgets.page_view import PageView


class TextSelection:
    """Selects text in ``view`` from a start to a caret; the view draws it."""

    def __init__(self, view: PageView) -> None:
        """Select in ``view``."""
        self.view = view
        self.current: Selection | None = None
        """The selection under way, or None."""

    @property
    def active(self) -> bool:
        """True while a selection is under way."""
        return self.current is not None

    def start(self) -> str | None:
        """Start at the first line on screen (the view never moves); or say why not."""
        view = self.view
        if not view.is_laid_out:
            return "Still reading the document…"
        at = view.first_visible_line() or view.reading_position()
        selection = Selection.begin(view.line_index(), at)
        if selection is None:
            return "No text to select."
        self._show(selection)
        view.focus()  # the selection keys are the page view's
        return None

    def move(self, how: str) -> None:
        """Move the caret; the selection runs from where it started to the caret."""
        if self.current is not None:
            self._show(self.current.moved(how))

    def restart(self) -> None:
        """Start the selection again where the caret is: a selection can begin mid-line."""
        if self.current is not None:
            self._show(self.current.restarted())

    def cancel(self) -> None:
        """Drop the selection."""
        self._show(None)

    def selected(self) -> tuple[list[Span], str] | None:
        """The selected spans and their text, or None when nothing is selected."""
        if self.current is None:
            return None
        quote = self.current.quote()
        return (self.current.spans(), quote) if quote else None

    def _show(self, selection: Selection | None) -> None:
        self.current = selection
        self.view.set_selection(selection)
