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
