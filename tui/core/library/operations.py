"""Changes to the library as replayable operations on a TinyDB.

Every change the library makes is an :data:`Op`: a function applied to the database. The
library applies it at once in memory and keeps it pending; when it flushes and finds that
another process wrote the file meanwhile, it re-reads the file and applies its pending ops to
that fresh state. So ops must read what they need from the database they are given, not from
what the caller saw. An op returns its inverse (for undo), or None.

Tables: ``documents`` (one per hash), ``annotations`` (one per annotation the user tagged or
noted, keyed by ``doc`` + ``id``, with ``page``/``rect``/``quote`` for re-matching), ``own``
(the user's own annotations), ``positions`` (reading position per document) and ``meta``
(the generation: a counter every searchable change bumps, so derived data such as the search
index can tell it is out of date without comparing timestamps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tinydb import Query, TinyDB

from tui.core.copies.store import canonical_key, members
from tui.core.errors import KantlijnError
from tui.core.library.records import DocumentRecord, DocumentSummary, Place, now_iso
from tui.core.text import MAX_TAG_LENGTH, user_text

Op = Callable[[TinyDB], "Op | None"]

DOCUMENTS = "documents"
ANNOTATIONS = "annotations"
OWN = "own"
POSITIONS = "positions"
META = "meta"

_Q = Query()


def counter_of(db: TinyDB, name: str = "generation") -> int:
    """A change counter: ``generation`` (searchable changes) or ``documents`` (documents
    added or removed)."""
    record = db.table(META).get(doc_id=1)
    return int(record.get(name, 0)) if record else 0


def bump(name: str) -> Op:
    """One more change counted in ``name``. Replayed like any op, so changes that two
    processes made at once each count (a counter only has to differ, never to be exact)."""

    def op(db: TinyDB) -> None:
        table = db.table(META)
        if table.get(doc_id=1) is None:
            table.insert({name: 1})
        else:
            table.update({name: counter_of(db, name) + 1}, doc_ids=[1])

    return op


def document_summaries(db: TinyDB) -> list[DocumentSummary]:
    """Every document with its tag, note and own-annotation counts, most recent first."""
    tags: dict[str, dict[str, int]] = {}
    notes: dict[str, int] = {}
    for record in db.table(ANNOTATIONS).all():
        counts = tags.setdefault(record["doc"], {})
        for tag in record.get("tags", []):
            counts[tag] = counts.get(tag, 0) + 1
        if record.get("note"):
            notes[record["doc"]] = notes.get(record["doc"], 0) + 1
    own: dict[str, int] = {}
    for record in db.table(OWN).all():
        own[record["doc"]] = own.get(record["doc"], 0) + 1
    summaries = [
        DocumentSummary.of(DocumentRecord.from_dict(dict(d)), tags, notes, own)
        for d in db.table(DOCUMENTS).all()
    ]
    # Times are to the second: documents added in the same second keep the order they were
    # added in (the later first), as documents added a second apart would.
    order = {id(s): index for index, s in enumerate(summaries)}
    summaries.sort(key=lambda s: (s.last_opened or s.added or "", order[id(s)]), reverse=True)
    return summaries


def annotation_record(db: TinyDB, doc: str, ann: str) -> dict[str, Any] | None:
    """The stored tags/note record of one annotation (of the comment it is a copy of, when
    its document is linked to others: see :mod:`tui.core.copies.store`), or None."""
    doc, ann = canonical_key(db, doc, ann)
    found = db.table(ANNOTATIONS).get((_Q.doc == doc) & (_Q.id == ann))
    return dict(found) if found is not None else None


def tag_spellings(db: TinyDB) -> dict[str, str]:
    """Casefolded tag -> the spelling first used in the library."""
    spellings: dict[str, str] = {}
    for record in db.table(ANNOTATIONS).all():
        for tag in record.get("tags", []):
            spellings.setdefault(tag.casefold(), tag)
    return spellings


def _store(db: TinyDB, record: dict[str, Any]) -> None:
    table = db.table(ANNOTATIONS)
    key = (_Q.doc == record["doc"]) & (_Q.id == record["id"])
    if record["tags"] or record.get("note"):
        record["changed"] = now_iso()
        table.upsert(record, key)
    else:
        table.remove(key)  # nothing left to keep: keep the file small


def _fetch(db: TinyDB, doc: str, ann: str, place: Place) -> dict[str, Any]:
    key_doc, key_id = canonical_key(db, doc, ann)
    return annotation_record(db, doc, ann) or {
        "doc": key_doc, "id": key_id, "page": place.page, "rect": place.rect, "quote": place.quote,
        "tags": [], "note": None,
    }


def _place_of(record: dict[str, Any]) -> Place:
    return Place(record.get("page"), record.get("rect"), record.get("quote"))


def add_tags(doc: str, ann: str, tags: Iterable[str], place: Place) -> Op:
    """Tag an annotation; a tag that exists in any case is written in its first spelling."""
    wanted = list(tags)

    def op(db: TinyDB) -> Op:
        spellings = tag_spellings(db)
        record = _fetch(db, doc, ann, place)
        have = {t.casefold() for t in record["tags"]}
        added: list[str] = []
        for tag in wanted:
            spelling = spellings.setdefault(tag.casefold(), tag)
            if spelling.casefold() not in have:
                have.add(spelling.casefold())
                record["tags"].append(spelling)
                added.append(spelling)
        _store(db, record)
        return remove_tags(doc, ann, added)

    return op


def remove_tags(doc: str, ann: str, tags: Iterable[str]) -> Op:
    """Remove tags (in any case) from an annotation."""
    unwanted = {t.casefold() for t in tags}

    def op(db: TinyDB) -> Op | None:
        record = annotation_record(db, doc, ann)
        if record is None:
            return None
        removed = [t for t in record["tags"] if t.casefold() in unwanted]
        record["tags"] = [t for t in record["tags"] if t.casefold() not in unwanted]
        _store(db, record)
        return add_tags(doc, ann, removed, _place_of(record))

    return op


def set_note(doc: str, ann: str, text: str | None, place: Place) -> Op:
    """Set (or with None/empty text, clear) the user's note on an annotation."""

    def op(db: TinyDB) -> Op:
        record = _fetch(db, doc, ann, place)
        previous = record.get("note")
        record["note"] = text or None
        _store(db, record)
        return set_note(doc, ann, previous, _place_of(record))

    return op


