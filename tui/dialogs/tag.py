"""The tag dialog: tags to add to a comment, completed from the tags already in the library.

Every label built from user or PDF text is a literal ``Text`` (never markup).
"""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from tui.core.text import clean_line
from tui.dialogs.base import Dialog
from tui.widgets.line_input import LineInput

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


class TagDialog(Dialog):
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
            yield LineInput(
                placeholder=f"tags, {TAG_RULE}",
                suggester=TagSuggester(self.tags), id="tag-input",
            )
            yield Static(Text("enter adds · → takes the suggestion · esc cancels"),
                         classes="dialog-hint")

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value if split_tags(event.value) else None)
