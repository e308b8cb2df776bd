"""When the team server goes away: the outbox, the synced copy, reconnecting.

These tests stop and start a real PostgreSQL server mid-test, so they run on a server of
their own (this module's ``postgres``), never the session's shared one.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from postgres_server import PostgresServer, server_or_skip
from team_fixture import Team

from tui.cli import main
from tui.core.errors import KantlijnError
from tui.core.library.opener import open_library
from tui.core.model import Annotation, Extraction
from tui.core.team.library import TeamLibrary, local_folder
from tui.core.team.outbox import Op, Outbox

FIRST = "sample-p01-n01"


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    """This module's own server (stopping it leaves the other tests' server alone)."""
    yield from server_or_skip()


@pytest.fixture(autouse=True)
def server_back(postgres: PostgresServer) -> Iterator[None]:
    """Every test starts, and leaves the server, running."""
    postgres.resume()
    yield
    postgres.resume()


def _app(team: Team, member: str = "alice") -> TeamLibrary:
    library = open_library(team.uri(member), for_app=True)
    assert isinstance(library, TeamLibrary)
    return library


def _server_rows(team: Team, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(team.owner_uri) as owner:
        return [tuple(row) for row in owner.execute(sql).fetchall()]


def _own(sample: Extraction) -> Annotation:
    from dataclasses import replace

    return replace(sample.annotations[0], id="me-00000001", contents="eigen vraag offline")


def test_changes_made_offline_survive_a_kill_and_reach_the_server_once(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer
) -> None:
    doc = team.share(sample, sample_pdf)
    second = sample.annotations[1].id
    library = _app(team)
    assert library.online and library.waiting == 0
    library.tag(doc, FIRST, "voor-offline")
    assert library.refresh()  # as the app does on each change: the copy is taken again

    postgres.halt()
    assert library.tag(doc, FIRST, "offline-tag") == ["voor-offline", "offline-tag"]
    assert not library.online and library.waiting == 1
    assert any("is offline" in notice for notice in library.notices)
    library.set_note(doc, second, "kladje")
    library.set_note(doc, second, "definitief")  # replaces the draft in the outbox
    library.add_own_annotation(doc, _own(sample), keep_id=True)
    library.questions.mark(doc, FIRST, "answered", "zie bijlage")
    assert library.waiting == 4
    assert library.note_of(doc, second) == "definitief"
    assert library.questions.states(doc)[(doc, FIRST)] == ("answered", "zie bijlage")
    assert [a.id for a in library.own_annotations(doc)] == ["me-00000001"]

    del library  # killed: never closed, nothing flushed
    gc.collect()
    waiting = Outbox(local_folder(team.uri("alice"), "alice"))
    assert [op.kind for op in waiting.ops] == ["tag", "note", "own_add", "mark"]

    reopened = _app(team)  # still offline: read-only, the waiting changes shown
    assert reopened.read_only and not reopened.online and reopened.waiting == 4
    assert reopened.tags_of(doc, FIRST) == ["voor-offline", "offline-tag"]
    assert reopened.note_of(doc, second) == "definitief"
    with pytest.raises(KantlijnError, match="read-only until it is back"):
        reopened.tag(doc, FIRST, "niet-nu")

    postgres.resume()
    assert reopened.reconnect()
    assert reopened.online and not reopened.read_only and reopened.waiting == 0
    assert _server_rows(team, "SELECT tag, member FROM kantlijn.tags ORDER BY at") == [
        ("voor-offline", "alice"), ("offline-tag", "alice")]
    assert _server_rows(team, f"SELECT member, text FROM kantlijn.notes WHERE "
                              f"annotation = '{second}'") == [("alice", "definitief")]
    assert _server_rows(team, "SELECT id, member FROM kantlijn.own_annotations") == [
        ("me-00000001", "alice")]
    assert _server_rows(team, "SELECT status, answer FROM kantlijn.questions") == [
        ("answered", "zie bijlage")]
    reopened.tag(doc, FIRST, "weer-online")  # and it writes to the server again
    with TeamLibrary.open(team.uri("bob")) as bob:
        assert bob.tags_of(doc, FIRST) == ["voor-offline", "offline-tag", "weer-online"]
    reopened.close()


def test_the_connection_drops_and_comes_back_in_one_session(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer
) -> None:
    doc = team.share(sample, sample_pdf)
    library = _app(team)
    postgres.halt()
    library.tag(doc, FIRST, "a", "b")
    assert library.waiting == 2
    assert library.undo() == f"tag a, b on the comment {FIRST}"
    assert library.tags_of(doc, FIRST) == [] and library.waiting == 0  # cancelled out
    library.tag(doc, FIRST, "c")
    library.rename_tag("c", "d")
    assert library.tags_of(doc, FIRST) == ["d"]
    assert not library.reconnect()  # still down: nothing lost, still waiting
    assert library.waiting == 2
    postgres.resume()
    assert library.reconnect() and library.waiting == 0
    assert library.tags_of(doc, FIRST) == ["d"]
    assert library.generation == _server_rows(team, "SELECT max(seq) FROM kantlijn.changes")[0][0]
    assert library.undo() == "rename tag c to d"  # made offline, undone online: sent at once
    assert _server_rows(team, "SELECT tag FROM kantlijn.tags") == [("c",)]
    library.close()


def test_unreachable_at_start_opens_read_only_from_the_synced_copy(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer
) -> None:
    doc = team.share(sample, sample_pdf)
    with TeamLibrary.open(team.uri("bob")) as bob:
        bob.tag(doc, FIRST, "van-bob")
        bob.set_note(doc, FIRST, "bob's notitie")
    _app(team).close()  # alice's app synced once
    postgres.halt()

    library = _app(team)
    assert library.read_only and not library.online
    assert [n for n in library.notices if "cannot be reached" in n] == [
        f"the team library at {team.server.socket_dir}/{team.database} cannot be reached: "
        f"offline and read-only, from the copy synced at {_synced_at(team)}"]
    assert [d.sha256 for d in library.documents()] == [doc]
    assert library.documents()[0].tags == {"van-bob": 1}
    assert library.tags_by(doc, FIRST) == {"van-bob": ["bob"]}
    assert library.notes_by(doc, FIRST) == {"bob": "bob's notitie"}
    extraction = library.cached_extraction(doc)
    assert extraction is not None and len(extraction.annotations) == len(sample.annotations)
    assert library.resolve_annotation_id(FIRST) == (doc, FIRST)
    with pytest.raises(KantlijnError, match="read-only"):
        library.set_note(doc, FIRST, "mag niet")
    assert library.waiting == 0


def _synced_at(team: Team) -> str:
    from tui.core.team.synced_copy import load

    copy = load(local_folder(team.uri("alice"), "alice"))
    assert copy is not None
    return copy.shown_time()


def test_unreachable_at_start_without_a_copy_is_one_line(
    team: Team, postgres: PostgresServer
) -> None:
    postgres.halt()
    with pytest.raises(KantlijnError) as raised:
        _app(team)
    message = str(raised.value)
    assert message.startswith(f"cannot reach the team library at {team.server.socket_dir}/"
                              f"{team.database}: ")
    assert "\n" not in message


def test_the_command_line_never_queues(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer,
    capsys: pytest.CaptureFixture[str]
) -> None:
    team.share(sample, sample_pdf)
    _app(team).close()  # a synced copy exists: the command line still does not use it
    postgres.halt()
    code = main(["tag", FIRST, "x", "--library", team.uri("alice")])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(f"kantlijn: cannot reach the team library at "
                          f"{team.server.socket_dir}/{team.database}: ")
    assert err.count("\n") == 1
    assert Outbox(local_folder(team.uri("alice"), "alice")).ops == []


def test_a_library_that_does_not_queue_fails_with_one_line_when_the_server_goes(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer
) -> None:
    doc = team.share(sample, sample_pdf)
    library = TeamLibrary.open(team.uri("alice"))
    postgres.halt()
    with pytest.raises(KantlijnError, match=r"^cannot reach the team library at "):
        library.tag(doc, FIRST, "x")
    assert library.waiting == 0


def test_sending_the_same_outbox_twice_changes_nothing_the_second_time(
    team: Team, sample: Extraction, sample_pdf: Path, postgres: PostgresServer
) -> None:
    doc = team.share(sample, sample_pdf)
    second = sample.annotations[1].id
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.tag(doc, second, "weg")
        alice.add_own_annotation(doc, _own(sample), keep_id=True)
    library = _app(team)
    postgres.halt()
    library.tag(doc, FIRST, "x")
    library.untag(doc, second, "weg")
    library.set_note(doc, FIRST, "een")
    library.set_note(doc, FIRST, "twee")
    library.edit_own_annotation(doc, "me-00000001", "anders")
    library.questions.mark(doc, FIRST, "open")
    library.rename_tag("x", "y")
    folder = local_folder(team.uri("alice"), "alice")
    saved = (folder / "outbox.jsonl").read_bytes()
    assert library.waiting == 6
    postgres.resume()
    assert library.reconnect()
    before = _server_rows(team, "SELECT count(*) FROM kantlijn.changes")
    state = _state(team)

    # killed after the server committed, before the outbox was trimmed: all of it again
    (folder / "outbox.jsonl").write_bytes(saved)
    again = TeamLibrary.open_for_app(team.uri("alice"))
    assert again.waiting == 0  # sent at opening
    assert _server_rows(team, "SELECT count(*) FROM kantlijn.changes") == before
    assert _state(team) == state
    assert state["tags"] == [(FIRST, "y")]
    assert state["notes"] == [("twee",)]
    assert json.loads(state["own"][0][0])["contents"] == "anders"
    again.close()
    library.close()


def _state(team: Team) -> dict[str, list[tuple[object, ...]]]:
    return {
        "tags": _server_rows(team, "SELECT annotation, tag FROM kantlijn.tags ORDER BY 1, 2"),
        "notes": _server_rows(team, "SELECT text FROM kantlijn.notes ORDER BY version"),
        "own": _server_rows(team, "SELECT annotation::text FROM kantlijn.own_annotations"),
        "questions": _server_rows(team, "SELECT status FROM kantlijn.questions"),
    }


def test_a_change_the_server_refuses_is_told_and_the_rest_is_sent(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    doc = team.share(sample, sample_pdf)
    folder = local_folder(team.uri("alice"), "alice")
    outbox = Outbox(folder)
    outbox.add(Op("tag", {"doc": "0" * 64, "ann": FIRST, "tag": "nergens"}))  # no such document
    outbox.add(Op("note", {"doc": doc, "ann": FIRST, "text": "wel aangekomen"}))
    library = _app(team)
    assert library.online and library.waiting == 0
    refused = [n for n in library.notices if "refused" in n]
    assert len(refused) == 1 and refused[0].startswith(
        "a change made offline (tag) was refused by the team library: ")
    assert library.note_of(doc, FIRST) == "wel aangekomen"
    assert library.tags_of(doc, FIRST) == []
    library.close()


def test_the_synced_copy_follows_the_server_reading_only_what_changed(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    from tui.core.team.synced_copy import catch_up, load, take

    doc = team.share(sample, sample_pdf)
    second = sample.annotations[1].id
    library = _app(team)
    with TeamLibrary.open(team.uri("bob")) as bob:
        bob.tag(doc, FIRST, "a", "b")
        bob.untag(doc, FIRST, "a")
        bob.set_note(doc, second, "eerst")
        bob.set_note(doc, second, "daarna")
        bob.add_own_annotation(doc, _own(sample), keep_id=True)
        bob.edit_own_annotation(doc, "me-00000001", "bijgewerkt")
        bob.questions.mark(doc, FIRST, "answered")
    library.tag(doc, second, "van-alice")
    assert library.refresh()
    kept = load(library.folder)
    whole = take(library.connection, "alice", library._document_record)
    assert kept is not None and kept.seq == whole.seq
    assert sorted(kept.tags) == sorted(whole.tags) == [
        [doc, FIRST, "b", "bob"], [doc, second, "van-alice", "alice"]]
    assert sorted(kept.notes) == sorted(whole.notes) == [[doc, second, "bob", "daarna"]]
    assert kept.own == whole.own and kept.own[0][3]["contents"] == "bijgewerkt"
    assert kept.questions == whole.questions == [[doc, FIRST, "bob", "answered", None]]
    with TeamLibrary.open(team.uri("bob")) as bob:
        bob.delete_own_annotation(doc, "me-00000001")
    assert catch_up(library.connection, kept) and kept.own == []
    library.close()
