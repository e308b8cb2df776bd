"""Export as W3C Web Annotations (JSON-LD): the model annotation servers such as Hypothesis
speak, and a first step to sharing a library with a team.

One ``AnnotationCollection`` whose page holds an ``Annotation`` per item: motivation
``commenting``, ``highlighting``, ``replying`` (targeting the comment replied to) or
``classifying`` (a redaction with its Woo ground); the comment, the user's note and the
ground as ``TextualBody`` s, each tag a body with ``purpose: tagging`` (from a team library
each tag and note body names its ``creator`` s, the members, and a member's own highlight
or comment has the member as its creator); the target is the
document by content hash (``urn:sha256:…``) with a ``TextQuoteSelector`` (exact, prefix,
suffix) and a ``FragmentSelector`` ``page=N``. A redaction that was not applied carries a
``describing`` body that says so; the words under it stand as a block in every quote and
context unless the export reveals them (then the collection's label says so).
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from tui.core.anchoring.withheld import NOT_APPLIED, collapse
from tui.core.escape import plain
from tui.core.export.parallel import rendered
from tui.core.export.records import Export, ExportDocument, ExportItem
from tui.core.export.releases import releases_jsonld
from tui.core.json_text import json_list, pretty
from tui.core.model import Annotation, PageText, Progress, Span

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
_string = encode_basestring
"""A string as JSON (``ensure_ascii=False``), by the C encoder."""
_PDF_FRAGMENT = _string(PDF_FRAGMENT)
CONTEXT_CHARS = 32
"""Characters of prefix and suffix around an exact quote."""


def write_jsonld(export: Export, progress: Progress | None = None) -> Iterator[str]:
    """The JSON-LD export, an annotation at a time."""
    label = f"kantlijn export: {export.query or 'all'}"
    if export.reveal:
        label += " (withheld words included)"
    head = {
        "@context": CONTEXT, "id": f"urn:kantlijn:export:{export.exported_at}",
        "type": "AnnotationCollection", "label": label,
        "first": {"type": "AnnotationPage", "items": []},
    }
    text = pretty(head)
    yield text[: text.rindex("[]")]
    yield from json_list(_items(export, progress), "\n    ", empty="[\n    ]")
    yield "\n  }\n}\n"


def _items(export: Export, progress: Progress | None) -> Iterator[str]:
    """Each item's annotation, then each release finding, as pretty JSON at its depth."""
    yield from rendered(export, _annotations, progress)
    for finding in releases_jsonld(export):
        yield pretty(finding, "\n      ")


def _annotations(document: ExportDocument) -> list[str]:
    """The Web Annotation of each of ``document``'s items."""
    pages = {p.number: p for p in document.extraction.pages}
    return [annotation_text(document, item, pages, "\n      ") for item in document.items]


def annotation_iri(document: ExportDocument, annotation_id: str) -> str:
    """A stable IRI for an annotation of a document."""
    return f"urn:kantlijn:{document.record.sha256}:{annotation_id}"


def annotation(document: ExportDocument, item: ExportItem,
               pages: dict[int, PageText] | None = None) -> dict[str, Any]:
    """One item as a Web Annotation (``pages``: the document's pages by number, when the
    caller has them at hand)."""
    a = item.annotation
    data: dict[str, Any] = {
        "id": annotation_iri(document, a.id), "type": "Annotation",
        "motivation": _motivation(a), "body": _bodies(item),
    }
    made_by = item.writers.made_by if item.writers is not None else None
    if made_by or a.author:
        data["creator"] = _person(made_by or a.author or "")
    if a.created:
        data["created"] = a.created
    if a.modified:
        data["modified"] = a.modified
    if a.in_reply_to:
        data["target"] = annotation_iri(document, a.in_reply_to)
    else:
        data["target"] = _target(document, a, pages)
    return data


def annotation_text(document: ExportDocument, item: ExportItem,
                    pages: dict[int, PageText] | None = None, pad: str = "\n") -> str:
    """``pretty(annotation(document, item, pages), pad)``, written straight: the fixed
    parts of a Web Annotation as they are, only the values encoded (an export writes a
    hundred thousand of these)."""
    a = item.annotation
    f = pad + "  "
    c = "," + f
    parts = ["{", f, '"id": ', _string(annotation_iri(document, a.id)),
             c, '"type": "Annotation"', c, '"motivation": ', _string(_motivation(a)),
             c, '"body": ', _bodies_text(_bodies(item), f)]
    made_by = item.writers.made_by if item.writers is not None else None
    if made_by or a.author:
        parts += (c, '"creator": ', _person_text(made_by or a.author or "", f))
    if a.created:
        parts += (c, '"created": ', _value(a.created, f))
    if a.modified:
        parts += (c, '"modified": ', _value(a.modified, f))
    parts += (c, '"target": ')
    if a.in_reply_to:
        parts.append(_string(annotation_iri(document, a.in_reply_to)))
    else:
        parts.append(_target_text(document, a, pages, f))
    parts += (pad, "}")
    return "".join(parts)


