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
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

from tui.core.model_records import SCHEMA_VERSION, document_record, nota_record, page_record

if TYPE_CHECKING:
    from tui.core.model import Anchor, Annotation, Extraction, Span

_INFINITY = float("inf")
_string: Callable[[str], str] = encode_basestring
"""A string as JSON (``ensure_ascii=False``), by the C encoder where there is one."""


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""The values the C encoder writes just as :func:`pretty` does (exact types: a subclass may
write itself otherwise)."""
_STRINGS = frozenset({str})


@lru_cache(maxsize=64)
def _flat_encoder(separator: str) -> Callable[[Any, int], Any]:
    """The standard library's C encoder, its items separated by ``separator`` (no indent):
    a container of plain values in one call, not a call per value."""
    return c_make_encoder(None, None, _string, None, ": ", separator, False, False, True)


def _flat(value: Any, is_dict: bool) -> bool:
    """True when ``value`` holds plain values only (and, a dict, string keys only)."""
    if c_make_encoder is None:  # an interpreter without the C encoder
        return False
    if is_dict:
        return _STRINGS.issuperset(map(type, value)) and _SCALARS.issuperset(
            map(type, value.values()))
    return _SCALARS.issuperset(map(type, value))


def pretty(value: Any, pad: str = "\n") -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, nested
    at the indentation ``pad`` ends with.

    Raises:
        TypeError: a value JSON cannot hold (as ``json.dumps`` raises it).
    """
    cls = value.__class__
    if (cls is list or cls is tuple or cls is dict) and value and _flat(value, cls is dict):
        # Plain values only, at one depth: the items as the C encoder writes them, each on
        # a line of its own at this depth.
        inner = pad + "  "
        text = "".join(_flat_encoder("," + inner)(value, 0))
        return text[0] + inner + text[1:-1] + pad + text[-1]
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
    author, subject, contents, quote = a.author, a.subject, a.contents, a.quote
    if text is not _same:
        author, subject, contents, quote = (
            text(v) if isinstance(v, str) else v for v in (author, subject, contents, quote))
    scalars = (a.id, a.kind, a.subtype, a.page, a.color, author, subject, a.created,
               a.modified, contents, quote, a.in_reply_to, a.group_with, a.nota, a.ground,
               a.applied, a.confidence)
    if c_make_encoder is not None and _SCALARS.issuperset(map(type, scalars)):
        # Every plain value in one call of the C encoder; no JSON text holds a raw NUL (a
        # string escapes it), so it parts them safely.
        values = "".join(_flat_encoder("\0")(scalars, 0))[1:-1].split("\0")
    else:
        values = [pretty(v, f) for v in scalars]
    (id_, kind, subtype, page, color, author_j, subject_j, created, modified, contents_j,
     quote_j, in_reply_to, group_with, nota, ground, applied, confidence) = values
    c = "," + f
    parts = [
        "{", f, '"id": ', id_, c, '"kind": ', kind, c, '"subtype": ', subtype,
        c, '"page": ', page, c, '"rect": ', pretty(a.rect, f), c, '"quads": ',
        pretty(a.quads, f), c, '"color": ', color, c, '"author": ', author_j,
        c, '"subject": ', subject_j, c, '"created": ', created, c, '"modified": ', modified,
        c, '"contents": ', contents_j, c, '"quote": ', quote_j,
        c, '"spans": ', _spans(a.spans, f), c, '"anchor": ', _anchor(a.anchor, f),
        c, '"in_reply_to": ', in_reply_to, c, '"group_with": ', group_with,
        c, '"nota": ', nota, c, '"ground": ', ground, c, '"applied": ', applied,
        c, '"ink": ', pretty(a.ink, f), c, '"confidence": ', confidence,
    ]
    for key, value in extra:
        parts += (c, _string(key), ": ", pretty(value, f))
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
