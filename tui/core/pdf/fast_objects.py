"""A fast reading of plain indirect objects, with pypdf's results, or none at all.

pypdf reads an object a byte or a token at a time through a file object: about 0.3 ms for an
annotation dictionary, so a file holding 20,000 small annotations (a reply chain) spends most
of its reading there. :func:`read_plain_object` reads the common shape — dictionaries,
arrays, names, numbers, references, booleans, null, strings without escapes, hex strings —
with one regular expression over the file's bytes and a stack (no recursion, however deep),
and builds the very objects pypdf's ``read_object`` builds. Anything else (a stream, an
escape in a string, a ``#`` in a name, a duplicate key, a comment, anything unexpected)
gives None, and the caller lets pypdf read the object as before: this only ever takes the
plain case, so what a file means never depends on which reader read it.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    create_string_object,
)

#: Objects larger than this (to their ``endobj``) are left to pypdf.
MAX_PLAIN_BYTES = 65_536
#: Containers nested deeper than this are left to pypdf (and its own limits).
MAX_PLAIN_DEPTH = 64

_WS = rb"[\x00\t\n\f\r ]"
# pypdf's reference pattern is "[+-]?(\d+)\s+(\d+)\s+R[^a-zA-Z]" on a peek of 20 bytes.
# One match per token, the whitespace before it included.
_TOKEN = re.compile(
    _WS + rb"*(?:"
    rb"(?P<ref>[+-]?(?P<rn>[0-9]+)[\t\n\f\r ]+(?P<rg>[0-9]+)[\t\n\f\r ]+R)(?=[^a-zA-Z])"
    rb"|(?P<num>[+\-.0-9][+,\-.0-9]*)"
    rb"|(?P<name>/[^\x00-\x20\x7f-\xff()<>\[\]{}/%#]*)"
    rb"|(?P<open><<|\[)"
    rb"|(?P<close>>>|\])"
    rb"|\((?P<str>[^()\\]*)\)"
    rb"|<(?P<hex>[0-9A-Fa-f\t\n\r ]*)>"
    rb"|(?P<kw>true|false|null|endobj)(?=[\x00\t\n\f\r ()<>\[\]{}/%]|$))"
)
_HEX_SPACE = re.compile(rb"[\t\n\r ]")


class _NotPlain(Exception):
    """The object is not of the plain shape: pypdf reads it."""


def read_plain_object(data: bytes, start: int, reader: Any) -> PdfObject | None:
    """The object whose body starts at ``start`` (just after ``N G obj``), or None when it is
    not plain (see the module)."""
    end = data.find(b"endobj", start, start + MAX_PLAIN_BYTES)
    if end < 0:
        return None
    try:
        return _parse(data, start, end + 6, reader)
    except _NotPlain:
        return None


def _parse(data: bytes, position: int, end: int, reader: Any) -> PdfObject:
    # Each open container: the container, and for a dictionary the key waiting for a value.
    stack: list[list[Any]] = []
    result: PdfObject | None = None
    # The scanner's matches follow each other; it stops (None) at anything not a token.
    scanner = _TOKEN.scanner(data, position, end)  # type: ignore[attr-defined]
    for match in iter(scanner.match, None):
        kind = match.lastgroup
        if kind == "kw" and match.group(kind) == b"endobj":
            if stack or result is None:
                raise _NotPlain  # an object cut short, or "endobj" as the value
            return result
        if result is not None:
            raise _NotPlain  # more after the object: "stream", or junk pypdf might read
        if kind == "open":
            if len(stack) >= MAX_PLAIN_DEPTH:
                raise _NotPlain
            stack.append([ArrayObject() if match.group(kind) == b"[" else {}, None])
            continue
        if kind == "close":
            if not stack:
                raise _NotPlain
            container, key = stack.pop()
            is_array = isinstance(container, ArrayObject)
            if is_array != (match.group(kind) == b"]") or key is not None:
                raise _NotPlain
            value: PdfObject = container if is_array else _dictionary(container)
        else:
            value = _scalar(kind, match, reader)
        if not stack:
            result = value
            continue
        top = stack[-1]
        if isinstance(top[0], ArrayObject):
            top[0].append(value)
        elif top[1] is None:
            if not isinstance(value, NameObject) or value in top[0]:
                raise _NotPlain  # a key that is not a name, or a duplicate key
            top[1] = value
        else:
            top[0][top[1]] = value
            top[1] = None
    raise _NotPlain


def _dictionary(entries: dict[NameObject, PdfObject]) -> DictionaryObject:
    made = DictionaryObject()
    made.update(entries)
    return made


def _scalar(kind: str | None, match: re.Match[bytes], reader: Any) -> PdfObject:
    text = match.group(kind or 0)
    if kind == "ref":
        if len(text) > 19:  # pypdf only sees a reference within its 20-byte peek
            raise _NotPlain
        return IndirectObject(int(match.group("rn")) * (-1 if text[:1] == b"-" else 1),
                              int(match.group("rg")), reader)
    if kind == "num":
        if len(text) > 19:
            raise _NotPlain
        return FloatObject(text) if b"." in text else NumberObject(text)
    if kind == "name":
        if len(text) > 4_000:
            raise _NotPlain
        return NameObject(text.decode("ascii"))
    if kind == "str":
        return create_string_object(text)
    if kind == "hex":
        digits = _HEX_SPACE.sub(b"", text)
        if len(digits) % 2:
            digits += b"0"
        return create_string_object(bytes.fromhex(digits.decode("ascii")))
    if text == b"true":
        return BooleanObject(True)
    if text == b"false":
        return BooleanObject(False)
    if text == b"null":
        return NullObject()
    raise _NotPlain
