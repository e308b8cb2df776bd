"""The dossier screen (``D`` in the reader): what was decided, withheld and asked.

Five tabs (keys 1–5) over the document: its nota's in date order (versions marked; ``c``
compares two), the redaction ledger per Woo ground, every redaction, the reviewer's questions
(``a`` marks one answered or open, ``e`` writes the answer), and the timeline. Enter on a row
goes back to the reader at that place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from tui.actions import Scope, bindings
from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.anchoring.questions import ANSWERED, OPEN
from tui.core.anchoring.withheld import NOTHING, Reveal
from tui.core.dossier.build import Dossier, QuestionEntry, build_dossier
from tui.core.dossier.compare import compare
from tui.core.dossier.output import UNSTATED
from tui.core.dossier.woo import article
from tui.core.errors import KantlijnError
from tui.core.library.surface import LibrarySurface
from tui.core.model import Extraction
from tui.core.text import clean_line, counted
from tui.dialogs.compare import CompareDialog
from tui.dialogs.text import TextDialog
from tui.services.library import flush, read_only_reason


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader should go: a page, and a comment to focus (or None)."""

    page: int
    annotation: str | None = None


def _cell(value: object) -> Text:
    return Text(clean_line("" if value is None else str(value)))


QUESTION_WIDTH = 48
"""Characters of a question or an answer shown in its column, so the answer stands beside
the question on a normal terminal (the passage, last, may run off)."""


