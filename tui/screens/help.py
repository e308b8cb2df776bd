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

from tui.actions import HelpRow, bindings


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen below it; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, rows: list[HelpRow], keymap_file: str) -> None:
        """``rows`` of keys, what they do and their binding ids (:func:`~tui.actions.help_rows`);
        ``keymap_file`` is where the user remaps them."""
        super().__init__()
        self.rows = rows
        self.keymap_file = keymap_file

    def compose(self) -> ComposeResult:
        """A table of keys, what they do and the id to remap them by."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_column(style="dim")
        for row in self.rows:
            table.add_row(Text(row.keys), Text(row.label), Text(row.ids))
        how = (f"Remap a key in {self.keymap_file} by the id on the right, e.g.\n"
               '[keymap]\nnext_comment = "n,down"')
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys"), id="help-title")
            yield Static(table, id="help-table")
            yield Static(Text(how), id="help-keymap")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss()
