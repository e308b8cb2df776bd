"""A Woo release's documents (enter on a release in the library).

One row per document as the inventory lists it (then the documents it does not name): its
number, name, date, judgement, the comments in it and the findings about it. Enter opens the
document in the reader (a document of a combined PDF at its first page in the file);
``D`` shows the release's dossier; escape goes back to the library.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.actions import Scope, bindings
from tui.core.release.store import Part, StoredRelease
from tui.core.text import clean_line, counted
from tui.messages import OpenDocument

COLUMNS = ("ID", "Name", "Date", "Judgement", "Comments", "Findings", "Pages")


def _cell(value: object) -> Text:
    """A literal cell: text from an inventory or a PDF is never markup."""
    return Text(clean_line("" if value is None else str(value)))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def summary(release: StoredRelease) -> str:
    """The line under the title: documents, findings, judgements."""
    counts = release.report.get("overview", {}).get("documents_by_judgement", {})
    judged = ", ".join(f"{n} {j}" for j, n in counts.items())
    listed = len(release.parts)
    return (f"{counted(release.documents, 'document')} in the release, {listed} listed · "
            f"{counted(len(release.findings), 'finding')}" + (f" · {judged}" if judged else ""))


class ReleaseScreen(Screen[None]):
    """The documents of one release; enter reads one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("release")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("release",)

    def __init__(self, release: StoredRelease, comments: dict[str, int] | None = None) -> None:
        """Show ``release``; ``comments`` are the library's comment counts per document
        hash (a document of its own file), else the release's own count is shown."""
        super().__init__()
        self.release = release
        self.comments = comments or {}

    def compose(self) -> ComposeResult:
        """Title, summary, the documents."""
        yield Static(Text(f"kantlijn · release · {clean_line(self.release.title)}"),
                     id="release-title")
        yield Static(Text(summary(self.release)), id="release-summary")
        yield DataTable(id="release-documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table; the keys go to it."""
        table = self.query_one(DataTable)
        name_width = max(20, min(90, (self.size.width or 100) - 60))
        for label in COLUMNS:
            table.add_column(label)
        for part in self.release.parts:
            table.add_row(*self._cells(part, name_width))
        table.focus()

    def _cells(self, part: Part, name_width: int) -> list[Text]:
        comments = self._comments(part)
        return [
            _cell(part.docnr), _cell(_fit(clean_line(part.name), name_width)),
            _cell(part.date or ""), _cell(part.judgement or "–"),
            _cell(comments if part.doc else "–"), _cell(part.findings or "–"),
            _cell(part.pages if part.doc else "not in the release"),
        ]

    def _comments(self, part: Part) -> int:
        """A document of its own file: the library's count; a part of a combined PDF: the
        release's (the library counts the whole file)."""
        if part.doc is not None and self.release.form == "folder" and part.doc in self.comments:
            return self.comments[part.doc]
        return part.comments

    @property
    def selected(self) -> Part | None:
        """The document under the cursor."""
        table = self.query_one(DataTable)
        parts = self.release.parts
        return parts[table.cursor_row] if 0 <= table.cursor_row < len(parts) else None

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` rows."""
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_back(self) -> None:
        """Back to the library."""
        self.dismiss(None)

    def action_dossier(self) -> None:
        """The release's dossier: the overview, then the inventory with the findings."""
        from tui.screens.release_dossier import ReleaseDossierScreen

        self.app.push_screen(ReleaseDossierScreen(self.release))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        part = self.selected
        if part is None:
            return
        if part.doc is None or part.path is None:
            self.notify(f"Document {clean_line(part.docnr)} is not in the release.",
                        severity="warning", markup=False)
            return
        # A document of its own file opens where the user last read it; one of a combined
        # PDF at its first page there.
        combined = self.release.form == "combined"
        self.post_message(OpenDocument(part.path, part.first_page if combined else None))
