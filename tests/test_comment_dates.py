"""A comment's date is its /CreationDate, else its /M: many writers set only /M, and then the
cards, the exports, date searches and the dossier's timeline must still have a date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pdf_fixtures import FreeText, Highlight, Note, make_pdf
from rich.style import Style

from tui.cli import main
from tui.core.anchoring.threads import build_threads
from tui.core.document import load
from tui.core.dossier.build import build_dossier
from tui.widgets.cards import CardStyles, card_lines

WHEN = "2025-02-07T12:48:35+01:00"  # the fixtures' date (pdf_fixtures.DATE) as ISO


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Comments dated by /M only."""
    return make_pdf(tmp_path_factory.mktemp("dates") / "m-only.pdf", pages=[[
        "Hiervoor zijn al aanwijzingen.", "Waarom in Zweden wel en hier niet?",
    ]], annotations=[
        Highlight(phrase="Hiervoor zijn al aanwijzingen.", name="h1"),
        FreeText(beside="Hiervoor", text="Welke dan?", name="f1"),
        Note(beside="Waarom in Zweden", text="Klopt dit?", name="n1"),
    ], creation_date=False)


def test_the_file_has_only_modified_and_the_date_falls_back_to_it(memo: Path) -> None:
    extraction = load(memo)
    assert {(a.created, a.modified) for a in extraction.annotations} == {(None, WHEN)}
    assert {a.date for a in extraction.annotations} == {WHEN}


def test_cards_show_the_date(memo: Path) -> None:
    styles = CardStyles(Style(), Style(), Style(), Style())
    thread = next(t for t in build_threads(load(memo)) if t.root.id == "n1")
    header = card_lines(thread, "1", 60, styles)[0].plain
    assert header.endswith("· 2025-02-07 12:48")


def test_exports_searches_and_the_timeline_use_it(
    memo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(tmp_path / "library.json")]
    assert main(["import", str(memo), *lib]) == 0
    capsys.readouterr()
    assert main(["export", "-f", "csv", "-o", "-", *lib]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["date"] for r in rows} == {WHEN}
    assert main(["export", "-f", "md", "-o", "-", *lib]) == 0
    assert capsys.readouterr().out.count("· 2025-02-07 12:48") == len(rows)
    for query, found in (("date:2025-02", 3), ("after:2025-02-07", 3), ("before:2025-02-07", 0),
                         ("date:2025-02 welke", 1)):
        assert main(["search", query, "--json", *lib]) == (0 if found else 1)
        assert json.loads(capsys.readouterr().out)["total"] == found, query
    timeline = build_dossier(load(memo)).timeline
    assert [(e.date, e.kind) for e in timeline] == [(WHEN, "comment")] * 2
    questions = build_dossier(load(memo)).questions
    assert {q.date for q in questions} == {WHEN}
