"""Two versions of a nota side by side: only the paragraphs that differ."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.core.dossier.compare import Difference
from tui.core.model import Nota
from tui.core.text import clean_line, clean_text
from tui.dialogs.base import Dialog


class CompareDialog(Dialog):
    """Lists what changed from ``first`` to ``second``; escape closes."""

    def __init__(self, first: Nota, second: Nota, differences: list[Difference]) -> None:
        """Show ``differences`` between the nota's ``first`` and ``second`` versions."""
        super().__init__()
        self.first = first
        self.second = second
        self.differences = differences

    def compose(self) -> ComposeResult:
        """Title and one block per difference."""
        with Vertical(classes="dialog dialog-compare"):
            yield Static(Text(f"Nota {self.first.index} → nota {self.second.index}: "
                              f"{clean_line(self.first.title)}"), classes="dialog-title")
            with VerticalScroll(id="compare-list"):
                if not self.differences:
                    yield Static(Text("The two versions have the same text."))
                for difference in self.differences:
                    yield Static(self._block(difference), classes="compare-block")
            yield Static(Text("esc closes"), classes="dialog-hint")

    def _block(self, difference: Difference) -> Text:
        text = Text()
        text.append(f"{difference.change}\n", style="bold")
        for paragraph in difference.first:
            text.append(f"− {clean_text(paragraph)}\n", style="red")
        for paragraph in difference.second:
            text.append(f"+ {clean_text(paragraph)}\n", style="green")
        return text
