"""Small dialogs for what the user adds to a comment: tags, a tag to remove, a note.

Every label built from user or PDF text is a literal ``Text`` (never markup).
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui.core.text import clean_line

TAG_RULE = "separated by commas (spaces stay in a tag)"
"""How typed tags are split, as the tag input's placeholder says it."""


def split_tags(value: str) -> list[str]:
    """Tags typed in one go: commas separate them, spaces belong to a tag.

    ``"needs check, SZW"`` is two tags and ``"needs check"`` one; runs of spaces become one,
    empty parts and duplicates (ignoring case) are dropped.
    """
    seen: dict[str, str] = {}
    for part in value.split(","):
        tag = " ".join(part.split())
        if tag:
            seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


class TagSuggester(Suggester):
    """Completes the tag being typed (the last one) from existing tags, ignoring case."""

    def __init__(self, tags: list[str]) -> None:
        """Offer ``tags`` (most used first)."""
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        """``value`` with its last tag completed, or None."""
        match = re.search(r"[^,\s][^,]*$", value)  # the tag after the last comma
        if match is None:
            return None
        typed = match.group(0).casefold()
        for tag in self.tags:
            if tag.casefold().startswith(typed) and tag.casefold() != typed:
                return value + tag[len(typed) :]  # keep what was typed, as typed
        return None


class _Dialog(ModalScreen[str | None]):
    """A centred box; escape cancels (dismisses with None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog_cancel"),
    ]

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)


class TagDialog(_Dialog):
    """Asks for tags to add; completes from the tags already in the library."""

    def __init__(self, about: str, tags: list[str]) -> None:
        """``about`` names the comment; ``tags`` are the existing tags for completion."""
        super().__init__()
        self.about = about
        self.tags = tags

    def compose(self) -> ComposeResult:
        """Title, the input and a hint."""
        with Vertical(classes="dialog"):
            yield Static(Text("Tag " + clean_line(self.about)), classes="dialog-title")
            yield Input(
                placeholder=f"tags, {TAG_RULE}",
                suggester=TagSuggester(self.tags), id="tag-input",
            )
            yield Static(Text("enter adds · → takes the suggestion · esc cancels"),
                         classes="dialog-hint")

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if split_tags(event.value) else None)


class PickDialog(_Dialog):
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


class TextDialog(_Dialog):
    """A multi-line text (a note, a comment): ctrl+s or Save saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="dialog_save"),
    ]

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
