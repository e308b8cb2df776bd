"""The model's JSON records (README, "JSON schema"), built field by field.

``dataclasses.asdict`` walks every value through ``copy.deepcopy``: about 150 µs an
annotation, which made an export of 100,000 comments spend most of its time copying. These
functions build the same dicts directly (same keys, same order, same values; fresh lists, so
a caller may change what it gets): the extract command, ``team push``, the library and its
cache and every export take their records from here. A test holds each one equal to
``asdict`` on the sample and corpus files, so a field added to the model cannot be missed.
"""

from __future__ import annotations

from typing import Any

# The model's classes reach these functions as ``Any``: :mod:`tui.core.model` calls them from
# its ``to_dict`` methods, so importing its names here (even for type checking only) would
# make the two modules need each other. Each function names the class it takes.

SCHEMA_VERSION = 1
"""The ``schema`` an extraction record carries (:data:`tui.core.model.SCHEMA_VERSION`)."""


def span_record(span: Any) -> dict[str, Any]:
    """One span: ``{"page", "line", "start", "end"}``."""
    return {"page": span.page, "line": span.line, "start": span.start, "end": span.end}


def anchor_record(anchor: Any) -> dict[str, Any]:
    """One anchor: its passage, where it stands, how it was found."""
    return {"text": anchor.text, "page": anchor.page, "line": anchor.line, "via": anchor.via,
            "annotation": anchor.annotation, "spans": [span_record(s) for s in anchor.spans]}


def annotation_record(a: Any) -> dict[str, Any]:
    """One annotation, equal to ``dataclasses.asdict(a)``."""
    anchor = a.anchor
    return {
        "id": a.id, "kind": a.kind, "subtype": a.subtype, "page": a.page, "rect": _copy(a.rect),
        "quads": [_copy(q) for q in a.quads], "color": a.color, "author": a.author,
        "subject": a.subject, "created": a.created, "modified": a.modified,
        "contents": a.contents, "quote": a.quote, "spans": [span_record(s) for s in a.spans],
        "anchor": None if anchor is None else anchor_record(anchor),
        "in_reply_to": a.in_reply_to, "group_with": a.group_with, "nota": a.nota,
        "ground": a.ground, "applied": a.applied,
        "ink": [[_copy(point) for point in stroke] for stroke in a.ink],
        "confidence": a.confidence,
    }


def document_record(info: Any) -> dict[str, Any]:
    """What identifies a document."""
    return {"path": info.path, "sha256": info.sha256, "pages": info.pages,
            "title": info.title, "source": info.source}


def nota_record(nota: Any) -> dict[str, Any]:
    """One nota with what its first page says."""
    return {"index": nota.index, "title": nota.title, "first_page": nota.first_page,
            "last_page": nota.last_page, "addressee": nota.addressee, "date": nota.date,
            "reference": nota.reference, "decision": nota.decision,
            "discussed": nota.discussed}


def page_record(page: Any) -> dict[str, Any]:
    """One page's text: its lines with their glyphs (when kept), column and box."""
    return {
        "number": page.number, "width": page.width, "height": page.height,
        "lines": [{"text": line.text,
                   "glyphs": [{"char": g.char, "x0": g.x0, "y0": g.y0, "x1": g.x1, "y1": g.y1}
                              for g in line.glyphs],
                   "column": line.column, "box": _copy(line.box),
                   "confidence": line.confidence, "unsure": list(line.unsure)}
                  for line in page.lines],
        "ocr": page.ocr,
    }


def extraction_record(extraction: Any, *, include_pages: bool = False) -> dict[str, Any]:
    """The extraction's JSON form; page text only when asked for."""
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "document": document_record(extraction.document),
        "notas": [nota_record(n) for n in extraction.notas],
        "annotations": [annotation_record(a) for a in extraction.annotations],
        "warnings": list(extraction.warnings),  # always there: consumers need no default
    }
    if include_pages:
        data["pages"] = [page_record(p) for p in extraction.pages]
        if extraction.summary_pages:
            data["summary_pages"] = [page_record(p) for p in extraction.summary_pages]
    return data


def _copy(value: Any) -> Any:
    """A tuple as it is (it cannot change), a list copied: what ``asdict`` returns for it."""
    return list(value) if value.__class__ is list else value
