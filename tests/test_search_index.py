"""Library search on the sample release: every field, ranking, snippets, and an index that
rebuilds itself and follows every change to the library, this process's or another's."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import withheld_in_corpus

from tui.core.document import load
from tui.core.library.library import Library
from tui.core.model import Anchor, Annotation, Extraction, Span
from tui.core.search.index import index_path
from tui.core.search.library_search import LibrarySearch, follow_existing_index
from tui.core.search.results import MARK_END, MARK_START

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"


@pytest.fixture(scope="module")
def sample() -> Extraction:
    return load(SAMPLE)


@pytest.fixture
def library(library: Library, sample: Extraction) -> Library:
    """This test's own library (conftest) with the sample in it."""
    library.add_document(sample, SAMPLE)
    library.flush()
    return library


@pytest.fixture
def search(library: Library) -> Iterator[LibrarySearch]:
    search = LibrarySearch(library)
    search.follow()
    search.sync()
    yield search
    search.close()


def ids(search: LibrarySearch, query: str, scope: str = "comments") -> list[str]:
    return [h.annotation or f"{h.page}:{h.line}" for h in search.search(query, scope, 500)]  # type: ignore[arg-type]


def by_id(sample: Extraction, annotation_id: str) -> Annotation:
    return next(a for a in sample.annotations if a.id == annotation_id)


def test_words_find_comments_ignoring_case_accents_and_a_typed_prefix(
    search: LibrarySearch, sample: Extraction
) -> None:
    zweden = ids(search, "zweden")
    assert any("Waarom in Zweden" in (by_id(sample, i).contents or "") for i in zweden)
    assert ids(search, "Zwed") == zweden  # the last word typed is a prefix
    assert ids(search, "zwed ") == []  # finished word: no prefix
    accented = ids(search, "beinvloeding")
    assert accented and all(
        "beïnvloeding" in (by_id(sample, i).anchor.text if by_id(sample, i).anchor else "")  # type: ignore[union-attr]
        or "beïnvloeding" in (by_id(sample, i).contents or "")
        for i in accented
    )


def test_the_reviewers_question_ranks_above_passages_that_only_mention_it(
    search: LibrarySearch, sample: Extraction
) -> None:
    first = search.search("zweden")[0]
    assert first.kind == "freetext" and "Waarom in Zweden" in first.snippet.replace(
        MARK_START, "").replace(MARK_END, "")
    assert f"{MARK_START}Zweden{MARK_END}" in first.snippet


def test_phrase_exclusion_and_or(search: LibrarySearch, sample: Extraction) -> None:
    diplomatic = set(ids(search, '"diplomatieke betrekkingen"'))
    assert diplomatic and all(
        "diplomatieke betrekkingen" in (by_id(sample, i).contents or "").lower()
        for i in diplomatic
    )
    assert ids(search, '"betrekkingen diplomatieke"') == []
    either = set(ids(search, "welke OR zweden"))
    assert either == set(ids(search, "welke")) | set(ids(search, "zweden"))
    everything = set(ids(search, ""))
    assert set(ids(search, "-zweden")) == everything - set(ids(search, "zweden"))


@pytest.mark.parametrize(
    ("query", "holds"),
    [
        ("kind:redaction", lambda a: a.kind == "redaction"),
        ("kind:freetext author:nobel", lambda a: a.kind == "freetext" and "Nobel" in a.author),
        ("page:9", lambda a: a.page == 9),
        ("page:2-5", lambda a: 2 <= a.page <= 5),
        ("nota:6", lambda a: a.nota == 6),
        ("date:2025-02", lambda a: (a.created or "").startswith("2025-02")),
        ("after:2025-02-07", lambda a: (a.created or "") >= "2025-02-07"),
        ("before:2025-02-07", lambda a: bool(a.created) and a.created < "2025-02-07"),
        ("date:2025-01", lambda a: (a.created or "").startswith("2025-01")),
        ("ground:5.1.2a", lambda a: (a.ground or "").startswith("5.1.2a")),
        ("ground:5.1.2", lambda a: (a.ground or "").startswith("5.1.2")),
        ("is:reply", lambda a: a.in_reply_to is not None),
        ("-kind:redaction", lambda a: a.kind != "redaction"),
    ],
)
def test_fields_select_exactly_what_they_say(
    search: LibrarySearch, sample: Extraction, query: str, holds: object
) -> None:
    expected = {a.id for a in sample.annotations if holds(a)}  # type: ignore[operator]
    assert set(ids(search, query)) == expected
    assert search.count(query) == len(expected)


