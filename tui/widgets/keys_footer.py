"""A screen's line of keys, drawn once the screen has painted what it is for."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer whose keys wait for :meth:`show_keys`.

    A footer makes a widget per key and lays them out again whenever the screen's bindings
    change, several times while a screen starts (focus moves, the document arrives): in the
    reader that is a fifth of a second of CPU before page 1 could be painted, and the
    library's, below a reader opened at start-up, a tenth more. Until
    :meth:`show_keys` the line is there, empty, in the footer's colours, so nothing moves
    when the keys come.
    """

    def __init__(self) -> None:
        super().__init__()
        self._held = True

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Lay out the keys again: not while they are held back."""
        if not self._held:
            super().bindings_changed(screen)

    def show_keys(self) -> None:
        """Show the keys (from now on, they follow the bindings as in any footer)."""
        if self._held and self.is_attached:
            self._held = False
            # In this widget's own turn, as the screen's signal would: its keys are made
            # (and bound to it) there.
            self.call_next(self.bindings_changed, self.screen)
