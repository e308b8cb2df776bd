"""The pick dialog: one of a few choices (e.g. the tag to remove)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text import clean_line
from tui.dialogs.base import Dialog


class PickDialog(Dialog):
    """Pick one of a few choices (e.g. the tag to remove); enter picks."""

    def __init__(self, title: str, choices: list[str], labels: list[str] | None = None) -> None:
        """Offer ``choices`` (shown as ``labels`` when given)."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.labels = labels or choices

    def compose(self) -> ComposeResult:
        """Title and the list."""
        with Vertical(classes="dialog"):
            yield Static(Text(clean_line(self.title_text)), classes="dialog-title")
            options = [Option(Text(clean_line(text)), id=str(i))
                       for i, text in enumerate(self.labels)]
            yield OptionList(*options, id="pick-list")

    def on_mount(self) -> None:
        """The first choice is highlighted: enter takes it."""
        choices = self.query_one("#pick-list", OptionList)
        choices.focus()
        choices.highlighted = 0

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)])
