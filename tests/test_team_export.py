"""Exports and the dossier of a team library name the member of each tag, note, own
annotation and question mark; a library file's export names none (it is as before).

Alice and bob work on the sample release in a real team library; each format is written by
``kantlijn export`` / ``kantlijn dossier`` as a member runs it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from team_fixture import Team

from tui.cli import main
from tui.core.anchoring.questions import asks
from tui.core.library.library import Library
from tui.core.model import Extraction
from tui.core.team.library import TeamLibrary

FIRST, SECOND = "sample-p01-n01", "sample-p01-n02"


@pytest.fixture
def worked(team: Team, sample: Extraction, sample_pdf: Path) -> dict[str, str]:
    """Alice and bob tag the same comment, each notes another, bob adds a highlight of his
    own and alice answers a question. Returns the ids of bob's highlight and the question."""
    doc = sample.document.sha256
    question = next(a.id for a in sample.annotations if asks(a))
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        alice.add_document(sample, sample_pdf)
        alice.tag(doc, FIRST, "woo")
        bob.tag(doc, FIRST, "woo", "navragen")
        alice.set_note(doc, SECOND, "eerst lezen")
        bob.set_note(doc, SECOND, "vraag de directie")
        own = bob.add_own_annotation(doc, replace(sample.annotations[0], author=None,
                                                  contents="zie ook nota 2"))
        alice.questions.mark(doc, question, "answered", "beantwoord in de Kamerbrief")
    return {"own": own, "question": question}


def _export(capsys: pytest.CaptureFixture[str], library: str, fmt: str,
            query: str = "") -> str:
    code = main(["export", *([query] if query else []), "--format", fmt, "-o", "-",
                 "--library", library])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _items(exported: str) -> dict[str, dict[str, object]]:
    return {a["id"]: a for d in json.loads(exported)["documents"] for a in d["annotations"]}


def test_json_names_the_members_of_each_tag_note_and_own_annotation(
    team: Team, worked: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    items = _items(_export(capsys, team.uri("alice"), "json"))
    assert items[FIRST]["tags"] == ["woo", "navragen"]
    assert items[FIRST]["tags_by"] == {"woo": ["alice", "bob"], "navragen": ["bob"]}
    assert items[SECOND]["notes_by"] == {"alice": "eerst lezen", "bob": "vraag de directie"}
    assert items[SECOND]["tags_by"] == {}
    own = items[worked["own"]]
    assert own["member"] == "bob" and own["mine"] is True
    assert "member" not in items[FIRST]  # the document's comment is nobody's


def test_csv_adds_tags_by_and_member_columns(
    team: Team, worked: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(capsys, team.uri("bob"), "csv"))))
    by_id = {row["id"]: row for row in rows}
    assert list(rows[0])[-2:] == ["tags_by", "member"]
    assert by_id[FIRST]["tags_by"] == "woo: alice, bob; navragen: bob"
    assert by_id[SECOND]["note"] == "alice: eerst lezen\n\nbob: vraag de directie"
    assert by_id[worked["own"]]["member"] == "bob"
    assert by_id[FIRST]["member"] == ""


def test_markdown_puts_each_note_under_its_member(
    team: Team, worked: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = _export(capsys, team.uri("alice"), "md", "tag:woo OR has:note OR by:bob")
    assert "#woo (alice, bob) #navragen (bob)  \n" in text
    assert "*Note (alice):* eerst lezen  \n*Note (bob):* vraag de directie  \n" in text
    assert "**bob's freetext** · bob · " in text  # bob's own comment, seen by alice
    assert "**Your freetext** · bob · " in _export(capsys, team.uri("bob"), "md", "by:bob")


def test_web_annotations_name_the_creator_of_each_body(
    team: Team, worked: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    collection = json.loads(_export(capsys, team.uri("alice"), "jsonld"))
    annotations = {a["id"].rsplit(":", 1)[-1]: a for a in collection["first"]["items"]}
    tags = [(b["value"], [c["name"] for c in b["creator"]])
            for b in annotations[FIRST]["body"] if b["purpose"] == "tagging"]
    assert tags == [("woo", ["alice", "bob"]), ("navragen", ["bob"])]
    notes = [(b["value"], b["creator"]["name"]) for b in annotations[SECOND]["body"]
             if b["purpose"] == "describing"]
    assert notes == [("eerst lezen", "alice"), ("vraag de directie", "bob")]
    assert annotations[worked["own"]]["creator"] == {"type": "Person", "name": "bob"}


def test_the_dossier_says_who_marked_a_question(
    team: Team, worked: dict[str, str], sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["dossier", str(sample_pdf), "--format", "json", "--library", team.uri("bob")])
    out, _ = capsys.readouterr()
    assert code == 0
    questions = {q["id"]: q for q in json.loads(out)["questions"]}
    assert questions[worked["question"]]["status"] == "answered"
    assert questions[worked["question"]]["marked_by"] == "alice"
    main(["dossier", str(sample_pdf), "--library", team.uri("bob")])
    assert "- **answered** (alice) · p." in capsys.readouterr()[0]
    main(["dossier", str(sample_pdf), "--format", "csv", "--library", team.uri("bob")])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr()[0])))
    assert {r["member"] for r in rows if r["section"] == "question"} >= {"alice"}


def test_a_library_file_export_names_no_member(
    tmp_path: Path, sample: Extraction, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.json"
    doc = sample.document.sha256
    with Library.open(path) as library:
        library.add_document(sample, sample_pdf)
        library.tag(doc, FIRST, "woo")
        library.set_note(doc, SECOND, "eerst lezen")
    items = _items(_export(capsys, str(path), "json"))
    assert not {"tags_by", "notes_by", "member"} & (set(items[FIRST]) | set(items[SECOND]))
    header = _export(capsys, str(path), "csv").splitlines()[0]
    assert header.endswith(",mine,id,in_reply_to,citation")
    assert "*Note:* eerst lezen" in _export(capsys, str(path), "md")
    code = main(["dossier", str(sample_pdf), "--format", "json", "--library", str(path)])
    questions = json.loads(capsys.readouterr()[0])["questions"]
    assert code == 0 and questions and "marked_by" not in questions[0]
