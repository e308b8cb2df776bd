""""Did you mean …?" from the index's own vocabulary, and hits that say which document they
are in when two documents share a title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_fixtures import FreeText, make_pdf

from tui.cli import main
from tui.core.search.suggest import edits

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "sample_docs").glob("*.pdf"))


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--library", str(tmp_path / "library.json")]
    assert main(["import", *map(str, SAMPLES), *args]) == 0
    capsys.readouterr()
    return args


@pytest.mark.parametrize(("query", "scope", "offered"), [
    ("zwedne", "comments", "zweden"),  # two letters swapped: one edit
    ("zweeden", "text", "zweden"),
    ("aanwijzngen", "all", "aanwijzingen"),
    ("welke dna", "comments", "welke dan"),  # the word being typed, corrected too
    ("kind:freetext zwden", "comments", "kind:freetext zweden"),
])
def test_a_word_with_no_hits_gets_the_nearest_word_of_the_index_on_stderr(
    lib: list[str], capsys: pytest.CaptureFixture[str], query: str, scope: str, offered: str,
) -> None:
    assert main(["search", query, "--scope", scope, *lib]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"no hits\ndid you mean {offered}?\n"


def test_nothing_is_offered_for_a_word_far_from_every_word_or_with_hits(
    lib: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "xyzzyq", *lib]) == 1
    assert "did you mean" not in capsys.readouterr().err
    assert main(["search", "zweden", *lib]) == 0
    assert "did you mean" not in capsys.readouterr().err


def test_edits_count_a_swap_as_one_and_stop_past_the_limit() -> None:
    assert [edits("zwedne", "zweden", 2), edits("zweden", "zweden", 2),
            edits("zweeden", "zweden", 2), edits("abcdef", "uvwxyz", 2)] == [1, 0, 1, 3]


def test_hits_of_documents_sharing_a_title_say_which_document(
    lib: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [["Waarom hier wel?"]]
    for name in ("versie-a.pdf", "versie-b.pdf"):
        make_pdf(tmp_path / name, lines, [FreeText(beside="Waarom", text=f"Apart {name}")],
                 title="Eén titel")
        assert main(["import", str(tmp_path / name), *lib]) == 0
    capsys.readouterr()
    assert main(["search", "apart", "--json", *lib]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert sorted(h["document"]["apart"] for h in hits) == ["versie-a.pdf", "versie-b.pdf"]
    # The two samples are copies of one release: a comment, and a line of page text, is one
    # hit, the live copy's.
    assert main(["search", "zweden", "--scope", "text", "--json", *lib]) == 0
    found = json.loads(capsys.readouterr().out)["hits"]
    assert {h["document"]["apart"] for h in found} == {"nota-actieagenda-integratie.pdf"}
