"""The search index of a team library follows the server's change sequence.

After a teammate's tag, note, removal, own annotation or question mark, the index reads the
rows of the annotations those changes touched — no document is read again from the cache,
and the index ends up as a full build of the library would make it. It keeps the number of
the last change it reflects, so a restart continues from there; a server whose history went
back (the database set up again) makes it start over.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from team_fixture import Team

from tui.core.model import Extraction
from tui.core.search.following import ChangesSnapshot, full_snapshot
from tui.core.search.index import LibraryIndex
from tui.core.search.library_search import LibrarySearch
from tui.core.search.snapshot import LibrarySnapshot
from tui.core.team.connection import connect
from tui.core.team.library import TeamLibrary
from tui.core.team.schema import initialize


def _second(sample: Extraction, number: int = 2) -> Extraction:
    """Another document: the sample's comments under another hash and title."""
    info = replace(sample.document, sha256=f"{number:064x}", title=f"Tweede nota {number}",
                   path=f"tweede-{number}.pdf")
    return replace(sample, document=info)


def _found(search: LibrarySearch, query: str) -> set[str]:
    return {ann for _, ann in search.matching(query)}


def _rows(index: LibraryIndex) -> list[tuple[object, ...]]:
    """What a user could find in the index: every comment with its tags, note, mark,
    members and searchable text (not the row numbers, which differ between builds)."""
    return index.db.execute(
        "SELECT a.doc, a.id, a.own, a.tags, a.note, a.status, a.has_tag, a.has_note, "
        "(SELECT group_concat(member) FROM (SELECT member FROM ann_by b WHERE b.rid = a.rid "
        "ORDER BY member)), f.contents, f.tags, f.note, "
        "(SELECT group_concat(tag) FROM (SELECT tag FROM ann_tag t WHERE t.rid = a.rid "
        "ORDER BY tag)) FROM ann a JOIN ann_fts f ON f.rowid = a.rid ORDER BY a.doc, a.id"
    ).fetchall()


def _as_full_build(alice: TeamLibrary, index: LibraryIndex, folder: Path) -> None:
    """``index`` holds what a fresh build of the whole library holds."""
    fresh = LibraryIndex(folder / "fresh.sqlite", alice.cache)
    try:
        fresh.sync(full_snapshot(alice, fresh))
        assert _rows(index) == _rows(fresh)
        assert index.generation == fresh.generation == alice.generation
    finally:
        fresh.close()


def test_a_teammates_work_reaches_the_index_change_by_change(
    team: Team, sample: Extraction, sample_pdf: Path, tmp_path: Path
) -> None:
    first, second, third = (a.id for a in sample.annotations[:3])
    doc, other = sample.document.sha256, _second(sample)
    with team.members() as (alice, bob):
        alice.add_document(sample, sample_pdf)
        alice.add_document(other, "tweede-2.pdf")
        alice.tag(doc, first, "woo")
        search = LibrarySearch(alice)
        search.sync()
        built = search.index.reads
        assert built == 2  # the first build reads both documents

        bob.tag(doc, second, "Navragen")
        snapshot = search.snapshot()
        assert isinstance(snapshot, ChangesSnapshot)
        assert snapshot.keys == {(doc, second)}
        assert search.index.sync(snapshot) == 2  # the comment's tags and its member
        assert _found(search, "tag:navragen") == {second}
        assert _found(search, "by:bob") == {second}

        bob.set_note(doc, third, "vraag de directie")
        bob.untag(doc, second, "Navragen")
        own = bob.add_own_annotation(other.document.sha256,
                                     replace(sample.annotations[0], contents="eigen opmerking"))
        alice.questions.mark(doc, first, "answered")
        search.sync()
        assert search.index.reads == built  # no document was read again
        assert _found(search, "tag:navragen") == set()
        assert _found(search, "directie") == {third}
        assert _found(search, "by:bob") == {third, own}
        assert _found(search, "is:answered") == {first}
        assert search.is_current

        bob.edit_own_annotation(other.document.sha256, own, "andere opmerking")
        bob.set_note(doc, third, None)
        search.sync()
        assert _found(search, "andere") == {own}
        assert _found(search, "directie") == set()
        assert search.index.reads == built
        _as_full_build(alice, search.index, tmp_path)
        search.close()


