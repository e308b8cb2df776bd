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
    """The schema version written in ``data`` (0 when there is no ``meta`` record)."""
    for record in data.get(META, {}).values():
        return int(record.get("schema", 0))
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
    for step in MIGRATIONS[version:]:
        data = step(data)
    data[META] = {"1": {"schema": SCHEMA}}
    return data
