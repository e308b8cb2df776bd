"""Copies in the library file: which documents are one release, and which comments are one.

Two tables, changed only through replayable operations (:mod:`tui.core.library.operations`):

* ``copies``: one record per document linked to a release, ``{doc, of, share, edition, by}``:
  ``of`` is the release's first document (its *canonical* copy, which has no record), ``share``
  the share of text in common with the copy it was matched to, ``edition`` 1 for the first
  text and N for a later version, ``by`` ``auto`` or ``hand``. ``unlinked`` records
  ``{doc, other}`` pairs the user unlinked by hand, never linked again automatically.
* ``matches``: ``{doc, id, key_doc, key_id}`` — a comment of a linked copy and the key its
  tags, notes and answered/open mark are stored under (a comment of the canonical copy, or
  of another copy when the canonical one lacks it). So what the user writes is stored once
  and shows on every copy; :func:`canonical_key` resolves a key.
"""

from __future__ import annotations

from typing import Any

from tinydb import Query, TinyDB

COPIES = "copies"
UNLINKED = "unlinked"
MATCHES = "matches"
#: The tables that hold what the user wrote per comment (moved to a shared key on linking).
USER_TABLES = ("annotations", "questions")

_Q = Query()
Key = tuple[str, str]
Op = Any  # tui.core.library.operations.Op (that module imports this one)
Snapshot = dict[str, list[tuple[Any, dict[str, Any] | None]]]
"""Per table, each key with its record as it was (None: there was none)."""


def canonical_key(db: TinyDB, doc: str, ann: str) -> Key:
    """The key ``(doc, ann)``'s user data is stored under (itself when not matched)."""
    if not db.table(MATCHES):
        return doc, ann
    found = db.table(MATCHES).get((_Q.doc == doc) & (_Q.id == ann))
    return (str(found["key_doc"]), str(found["key_id"])) if found is not None else (doc, ann)


def release_of(db: TinyDB, doc: str) -> str:
    """The canonical copy of the release ``doc`` belongs to (``doc`` when it is unlinked)."""
    found = db.table(COPIES).get(_Q.doc == doc)
    return str(found["of"]) if found is not None else doc


def members(db: TinyDB, doc: str) -> list[dict[str, Any]]:
    """Every copy of ``doc``'s release, the canonical one first: ``{doc, edition, share, by}``."""
    first = release_of(db, doc)
    rows = [{"doc": first, "edition": 1, "share": 1.0, "by": "first"}]
    rows += [dict(r) for r in db.table(COPIES).search(_Q.of == first)]
    return rows


def is_unlinked(db: TinyDB, first: str, second: str) -> bool:
    """True when the user unlinked these two documents by hand."""
    pair = {first, second}
    return any({r["doc"], r["other"]} == pair for r in db.table(UNLINKED).all())


def _snapshot(db: TinyDB, keys: dict[str, list[Any]]) -> Snapshot:
    """The records behind ``keys`` (per table: ``(doc, id)`` pairs, or a doc for copies)."""
    state: Snapshot = {}
    for table, wanted in keys.items():
        rows: list[tuple[Any, dict[str, Any] | None]] = []
        for key in wanted:
            found = db.table(table).get(_where(table, key))
            rows.append((key, dict(found) if found is not None else None))
        state[table] = rows
    return state


def _where(table: str, key: Any) -> Any:
    if table == COPIES:
        return _Q.doc == key
    if table == UNLINKED:
        return (_Q.doc == key[0]) & (_Q.other == key[1])
    return (_Q.doc == key[0]) & (_Q.id == key[1])


def restore(state: Snapshot) -> Op:
    """Put the records of a snapshot back as they were (and return the way back)."""

    def op(db: TinyDB) -> Op:
        keys = {table: [key for key, _ in rows] for table, rows in state.items()}
        now = _snapshot(db, keys)
        for table, rows in state.items():
            for key, record in rows:
                where = _where(table, key)
                if record is None:
                    db.table(table).remove(where)
                else:
                    db.table(table).upsert(record, where)
        return restore(now)

    return op


def _merge(into: dict[str, Any] | None, moved: dict[str, Any], table: str) -> dict[str, Any]:
    """A user record moved onto a key that may hold one already: tags join, a note or mark
    already there stays (the moved one is kept after it, never lost)."""
    if into is None:
        return moved
    merged = dict(into)
    if table == "annotations":
        have = {t.casefold() for t in merged.get("tags", [])}
        merged["tags"] = list(merged.get("tags", [])) + [
            t for t in moved.get("tags", []) if t.casefold() not in have]
        notes = [n for n in (into.get("note"), moved.get("note")) if n]
        merged["note"] = "\n\n".join(dict.fromkeys(notes)) or None
    return merged