def restore_tags(before: dict[tuple[str, str], list[str]]) -> Op:
    """Put back the tag lists of some annotations (the inverse of a rename, and of that)."""

    def op(db: TinyDB) -> Op:
        now: dict[tuple[str, str], list[str]] = {}
        for (doc, ann), tags in before.items():
            record = _fetch(db, doc, ann, Place(None, None, None))
            now[(doc, ann)] = list(record["tags"])
            record["tags"] = list(tags)
            _store(db, record)
        return restore_tags(now)

    return op


def rename_tag(old: str, new: str) -> Op:
    """Rename a tag library-wide; renaming onto an existing tag merges the two."""

    def op(db: TinyDB) -> Op:
        spelling = tag_spellings(db).get(new.casefold(), new)
        if new.casefold() == old.casefold():
            spelling = new  # a change of case only: take the new spelling
        before: dict[tuple[str, str], list[str]] = {}
        for record in db.table(ANNOTATIONS).all():
            tags = record.get("tags", [])
            if not any(t.casefold() == old.casefold() for t in tags):
                continue
            before[(record["doc"], record["id"])] = list(tags)
            renamed: list[str] = []
            for tag in tags:
                tag = spelling if tag.casefold() in (old.casefold(), new.casefold()) else tag
                if tag not in renamed:
                    renamed.append(tag)
            _store(db, {**record, "tags": renamed})
        return restore_tags(before)

    return op


def add_own(doc: str, record: dict[str, Any]) -> Op:
    """Add one of the user's own annotations (``record`` holds ``id`` and ``annotation``)."""

    def op(db: TinyDB) -> Op:
        db.table(OWN).upsert({"doc": doc, **record}, (_Q.doc == doc) & (_Q.id == record["id"]))
        return delete_own(doc, record["id"])

    return op


def _own_doc(db: TinyDB, doc: str, ann: str) -> str:
    """The copy an own annotation was made on (it shows on every copy of its release)."""
    if db.table(OWN).get((_Q.doc == doc) & (_Q.id == ann)) is not None:
        return doc
    copies = {str(r["doc"]) for r in members(db, doc)}
    found = [r for r in db.table(OWN).search(_Q.id == ann) if r["doc"] in copies]
    return str(found[0]["doc"]) if found else doc


