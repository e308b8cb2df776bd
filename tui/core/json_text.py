"""Pretty-printed JSON, written fast: the text ``json.dumps(value, ensure_ascii=False,
indent=2)`` gives, at any depth, without its pure-Python indenting encoder.

With ``indent`` the standard library encodes in Python, a generator per level and a chunk per
token: the larger half of an export's time. :func:`pretty` writes the same bytes by
recursion over the few JSON types (strings through the C string encoder), and
:func:`annotation_json` writes an annotation record (:mod:`tui.core.model_records`) straight
from the dataclass, building no dict. Every writer takes ``pad``: a newline and the
indentation of the line the value starts on, so a value nested in a streamed document
(an export written record by record) comes out as if the whole had been dumped at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from tui.core.model_records import SCHEMA_VERSION, document_record, nota_record, page_record

if TYPE_CHECKING:
    from tui.core.model import Anchor, Annotation, Extraction, Span

_INFINITY = float("inf")
_string: Callable[[str], str] = encode_basestring
"""A string as JSON (``ensure_ascii=False``), by the C encoder where there is one."""


def pretty(value: Any, pad: str = "\n") -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, nested
    at the indentation ``pad`` ends with.

    Raises:
        TypeError: a value JSON cannot hold (as ``json.dumps`` raises it).
    """
    cls = value.__class__
    if cls is str:
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if cls is int:
        return int.__repr__(value)
    if cls is float:
        return _float(value)
    if cls is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        parts = []
        for key, item in value.items():
            if key.__class__ is not str:  # json.dumps turns such keys into strings
                return _standard(value, pad)
            # Strings, the commonest values, without a call of their own.
            parts.append(_string(key) + ": " + (
                _string(item) if item.__class__ is str else pretty(item, inner)))
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    if cls is list or cls is tuple:
        if not value:
            return "[]"
        inner = pad + "  "
        return "[" + inner + ("," + inner).join([
            _string(item) if item.__class__ is str else pretty(item, inner) for item in value
        ]) + pad + "]"
    return _standard(value, pad)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _standard(value: Any, pad: str) -> str:
    """Anything unusual (a subclass, a key that is no string) the standard library's way."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", pad)


def _value(value: Any, pad: str) -> str:
    return _string(value) if value.__class__ is str else pretty(value, pad)


def _spans(spans: list[Span], pad: str) -> str:
    if not spans:
        return "[]"
    inner = pad + "  "
    field = inner + "  "
    return "[" + inner + ("," + inner).join([
        "{" + field + '"page": ' + _value(s.page, field) + "," + field + '"line": '
        + _value(s.line, field) + "," + field + '"start": ' + _value(s.start, field) + ","
        + field + '"end": ' + _value(s.end, field) + inner + "}" for s in spans]) + pad + "]"


def _anchor(anchor: Anchor | None, pad: str) -> str:
    if anchor is None:
        return "null"
    field = pad + "  "
    return ("{" + field + '"text": ' + _value(anchor.text, field) + "," + field + '"page": '
            + _value(anchor.page, field) + "," + field + '"line": ' + _value(anchor.line, field)
            + "," + field + '"via": ' + _value(anchor.via, field) + "," + field
            + '"annotation": ' + _value(anchor.annotation, field) + "," + field + '"spans": '
            + _spans(anchor.spans, field) + pad + "}")


def _same(text: str) -> str:
    return text


def annotation_json(a: Annotation, pad: str = "\n", text: Callable[[str], str] = _same,
                    extra: Iterable[tuple[str, Any]] = ()) -> str:
    """``pretty(annotation_record(a), pad)`` without building the record; ``text`` is
    applied to ``contents``, ``quote``, ``author`` and ``subject`` when they are strings,
    and ``extra`` keys follow the record's own (what an export adds to it)."""
    f = pad + "  "
    c = "," + f
    parts = [
        "{", f, '"id": ', _value(a.id, f), c, '"kind": ', _value(a.kind, f),
        c, '"subtype": ', _value(a.subtype, f), c, '"page": ', _value(a.page, f),
        c, '"rect": ', _value(a.rect, f), c, '"quads": ', pretty(a.quads, f),
        c, '"color": ', _value(a.color, f), c, '"author": ', _texted(a.author, f, text),
        c, '"subject": ', _texted(a.subject, f, text), c, '"created": ', _value(a.created, f),
        c, '"modified": ', _value(a.modified, f),
        c, '"contents": ', _texted(a.contents, f, text), c, '"quote": ', _texted(a.quote, f, text),
        c, '"spans": ', _spans(a.spans, f), c, '"anchor": ', _anchor(a.anchor, f),
        c, '"in_reply_to": ', _value(a.in_reply_to, f), c, '"group_with": ',
        _value(a.group_with, f), c, '"nota": ', _value(a.nota, f),
        c, '"ground": ', _value(a.ground, f), c, '"applied": ', _value(a.applied, f),
        c, '"ink": ', pretty(a.ink, f), c, '"confidence": ', _value(a.confidence, f),
    ]
    for key, value in extra:
        parts += (c, _string(key), ": ", pretty(value, f))
    parts += (pad, "}")
    return "".join(parts)


def _texted(value: str | None, pad: str, text: Callable[[str], str]) -> str:
    return pretty(text(value), pad) if isinstance(value, str) else pretty(value, pad)


def json_list(items: Iterable[str], pad: str, empty: str = "[]") -> Iterator[str]:
    """A JSON list of values already written at ``pad + "  "``, a piece at a time
    (``empty`` when there are none)."""
    inner = pad + "  "
    first = True
    for item in items:
        yield ("[" if first else ",") + inner + item
        first = False
    yield empty if first else pad + "]"


def extraction_json(extraction: Extraction, *, include_pages: bool = False) -> Iterator[str]:
    """``pretty(extraction.to_dict(include_pages=...))``, an annotation (and a page) at a
    time: the text ``kantlijn extract --format json`` prints."""
    yield '{\n  "schema": ' + pretty(SCHEMA_VERSION, "\n  ")
    yield ',\n  "document": ' + pretty(document_record(extraction.document), "\n  ")
    yield ',\n  "notas": ' + pretty([nota_record(n) for n in extraction.notas], "\n  ")
    yield ',\n  "annotations": '
    yield from json_list((annotation_json(a, "\n    ") for a in extraction.annotations), "\n  ")
    yield ',\n  "warnings": ' + pretty(list(extraction.warnings), "\n  ")
    if include_pages:
        yield ',\n  "pages": '
        yield from json_list((pretty(page_record(p), "\n    ") for p in extraction.pages),
                             "\n  ")
        if extraction.summary_pages:
            yield ',\n  "summary_pages": '
            yield from json_list((pretty(page_record(p), "\n    ")
                                  for p in extraction.summary_pages), "\n  ")
    yield "\n}"
