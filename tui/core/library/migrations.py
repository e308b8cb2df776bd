"""The library file's schema version and the migrations that bring old files up to date.

The library is a TinyDB file: ``{table name: {document id (string): record}}``. Its ``meta``
table holds one record ``{"schema": N}``; a file without it is schema 0. Migration ``i`` in
:data:`MIGRATIONS` turns schema ``i`` into ``i + 1``; they run in order on the raw data before
TinyDB sees it.

Schema 0 (the prototype's format) had ``documents`` records with one ``path``, and separate
``tags`` (``{doc, annotation, tag}`` per tag) and ``notes`` (``{doc, annotation, text}``) tables.
Schema 1 keeps ``paths`` (every place the file was seen) and one ``annotations`` record per
annotation the user touched, holding its ``tags`` and ``note``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.core.errors import KantlijnError
from tui.core.model import annotation_from_dict

RawDB = dict[str, dict[str, Any]]
Migration = Callable[[RawDB], RawDB]

META = "meta"
COUNTERS = ("generation", "documents")
"""The meta record's change counters (besides the schema)."""


def schema_of(data: RawDB) -> int:
    """The schema version written in ``data`` (0 when there is no ``meta`` record; -1 when
    the record is there but holds no version: :func:`shape_problem` says so)."""
    meta = data.get(META, {})
    for record in meta.values() if isinstance(meta, dict) else ():
        schema = record.get("schema", 0) if isinstance(record, dict) else None
        return schema if isinstance(schema, int) and not isinstance(schema, bool) else -1
    return 0


_TEXT = (str,)
_MAYBE_TEXT = (str, type(None))
_NUMBER = (int,)

#: Per table, its records' fields whose type the rest of kantlijn relies on, and whether
#: every record must have them: a file where one is missing or of another type (NaN pages,
#: a list for a note) was not written by kantlijn, or was damaged, and is moved aside.
_FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "documents": {
        "sha256": (_TEXT, True), "paths": ((list,), False), "title": (_MAYBE_TEXT, False),
        "pages": (_NUMBER, False), "comments": (_NUMBER, False), "notas": ((list,), False),
        "source": (_TEXT, False), "added": (_MAYBE_TEXT, False),
        "last_opened": (_MAYBE_TEXT, False),
    },
    "annotations": {
        "doc": (_TEXT, True), "id": (_TEXT, True), "tags": ((list,), False),
        "note": (_MAYBE_TEXT, False),
    },
    "own": {"doc": (_TEXT, True), "id": (_TEXT, True), "annotation": ((dict,), True)},
    "positions": {
        "doc": (_TEXT, True), "page": (_NUMBER, True), "line": (_NUMBER, False),
        "nota": ((int, type(None)), False),
    },
    "searches": {"query": (_TEXT, True), "used": (_TEXT, True)},
    "questions": {"doc": (_TEXT, True), "id": (_TEXT, True), "status": (_TEXT, True)},
    META: {"generation": (_NUMBER, False), "documents": (_NUMBER, False)},
    # schema 0
    "tags": {"doc": (_TEXT, True), "annotation": (_TEXT, True), "tag": (_TEXT, True)},
    "notes": {"doc": (_TEXT, True), "annotation": (_TEXT, True), "text": (_TEXT, True)},
}


def shape_problem(data: RawDB) -> str | None:
    """What makes ``data`` not a library file kantlijn can read, or None when it is one.

    A library is ``{table: {id: record}}`` with numeric ids, records that are JSON objects,
    a schema version in ``meta``, and the known tables' fields of the right types (own
    annotations that read as annotations). A file from a newer kantlijn is not judged here
    (:func:`migrate` refuses it).
    """
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for key, record in table.items():
            if not key.isdigit():
                return f"record {key[:40]!r} of {name!r} has no number for its id"
            if not isinstance(record, dict):
                return f"record {key!r} of {name!r} is not an object"
    if schema_of(data) < 0:
        return "its schema version is not a number"
    if schema_of(data) > SCHEMA:
        return None
    for name, fields in _FIELDS.items():
        for key, record in data.get(name, {}).items():
            problem = _record_problem(name, record, fields, f"of {name!r} record {key!r}")
            if problem is not None:
                return problem
    return None


def _record_problem(name: str, record: dict[str, Any],
                    fields: dict[str, tuple[tuple[type, ...], bool]], where: str) -> str | None:
    for field, (types, required) in fields.items():
        if field not in record:
            if required:
                return f"field {field!r} {where} is missing"
            continue
        value = record[field]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return f"field {field!r} {where} has the wrong type"
    if name == "annotations" and not all(isinstance(t, str) for t in record.get("tags", [])):
        return f"a tag {where} is not text"
    if name == "documents" and not all(isinstance(p, str) for p in record.get("paths", [])):
        return f"a path {where} is not text"
    if name == "own":
        try:
            annotation_from_dict(record["annotation"])
        except (TypeError, ValueError, KeyError, AttributeError):
            return f"the annotation {where} does not read as one"
    return None


def _v0_to_v1(data: RawDB) -> RawDB:
    documents: dict[str, Any] = {}
    for key, record in data.get("documents", {}).items():
        record = dict(record)
        path = record.pop("path", None)
        record.setdefault("paths", [path] if path else [])
        documents[key] = record
    annotations: dict[tuple[str, str], dict[str, Any]] = {}

    def touched(doc: str, ann: str) -> dict[str, Any]:
        return annotations.setdefault(
            (doc, ann),
            {"doc": doc, "id": ann, "page": None, "rect": None, "quote": None,
             "tags": [], "note": None},
        )

    for row in data.get("tags", {}).values():
        record = touched(row["doc"], row["annotation"])
        if row["tag"].casefold() not in {t.casefold() for t in record["tags"]}:
            record["tags"].append(row["tag"])
    for row in data.get("notes", {}).values():
        touched(row["doc"], row["annotation"])["note"] = row["text"]
    migrated = {k: v for k, v in data.items() if k not in ("tags", "notes", "documents")}
    migrated["documents"] = documents
    migrated["annotations"] = {str(i): r for i, r in enumerate(annotations.values(), 1)}
    return migrated


MIGRATIONS: list[Migration] = [_v0_to_v1]
"""``MIGRATIONS[i]`` upgrades schema ``i`` to ``i + 1``."""

SCHEMA = len(MIGRATIONS)
"""The schema this kantlijn writes."""


def migrate(data: RawDB) -> RawDB:
    """Bring ``data`` to :data:`SCHEMA`, applying the missing migrations in order.

    Raises:
        KantlijnError: the file was written by a newer kantlijn (we must not touch it).
    """
    version = schema_of(data)
    if version > SCHEMA:
        raise KantlijnError(
            f"the library was written by a newer kantlijn (schema {version}, this one knows "
            f"{SCHEMA}); upgrade kantlijn or use --library PATH"
        )
    counters = _counters(data)
    for step in MIGRATIONS[version:]:
        data = step(data)
    # The change counters stay: derived data (the search index) tells by them that it
    # lags behind a change another process saved but could not index.
    data[META] = {"1": {**counters, "schema": SCHEMA}}
    return data


def _counters(data: RawDB) -> dict[str, int]:
    """The change counters in ``data``'s meta record (see ``operations.bump``)."""
    meta = data.get(META, {})
    record: dict[str, Any] = next(iter(meta.values()), {}) if isinstance(meta, dict) else {}
    return {name: value for name, value in record.items()
            if name in COUNTERS and isinstance(value, int) and not isinstance(value, bool)}