def _short(text: str | None) -> str:
    """``text`` on one line, cut at a word boundary to :data:`QUESTION_WIDTH`."""
    line = " ".join((text or "").split())
    if len(line) <= QUESTION_WIDTH:
        return line
    cut = line[: QUESTION_WIDTH - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


class DossierScreen(Screen[Place | None]):
    """The dossier of one document; dismisses with the place to show in the reader."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("dossier")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("dossier",)

    def __init__(self, extraction: Extraction, library: LibrarySurface,
                 reveal: Reveal | None = None) -> None:
        """The dossier of ``extraction``; marks on questions are kept in ``library``; words
        under redaction marks show only where ``reveal`` says (``r`` in the reader)."""
        super().__init__()
        self.extraction = extraction
        self.library = library
        self.reveal = reveal or NOTHING
        self.doc = extraction.document.sha256
        self._places: dict[str, list[object]] = {}
        """Per table, what each row points at: a page, or (page, annotation id)."""
        self.dossier = self._build()

    def _build(self) -> Dossier:
        marks = self.library.questions.states(self.doc)
        return build_dossier(self.extraction, {ann: s for (_, ann), s in marks.items()},
                             self.reveal.shown_in(self.doc))

    def compose(self) -> ComposeResult:
        """Title, the five tabs, keys."""
        title = self.extraction.document.title or self.extraction.document.path
        yield Static(Text(f"Dossier · {clean_line(title)}"), id="dossier-title")
        with TabbedContent(id="dossier-tabs"):
            for pane_id, label in (("notas", "Nota's"), ("grounds", "Grounds"),
                                   ("redactions", "Redactions"), ("questions", "Questions"),
                                   ("timeline", "Timeline")):
                with TabPane(label, id=f"tab-{pane_id}"):
                    yield DataTable(id=f"dossier-{pane_id}", cursor_type="row",
                                    zebra_stripes=True)
        yield Static(id="dossier-summary")
        yield Footer()

    def on_mount(self) -> None:
        """Fill every table."""
        self._fill()
        self.query_one("#dossier-notas", DataTable).focus()

    def _fill(self) -> None:
        d = self.dossier
        self._table("notas", ("#", "date", "title", "decision", "discussed", "comments",
                              "redactions"), [
            (n.index, n.date, n.title + (f"  [version of {', '.join(map(str, n.versions))}]"
                                         if n.versions else ""), n.decision,
             (f"{n.discussed_date} · {n.discussed_by}" if n.discussed_date else ""),
             ", ".join(f"{a} {c}" for a, c in n.comments_by_author.items()), n.redactions)
            for n in d.notas], [n.first_page for n in d.notas])
        grounds: list[tuple[object, ...]] = [(code, count, article(code), GROUND_LABELS[code])
                                             for code, count in d.grounds.items()]
        if d.unstated:
            grounds.append((UNSTATED, len(d.unstated), "", "nobody stated the ground"))
        self._table("grounds", ("ground", "count", "article", "interest"), grounds,
                    [None] * len(grounds))
        self._table("redactions", ("page", "nota", "ground", "stated by", "applied"), [
            (r.page, r.nota, r.ground or "⚠ not stated", r.stated_by,
             "" if r.applied is None else ("yes" if r.applied else "no: words still in file"))
            for r in d.redactions], [(r.page, r.id) for r in d.redactions])
        self._table("questions", ("status", "page", "question", "answer", "passage"), [
            (q.status, q.page, _short(q.contents), _short(q.answer), q.anchor)
            for q in d.questions], [(q.page, q.id) for q in d.questions])
        self._table("timeline", ("date", "what", "nota"), [
            (e.date[:16].replace("T", " "), e.text, e.nota) for e in d.timeline],
            [e.page for e in d.timeline])
        open_questions = sum(q.status == OPEN for q in d.questions)
        notas = counted(len(d.notas), "nota", "nota's")
        self.query_one("#dossier-summary", Static).update(Text(
            f"{notas} · "
            f"{counted(len(d.redactions), 'redaction')} "
            f"({len(d.unstated)} without a stated ground, {len(d.unapplied)} not applied) · "
            f"{counted(open_questions, 'open question')}"
            + (" · withheld words shown" if d.revealed else "")))

    def _table(self, name: str, columns: tuple[str, ...], rows: list[tuple[object, ...]],
               places: list[object]) -> None:
        table = self.query_one(f"#dossier-{name}", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_columns(*columns)
        for index, row in enumerate(rows):
            table.add_row(*(_cell(v) for v in row), key=str(index))
        self._places[name] = places
        if rows:
            table.move_cursor(row=min(max(0, cursor), len(rows) - 1))

    def _current(self) -> tuple[str, int] | None:
        active = self.query_one(TabbedContent).active.removeprefix("tab-")
        table = self.query_one(f"#dossier-{active}", DataTable)
        return (active, table.cursor_row) if table.row_count else None

    # --- actions ----------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        name = (event.data_table.id or "").removeprefix("dossier-")
        place = self._places.get(name, [])[event.cursor_row]
        if isinstance(place, tuple):
            self.dismiss(Place(int(place[0]), str(place[1])))
        elif isinstance(place, int):
            self.dismiss(Place(place))

    def action_move(self, step: int) -> None:
        """The next (1) or previous (-1) row of the table shown."""
        active = self.query_one(TabbedContent).active.removeprefix("tab-")
        table = self.query_one(f"#dossier-{active}", DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_show_tab(self, name: str) -> None:
        """Show tab ``name`` (1–5) with its table focused."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        self.query_one(f"#dossier-{name}", DataTable).focus()

    def action_back(self) -> None:
        """Back to the reader where it was."""
        self.dismiss(None)

    def action_toggle_answered(self) -> None:
        """Mark the question under the cursor answered (or open again)."""
        question = self._question()
        if question is None:
            return
        status = OPEN if question.status == ANSWERED else ANSWERED
        self._mark(question.id, status, question.answer)

    def action_answer(self) -> None:
        """Write the answer to the question under the cursor (it becomes answered)."""
        question = self._question()
        if question is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self._mark(question.id, ANSWERED if text.strip() else question.status, text)

        self.app.push_screen(TextDialog(f"Answer to “{question.contents[:40]}”",
                                        question.answer or ""), done)

    def _question(self) -> QuestionEntry | None:
        current = self._current()
        if current is None or current[0] != "questions":
            self.notify("Go to the Questions tab and pick a question.", severity="warning")
            return None
        return self.dossier.questions[current[1]]

    def _mark(self, annotation_id: str, status: str, answer: str | None) -> None:
        problem = read_only_reason(self.library)
        try:
            if problem is None:
                self.library.questions.mark(self.doc, annotation_id, status, answer)
        except KantlijnError as error:  # the team library refused, or went away
            problem = str(error)
        if problem is not None:
            self.notify(problem, severity="warning", markup=False)
            return
        flush(self.library)  # the search index follows: is:open / is:answered
        self.dossier = self._build()
        self._fill()
        self.notify(f"Question marked {status}.", markup=False)

    def action_compare(self) -> None:
        """Show the paragraphs that differ between the nota under the cursor and its
        other version."""
        current = self._current()
        notas = self.dossier.notas
        if current is None or current[0] != "notas" or not notas[current[1]].versions:
            copies = getattr(self.library, "copies", None)  # a team library links none yet
            if copies is not None and len(copies.copies(self.doc)) > 1:  # compare them
                self.app.call_later(self.app.run_action, "compare_copies")
                return
            self.notify("Pick a nota marked as a version (Nota's tab).", severity="warning")
            return
        entry = notas[current[1]]
        by_index = {n.index: n for n in self.extraction.notas}
        first, second = by_index[entry.index], by_index[entry.versions[0]]
        older, newer = sorted((first, second), key=lambda n: n.index)
        self.app.push_screen(CompareDialog(older, newer,
                                           compare(self.extraction, older, newer)))
