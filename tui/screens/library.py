"""The library: documents the user has read, and a path input to open another PDF.

The table keys follow the reader (``j``/``k``/``g``/``G``); ``delete`` removes a document
from the library after asking (the file itself is never touched). The columns that tell
documents apart — title, file name, kind — come first and share what width there is, so an
80-column terminal still shows them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from tui.actions import Scope, bindings
from tui.core.errors import KantlijnError
from tui.core.library.surface import LibrarySurface
from tui.core.release.store import ReleaseStore
from tui.core.text import clean_line, counted
from tui.dialogs.confirm import CONFIRMED, ConfirmDialog
from tui.dialogs.pick import PickDialog
from tui.messages import LibraryChanged, NotOpened, OpenDocument, UserDataChanged
from tui.services.library import LibraryEntry, documents, entries, flush, is_team
from tui.services.live import connection_errors, trouble
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.path_input import PathInput


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


COLUMNS = ("Title", "File", "Kind", "Comments", "Tags", "Yours", "Last opened", "Pages")
KINDS = {"pdf": "PDF", "summary": "summary", "release": "release"}
"""How the Kind column names a document's source."""


def _kind(entry: LibraryEntry) -> str:
    """The Kind column: a release with its counts, copies with their forms."""
    if entry.release is not None:
        findings = len(entry.release.findings)
        return (f"release: {counted(entry.release.documents, 'doc')}, "
                f"{counted(findings, 'finding')}")
    kind = KINDS.get(entry.source, entry.source)
    if entry.copies:
        return f"{kind}: " + " + ".join(form for form, _ in entry.copies)
    return kind


