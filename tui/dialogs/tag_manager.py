"""The tag manager: every tag in the library with its count; rename one, or merge two."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.errors import KantlijnError
from tui.core.library.surface import LibrarySurface
from tui.core.text import clean_line
from tui.dialogs.base import Dialog
from tui.services.library import flush
from tui.widgets.line_input import LineInput


class TagManager(Dialog):
    """Pick a tag (enter), type its new name (enter): renamed library-wide.

    Renaming onto a tag that already exists merges the two. Dismisses with a line saying
    what changed, or None.
    """

    def __init__(self, library: LibrarySurface) -> None:
        """Manage the tags of ``library``."""
        super().__init__()
        self.library = library
        self.tags = library.all_tags()
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        """Title, the tag list and the new-name input."""
        with Vertical(classes="dialog dialog-tags"):
            yield Static(Text("Tags: rename or merge (enter picks, esc closes)"),
                         classes="dialog-title")
            if not self.tags:
                yield Static(Text("No tags yet: press t on a comment to tag it."))
            yield OptionList(
                *(Option(Text(f"{clean_line(tag)}  ({count})"), id=f"tag-{i}")
                  for i, (tag, count) in enumerate(self.tags)),
                id="tag-list",
            )
            yield LineInput(placeholder="new name (an existing tag merges)", id="tag-new-name")

    def on_mount(self) -> None:
        """Start in the list; the name input appears once a tag is picked."""
        self.query_one("#tag-new-name").display = False
        tags = self.query_one("#tag-list", OptionList)
        tags.focus()
        if self.tags:
            tags.highlighted = 0

    @on(OptionList.OptionSelected, "#tag-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.chosen = self.tags[int((event.option.id or "tag-0").removeprefix("tag-"))][0]
        name = self.query_one("#tag-new-name", Input)
        name.display = True
        name.value = self.chosen
        name.focus()
        name.select_all()

    @on(Input.Submitted, "#tag-new-name")
    def _renamed(self, event: Input.Submitted) -> None:
        new = " ".join(event.value.split())
        old = self.chosen
        if old is None or not new or new == old:
            self.dismiss(None)
            return
        merged = any(t.casefold() == new.casefold() for t, _ in self.tags)
        merged = merged and new.casefold() != old.casefold()
        try:
            self.library.rename_tag(old, new)
        except KantlijnError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        flush(self.library)
        verb = "Merged" if merged else "Renamed"
        self.dismiss(f"{verb} tag {clean_line(old)} into {clean_line(new)}")
