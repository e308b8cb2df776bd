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
from functools import lru_cache
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


_ANNOTATION_KEYS = ("id", "kind", "subtype", "page", "rect", "quads", "color", "author",
                    "subject", "created", "modified", "contents", "quote", "spans", "anchor",
                    "in_reply_to", "group_with", "nota", "ground", "applied", "ink",
                    "confidence")
"""The keys of :func:`~tui.core.model_records.annotation_record`, in its order."""


@lru_cache(maxsize=32)
def _keys(pad: str) -> tuple[str, ...]:
    """What opens each field of an annotation record nested at ``pad`` (the key, and the
    line break and indentation before it), made once per depth."""
    f = pad + "  "
    return ("{" + f + '"id": ', *("," + f + _string(k) + ": " for k in _ANNOTATION_KEYS[1:]))


def annotation_json(a: Annotation, pad: str = "\n", text: Callable[[str], str] = _same,
                    extra: Iterable[tuple[str, Any]] = ()) -> str:
    """``pretty(annotation_record(a), pad)`` without building the record; ``text`` is
    applied to ``contents``, ``quote``, ``author`` and ``subject`` when they are strings,
    and ``extra`` keys follow the record's own (what an export adds to it)."""
    # An export writes a hundred thousand of these: each value is written inline (a string
    # by the C encoder, None as null), only other values through pretty; no call per field.
    f = pad + "  "
    s = _string
    k = _keys(pad)
    v: Any  # each field in turn
    author, subject, contents, quote = a.author, a.subject, a.contents, a.quote
    if text is not _same:
        author = text(author) if isinstance(author, str) else author
        subject = text(subject) if isinstance(subject, str) else subject
        contents = text(contents) if isinstance(contents, str) else contents
        quote = text(quote) if isinstance(quote, str) else quote
    parts = [
        k[0], s(v) if (v := a.id).__class__ is str else pretty(v, f),
        k[1], s(v) if (v := a.kind).__class__ is str else pretty(v, f),
        k[2], s(v) if (v := a.subtype).__class__ is str else pretty(v, f),
        k[3], int.__repr__(v) if (v := a.page).__class__ is int else pretty(v, f),
        k[4], "null" if (v := a.rect) is None else pretty(v, f),
        k[5], pretty(a.quads, f),
        k[6], "null" if (v := a.color) is None else pretty(v, f),
        k[7], "null" if author is None else s(author) if author.__class__ is str
        else pretty(author, f),
        k[8], "null" if subject is None else s(subject) if subject.__class__ is str
        else pretty(subject, f),
        k[9], "null" if (v := a.created) is None else s(v) if v.__class__ is str
        else pretty(v, f),
        k[10], "null" if (v := a.modified) is None else s(v) if v.__class__ is str
        else pretty(v, f),
        k[11], "null" if contents is None else s(contents) if contents.__class__ is str
        else pretty(contents, f),
        k[12], "null" if quote is None else s(quote) if quote.__class__ is str
        else pretty(quote, f),
        k[13], _spans(a.spans, f), k[14], _anchor(a.anchor, f),
        k[15], "null" if (v := a.in_reply_to) is None else s(v) if v.__class__ is str
        else pretty(v, f),
        k[16], "null" if (v := a.group_with) is None else s(v) if v.__class__ is str
        else pretty(v, f),
        k[17], "null" if (v := a.nota) is None else pretty(v, f),
        k[18], "null" if (v := a.ground) is None else s(v) if v.__class__ is str
        else pretty(v, f),
        k[19], "null" if (v := a.applied) is None else pretty(v, f),
        k[20], pretty(a.ink, f), k[21], "null" if (v := a.confidence) is None else pretty(v, f),
    ]
    for key, value in extra:
        parts += (",", f, s(key), ": ", pretty(value, f))
    parts += (pad, "}")
    return "".join(parts)


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
