"""The help screen: the keys that work right now, read from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for every active binding of ``screen``, keys grouped per action."""
    app = screen.app
    grouped: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        key = (binding.action, binding.description)
        grouped.setdefault(key, []).append(app.get_key_display(binding))
    return [(", ".join(dict.fromkeys(keys)), desc) for (_, desc), keys in grouped.items()]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen below it; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close_help"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        """``rows`` from :func:`binding_rows` of the screen that asked for help."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """A table of keys and what they do."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys  (remap them in ~/.config/kantlijn/keymap.toml)"),
                         id="help-title")
            yield Static(table, id="help-table")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss()