def test_a_document_a_teammate_adds_is_the_only_one_read(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    with team.members() as (alice, bob):
        alice.add_document(sample, sample_pdf)
        search = LibrarySearch(alice)
        search.sync()
        assert search.index.reads == 1
        third = _second(sample, 3)
        bob.add_document(third, "tweede-3.pdf")
        bob.tag(third.document.sha256, sample.annotations[4].id, "nieuw")
        snapshot = search.snapshot()
        assert isinstance(snapshot, ChangesSnapshot)
        assert list(snapshot.added) == [third.document.sha256]
        search.index.sync(snapshot)
        assert search.index.reads == 2  # only the new document
        assert _found(search, "tag:nieuw") == {sample.annotations[4].id}
        hits = search.search("tag:nieuw")
        assert [hit.doc for hit in hits] == [third.document.sha256]
        search.close()


def test_a_restart_continues_from_the_change_the_index_reflects(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    first = sample.annotations[0].id
    doc = sample.document.sha256
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.add_document(sample, sample_pdf)
        search = LibrarySearch(alice)
        search.sync()
        stopped_at = search.index.generation
        search.close()
    with TeamLibrary.open(team.uri("bob")) as bob:  # while alice is away
        bob.tag(doc, first, "later")
    with TeamLibrary.open(team.uri("alice")) as alice:  # alice starts kantlijn again
        search = LibrarySearch(alice)
        assert search.index.generation == stopped_at
        snapshot = search.snapshot()
        assert isinstance(snapshot, ChangesSnapshot)
        assert snapshot.since == stopped_at
        search.index.sync(snapshot)
        assert search.index.reads == 0
        assert search.index.rebuilt_because is None
        assert _found(search, "tag:later") == {first}
        search.close()


def _set_up_again(team: Team) -> None:
    """The team's database dropped and made again under the same name (as after a
    restore of an older backup): the change sequence starts over."""
    team.server.admin_execute(f'DROP DATABASE "{team.database}" WITH (FORCE)',
                              f'CREATE DATABASE "{team.database}"')
    with connect(team.owner_uri) as connection:
        initialize(connection, team.database)


def test_a_sequence_that_went_back_rebuilds_the_index(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    first, second = (a.id for a in sample.annotations[:2])
    doc = sample.document.sha256
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.add_document(sample, sample_pdf)
        for tag in ("een", "twee", "drie"):
            alice.tag(doc, first, tag)
        search = LibrarySearch(alice)
        search.sync()
        search.close()
    _set_up_again(team)
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.add_document(sample, sample_pdf)
        alice.tag(doc, second, "opnieuw")
        search = LibrarySearch(alice)
        search.sync()
        assert search.index.rebuilt_because == (
            "the team library's changes went back (from 4 to 2)")
        assert _found(search, "tag:een") == set()
        assert _found(search, "tag:opnieuw") == {second}
        search.close()


def test_another_history_at_the_same_number_rebuilds_the_index(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    first, second = (a.id for a in sample.annotations[:2])
    doc = sample.document.sha256
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.add_document(sample, sample_pdf)
        alice.tag(doc, first, "oud")
        search = LibrarySearch(alice)
        search.sync()
        search.close()
    _set_up_again(team)
    with TeamLibrary.open(team.uri("alice")) as alice:
        alice.add_document(sample, sample_pdf)
        for tag in ("nieuw", "meer", "nog"):
            alice.tag(doc, second, tag)
        search = LibrarySearch(alice)
        search.sync()
        assert search.index.rebuilt_because == "the team library's change 2 is not the one indexed"
        assert _found(search, "tag:oud") == set()
        assert _found(search, "tag:nieuw") == {second}
        search.close()


def test_a_tag_spelled_otherwise_is_shown_as_the_team_spells_it_now(
    team: Team, sample: Extraction, sample_pdf: Path, tmp_path: Path
) -> None:
    first, second = (a.id for a in sample.annotations[:2])
    doc = sample.document.sha256
    with team.members() as (alice, bob):
        alice.add_document(sample, sample_pdf)
        alice.tag(doc, first, "WOO")
        # bob tags at the same moment, before alice's spelling is on the server:
        bob.connection.execute("INSERT INTO kantlijn.tags (doc, annotation, tag, tag_key) "
                               "VALUES (%s, %s, 'woo', 'woo')", (doc, second))
        assert alice.tags_of(doc, second) == ["WOO"]  # the team's spelling: the first
        search = LibrarySearch(alice)
        search.sync()
        alice.untag(doc, first, "WOO")  # now bob's is the first left
        search.sync()
        hits = search.search("tag:woo")
        assert [(hit.annotation, hit.tags) for hit in hits] == [(second, ("woo",))]
        _as_full_build(alice, search.index, tmp_path)
        search.close()


def test_a_whole_snapshot_in_between_does_not_start_the_index_over(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    first, second, third = (a.id for a in sample.annotations[:3])
    doc = sample.document.sha256
    with team.members() as (alice, bob):
        alice.add_document(sample, sample_pdf)
        search = LibrarySearch(alice)
        search.sync()
        bob.tag(doc, first, "een")
        # as a caller that compares the whole library does (it does not say which change)
        search.index.sync(LibrarySnapshot.of(alice, search.index.documents_generation))
        bob.tag(doc, second, "twee")
        search.sync()
        bob.tag(doc, third, "drie")
        assert isinstance(search.snapshot(), ChangesSnapshot)  # following again
        search.sync()
        assert search.index.rebuilt_because is None
        assert search.index.reads == 1
        assert _found(search, "tag:een OR tag:twee OR tag:drie") == {first, second, third}
        search.close()


def test_a_number_a_rolled_back_change_took_is_passed_over(
    team: Team, sample: Extraction, sample_pdf: Path
) -> None:
    import psycopg

    first = sample.annotations[0].id
    doc = sample.document.sha256
    with team.members() as (alice, bob):
        alice.add_document(sample, sample_pdf)
        search = LibrarySearch(alice)
        search.sync()
        seen = search.index.generation
        with bob.connection.transaction():  # numbered, then rolled back: a gap
            bob.connection.execute("INSERT INTO kantlijn.tags (doc, annotation, tag, tag_key) "
                                   "VALUES (%s, %s, 'weg', 'weg')", (doc, first))
            raise psycopg.Rollback()
        bob.tag(doc, first, "erna")
        assert [c.seq for c in alice.changes_since(seen)] == [seen + 2]
        search.sync()
        assert search.index.generation == seen + 2
        assert _found(search, "tag:erna") == {first}
        assert _found(search, "tag:weg") == set()
        search.close()
