"""The library: documents the user has read, and a path input to open another PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tui.actions import Scope, bindings
from tui.core.text import clean_line
from tui.messages import OpenDocument, UserDataChanged
from tui.services.library import LibraryEntry, LibrarySource


def _cell(value: object) -> Text:
    """A literal table cell (DataTable would read a plain str as markup)."""
    return Text(clean_line("" if value is None else str(value)))


def _when(stamp: str | None) -> str:
    """An ISO time as ``YYYY-MM-DD HH:MM`` in local time; "never" when unknown."""
    if not stamp:
        return "never"
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16].replace("T", " ")


def _yours(entry: LibraryEntry) -> str:
    """What the user added: own annotations and notes, e.g. ``2 marks, 1 note``."""
    parts = []
    if entry.own:
        parts.append(f"{entry.own} mark" + ("s" if entry.own != 1 else ""))
    if entry.notes:
        parts.append(f"{entry.notes} note" + ("s" if entry.notes != 1 else ""))
    return ", ".join(parts) or "–"


class LibraryScreen(Screen[None]):
    """Lists the library; enter opens the highlighted document in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("library")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("library",)

    def __init__(self, source: LibrarySource) -> None:
        """Show the documents ``source`` knows."""
        super().__init__()
        self.source = source
        self._paths: list[str] = []

    def compose(self) -> ComposeResult:
        """Title, the document table and the path input."""
        yield Static(Text("kantlijn · library"), id="library-title")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Input(placeholder="path of a PDF or comment summary to open, then enter",
                    id="open-path")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and put the cursor on the first document."""
        table = self.query_one(DataTable)
        table.add_columns("Title", "Pages", "Comments", "Tags", "Yours", "Last opened", "File")
        self.action_refresh()
        table.focus()

    def on_screen_resume(self) -> None:
        """Coming back from the reader: show what was opened meanwhile."""
        self.action_refresh()

    @property
    def paths(self) -> list[str]:
        """The file of each listed document, in table order."""
        return list(self._paths)

    def action_refresh(self) -> None:
        """Reload the entries."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        entries = self.source.entries()
        self._paths = [e.path for e in entries]
        for entry in entries:
            table.add_row(*self._cells(entry))
        if entries:
            table.move_cursor(row=min(max(0, row), len(entries) - 1))

    @staticmethod
    def _cells(entry: LibraryEntry) -> list[Text]:
        return [
            _cell(entry.title),
            _cell(entry.pages if entry.pages is not None else "–"),
            _cell(entry.comments if entry.comments is not None else "–"),
            _cell(len(entry.tags) or "–"),
            _cell(_yours(entry)),
            _cell(_when(entry.last_opened)),
            _cell(Path(entry.path).name),
        ]

    def action_focus_path(self) -> None:
        """Type a path to open."""
        self.query_one("#open-path").focus()

    def action_focus_table(self) -> None:
        """Back to the list."""
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._paths):
            self._open(self._paths[event.cursor_row])

    @on(Input.Submitted, "#open-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())

    def _open(self, path: str) -> None:
        self.post_message(OpenDocument(path))

    @on(UserDataChanged)
    def _user_data_changed(self) -> None:
        self.action_refresh()
