"""A fast tokenizer for the everyday part of PDF content streams.

pypdf's ``ContentStream`` parser builds a PdfObject per operand, reading the stream a byte at
a time; on text-heavy pages that is as slow as all the layout work together. Content streams
are mostly numbers, names, strings, arrays and operators, which one regular expression splits
at C speed. Anything this module does not handle exactly — inline images, ``#`` escapes in
names, non-ASCII names, unbalanced or deeply nested brackets, stray bytes — makes
:func:`parse_operations` return None, and the caller falls back to pypdf's parser.

Operands come back as plain Python values: numbers as ``float``, names as ``str`` (``"/F1"``,
which compares equal to pypdf's ``NameObject``), strings as raw ``bytes`` (character codes, as
pypdf gives with ``forced_encoding="bytes"``), arrays and dictionaries as lists.
"""

from __future__ import annotations

import binascii
import re
from typing import Any

Operation = tuple[list[Any], bytes]

_WS = rb"[ \t\r\n\f\x00]*"
_REGULAR = rb"[^ \t\r\n\f\x00()<>\[\]{}/%]"
_STRING_BODY = rb"(?:[^()\\]|\\.)*"
#: One token after optional whitespace; the group number says which kind (see below).
_TOKEN = re.compile(
    _WS
    + rb"(?:"
    + rb"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?!" + _REGULAR + rb")"  # 1 number
    + rb"|(/" + _REGULAR + rb"*)"  # 2 name
    + rb"|(\((?:[^()\\]|\\.|\(" + _STRING_BODY + rb"\))*\))"  # 3 string (one nesting level)
    + rb"|(<[0-9A-Fa-f \t\r\n\f\x00]*>)"  # 4 hex string
    + rb"|(\[|<<)"  # 5 open array / dictionary
    + rb"|(\]|>>)"  # 6 close
    + rb"|([A-Za-z'\"]" + _REGULAR + rb"*)"  # 7 operator (or true/false/null inside [ ])
    + rb"|(%[^\r\n]*)"  # 8 comment
    + rb"|(.)"  # 9 anything else: give up
    + rb")",
    re.DOTALL,
)
_NUMBER, _NAME, _STRING, _HEX, _OPEN, _CLOSE, _OPERATOR, _COMMENT, _OTHER = range(1, 10)
_HEX_SPACE = re.compile(rb"[ \t\r\n\f\x00]")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
#: Characters pypdf takes literally after a backslash (any other keeps the backslash).
_LITERAL_AFTER_BACKSLASH = frozenset(b"()/\\ %<>[]#_&$")


class _Unsupported(Exception):
    """Something the fast path leaves to pypdf."""


def parse_operations(data: bytes, limit: int = 1 << 62) -> list[Operation] | None:
    """The ``(operands, operator)`` pairs of a decoded content stream, in order; at most
    ``limit`` of them (a crafted stream can hold millions: reading stops there).

    Returns None when the stream holds anything the fast path does not read exactly like
    pypdf (the caller then uses pypdf's parser). Operands left without an operator at the end
    are dropped, as pypdf does.
    """
    try:
        return _parse(data, limit)
    except (_Unsupported, ValueError):
        return None


def _parse(data: bytes, limit: int) -> list[Operation]:
    operations: list[Operation] = []
    operands: list[Any] = []
    outer: list[list[Any]] = []  # the operand lists enclosing an open array or dictionary
    # Without trailing whitespace every position a search starts from holds a token, so the
    # scan stays linear whatever the input.
    for match in _TOKEN.finditer(data.rstrip(b" \t\r\n\f\x00")):
        kind = match.lastindex
        token = match.group(kind) if kind is not None else b""
        if kind == _NUMBER:
            operands.append(float(token))
        elif kind == _STRING:
            body = token[1:-1]
            operands.append(_unescape(body) if b"\\" in body else body)
        elif kind == _OPERATOR:
            if outer:  # true / false / null inside an array or dictionary
                operands.append(token)
            elif token == b"BI":
                raise _Unsupported("inline image")
            else:
                operations.append((operands, token))
                operands = []
                if len(operations) >= limit:
                    return operations
        elif kind == _NAME:
            if b"#" in token or not token.isascii():
                raise _Unsupported("escaped name")
            operands.append(token.decode("ascii"))
        elif kind == _OPEN:
            outer.append(operands)
            operands = []
        elif kind == _CLOSE:
            if not outer:
                raise _Unsupported("unbalanced bracket")
            inner, operands = operands, outer.pop()
            operands.append(inner)
        elif kind == _HEX:
            digits = _HEX_SPACE.sub(b"", token[1:-1])
            operands.append(binascii.unhexlify(digits + b"0" if len(digits) % 2 else digits))
        elif kind != _COMMENT:
            raise _Unsupported("unexpected byte")
    if outer:
        raise _Unsupported("unclosed bracket")
    return operations


def _unescape(body: bytes) -> bytes:
    """A literal string's bytes with its backslash escapes resolved (PDF 7.3.4.2)."""
    return _ESCAPE.sub(_escape_value, body)


def _escape_value(match: re.Match[bytes]) -> bytes:
    octal, newline, char = match.groups()
    if octal is not None:
        code = int(octal, 8)
        if code > 255:
            raise _Unsupported("octal escape out of range")
        return bytes((code,))
    if newline is not None:  # a backslash at a line end continues the string
        return b""
    if char in _ESCAPED:
        return _ESCAPED[char]
    return char if char[0] in _LITERAL_AFTER_BACKSLASH else b"\\" + char
