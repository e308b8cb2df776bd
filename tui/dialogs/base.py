"""The base of every dialog: a centred modal box that escape closes without a result."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.screen import ModalScreen

from tui.actions import bindings


class Dialog(ModalScreen[str | None]):
    """A centred box; escape cancels (dismisses with None)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("dialog")

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