def _value(value: object, pad: str) -> str:
    return _string(value) if value.__class__ is str else pretty(value, pad)


def _bodies_text(bodies: list[dict[str, Any]], pad: str) -> str:
    """``pretty(bodies, pad)``; a plain textual body (no creator) from its template."""
    if not bodies:
        return "[]"
    inner = pad + "  "
    field = inner + "  "
    return "[" + inner + ("," + inner).join([
        "{" + field + '"type": "TextualBody",' + field + '"value": ' + _string(body["value"])
        + "," + field + '"format": "text/plain",' + field + '"purpose": '
        + _string(body["purpose"]) + inner + "}"
        if len(body) == 4 else pretty(body, inner)  # with its creators: the general way
        for body in bodies]) + pad + "]"


def _person_text(name: str, pad: str) -> str:
    """``pretty(_person(name), pad)``."""
    field = pad + "  "
    return "{" + field + '"type": "Person",' + field + '"name": ' + _string(plain(name)) + pad + "}"


def _motivation(a: Annotation) -> str:
    if a.in_reply_to:
        return "replying"
    if a.kind == "redaction":
        return "classifying"
    if a.contents and a.contents.strip() and " ".join(a.contents.split()) != " ".join(
        (a.quote or "").split()
    ):
        return "commenting"
    return "highlighting" if a.is_markup or a.quote else "commenting"


def _bodies(item: ExportItem) -> list[dict[str, Any]]:
    a = item.annotation
    bodies: list[dict[str, Any]] = []
    if a.contents and a.contents.strip():
        bodies.append(_text(a.contents, "commenting"))
    if a.kind == "redaction" and a.ground:
        bodies.append(_text(a.ground, "classifying"))
    if a.kind == "redaction" and a.applied is False:
        bodies.append(_text(NOT_APPLIED, "describing"))
    writers = item.writers
    if writers is None:  # a library file: the user's tags and note
        bodies.extend(_text(tag, "tagging") for tag in item.tags)
        if item.note:
            bodies.append(_text(item.note, "describing"))
        return bodies
    for tag, members in writers.tags:  # a team library: each body names its creators
        bodies.append({**_text(tag, "tagging"), "creator": [_person(m) for m in members]})
    for member, note in writers.notes:
        bodies.append({**_text(note, "describing"), "creator": _person(member)})
    return bodies


def _person(name: str) -> dict[str, str]:
    return {"type": "Person", "name": plain(name)}


def _text(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": plain(value), "format": "text/plain",
            "purpose": purpose}


def _target(document: ExportDocument, a: Annotation,
            pages: dict[int, PageText] | None) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    exact, spans = _exact(a)
    if exact:
        prefix, suffix = _context(document, spans, pages)
        selectors.append({"type": "TextQuoteSelector", "exact": plain(exact),
                          "prefix": plain(prefix), "suffix": plain(suffix)})
    selectors.append({"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT,
                      "value": f"page={a.page}"})
    return {"source": f"urn:sha256:{document.record.sha256}", "selector": selectors}


def _target_text(document: ExportDocument, a: Annotation,
                 pages: dict[int, PageText] | None, pad: str) -> str:
    """``pretty(_target(document, a, pages), pad)``."""
    inner = pad + "  "
    item = inner + "  "
    field = item + "  "
    selectors = []
    exact, spans = _exact(a)
    if exact:
        prefix, suffix = _context(document, spans, pages)
        selectors.append(
            "{" + field + '"type": "TextQuoteSelector",' + field + '"exact": '
            + _string(plain(exact)) + "," + field + '"prefix": ' + _string(plain(prefix)) + ","
            + field + '"suffix": ' + _string(plain(suffix)) + item + "}")
    selectors.append(
        "{" + field + '"type": "FragmentSelector",' + field + '"conformsTo": '
        + _PDF_FRAGMENT + "," + field + '"value": ' + _string(f"page={a.page}") + item + "}")
    return ("{" + inner + '"source": ' + _string(f"urn:sha256:{document.record.sha256}") + ","
            + inner + '"selector": [' + item + ("," + item).join(selectors) + inner + "]"
            + pad + "}")


def _exact(a: Annotation) -> tuple[str | None, list[Span]]:
    if a.quote:
        return a.quote, a.spans
    if a.anchor is not None and a.kind != "redaction":
        return a.anchor.text, a.anchor.spans
    return None, []


def _context(document: ExportDocument, spans: list[Span],
             pages: dict[int, PageText] | None) -> tuple[str, str]:
    if not spans:
        return "", ""
    if pages is None:
        pages = {p.number: p for p in document.extraction.pages}
    first, last = spans[0], spans[-1]
    # Withheld words are masked character by character in the page text: one block here.
    return (collapse(_line(pages, first)[max(0, first.start - CONTEXT_CHARS) : first.start]),
            collapse(_line(pages, last)[last.end : last.end + CONTEXT_CHARS]))


def _line(pages: dict[int, PageText], span: Span) -> str:
    page = pages.get(span.page)
    if page is None or not 0 <= span.line < len(page.lines):
        return ""
    return str(page.lines[span.line].text)
