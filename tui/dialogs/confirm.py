"""The confirm dialog: a yes/no question before something that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.actions import bindings
from tui.core.text import clean_line
from tui.dialogs.base import Dialog

CONFIRMED = "yes"
"""What the dialog is dismissed with when the user says yes (else None)."""


class ConfirmDialog(Dialog):
    """A question and what it means; ``y`` or the first button says yes, escape or ``n`` no."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm")

    def __init__(self, title: str, text: str, yes: str) -> None:
        """Ask ``title``, explain with ``text``; ``yes`` labels the button that goes ahead."""
        super().__init__()
        self.title_text = title
        self.text = text
        self.yes = yes

    def compose(self) -> ComposeResult:
        """Title, explanation, buttons (no is focused: enter alone never destroys)."""
        with Vertical(classes="dialog"):
            yield Static(Text(clean_line(self.title_text)), classes="dialog-title")
            yield Static(Text(self.text), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Keep it (n)", id="no")

    def on_mount(self) -> None:
        """The safe choice has the focus."""
        self.query_one("#no").focus()

    def action_confirm(self) -> None:
        """Go ahead."""
        self.dismiss(CONFIRMED)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.action_confirm()

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.action_cancel()
