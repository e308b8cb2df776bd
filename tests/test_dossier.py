"""The dossier of the sample release: nota's and versions, the ground ledger, the reviewer's
questions (answered or open, kept and searchable), the timeline, and the screen."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_fixtures import FreeText, Highlight, Note, Redaction, make_pdf
from reader_fixture import reader_when_read
from textual.widgets import DataTable, Static

from tui.app import make_app
from tui.core.anchoring.questions import asks
from tui.core.document import load
from tui.core.dossier.build import build_dossier
from tui.core.dossier.compare import compare
from tui.core.dossier.output import dossier_csv, dossier_markdown
from tui.core.library.library import Library
from tui.core.model import Annotation, Extraction
from tui.core.search.library_search import LibrarySearch
from tui.screens.dossier import DossierScreen
from tui.screens.reader import ReaderScreen

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"


def test_notas_in_date_order_with_decisions_and_the_two_versions_paired(
    sample: Extraction,
) -> None:
    notas = build_dossier(sample).notas
    assert len(notas) == 8
    dates = [n.date for n in notas]
    assert dates == sorted(dates)  # date order
    assert {n.decision for n in notas} == {"TER VOORBEREIDING", "TER BESLISSING"}
    december = [n for n in notas if n.date == "2024-12-17"]
    assert len(december) == 2 and december[0].versions == [december[1].index]
    assert december[1].versions == [december[0].index]
    first = notas[0]
    assert (first.discussed_date, first.discussed_by) == ("2024-10-15", "Staatssecretaris")
    # Counted as the reader counts: the highlight a FreeText stands beside is its passage.
    assert first.comments_by_author == {"Nobel, J.N.J.": 4}


def test_the_ground_ledger_follows_the_notes_in_the_release(sample: Extraction) -> None:
    dossier = build_dossier(sample)
    # "Lakken op grond van diplomatieke betrekkingen" -> 5.1.2a,
    # "... financiële belangen" -> 5.1.2b (as the notes in the release say)
    assert set(dossier.grounds) == {"5.1.2a", "5.1.2b"}
    stated = [r for r in dossier.redactions if r.ground == "5.1.2a"]
    assert stated and all("diplomatieke betrekkingen" in (r.stated_by or "") for r in stated)
    assert all("tweede lid, onder a" in (r.wording or "") for r in stated)
    assert sum(dossier.grounds.values()) + len(dossier.unstated) == len(dossier.redactions)
    assert len(dossier.redactions) == sum(1 for a in sample.annotations
                                          if a.kind == "redaction")
    by_nota = dossier.grounds_by_nota
    assert sum(sum(c.values()) for c in by_nota.values()) == sum(dossier.grounds.values())


def test_both_reviewer_questions_with_their_passages(sample: Extraction) -> None:
    questions = build_dossier(sample).questions
    assert [(q.page, q.contents.split("?")[0][:9]) for q in questions] == [
        (20, "Welke dan"), (21, "Waarom in")]
    assert questions[0].anchor == "Hiervoor zijn al aanwijzingen."
    assert "Zweden" in (questions[1].anchor or "")
    assert all(q.status == "open" for q in questions)


@pytest.mark.parametrize(
    ("text", "question"),
    [("Welke dan?", True), ("Waarom in Zweden wel hier niet", True), ("Klopt dit bedrag", True),
     ("Is dit nodig", True), ("Lakken op grond van diplomatieke betrekkingen", False),
     ("Staatssecretaris besproken 15-10-2024", False), ("Akkoord", False)],
)
def test_what_counts_as_a_question(text: str, question: bool) -> None:
    assert asks(Annotation(id="x", kind="freetext", subtype="FreeText", page=1,
                           contents=text)) is question


def test_the_timeline_is_in_order_and_holds_nota_dates_stamps_and_comments(
    sample: Extraction,
) -> None:
    timeline = build_dossier(sample).timeline
    assert [e.date[:10] for e in timeline] == sorted(e.date[:10] for e in timeline)
    kinds = {e.kind for e in timeline}
    assert {"nota", "discussed", "comment"} <= kinds
    assert any(e.kind == "discussed" and e.date == "2024-10-15" for e in timeline)


def test_comparing_the_two_versions_names_the_paragraph_that_changed(
    sample: Extraction,
) -> None:
    december = [n for n in sample.notas if n.date == "2024-12-17"]
    differences = compare(sample, *december)
    assert differences and all(d.change in {"changed", "added", "removed"}
                               for d in differences)
    assert any("Zweden" in " ".join(d.first + d.second) for d in differences)
    assert compare(sample, december[0], december[0]) == []


def test_answered_or_open_survives_a_restart_and_is_searchable(
    tmp_path: Path, sample: Extraction
) -> None:
    path = tmp_path / "library.json"
    doc = sample.document.sha256
    welke = build_dossier(sample).questions[0]
    with Library.open(path) as library:
        library.add_document(sample, SAMPLE)
        library.questions.mark(doc, welke.id, "answered", "Zie de brief van 3 februari")
    with Library.open(path) as library:  # a new process, as it were
        states = {ann: s for (_, ann), s in library.questions.states(doc).items()}
        again = build_dossier(sample, states).questions
        assert (again[0].status, again[0].answer) == ("answered", "Zie de brief van 3 februari")
        assert again[1].status == "open"
        search = LibrarySearch(library)
        search.sync()
        assert [h.annotation for h in search.search("is:answered")] == [welke.id]
        assert [h.annotation for h in search.search("is:open")] == [again[1].id]
        library.questions.mark(doc, welke.id, "open")
        library.flush()
        search.sync()
        assert search.count("is:open") == 2 and search.count("is:answered") == 0
        search.close()


def test_the_dossier_command_in_every_format(tmp_path: Path) -> None:
    def run(fmt: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "dossier", str(SAMPLE), "--format", fmt,
             "--library", str(tmp_path / "library.json")],
            capture_output=True, text=True, check=True,
        )
        return done.stdout

    data = json.loads(run("json"))
    assert set(data) >= {"document", "notas", "grounds", "redactions",
                         "unapplied_redactions", "questions", "timeline"}
    assert data["grounds"] == {"5.1.2a": 7, "5.1.2b": 6} or set(data["grounds"]) == {
        "5.1.2a", "5.1.2b"}
    assert {"id", "contents", "anchor", "status"} <= set(data["questions"][0])
    rows = list(csv.DictReader(io.StringIO(run("csv"))))
    assert {r["section"] for r in rows} == {"nota", "redaction", "question", "event"}
    markdown = run("md")
    assert markdown.startswith("# Dossier: ") and "## The reviewer's questions" in markdown


async def test_the_screen_marks_a_question_answered_and_opens_the_reader_there(
    library: Library, tmp_path: Path,
) -> None:
    app = make_app(library, str(SAMPLE))
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("D")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        await pilot.press("4")  # the questions
        await pilot.press("a")
        await pilot.pause()
        assert screen.dossier.questions[0].status == "answered"
        states = app.library.questions.states()
        assert [s[0] for s in states.values()] == ["answered"]
        await pilot.press("enter")  # back to the reader at the question
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        thread = reader.page_view.focused_thread()
        assert thread is not None and (thread.root.contents or "").startswith("Welke dan?")


def test_snapshot_of_the_dossier(library: Library, snap_compare: object, tmp_path: Path) -> None:
    async def open_dossier(pilot: object) -> None:
        app = pilot.app  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        await pilot.press("D")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]

    app = make_app(library, str(SAMPLE))
    assert snap_compare(app, terminal_size=(160, 48), run_before=open_dossier)  # type: ignore[operator]


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """Three reviewers on one memo: one only highlights and underlines; a question; a
    redaction nobody stated a ground for."""
    return make_pdf(tmp_path / "memo.pdf", [[
        "Hiervoor zijn al aanwijzingen.", "Het budget is verhoogd.", "Naam: Jansen.",
    ]], [
        Highlight(phrase="Hiervoor zijn al aanwijzingen.", name="h1", author="Nobel"),
        FreeText(beside="Hiervoor", text="Welke dan?", name="f1", author="Nobel"),
        Highlight(phrase="budget", name="h2", author="Vries"),
        Highlight(phrase="verhoogd", kind="Underline", name="u1", author="Vries"),
        Note(beside="Het budget", text="Akkoord", name="n1", author="Bakker"),
        Redaction(phrase="Jansen", name="r1"),
    ])


def test_every_reviewer_counts_and_an_unstated_ground_is_a_row(
    reviewed: Path, tmp_path: Path
) -> None:
    dossier = build_dossier(load(reviewed))
    assert dossier.notas[0].comments_by_author == {"Nobel": 1, "Vries": 2, "Bakker": 1}
    markdown = dossier_markdown(dossier)
    assert "| not stated | — | 1 |" in markdown
    assert "\n1 redaction; 1 without a stated ground" in markdown
    assert "\n1 open question of 1.\n" in markdown
    rows = list(csv.DictReader(io.StringIO(dossier_csv(dossier))))
    assert [r["ground"] for r in rows if r["section"] == "redaction"] == ["not stated"]


def test_the_answer_shows_beside_its_question(reviewed: Path, tmp_path: Path) -> None:
    extraction = load(reviewed)
    dossier = build_dossier(extraction, {"f1": ("answered", "Zie de brief van 3 februari")})
    markdown = dossier_markdown(dossier)
    assert ("- **answered** · p. 1 · Welke dan?\n  *Answer:* Zie de brief van 3 februari\n"
            in markdown)
    assert "0 open questions of 1" in markdown
    question = next(r for r in csv.DictReader(io.StringIO(dossier_csv(dossier)))
                    if r["section"] == "question")
    assert (question["status"], question["answer"], question["passage"]) == (
        "answered", "Zie de brief van 3 februari", "Hiervoor zijn al aanwijzingen.")


async def test_the_screen_shows_the_answer_beside_the_question(
    reviewed: Path, library: Library
) -> None:
    app = make_app(library, str(reviewed))
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await reader_when_read(pilot)
        assert reader.doc is not None
        library.questions.mark(reader.doc, "f1", "answered", "Zie de brief")
        await pilot.press("D")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DossierScreen)
        table = screen.query_one("#dossier-questions", DataTable)
        cells = [str(c) for c in table.get_row_at(0)]
        assert cells[:4] == ["answered", "1", "Welke dan?", "Zie de brief"]
        summary = str(screen.query_one("#dossier-summary", Static).content)
        assert "1 nota · 1 redaction (1 without a stated ground" in summary
        assert summary.endswith("0 open questions")
        grounds = screen.query_one("#dossier-grounds", DataTable)
        assert [str(c) for c in grounds.get_row_at(0)][:2] == ["not stated", "1"]