def test_diplomatic_redactions_are_found_by_their_ground(search: LibrarySearch) -> None:
    assert search.count("ground:5.1.2a") >= 3  # "Lakken op grond van diplomatieke betrekkingen"
    assert search.count("kind:redaction ground:5.1.2b") >= 1  # financiële belangen


def test_tags_notes_and_own_annotations_are_searchable_at_once(
    library: Library, search: LibrarySearch, sample: Extraction
) -> None:
    doc = sample.document.sha256
    welke = next(a for a in sample.annotations if (a.contents or "").startswith("Welke dan"))
    library.tag(doc, welke.id, "Follow-up", "SZW")
    library.set_note(doc, welke.id, "Vragen bij de directie Integratie")
    line = sample.pages[4].lines[3]
    own = Annotation(
        id="", kind="note", subtype="Text", page=5, author="Jansen", contents="Klopt dit bedrag?",
        quote=line.text, spans=[Span(5, 3, 0, len(line.text))],
        anchor=Anchor(line.text, 5, 3, "quote"),
    )
    own_id = library.add_own_annotation(doc, own)
    library.flush()  # the index follows the flush
    assert search.is_current
    assert ids(search, "tag:follow-up") == [welke.id]
    assert ids(search, "tag:foll") == [welke.id]  # prefix while typing
    assert ids(search, "tag:szw has:note") == [welke.id]
    assert ids(search, "directie") == [welke.id]  # the note's words
    assert ids(search, "has:tag") == [welke.id]
    assert ids(search, "is:mine") == [own_id]
    assert ids(search, "bedrag") == [own_id] or own_id in ids(search, "bedrag")
    library.untag(doc, welke.id, "follow-up")
    library.delete_own_annotation(doc, own_id)
    library.flush()
    assert ids(search, "tag:follow-up") == [] and ids(search, "is:mine") == []


def test_page_text_scope_finds_passages_nobody_commented(search: LibrarySearch) -> None:
    hits = search.search('"eerste versie"', "text")
    assert [(h.page, h.kind) for h in hits] == [(1, "text")]
    assert search.search('"eerste versie"', "comments") == []
    both = search.search("zweden", "all", limit=50)
    assert {h.kind for h in both} >= {"freetext", "text"}
    assert search.count("zweden", "all") == len(both)


def test_the_index_is_rebuilt_when_deleted_or_corrupt(library: Library) -> None:
    first = LibrarySearch(library)
    first.sync()
    expected = ids(first, "zweden")
    first.close()
    path = index_path(library.path)
    path.unlink()
    again = LibrarySearch(library)
    assert not again.is_current
    again.sync()
    assert ids(again, "zweden") == expected
    again.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    repaired = LibrarySearch(library)
    assert repaired.index.rebuilt_because and "unreadable" in repaired.index.rebuilt_because
    repaired.sync()
    assert ids(repaired, "zweden") == expected
    repaired.close()


def test_an_index_from_an_older_schema_starts_over(library: Library) -> None:
    search = LibrarySearch(library)
    search.sync()
    search.index.db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    search.index.db.commit()
    search.close()
    fresh = LibrarySearch(library)
    assert fresh.index.rebuilt_because == "from an older kantlijn" and not fresh.is_current
    fresh.sync()
    assert fresh.count("zweden") == 3
    fresh.close()


