"""The library keeps what the user writes: across restarts, renames, re-extraction, upgrades."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from store_samples import make_document, make_extraction

from tui.core.errors import KantlijnError
from tui.core.library.library import Library
from tui.core.library.migrations import SCHEMA
from tui.core.model import Annotation


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "library.json"


def test_tags_and_notes_survive_a_restart(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.tag(sha, "p1-a1", "follow-up", "budget")
        library.set_note(sha, "p1-a1", "ask the minister")
        library.set_position(sha, page=2, line=5, nota=1)

    reopened = Library.open(library_file)
    assert reopened.tags_of(sha, "p1-a1") == ["follow-up", "budget"]
    assert reopened.note_of(sha, "p1-a1") == "ask the minister"
    assert reopened.position(sha) is not None and reopened.position(sha).page == 2  # type: ignore[union-attr]
    summary = reopened.documents()[0]
    assert (summary.title, summary.pages, summary.comments) == ("Nota nota", 2, 3)
    assert summary.tags == {"follow-up": 1, "budget": 1}


def test_known_document_opens_from_the_cache(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    extraction = make_extraction(pdf)
    with Library.open(library_file) as library:
        sha = library.add_document(extraction, pdf).sha256
    cached = Library.open(library_file).cached_extraction(sha)
    assert cached is not None
    assert cached.to_dict(include_pages=True) == extraction.to_dict(include_pages=True)


def test_a_renamed_copy_keeps_its_tags(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.tag(sha, "p2-a2", "woo")
    moved = tmp_path / "elsewhere" / "renamed.pdf"
    moved.parent.mkdir()
    shutil.move(pdf, moved)

    with Library.open(library_file) as library:
        found = library.find_document(moved)
        assert found is not None and found.sha256 == sha
        record = library.add_document(make_extraction(moved), moved)
    assert record.paths == [str(pdf.resolve()), str(moved.resolve())]
    assert Library.open(library_file).tags_of(sha, "p2-a2") == ["woo"]
    assert len(Library.open(library_file).documents()) == 1


def test_tags_are_case_insensitive_and_keep_the_first_spelling(
    tmp_path: Path, library_file: Path
) -> None:
    pdf = make_document(tmp_path)
    library = Library.open(library_file)
    sha = library.add_document(make_extraction(pdf), pdf).sha256
    library.tag(sha, "p1-a1", "Follow-up")
    library.tag(sha, "p2-a2", "follow-up")
    library.tag(sha, "p1-a1", "FOLLOW-UP")
    assert library.tags_of(sha, "p1-a1") == ["Follow-up"]
    assert library.all_tags() == [("Follow-up", 2)]
    library.untag(sha, "p1-a1", "follow-UP")
    assert library.all_tags() == [("Follow-up", 1)]


def test_rename_merges_tags_and_undo_restores(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    library = Library.open(library_file)
    sha = library.add_document(make_extraction(pdf), pdf).sha256
    library.tag(sha, "p1-a1", "todo", "later")
    library.tag(sha, "p2-a2", "later")
    library.rename_tag("todo", "Later")
    assert library.tags_of(sha, "p1-a1") == ["later"]
    assert library.all_tags() == [("later", 2)]
    assert library.undo() == "rename tag todo to Later"
    assert library.tags_of(sha, "p1-a1") == ["todo", "later"]


def test_undo_walks_back_user_changes(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.set_note(sha, "p1-a1", "first")
        library.set_note(sha, "p1-a1", "second")
        library.tag(sha, "p1-a1", "x")
        assert library.undo() == "tag x on the comment on p. 1"  # the user's words, no ids
        assert library.undo() == "your note on the comment on p. 1"
        assert library.redo() == "your note on the comment on p. 1"
        assert library.note_of(sha, "p1-a1") == "second"
        assert library.undo() == "your note on the comment on p. 1"
        library.tag(sha, "p1-a1", "y")  # a new change: nothing left to redo
        assert library.redo() is None
        library.undo()
    reopened = Library.open(library_file)
    assert reopened.tags_of(sha, "p1-a1") == []
    assert reopened.note_of(sha, "p1-a1") == "first"


def test_own_annotations_are_kept_and_can_be_deleted(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    mine = Annotation(id="", kind="highlight", subtype="Highlight", page=1,
                      rect=(10, 10, 50, 20), contents="check this", quote="line on page 1")
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        own_id = library.add_own_annotation(sha, mine)
        library.tag(sha, own_id, "mine")
    reopened = Library.open(library_file)
    [stored] = reopened.own_annotations(sha)
    assert (stored.id, stored.author, stored.contents) == (own_id, "me", "check this")
    assert reopened.resolve_annotation_id(own_id) == (sha, own_id)
    reopened.edit_own_annotation(sha, own_id, "check this twice")
    assert reopened.own_annotations(sha)[0].contents == "check this twice"
    assert reopened.undo() == "edit your highlight on p. 1"
    assert reopened.own_annotations(sha)[0].contents == "check this"
    reopened.delete_own_annotation(sha, own_id)
    assert reopened.own_annotations(sha) == []
    assert reopened.undo() == "delete your highlight on p. 1"
    assert [a.id for a in reopened.own_annotations(sha)] == [own_id]


def test_reextraction_keeps_tags_by_id_then_by_place(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        library.tag(sha, "p1-a1", "by-id")
        library.set_note(sha, "p2-a2", "by place")
        library.tag(sha, "p1-a3", "by place too")
    # A newer extractor keeps the first id but renumbers the others, with float noise.
    newer = make_extraction(pdf, ids=["p1-a1", "p2-x7", "p1-x9"], shift=0.01)
    with Library.open(library_file) as library:
        library.add_document(newer, pdf)
    reopened = Library.open(library_file)
    assert reopened.tags_of(sha, "p1-a1") == ["by-id"]
    assert reopened.note_of(sha, "p2-x7") == "by place"
    assert reopened.tags_of(sha, "p1-x9") == ["by place too"]
    assert reopened.note_of(sha, "p2-a2") is None


def test_resolving_ids(tmp_path: Path, library_file: Path) -> None:
    first = make_document(tmp_path, "a.pdf", seed="a")
    second = make_document(tmp_path, "b.pdf", seed="b")
    library = Library.open(library_file)
    library.add_document(make_extraction(first, 3), first)
    sha_b = library.add_document(make_extraction(second, 5), second).sha256
    assert library.resolve_annotation_id("p1-a5") == (sha_b, "p1-a5")
    with pytest.raises(KantlijnError, match=r"in 2 documents.*--doc"):
        library.resolve_annotation_id("p1-a1")
    assert library.resolve_annotation_id("p1-a1", doc=str(second)) == (sha_b, "p1-a1")
    assert library.resolve_annotation_id("p1-a1", doc=sha_b[:10]) == (sha_b, "p1-a1")
    with pytest.raises(KantlijnError, match="no annotation p9-a9"):
        library.resolve_annotation_id("p9-a9")
    with pytest.raises(KantlijnError, match="no annotation"):
        library.tag(sha_b, "p9-a9", "x")


def test_migration_from_a_hand_written_v0_file(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    sha = make_extraction(pdf).document.sha256
    v0 = {
        "documents": {"1": {"sha256": sha, "path": str(pdf), "title": "Old", "pages": 2}},
        "tags": {
            "1": {"doc": sha, "annotation": "p1-a1", "tag": "Urgent"},
            "2": {"doc": sha, "annotation": "p1-a1", "tag": "urgent"},
            "3": {"doc": sha, "annotation": "p2-a2", "tag": "later"},
        },
        "notes": {"1": {"doc": sha, "annotation": "p2-a2", "text": "old note"}},
    }
    library_file.parent.mkdir(parents=True)
    library_file.write_text(json.dumps(v0))

    library = Library.open(library_file)
    assert library.tags_of(sha, "p1-a1") == ["Urgent"]
    assert library.note_of(sha, "p2-a2") == "old note"
    record = library.find_document(pdf)
    assert record is not None and record.paths == [str(pdf)] and record.title == "Old"
    library.flush()  # the migrated form is written back on the first flush
    written = json.loads(library_file.read_text())
    assert written["meta"]["1"]["schema"] == SCHEMA
    assert "tags" not in written


def test_a_library_from_a_newer_kantlijn_is_left_alone(library_file: Path) -> None:
    library_file.parent.mkdir(parents=True)
    library_file.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA + 1}}}))
    with pytest.raises(KantlijnError, match="newer kantlijn"):
        Library.open(library_file)
    assert json.loads(library_file.read_text())["meta"]["1"]["schema"] == SCHEMA + 1


def test_a_corrupt_library_is_moved_aside_and_reported(tmp_path: Path, library_file: Path) -> None:
    library_file.parent.mkdir(parents=True)
    garbage = b'{"documents": {"1": {"sha256": "abc", "title": "half wri'
    library_file.write_bytes(garbage)
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        [notice] = library.notices
        library.add_document(make_extraction(pdf), pdf)
    [aside] = library_file.parent.glob("library.json.broken-*")
    assert aside.read_bytes() == garbage
    assert str(aside) in notice
    assert len(Library.open(library_file).documents()) == 1


def test_persisting_a_tag_does_not_rewrite_the_cache(tmp_path: Path, library_file: Path) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf, 200), pdf).sha256
    cache = library.cache.path(sha)
    before = cache.stat().st_mtime_ns
    with Library.open(library_file) as library:
        library.tag(sha, "p1-a1", "x")
    assert cache.stat().st_mtime_ns == before
    assert library_file.stat().st_size < cache.stat().st_size


def test_a_changed_file_gets_a_new_hash(tmp_path: Path) -> None:
    import hashlib
    import os

    from tui.core.files import file_sha256

    path = tmp_path / "doc.pdf"
    path.write_bytes(b"first version")
    assert file_sha256(path) == hashlib.sha256(b"first version").hexdigest()
    path.write_bytes(b"second version!")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert file_sha256(path) == hashlib.sha256(b"second version!").hexdigest()


def test_removing_a_document_forgets_it_and_the_users_work_but_not_the_file(
    tmp_path: Path, library_file: Path
) -> None:
    pdf = make_document(tmp_path)
    with Library.open(library_file) as library:
        sha = library.add_document(make_extraction(pdf), pdf).sha256
        [summary] = library.documents()
        assert summary.last_opened is None and summary.added  # imported, never opened
        library.tag(sha, "p1-a1", "x")
        library.set_position(sha, 1, 3)
        library.remove_document(sha)
    reopened = Library.open(library_file)
    assert reopened.documents() == [] and reopened.all_tags() == []
    assert reopened.position(sha) is None
    assert pdf.is_file()