def delete_own(doc: str, ann: str) -> Op:
    """Delete one of the user's own annotations."""

    def op(db: TinyDB) -> Op | None:
        key = (_Q.doc == _own_doc(db, doc, ann)) & (_Q.id == ann)
        found = db.table(OWN).get(key)
        if found is None:
            return None
        db.table(OWN).remove(key)
        return add_own(doc, {k: v for k, v in found.items() if k != "doc"})

    return op


def set_own_contents(doc: str, ann: str, text: str | None) -> Op:
    """Change the text of one of the user's own annotations (None: a highlight without)."""

    def op(db: TinyDB) -> Op | None:
        key = (_Q.doc == _own_doc(db, doc, ann)) & (_Q.id == ann)
        found = db.table(OWN).get(key)
        if found is None:
            return None
        annotation = dict(found["annotation"])
        previous = annotation.get("contents")
        annotation["contents"] = text
        db.table(OWN).update({"annotation": annotation}, key)
        return set_own_contents(doc, ann, previous)

    return op


def remove_document(doc: str) -> Op:
    """Forget a document: its record, position, and the user's tags, notes and own
    annotations on it (asked for explicitly; not undoable)."""

    def op(db: TinyDB) -> None:
        db.table(DOCUMENTS).remove(_Q.sha256 == doc)
        for table in (ANNOTATIONS, OWN, POSITIONS):
            db.table(table).remove(_Q.doc == doc)

    return op


def set_position(doc: str, page: int, line: int, nota: int | None) -> Op:
    """Remember the reading position in a document (not undoable: it moves all the time)."""

    def op(db: TinyDB) -> None:
        db.table(POSITIONS).upsert(
            {"doc": doc, "page": page, "line": line, "nota": nota}, _Q.doc == doc
        )

    return op


def mark_opened(doc: str, when: str) -> Op:
    """Record that a document was opened."""

    def op(db: TinyDB) -> None:
        db.table(DOCUMENTS).update({"last_opened": when}, _Q.sha256 == doc)

    return op


def put_documents(records: list[DocumentRecord]) -> Op:
    """Add documents, or for known hashes add the new paths and refresh what was read."""

    def op(db: TinyDB) -> None:
        table = db.table(DOCUMENTS)
        known = {d["sha256"]: d for d in table.all()}
        fresh: list[dict[str, Any]] = []
        for record in records:
            old = known.get(record.sha256)
            if old is None:
                fresh.append(record.to_dict())
                continue
            paths = list(old.get("paths", []))
            paths += [p for p in record.paths if p not in paths]
            merged = {**record.to_dict(), "paths": paths, "added": old.get("added"),
                      "last_opened": old.get("last_opened")}
            table.update(merged, _Q.sha256 == record.sha256)
        if fresh:
            table.insert_multiple(fresh)  # one pass: per-record insert is quadratic

    return op


def rematch(doc: str, current: dict[str, Place]) -> Op:
    """Re-attach user data to a re-extracted document's annotations.

    A record keeps its annotation when the id still exists; otherwise it moves to the
    annotation at the same page + rounded rect + quote. Records matching nothing are kept
    (never drop what the user wrote).
    """
    by_place = {(p.page, tuple(p.rect or ()), p.quote): ann for ann, p in current.items()}

    def op(db: TinyDB) -> None:
        table = db.table(ANNOTATIONS)
        for record in table.search(_Q.doc == doc):
            key = (_Q.doc == doc) & (_Q.id == record["id"])
            if record["id"] in current:
                place = current[record["id"]]
                table.update({"page": place.page, "rect": place.rect, "quote": place.quote}, key)
                continue
            place_key = (record.get("page"), tuple(record.get("rect") or ()), record.get("quote"))
            new_id = by_place.get(place_key)
            if new_id is not None and annotation_record(db, doc, new_id) is None:
                table.update({"id": new_id}, key)

    return op


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as typed, cleaned (see :func:`tui.core.text.user_text`; one space between words);
    an empty, too long or undecodable tag is an error."""
    clean = [" ".join(user_text(t, "tag", MAX_TAG_LENGTH).split()) for t in tags]
    if not clean or not all(clean):
        raise KantlijnError("a tag cannot be empty")
    return clean
