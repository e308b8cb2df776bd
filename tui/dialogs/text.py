"""The text dialog: a note or a comment, several lines long."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from tui.actions import bindings
from tui.core.text import clean_line
from tui.dialogs.base import Dialog


class TextDialog(Dialog):
    """A multi-line text (a note, a comment): ctrl+s or Save saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("text_dialog")

    def __init__(self, title: str, text: str = "") -> None:
        """Edit ``text`` under ``title``."""
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        """Title, the text area, buttons."""
        with Vertical(classes="dialog dialog-text"):
            yield Static(Text(clean_line(self.title_text)), classes="dialog-title")
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        """Type at once, at the end of the text."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close with the text."""
        self.dismiss(self.query_one(TextArea).text)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
