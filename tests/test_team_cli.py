"""``kantlijn team init/push`` and the library commands on a team library, as members run
them: on a real PostgreSQL server, with passwords where libpq keeps them."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from postgres_server import PostgresServer
from team_fixture import MEMBERS, Team

from tui.cli import main
from tui.core.document import load
from tui.core.library.library import Library
from tui.core.team.library import TeamLibrary

FIRST = "sample-p01-n01"
"""The first comment of the sample release (``kantlijn extract`` prints this id)."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _imported(team: Team, sample_pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "import", str(sample_pdf), "--library", team.uri("alice"))
    assert code == 0 and "40 comments" in out


def test_team_init_creates_once_then_says_up_to_date(
    team: Team, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "team", "init", team.owner_uri)
    assert code == 0
    assert out == f"the team library at {team.server.socket_dir}/{team.database} is up to " \
                  "date (schema version 1)\n"
    assert "CREATE ROLE name LOGIN IN ROLE kantlijn_member;" in err


def test_members_import_tag_and_list_from_the_command_line(
    team: Team, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _imported(team, sample_pdf, capsys)
    assert _run(capsys, "tag", FIRST, "follow-up", "--library", team.uri("alice"))[1] == \
        f"{FIRST}: follow-up\n"
    assert _run(capsys, "note", FIRST, "van bob", "--library", team.uri("bob"))[1] == \
        f"{FIRST}: note saved\n"
    code, out, _ = _run(capsys, "list", "--library", team.uri("bob"))
    assert code == 0 and "follow-up ×1" in out
    code, _, err = _run(capsys, "untag", FIRST, "follow-up", "--library", team.uri("bob"))
    assert code == 1
    assert err == f"kantlijn: the tag follow-up on {FIRST} is alice's: a member removes only " \
                  "their own tags\n"
    code, out, _ = _run(capsys, "search", "tag:follow-up", "--library", team.uri("bob"))
    assert code == 0 and out.startswith(f"{FIRST}  ")


def test_two_member_processes_tagging_the_same_comment_keep_both_tags(
    team: Team, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _imported(team, sample_pdf, capsys)
    runs = [subprocess.Popen([sys.executable, "-m", "tui", "tag", FIRST, f"van-{member}",
                              "gedeeld", "--library", team.uri(member)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for member in MEMBERS]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    with TeamLibrary.open(team.uri("alice")) as alice:
        doc = alice.resolve_annotation_id(FIRST)[0]
        tags_by = {tag: sorted(members) for tag, members in alice.tags_by(doc, FIRST).items()}
        assert tags_by == {"gedeeld": ["alice", "bob"], "van-alice": ["alice"],
                           "van-bob": ["bob"]}


def test_the_library_is_picked_by_environment_and_config(
    team: Team, sample_pdf: Path, config_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _imported(team, sample_pdf, capsys)
    (config_dir / "config.toml").write_text(f'library = "{team.uri("bob")}"\n')
    code, out, _ = _run(capsys, "list")
    assert code == 0 and "Openbaarmaking nota's" in out
    monkeypatch.setenv("KANTLIJN_LIBRARY", team.uri("alice"))
    assert _run(capsys, "tag", FIRST, "via-env")[0] == 0
    with TeamLibrary.open(team.uri("bob")) as bob:
        doc = bob.resolve_annotation_id(FIRST)[0]
        assert bob.tags_by(doc, FIRST) == {"via-env": ["alice"]}


def test_an_unreachable_server_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uri = f"postgresql://alice@/woo?host={tmp_path}"
    code, out, err = _run(capsys, "tag", FIRST, "x", "--library", uri)
    assert (code, out) == (1, "")
    assert err.startswith(f"kantlijn: cannot reach the team library at {tmp_path}/woo: ")
    assert err.count("\n") == 1


def test_no_password_in_any_error(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "Geheim-Wachtwoord-42"
    in_uri = team.uri("alice").replace("alice@", f"alice:{secret}@")
    code, _, err = _run(capsys, "list", "--library", in_uri)
    assert code == 1 and secret not in err
    assert "holds a password: keep it in ~/.pgpass or PGPASSWORD" in err
    code, _, err = _run(capsys, "list", "--library", in_uri.replace("?", "?password=x&", 1))
    assert code == 1 and secret not in err
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    monkeypatch.setenv("PGPASSWORD", secret)  # the wrong password for alice
    code, _, err = _run(capsys, "list", "--library", team.uri("alice"))
    assert code == 1 and secret not in err
    assert err.startswith("kantlijn: cannot log in to the team library at ")
    assert "password authentication failed" in err


def test_a_schema_newer_than_the_program_is_refused_untouched(
    team: Team, sample_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with psycopg.connect(team.owner_uri, autocommit=True) as owner:
        owner.execute("UPDATE kantlijn.meta SET value = '99' WHERE key = 'schema'")
        before = owner.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'kantlijn'"
                               ).fetchone()
    code, _, err = _run(capsys, "list", "--library", team.uri("alice"))
    assert code == 1
    assert "has schema version 99, newer than this kantlijn knows (1): update kantlijn" in err
    code, out, err = _run(capsys, "team", "init", team.owner_uri)
    assert (code, out) == (1, "")
    assert "the library was not changed" in err
    with psycopg.connect(team.owner_uri, autocommit=True) as owner:
        assert owner.execute("SELECT value FROM kantlijn.meta").fetchall() == [("99",)]
        assert owner.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'kantlijn'"
                             ).fetchone() == before


def test_team_push_twice_copies_once(
    team: Team, sample_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local_path = tmp_path / "library.json"
    extraction = load(sample_pdf)
    doc = extraction.document.sha256
    second = extraction.annotations[1].id
    with Library.open(local_path) as local:
        local.add_document(extraction, sample_pdf)
        local.tag(doc, FIRST, "Follow-up", "woo")
        local.set_note(doc, second, "vragen aan het ministerie")
        own = local.add_own_annotation(doc, replace(extraction.annotations[0], contents="eigen"))
        local.questions.mark(doc, FIRST, "answered", "in de brief")
    argv = ("team", "push", team.uri("alice"), "--library", str(local_path))
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    assert out == (f"pushed to {team.server.socket_dir}/{team.database} as alice: 1 new "
                   "document (0 there already), 2 tags, 1 note, 1 own annotations, "
                   "1 question mark\n")
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and out.endswith("0 new documents (1 there already), 0 tags, 0 notes, "
                                      "0 own annotations, 0 question marks — nothing new\n")
    with TeamLibrary.open(team.uri("bob")) as bob:
        assert bob.tags_by(doc, FIRST) == {"Follow-up": ["alice"], "woo": ["alice"]}
        assert bob.notes_by(doc, second) == {"alice": "vragen aan het ministerie"}
        assert [(a.id, a.contents) for a in bob.own_annotations(doc)] == [(own, "eigen")]
        assert bob.questions.marks(doc) == {(doc, FIRST): ("answered", "in de brief", "alice")}
        assert len(bob.changes_since(0)) == 6  # document, 2 tags, note, own, mark: once


def test_team_init_as_a_database_owner_who_is_no_superuser(
    postgres: PostgresServer, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = postgres.new_database()
    postgres.admin_execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'redactie') THEN "
        "CREATE ROLE redactie LOGIN CREATEROLE PASSWORD 'redactie-pw'; END IF; END $$",
        f'ALTER DATABASE "{database}" OWNER TO redactie',
    )
    monkeypatch.setenv("PGPASSWORD", "redactie-pw")
    code, out, _ = _run(capsys, "team", "init", postgres.uri(database, "redactie"))
    assert code == 0 and " is created (schema version 1)" in out
    postgres.admin_execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'carol') THEN "
        "CREATE ROLE carol LOGIN PASSWORD 'carol-pw' IN ROLE kantlijn_member; END IF; END $$")
    monkeypatch.setenv("PGPASSWORD", "carol-pw")
    code, _, err = _run(capsys, "list", "--library", postgres.uri(database, "carol"))
    assert (code, err) == (0, "the library is empty (kantlijn import FILE...)\n")


def test_a_service_from_pg_service_conf_names_the_library(
    team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[woo]\nhost={team.server.socket_dir}\ndbname={team.database}\n"
                        "user=bob\nsslmode=disable\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    code, _, err = _run(capsys, "list", "--library", "postgresql:///?service=woo")
    assert (code, err) == (0, "the library is empty (kantlijn import FILE...)\n")
    monkeypatch.setenv("PGSERVICE", "woo")
    assert _run(capsys, "list", "--library", "postgresql://")[0] == 0
    code, _, err = _run(capsys, "list", "--library", "postgresql:///?service=elders")
    assert code == 1 and err.startswith("kantlijn: cannot reach the team library at service "
                                        "elders: ")


def test_without_the_driver_a_team_uri_says_how_to_install_it(tmp_path: Path) -> None:
    script = ("import sys; sys.modules['psycopg'] = None; from tui.cli import main; "
              "sys.exit(main(['list', '--library', 'postgresql://db.example.org/woo']))")
    repo = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": repo}, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == ("kantlijn: a team library needs the PostgreSQL driver psycopg: "
                           "pip install 'kantlijn[team]'\n")