def test_the_index_follows_a_tag_added_by_another_process(
    library: Library, search: LibrarySearch, sample: Extraction
) -> None:
    annotation = next(a for a in sample.annotations if a.kind == "freetext")
    done = subprocess.run(
        [sys.executable, "-m", "tui", "tag", annotation.id, "uit-ander-proces",
         "--library", str(library.path)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    # The other process updated the shared index in the same operation ...
    assert ids(search, "tag:uit-ander-proces") == [annotation.id]
    # ... and a library that sees the change later agrees with it.
    library.refresh()
    assert search.is_current or search.sync() >= 0
    assert ids(search, "tag:uit-ander-proces") == [annotation.id]


def test_commands_leave_no_index_where_none_was_built(tmp_path: Path, sample: Extraction) -> None:
    with Library.open(tmp_path / "fresh.json") as library:
        library.add_document(sample, SAMPLE)
        assert follow_existing_index(library) is None
    assert not index_path(tmp_path / "fresh.json").exists()


def test_the_search_command_prints_ids_and_exits_by_what_it_found(
    library: Library, search: LibrarySearch
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui", "search", *args, "--library", str(library.path)],
            capture_output=True, text=True, check=False,
        )

    found = run("waarom", "zweden")
    assert found.returncode == 0
    ident, doc, page, kind, *snippet = found.stdout.splitlines()[0].split()
    assert (page, kind) == ("p.21", "freetext") and "Waarom in Zweden" in " ".join(snippet)
    assert library.documents()[0].sha256.startswith(doc)
    tagged = subprocess.run(
        [sys.executable, "-m", "tui", "tag", ident, "vraag", "--library", str(library.path)],
        capture_output=True, text=True, check=False,
    )
    assert tagged.returncode == 0, tagged.stderr  # the printed id works with tag
    assert run("nergensteveinden").returncode == 1
    malformed = run('"open')
    assert malformed.returncode == 2 and "quote is not closed" in malformed.stderr
    assert "Traceback" not in malformed.stderr


def test_a_document_removed_from_the_library_leaves_the_index(
    library: Library, search: LibrarySearch, sample: Extraction
) -> None:
    assert search.count('"eerste versie"', "text") == 1
    library.remove_document(sample.document.sha256)
    library.flush()
    assert search.count('"eerste versie"', "text") == 0
    assert search.count("", "comments") == 0
    library.add_document(sample, SAMPLE)  # and comes back whole when added again
    library.flush()
    assert search.count('"eerste versie"', "text") == 1
    assert search.count("zweden") == 3


def test_words_under_an_unapplied_redaction_stay_withheld(tmp_path: Path, corpus: Path) -> None:
    pdf, extraction, withheld, word = withheld_in_corpus(corpus)
    with Library.open(tmp_path / "library.json") as library:
        library.add_document(extraction, pdf)
        library.flush()
        search = LibrarySearch(library)
        search.sync()
        found = search.search(word, "comments", limit=50)
        assert all(h.annotation != withheld.id for h in found)
        hits = search.search("kind:redaction", "comments", limit=50)
        assert all(word not in h.snippet for h in hits if h.annotation == withheld.id)
        search.close()


def test_the_count_of_words_follows_a_note_written_by_this_or_another_process(
    library: Library, search: LibrarySearch, sample: Extraction
) -> None:
    # The count of words alone is remembered between a search and the screen's count:
    # never past a change to the index.
    assert search.count("kwartiermaker") == 0 and search.search("kwartiermaker") == []
    first, second = [a for a in sample.annotations if a.kind == "freetext"][:2]
    library.set_note(sample.document.sha256, first.id, "vraag de kwartiermaker")
    library.flush()
    assert search.count("kwartiermaker") == 1
    done = subprocess.run(
        [sys.executable, "-m", "tui", "note", second.id, "kwartiermaker gebeld",
         "--library", str(library.path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert search.count("kwartiermaker") == 2


def test_a_new_index_is_laid_out_for_building_fast(
        search: LibrarySearch, library: Library) -> None:
    """A build merges fewer, larger segments than FTS5's default, on pages of 16 KiB, and
    keeps no column sizes for page lines (a fifth faster at 100,000 comments,
    tests/benchmarks/search.py); searching it finds and ranks as before (the tests above)."""
    db = sqlite3.connect(index_path(library.path))
    try:
        assert db.execute("PRAGMA page_size").fetchone()[0] == 16384
        for table in ("ann_fts", "line_fts"):
            config = dict(db.execute(f"SELECT k, v FROM {table}_config").fetchall())
            assert config["automerge"] == 16 and config["crisismerge"] == 64, table
            assert config["pgsz"] == 16300, table
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "ann_fts_docsize" in tables and "line_fts_docsize" not in tables
    finally:
        db.close()