def link(doc: str, of: str, share: float, edition: int, by: str, matches: dict[str, Key]) -> Op:
    """Link ``doc`` to the release whose canonical copy is ``of``; ``matches`` maps each of
    its comments to the key the release stores that comment's user data under. What the user
    already wrote on ``doc``'s comments moves to those keys (merged, nothing dropped)."""

    def op(db: TinyDB) -> Op:
        keys: dict[str, list[Any]] = {COPIES: [doc], MATCHES: [(doc, a) for a in matches]}
        user_keys = [(doc, a) for a in matches] + list(matches.values())
        for table in USER_TABLES:
            keys[table] = user_keys
        keys[UNLINKED] = [(doc, of), (of, doc)]
        before = _snapshot(db, keys)
        db.table(UNLINKED).remove(_where(UNLINKED, (doc, of)) | _where(UNLINKED, (of, doc)))
        db.table(COPIES).upsert({"doc": doc, "of": of, "share": round(share, 4),
                                 "edition": edition, "by": by}, _Q.doc == doc)
        for ann, (key_doc, key_id) in matches.items():
            db.table(MATCHES).upsert({"doc": doc, "id": ann, "key_doc": key_doc,
                                      "key_id": key_id}, _where(MATCHES, (doc, ann)))
            for table in USER_TABLES:
                found = db.table(table).get(_where(table, (doc, ann)))
                if found is None:
                    continue
                db.table(table).remove(_where(table, (doc, ann)))
                target = _where(table, (key_doc, key_id))
                moved = {**found, "doc": key_doc, "id": key_id}
                db.table(table).upsert(_merge(db.table(table).get(target), moved, table), target)
        return restore(before)

    return op


def unlink(doc: str, other: str) -> Op:
    """Take ``doc`` out of its release and keep it apart from ``other``: its comments get
    their own copy of what the user wrote on them (nothing is lost on either side)."""

    def op(db: TinyDB) -> Op:
        matched = [dict(r) for r in db.table(MATCHES).search(_Q.doc == doc)]
        keys: dict[str, list[Any]] = {COPIES: [doc], MATCHES: [(doc, r["id"]) for r in matched],
                                      UNLINKED: [(doc, other)]}
        for table in USER_TABLES:
            keys[table] = [(doc, r["id"]) for r in matched]
        before = _snapshot(db, keys)
        for row in matched:
            for table in USER_TABLES:
                found = db.table(table).get(_where(table, (row["key_doc"], row["key_id"])))
                if found is not None:
                    copy = {**found, "doc": doc, "id": row["id"]}
                    db.table(table).upsert(copy, _where(table, (doc, row["id"])))
        db.table(MATCHES).remove(_Q.doc == doc)
        db.table(COPIES).remove(_Q.doc == doc)
        db.table(UNLINKED).upsert({"doc": doc, "other": other}, _where(UNLINKED, (doc, other)))
        return restore(before)

    return op


def rows_of(db: TinyDB, table: str, doc: str) -> list[tuple[str, dict[str, Any]]]:
    """``(comment id in doc, record)`` of every user record in ``table`` that shows on
    ``doc``: its own, and those of the keys its matched comments share."""
    rows = [(str(r["id"]), dict(r)) for r in db.table(table).search(_Q.doc == doc)]
    for match in db.table(MATCHES).search(_Q.doc == doc) if db.table(MATCHES) else []:
        found = db.table(table).get(_where(table, (match["key_doc"], match["key_id"])))
        if found is not None:
            rows.append((str(match["id"]), dict(found)))
    return rows


def all_rows(db: TinyDB, table: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(document, comment id, record)`` of every user record in ``table``, once for each
    copy it shows on (so a search or export of either copy finds it)."""
    records = {(str(r["doc"]), str(r["id"])): dict(r) for r in db.table(table).all()}
    rows = [(doc, ann, record) for (doc, ann), record in records.items()]
    for match in db.table(MATCHES).all() if db.table(MATCHES) else []:
        found = records.get((match["key_doc"], match["key_id"]))
        if found is not None:
            rows.append((str(match["doc"]), str(match["id"]), found))
    return rows


def sharing(db: TinyDB, key: Key) -> list[Key]:
    """Every ``(document, comment id)`` whose user data is stored under ``key``, ``key``
    first."""
    found = [key]
    if db.table(MATCHES):
        found += [(str(r["doc"]), str(r["id"])) for r in db.table(MATCHES).search(
            (_Q.key_doc == key[0]) & (_Q.key_id == key[1]))]
    return found
