"""What a library file must look like for kantlijn to read it.

Checked before the file is used, so that a file a hand or a fault changed (NaN pages, a list
for a note, an own annotation of another shape, an id that is no number) is moved aside with
one line naming what is wrong, instead of failing later in whatever command reads that field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tui.core.library.migrations import META, SCHEMA, RawDB, schema_of

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
        "doc": (_TEXT, True), "id": (_TEXT, True), "tags": ((list,), True),
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
        if not _of_type(record[field], types):
            return f"field {field!r} {where} has the wrong type"
    if name == "annotations" and not all(isinstance(t, str) for t in record.get("tags", [])):
        return f"a tag {where} is not text"
    if name == "documents" and not all(isinstance(p, str) for p in record.get("paths", [])):
        return f"a path {where} is not text"
    if name == "own" and not _is_annotation(record["annotation"]):
        return f"the annotation {where} does not read as one"
    return None


#: An own annotation's fields: type and whether it must be there (the rest may be absent).
_ANNOTATION: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": (_TEXT, True), "kind": (_TEXT, True), "subtype": (_TEXT, True),
    "page": (_NUMBER, True), "nota": ((int, type(None)), False),
    "applied": ((bool, type(None)), False),
    "confidence": ((int, float, type(None)), False),
    **{name: (_MAYBE_TEXT, False) for name in (
        "color", "author", "subject", "created", "modified", "contents", "quote",
        "in_reply_to", "group_with", "ground")},
}
_SPAN = {name: (_NUMBER, True) for name in ("page", "line", "start", "end")}
_ANCHOR = {"text": (_TEXT, True), "page": (_NUMBER, True), "line": (_NUMBER, True),
           "via": (_TEXT, True), "annotation": (_MAYBE_TEXT, False)}


def _is_annotation(data: Any) -> bool:
    """True when ``data`` is an annotation as kantlijn stores the user's own: the fields
    :func:`~tui.core.model.annotation_from_dict` takes, each of its type."""
    if not isinstance(data, dict) or set(data) - {*_ANNOTATION, "rect", "quads", "spans",
                                                   "anchor", "ink"}:
        return False
    anchor = data.get("anchor")
    return (
        _has_fields(data, _ANNOTATION)
        and (data.get("rect") is None or _numbers(data["rect"], 4))
        and _each(data.get("quads", []), lambda quad: _numbers(quad, 8))
        and _each(data.get("spans", []), _is_span)
        and (anchor is None or (isinstance(anchor, dict) and not set(anchor) - {*_ANCHOR, "spans"}
                                and _has_fields(anchor, _ANCHOR)
                                and _each(anchor.get("spans", []), _is_span)))
        and _each(data.get("ink", []), lambda stroke: _each(stroke, lambda p: _numbers(p, 2)))
    )


def _has_fields(data: dict[str, Any], fields: Mapping[str, tuple[tuple[type, ...], bool]]) -> bool:
    return all(
        (name in data or not required) and (name not in data or _of_type(data[name], types))
        for name, (types, required) in fields.items())


def _of_type(value: Any, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def _is_span(data: Any) -> bool:
    return isinstance(data, dict) and set(data) == set(_SPAN) and _has_fields(data, _SPAN)


def _numbers(value: Any, count: int) -> bool:
    return isinstance(value, list) and len(value) == count and all(
        _of_type(v, (int, float)) for v in value)


def _each(values: Any, test: Callable[[Any], bool]) -> bool:
    return isinstance(values, list) and all(test(value) for value in values)
