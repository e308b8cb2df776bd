"""Export as JSON: the extract schema per document, plus the user's tags, notes and own
annotations — the form ``kantlijn import-notes`` reads back into another library.

Written as one JSON document, streamed a document at a time; always valid JSON, text as it
is (control characters removed). ``withheld_words`` says whether the words under redactions
that were not applied stand as a block (``withheld``) or were revealed (``included``); an
annotation showing such words has ``revealed: true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tui.core.escape import plain
from tui.core.export.parallel import rendered
from tui.core.export.records import Export, ExportDocument, ExportItem
from tui.core.export.releases import releases_json
from tui.core.json_text import annotation_json, json_list, pretty
from tui.core.model import Progress, annotation_to_dict
from tui.core.model_records import document_record, nota_record

FORMAT = "kantlijn-notes"
VERSION = 1
EXPORT_ONLY = frozenset({"tags", "note", "mine", "revealed", "tags_by", "notes_by", "member"})
"""The fields an export adds to the extract schema's annotation."""


def write_json(export: Export, progress: Progress | None = None) -> Iterator[str]:
    """The JSON export, an annotation at a time: byte for byte what ``json.dumps(...,
    indent=2)`` of the whole would be (:mod:`tui.core.json_text`), in flat memory."""
    head = {"format": FORMAT, "version": VERSION, "exported": export.exported_at,
            "query": export.query,
            "withheld_words": "included" if export.reveal else "withheld"}
    yield pretty(head)[:-2] + ',\n  "documents": '
    yield from json_list(_documents(export, progress), "\n  ", empty="[\n  ]")
    releases = releases_json(export)
    if releases:
        yield ',\n  "releases": ' + pretty(releases, "\n  ")
    yield "\n}\n"


def _documents(export: Export, progress: Progress | None) -> Iterator[str]:
    return rendered(export, _document_text, progress)


def _document_text(document: ExportDocument) -> list[str]:
    return ["".join(document_json(document, "\n    "))]


def document_json(document: ExportDocument, pad: str = "\n") -> Iterator[str]:
    """One document as the export writes it (:func:`document_dict`), a piece at a time."""
    inner = pad + "  "
    yield "{" + inner + '"document": ' + pretty(_info(document), inner)
    yield "," + inner + '"notas": ' + pretty([nota_record(n) for n in
                                              document.extraction.notas], inner)
    yield "," + inner + '"annotations": '
    yield from json_list((item_json(item, inner + "  ") for item in document.items), inner)
    yield pad + "}"


def _info(document: ExportDocument) -> dict[str, Any]:
    info = document_record(document.extraction.document)
    info["title"] = document.title
    info["file"] = document.file_name
    return info


def document_dict(document: ExportDocument) -> dict[str, Any]:
    """One document as the export writes it."""
    return {
        "document": _info(document),
        "notas": [nota_record(n) for n in document.extraction.notas],
        "annotations": [item_dict(item) for item in document.items],
    }


def item_json(item: ExportItem, pad: str = "\n") -> str:
    """:func:`item_dict` as pretty JSON, written straight from the annotation."""
    return annotation_json(item.annotation, pad, plain, _additions(item))


def item_dict(item: ExportItem) -> dict[str, Any]:
    """One annotation: the extract schema's fields, and the user's tags, note, ownership."""
    data = annotation_to_dict(item.annotation)
    for key in ("contents", "quote", "author", "subject"):
        if isinstance(data.get(key), str):
            data[key] = plain(data[key])
    data.update(_additions(item))
    return data


def _additions(item: ExportItem) -> list[tuple[str, Any]]:
    """What the export adds to the extract schema's annotation (:data:`EXPORT_ONLY`)."""
    added: list[tuple[str, Any]] = [("tags", [plain(t) for t in item.tags]),
                                    ("note", plain(item.note) if item.note else None),
                                    ("mine", item.own)]
    if item.revealed:
        added.append(("revealed", True))
    if item.writers is not None:  # a team library: who wrote what (a file: no such keys)
        added.append(("tags_by", {plain(tag): list(members)
                                  for tag, members in item.writers.tags}))
        added.append(("notes_by", {member: plain(note) for member, note in item.writers.notes}))
        if item.writers.made_by is not None:
            added.append(("member", item.writers.made_by))
    return added
