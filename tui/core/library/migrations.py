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

RawDB = dict[str, dict[str, Any]]
Migration = Callable[[RawDB], RawDB]

META = "meta"


def schema_of(data: RawDB) -> int:
    """The schema version written in ``data`` (0 when there is no ``meta`` record; -1 when
    the record is there but holds no version: :func:`shape_problem` says so)."""
    meta = data.get(META, {})
    for record in meta.values() if isinstance(meta, dict) else ():
        schema = record.get("schema", 0) if isinstance(record, dict) else None
        return schema if isinstance(schema, int) and not isinstance(schema, bool) else -1
    return 0


#: Fields of the main tables whose type the rest of kantlijn relies on: a file where they
#: have another type was not written by kantlijn (or was damaged) and is moved aside.
_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "documents": {"paths": (list,), "title": (str, type(None))},
    "annotations": {"doc": (str,), "id": (str,), "tags": (list,), "note": (str, type(None))},
}


def shape_problem(data: RawDB) -> str | None:
    """What makes ``data`` not a library file kantlijn can read, or None when it is one.

    A library is ``{table: {id: record}}`` with records that are JSON objects, a schema
    version in ``meta``, and the main tables' fields of the right types. A file from a
    newer kantlijn is not judged here (:func:`migrate` refuses it).
    """
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for key, record in table.items():
            if not isinstance(record, dict):
                return f"record {key!r} of {name!r} is not an object"
    if schema_of(data) < 0:
        return "its schema version is not a number"
    if schema_of(data) > SCHEMA:
        return None
    for name, fields in _FIELDS.items():
        for key, record in data.get(name, {}).items() if schema_of(data) >= 1 else ():
            for field, types in fields.items():
                if field in record and not isinstance(record[field], types):
                    return f"field {field!r} of {name!r} record {key!r} has the wrong type"
            tags = record.get("tags", []) if name == "annotations" else []
            if not all(isinstance(t, str) for t in tags):
                return f"a tag of {name!r} record {key!r} is not text"
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
    for step in MIGRATIONS[version:]:
        data = step(data)
    data[META] = {"1": {"schema": SCHEMA}}
    return data