def _fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, shortened with an ellipsis."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _fit_name(name: str, width: int) -> str:
    """A file name in ``width`` cells, shortened in the middle: names of one release often
    differ only at the end (``…-gepubliceerd.pdf``)."""
    if len(name) <= width:
        return name
    tail = max(1, (width - 1) * 3 // 5)
    return name[: max(0, width - 1 - tail)] + "…" + name[-tail:]


def _yours(entry: LibraryEntry) -> str:
    """What the user added: own annotations and notes, e.g. ``2 marks, 1 note``."""
    parts = []
    if entry.own:
        parts.append(counted(entry.own, "mark"))
    if entry.notes:
        parts.append(counted(entry.notes, "note"))
    return ", ".join(parts) or "–"


def _what_goes(entry: LibraryEntry) -> str:
    """What the user loses with a document: ``your 2 tags, 1 note and 3 marks``."""
    parts = [
        counted(count, one)
        for count, one in ((len(entry.tags), "tag"), (entry.notes, "note"), (entry.own, "mark"))
        if count
    ]
    if not parts:
        return "You have no tags, notes or marks of your own on it."
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Your {listed} on it go with it; they cannot be brought back."


class LibraryScreen(Screen[None]):
    """Lists the library; enter opens the highlighted document in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("library")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("library",)

    def __init__(self, library: LibrarySurface) -> None:
        """Show the documents of ``library``."""
        super().__init__()
        self.library = library
        self._paths: list[str] = []
        self._entries: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        """Title, the document table and the path input."""
        yield Static(Text("kantlijn · library"), id="library-title")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield PathInput(placeholder="path of a PDF or comment summary to open (tab completes), "
                        "then enter", id="open-path")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Fill the table and put the cursor on the first document (not when a reader opened
        over it at start-up: the table is filled when the library is shown)."""
        if self.is_current:
            self.action_refresh()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Coming back from the reader: show what was opened meanwhile, keys on the list."""
        self.action_refresh()
        self.query_one(DataTable).focus()
        self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        """The keys, once the list is painted, and only when it is shown (not below a
        reader opened at start-up, whose first page would wait for them)."""
        if self.is_active:
            self.query_one(KeysFooter).show_keys()

    def on_resize(self) -> None:
        """Share the new width out between the columns again."""
        self.action_refresh()

    @property
    def paths(self) -> list[str]:
        """The file of each listed document, in table order."""
        return list(self._paths)

    @property
    def entries(self) -> list[LibraryEntry]:
        """The listed documents, in table order."""
        return list(self._entries)

    def action_refresh(self) -> None:
        """Reload the entries."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        try:
            self._entries = entries(self.library)
        except connection_errors() as error:  # a team library away: the list stays as it was
            self.log.warning(trouble(error))
            return
        self._paths = [e.path for e in self._entries]
        title_width, file_width = self._text_widths()
        rows = [self._cells(entry, title_width, file_width) for entry in self._entries]
        # Widths given, not measured: a table filled again between two refreshes would
        # otherwise draw its rows once at the widths of the column labels.
        table.clear(columns=True)
        for index, label in enumerate(COLUMNS):
            if label == "Yours" and is_team(self.library):
                label = "Team's"  # notes and marks of every member
            width = max([len(label), *(cells[index].cell_len for cells in rows)])
            table.add_column(label, width=width)
        for cells in rows:
            table.add_row(*cells)
        if self._entries:
            table.move_cursor(row=min(max(0, row), len(self._entries) - 1))

    def _text_widths(self) -> tuple[int, int]:
        """Title and file name widths: together about two thirds of the screen."""
        width = self.size.width or 80
        return max(16, min(60, int(width * 0.36))), max(14, min(40, int(width * 0.3)))

    @staticmethod
    def _cells(entry: LibraryEntry, title_width: int, file_width: int) -> list[Text]:
        return [
            _cell(_fit(clean_line(entry.title), title_width)),
            _cell(_fit_name(Path(entry.path).name + ("/" if entry.release is not None
                                                     and entry.release.form == "folder"
                                                     else ""), file_width)),
            _cell(_kind(entry)),
            _cell(entry.comments if entry.comments is not None else "–"),
            _cell(len(entry.tags) or "–"),
            _cell(_yours(entry)),
            _cell(_when(entry.last_opened)),
            _cell(entry.pages if entry.pages is not None else "–"),
        ]

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` documents down (or up)."""
        table = self.query_one(DataTable)
        table.focus()
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_move_edge(self, end: int) -> None:
        """The first (0) or the last (1) document."""
        table = self.query_one(DataTable)
        table.focus()
        table.move_cursor(row=max(0, table.row_count - 1) if end else 0)

    def action_remove(self) -> None:
        """Remove the highlighted document from the library, after asking."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self._entries):
            return
        entry = self._entries[table.cursor_row]
        if entry.release is not None:
            self._remove_release(entry)
            return
        if entry.sha256 is None:
            return
        sha = entry.sha256

        def done(answer: str | None) -> None:
            if answer == CONFIRMED:
                try:
                    self.library.remove_document(sha)
                except KantlijnError as error:  # a team library keeps its documents
                    self.notify(str(error), severity="warning", markup=False)
                    return
                flush(self.library)
                self.notify(f"Removed {clean_line(entry.title)} from the library "
                            f"(the file stays at {clean_line(entry.path)}).", markup=False)
                self.action_refresh()

        self.app.push_screen(ConfirmDialog(
            f"Remove “{entry.title}” from the library?",
            f"{_what_goes(entry)} The file itself stays where it is: {entry.path}",
            "Remove",
        ), done)

    def action_dossier(self) -> None:
        """The dossier of the release under the cursor (``D``)."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self._entries):
            return
        release = self._entries[table.cursor_row].release
        if release is None:
            self.notify("D shows the dossier of a Woo release; open a document for its own.",
                        severity="warning")
            return
        from tui.screens.release_dossier import ReleaseDossierScreen

        self.app.push_screen(ReleaseDossierScreen(release))

    def _remove_release(self, entry: LibraryEntry) -> None:
        """A release goes with all its documents (letter and inventory too), after asking."""
        release = entry.release
        assert release is not None
        known = {e.sha256 for e in documents(self.library)}
        members = [sha for sha in release.members if sha in known]

        def done(answer: str | None) -> None:
            if answer == CONFIRMED:
                for sha in members:
                    self.library.remove_document(sha)
                ReleaseStore(self.library.path).forget(release.path)
                flush(self.library)
                self.notify(f"Removed the release {clean_line(entry.title)} from the library "
                            f"(its files stay at {clean_line(entry.path)}).", markup=False)
                self.action_refresh()

        self.app.push_screen(ConfirmDialog(
            f"Remove the release “{entry.title}” from the library?",
            f"Its documents ({len(members)}) go with it. {_what_goes(entry)} "
            f"The files stay where they are: {entry.path}", "Remove",
        ), done)

    def action_focus_path(self) -> None:
        """Type a path to open."""
        # Focus now, not after a refresh: the keys typed right after the key that asked
        # for the field must reach it (see tui.services.typed_ahead).
        self.set_focus(self.query_one("#open-path"))

    def action_focus_table(self) -> None:
        """Back to the list."""
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if not 0 <= event.cursor_row < len(self._entries):
            return
        # Linked copies: the first (live) one; a release opens on its documents (the app
        # knows it by its path).
        self._open(self._entries[event.cursor_row].path)

    def action_copies(self) -> None:
        """Linked copies: pick which form to read (live, published, version N)."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self._entries):
            return
        entry = self._entries[table.cursor_row]
        if not entry.copies:
            self.notify("This document has no linked copies.", severity="warning")
            return
        paths = [copy.path for _, copy in entry.copies]
        labels = [f"{form}  ·  {Path(copy.path).name}  ·  "
                  f"{counted(copy.comments or 0, 'comment')}" for form, copy in entry.copies]

        def done(path: str | None) -> None:
            if path:
                self._open(path)

        self.app.push_screen(PickDialog(f"Which copy of “{entry.title}”?", paths, labels), done)

    @on(Input.Submitted, "#open-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())

    def _open(self, path: str) -> None:
        self.post_message(OpenDocument(path))

    @on(NotOpened)
    def _not_opened(self, message: NotOpened) -> None:
        """A path typed that did not open: the path box takes the keys again, to correct it."""
        path = self.query_one("#open-path", PathInput)
        if path.value.strip() == message.path:
            path.focus_to_edit()

    @on(UserDataChanged)
    @on(LibraryChanged)
    def _user_data_changed(self) -> None:
        self.action_refresh()
