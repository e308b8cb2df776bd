"""The help screen: the keys of the screen below it, with the user's keymap applied."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.actions import bindings


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen below it; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, rows: list[tuple[str, str]], keymap_file: str) -> None:
        """``rows`` of ``(keys, what they do)`` (:func:`tui.actions.help_rows`)."""
        super().__init__()
        self.rows = rows
        self.keymap_file = keymap_file

    def compose(self) -> ComposeResult:
        """A table of keys and what they do."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box"):
            yield Static(Text(f"Keys  (remap them in {self.keymap_file})"), id="help-title")
            yield Static(table, id="help-table")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss()
