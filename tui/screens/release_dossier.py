"""The dossier of a Woo release (``D`` on a release): an overview taken in at a glance, then
the inventory with the findings first.

The overview is three columns of bars: documents by judgement, redactions by ground,
findings by kind. Below it one table: every finding (kind, document, page, sentence), then
every document of the inventory, those with findings first. Enter on a finding opens its
document at its page; on a document, at its first page. Escape goes back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.actions import Scope, bindings
from tui.core.dossier.bars import bar_lines
from tui.core.release.model import docnr_key
from tui.core.release.store import Part, StoredRelease
from tui.core.text import clean_line, counted
from tui.messages import OpenDocument

COLUMNS = ("What", "ID", "Page", "Judgement", "Grounds (listed → found)", "Text")
OVERVIEW = (("Documents by judgement", "documents_by_judgement"),
            ("Redactions by ground", "redactions_by_ground"),
            ("Findings by kind", "findings_by_kind"))
BAR_WIDTH = 16
TEXT_WIDTH = 90


def _cell(value: object) -> Text:
    return Text(clean_line("" if value is None else str(value)))


def _fit(text: str, width: int = TEXT_WIDTH) -> str:
    line = " ".join(clean_line(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def overview_text(title: str, counts: dict[str, int], width: int = BAR_WIDTH) -> Text:
    """One overview column: its title, then a bar per entry (names as plain text) of at
    most ``width`` cells."""
    text = Text(title, style="bold")
    lines = bar_lines(counts, width)
    names = max((len(clean_line(name)) for name, _, _ in lines), default=0)
    for name, drawn, count in lines:
        text.append(f"\n{clean_line(name):<{names}} ")
        text.append(f"{drawn:<{width}}", style="bold")
        text.append(f" {count}")
    if not lines:
        text.append("\nnone")
    return text


class ReleaseDossierScreen(Screen[None]):
    """The release at a glance, then its findings and inventory; enter goes to a page."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("release_dossier")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("release_dossier",)

    def __init__(self, release: StoredRelease) -> None:
        """The dossier of ``release`` as the library recorded it."""
        super().__init__()
        self.release = release
        self.targets: list[tuple[Part | None, int | None]] = []
        """What each table row points at: a document and a page within it (None: its first)."""

    def compose(self) -> ComposeResult:
        """Title, the overview's three columns, the table."""
        yield Static(Text(f"kantlijn · dossier · {clean_line(self.release.title)}"),
                     id="release-title")
        counts = self.release.report.get("overview", {})
        # The three columns side by side: bars shorter on a narrow terminal.
        width = BAR_WIDTH if self.app.size.width >= 120 else BAR_WIDTH // 2
        with Horizontal(id="release-overview"):
            for title, key in OVERVIEW:
                yield Static(overview_text(title, dict(counts.get(key, {})), width),
                             classes="overview-column")
        findings = self.release.findings
        yield Static(Text(f"{counted(len(findings), 'finding')} · "
                          f"{counted(len(self.release.parts), 'document')} listed"),
                     id="release-summary")
        yield DataTable(id="release-inventory", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table: findings, then documents (those with findings first)."""
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label)
        parts = {docnr_key(p.docnr): p for p in self.release.parts}
        documents = {docnr_key(str(d.get("docnr", ""))): d
                     for d in self.release.report.get("documents", [])}
        for finding in self.release.findings:
            key = docnr_key(str(finding.get("docnr") or ""))
            part = parts.get(key)
            page = finding.get("page")
            table.add_row(_cell(finding.get("kind")), _cell(finding.get("docnr") or ""),
                          _cell(page or ""), _cell(part.judgement if part else ""),
                          _cell(""), _cell(_fit(str(finding.get("text", "")))))
            self.targets.append((part, page if isinstance(page, int) else None))
        for part in sorted(self.release.parts, key=lambda p: not p.findings):
            table.add_row(*self._document_cells(part, documents.get(docnr_key(part.docnr))))
            self.targets.append((part, None))
        table.focus()

    @staticmethod
    def _document_cells(part: Part, data: dict[str, Any] | None) -> list[Text]:
        listed = ", ".join([*(data or {}).get("grounds_inventory", []),
                            *(data or {}).get("reasons_inventory", [])])
        found = ", ".join((data or {}).get("grounds_found", []))
        grounds = f"{listed or '–'} → {found or '–'}"
        span = f"{part.first_page}–{part.last_page}" if part.pages > 1 else part.first_page
        pages = f"file {span}" if part.doc else "–"  # a finding's page counts in its document
        what = f"document ({counted(part.findings, 'finding')})" if part.findings else "document"
        return [_cell(what), _cell(part.docnr), _cell(pages), _cell(part.judgement or "–"),
                _cell(grounds), _cell(_fit(part.name))]

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` rows."""
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_back(self) -> None:
        """Back to the release's documents."""
        self.dismiss(None)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if not 0 <= event.cursor_row < len(self.targets):
            return
        part, page = self.targets[event.cursor_row]
        if part is None or part.doc is None or part.path is None:
            self.notify("That document is not in the release.", severity="warning")
            return
        within = min(max(page or 1, 1), max(part.pages, 1))
        self.post_message(OpenDocument(part.path, part.first_page + within - 1))
