"""Export as JSON: the extract schema per document, plus the user's tags, notes and own
annotations — the form ``kantlijn import-notes`` reads back into another library.

Written as one JSON document, streamed a document at a time; always valid JSON, text as it
is (control characters removed). ``withheld_words`` says whether the words under redactions
that were not applied stand as a block (``withheld``) or were revealed (``included``); an
annotation showing such words has ``revealed: true``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from tui.core.escape import plain
from tui.core.export.records import Export, ExportDocument, ExportItem
from tui.core.export.releases import releases_json
from tui.core.model import Progress, annotation_to_dict

FORMAT = "kantlijn-notes"
VERSION = 1
EXPORT_ONLY = frozenset({"tags", "note", "mine", "revealed", "tags_by", "notes_by", "member"})
"""The fields an export adds to the extract schema's annotation."""


def write_json(export: Export, progress: Progress | None = None) -> Iterator[str]:
    """The JSON export, a document at a time."""
    head = {"format": FORMAT, "version": VERSION, "exported": export.exported_at,
            "query": export.query,
            "withheld_words": "included" if export.reveal else "withheld"}
    yield json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "documents": ['
    first = True
    for document in export.documents(progress):
        text = json.dumps(document_dict(document), ensure_ascii=False, indent=2)
        yield ("\n" if first else ",\n") + _indent(text, 4)
        first = False
    releases = releases_json(export)
    if not releases:
        yield "\n  ]\n}\n"
        return
    text = _indent(json.dumps(releases, ensure_ascii=False, indent=2), 2).lstrip()
    yield '\n  ],\n  "releases": ' + text + "\n}\n"



def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


def document_dict(document: ExportDocument) -> dict[str, Any]:
    """One document as the export writes it."""
    info = asdict(document.extraction.document)
    info["title"] = document.title
    info["file"] = document.file_name
    return {
        "document": info,
        "notas": [asdict(n) for n in document.extraction.notas],
        "annotations": [item_dict(item) for item in document.items],
    }


def item_dict(item: ExportItem) -> dict[str, Any]:
    """One annotation: the extract schema's fields, and the user's tags, note, ownership."""
    data = annotation_to_dict(item.annotation)
    for key in ("contents", "quote", "author", "subject"):
        if isinstance(data.get(key), str):
            data[key] = plain(data[key])
    data["tags"] = [plain(t) for t in item.tags]
    data["note"] = plain(item.note) if item.note else None
    data["mine"] = item.own
    if item.revealed:
        data["revealed"] = True
    if item.writers is not None:  # a team library: who wrote what (a file: no such keys)
        data["tags_by"] = {plain(tag): list(members) for tag, members in item.writers.tags}
        data["notes_by"] = {member: plain(note) for member, note in item.writers.notes}
        if item.writers.made_by is not None:
            data["member"] = item.writers.made_by
    return data
