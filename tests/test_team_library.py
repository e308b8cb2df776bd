"""The team library on a real PostgreSQL server: members, their rows, what the database
refuses, the change sequence."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest
from team_fixture import Team

from tui.core.errors import KantlijnError
from tui.core.model import Extraction
from tui.core.team.changes import ChangeFeed
from tui.core.team.library import TeamLibrary


def _shared(team: Team, sample: Extraction, sample_pdf: Path) -> tuple[str, str]:
    with TeamLibrary.open(team.uri("alice")) as alice:
        record = alice.add_document(sample, sample_pdf)
    return record.sha256, sample.annotations[0].id


def test_members_are_database_roles_and_see_each_others_work(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        assert (alice.member, bob.member) == ("alice", "bob")
        alice.tag(doc, ann, "Follow-up")
        assert bob.tag(doc, ann, "follow-up", "ministerie") == ["Follow-up", "ministerie"]
        bob.set_note(doc, ann, "vragen bij de woordvoering")
        data = alice.annotation_data(doc)[ann]
        assert data["tags_by"] == {"Follow-up": ["alice", "bob"], "ministerie": ["bob"]}
        assert data["notes_by"] == {"bob": "vragen bij de woordvoering"}
        assert data["note"] is None  # alice's own note: none yet
        assert alice.documents()[0].tags == {"Follow-up": 1, "ministerie": 1}


def test_a_document_is_stored_once_and_opens_for_every_member(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, _ = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("bob")) as bob:
        bob.add_document(sample, sample_pdf)  # the same hash again: nothing new
        assert len(bob.documents()) == 1
        extraction = bob.cached_extraction(doc)
        assert extraction is not None
        assert [a.id for a in extraction.annotations] == [a.id for a in sample.annotations]
        local = bob.pdf_path(doc)
        assert local is not None and local.read_bytes() == sample_pdf.read_bytes()
    with psycopg.connect(team.owner_uri) as owner:
        count = owner.execute("SELECT count(*) FROM kantlijn.files").fetchone()
    assert count == (1,)


def test_two_members_tagging_the_same_comment_at_once_lose_nothing(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def member(name: str) -> None:
        try:
            with TeamLibrary.open(team.uri(name)) as library:
                start.wait()
                for n in range(40):
                    library.tag(doc, ann, f"{name}-{n}", "gedeeld")
                    library.set_note(doc, ann, f"{name} versie {n}")
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=member, args=(name,)) for name in ("alice", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with TeamLibrary.open(team.uri("alice")) as alice:
        tags_by = alice.annotation_data(doc)[ann]["tags_by"]
        assert tags_by["gedeeld"] == ["alice", "bob"] or tags_by["gedeeld"] == ["bob", "alice"]
        for name in ("alice", "bob"):
            assert all(tags_by[f"{name}-{n}"] == [name] for n in range(40))
        assert alice.notes_by(doc, ann) == {"alice": "alice versie 39", "bob": "bob versie 39"}
        history = [text for _, member, text, _ in alice.note_history(doc, ann)
                   if member == "bob"]
        assert history == [f"bob versie {n}" for n in range(40)]  # earlier versions kept


def test_the_database_refuses_a_foreign_note_edit_and_tag_removal(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.set_note(doc, ann, "van alice")
        alice.tag(doc, ann, "alice-tag")
    with psycopg.connect(team.uri("bob"), autocommit=True) as bob:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bob.execute("INSERT INTO kantlijn.notes (doc, annotation, member, text) "
                        "VALUES (%s, %s, 'alice', 'vervalst')", (doc, ann))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # versions are kept
            bob.execute("UPDATE kantlijn.notes SET text = 'vervalst' WHERE member = 'alice'")
        assert bob.execute("DELETE FROM kantlijn.tags WHERE member = 'alice'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("DELETE FROM kantlijn.changes")
    with TeamLibrary.open(team.uri("bob")) as library:
        with pytest.raises(KantlijnError, match="alice's: a member removes only their own"):
            library.untag(doc, ann, "alice-tag")
        assert library.notes_by(doc, ann) == {"alice": "van alice"}
        assert library.tags_of(doc, ann) == ["alice-tag"]


def test_own_annotations_carry_their_member_and_only_they_change_them(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, _ = _shared(team, sample, sample_pdf)
    mine = sample.annotations[0]
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        from dataclasses import replace

        own_id = alice.add_own_annotation(doc, replace(mine, author=None, contents="eigen"))
        assert [a.author for a in bob.own_annotations(doc)] == ["alice"]
        with pytest.raises(KantlijnError, match="alice's"):
            bob.edit_own_annotation(doc, own_id, "vervalst")
        with pytest.raises(KantlijnError, match="alice's"):
            bob.delete_own_annotation(doc, own_id)
        alice.edit_own_annotation(doc, own_id, "herzien")
        assert [a.contents for a in bob.own_annotations(doc)] == ["herzien"]


def test_undo_undoes_only_the_members_own_operations(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        alice.tag(doc, ann, "gedeeld")
        bob.tag(doc, ann, "gedeeld")
        bob.set_note(doc, ann, "eerste")
        bob.set_note(doc, ann, "tweede")
        assert bob.undo() is not None
        assert bob.note_of(doc, ann) == "eerste"
        assert bob.undo() is not None and bob.undo() is not None
        assert bob.note_of(doc, ann) is None
        assert alice.annotation_data(doc)[ann]["tags_by"] == {"gedeeld": ["alice"]}
        assert bob.undo() is None  # nothing of bob's left; alice's tag stays
        assert bob.redo() is not None
        assert bob.annotation_data(doc)[ann]["tags_by"]["gedeeld"] == ["alice", "bob"]


def test_question_marks_carry_their_member(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("alice")) as alice, \
            TeamLibrary.open(team.uri("bob")) as bob:
        alice.questions.mark(doc, ann, "answered", "in de Kamerbrief")
        assert bob.questions.states(doc) == {(doc, ann): ("answered", "in de Kamerbrief")}
        bob.questions.mark(doc, ann, "open")
        assert alice.questions.marks() == {(doc, ann): ("open", None, "bob")}


def test_a_change_reaches_a_listening_member_with_its_number(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc, ann = _shared(team, sample, sample_pdf)
    with TeamLibrary.open(team.uri("bob")) as bob:
        seen = bob.generation
        feed = ChangeFeed(team.uri("bob"))
        try:
            with TeamLibrary.open(team.uri("alice")) as alice:
                alice.tag(doc, ann, "live")
            numbers: list[int] = []
            while not numbers:  # the notification is sent at commit: it is there already
                numbers = feed.wait(timeout=5.0)
        finally:
            feed.close()
        changes = bob.changes_since(seen)
        assert [c.seq for c in changes] == numbers
        assert [(c.member, c.kind, c.action, c.annotation) for c in changes] == [
            ("alice", "tags", "insert", ann)]
