"""A fast tokenizer for PDF content streams, linear in the stream whatever it holds.

pypdf's ``ContentStream`` parser builds a PdfObject per operand, reading the stream a byte at
a time (and recursing into arrays); on text-heavy pages that is as slow as all the layout work
together, and on crafted streams far slower. Content streams are mostly numbers, names,
strings, arrays and operators, which one regular expression splits at C speed (its repeats
possessive, so a string of megabytes costs no backtracking memory). Inline images are
skipped by a scan for their ``EI``; arrays and dictionaries nested deeper than
:data:`MAX_NESTING` end the stream (no real content comes near). What this module does not
read exactly like pypdf — stray bytes, an unterminated string, an octal escape past 255 —
makes :func:`parse_operations` return None, and the caller falls back to pypdf's parser
(for small streams only).

Operands come back as plain Python values: numbers as ``float``, names as ``str`` (``"/F1"``,
which compares equal to pypdf's ``NameObject``), strings as raw ``bytes`` (character codes, as
pypdf gives with ``forced_encoding="bytes"``), arrays and dictionaries as lists.
"""

from __future__ import annotations

import binascii
import re
from typing import Any

from pypdf.generic import NameObject

Operation = tuple[list[Any], bytes]

#: Arrays and dictionaries nested deeper than this end the stream (with a note).
MAX_NESTING = 64
#: An inline image's dictionary is looked for its ``ID`` within this many bytes.
MAX_INLINE_DICT = 4_096

_WS = rb"[ \t\r\n\f\x00]*"
_REGULAR = rb"[^ \t\r\n\f\x00()<>\[\]{}/%]"
_STRING_BODY = rb"(?:[^()\\]++|\\.)*+"
#: One token after optional whitespace; the group number says which kind (see below).
_TOKEN = re.compile(
    _WS
    + rb"(?:"
    + rb"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?!" + _REGULAR + rb")"  # 1 number
    + rb"|(/" + _REGULAR + rb"*)"  # 2 name
    + rb"|(\((?:[^()\\]++|\\.|\(" + _STRING_BODY + rb"\))*+\))"  # 3 string (one level)
    + rb"|(<[0-9A-Fa-f \t\r\n\f\x00]*>)"  # 4 hex string
    + rb"|(\[|<<)"  # 5 open array / dictionary
    + rb"|(\]|>>)"  # 6 close
    + rb"|([A-Za-z'\"]" + _REGULAR + rb"*)"  # 7 operator (or true/false/null inside [ ])
    + rb"|(%[^\r\n]*)"  # 8 comment
    + rb"|(.)"  # 9 anything else (a string nested deeper than one level starts here)
    + rb")",
    re.DOTALL,
)
_NUMBER, _NAME, _STRING, _HEX, _OPEN, _CLOSE, _OPERATOR, _COMMENT, _OTHER = range(1, 10)
_HEX_SPACE = re.compile(rb"[ \t\r\n\f\x00]")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
#: Characters pypdf takes literally after a backslash (any other keeps the backslash).
_LITERAL_AFTER_BACKSLASH = frozenset(b"()/\\ %<>[]#_&$")
_PAREN = re.compile(rb"[()\\]")
_IMAGE_DATA = re.compile(rb"[ \t\r\n\f\x00]ID[ \t\r\n\f\x00]")
_IMAGE_END = re.compile(rb"(?<=[ \t\r\n\f\x00])EI(?=[ \t\r\n\f\x00/\[<(%]|$)")
_DECLARED_END = re.compile(rb"[ \t\r\n\f\x00]*EI(?=[ \t\r\n\f\x00/\[<(%]|$)")
_IMAGE_LENGTH = re.compile(rb"/(?:L|Length)[ \t\r\n\f\x00]+(\d{1,9})\b")


class _Unsupported(Exception):
    """Something the fast path leaves to pypdf."""


class _Stop(Exception):
    """The rest of the stream cannot be read: what was read so far stands."""


def parse_operations(data: bytes, limit: int = 1 << 62,
                     notes: list[str] | None = None) -> list[Operation] | None:
    """The ``(operands, operator)`` pairs of a decoded content stream, in order; at most
    ``limit`` of them (a crafted stream can hold millions: reading stops there).

    Content nested too deeply, or an inline image without its end, ends the stream: the
    operators before it come back and ``notes`` gets a line saying so. Returns None when the
    stream holds anything the fast path does not read exactly like pypdf (the caller then
    uses pypdf's parser). Operands left without an operator at the end are dropped, as pypdf
    does.
    """
    operations: list[Operation] = []
    try:
        _parse(data, limit, operations)
    except _Stop as stop:
        if notes is not None:
            notes.append(f"{stop}; the rest of the content stream is skipped")
    except (_Unsupported, ValueError):
        return None
    return operations


def _parse(data: bytes, limit: int, operations: list[Operation]) -> None:
    operands: list[Any] = []
    outer: list[list[Any]] = []  # the operand lists enclosing an open array or dictionary
    # Without trailing whitespace every position a match starts from holds a token, so the
    # scan stays linear whatever the input.
    data = data.rstrip(b" \t\r\n\f\x00")
    match_at, size, pos = _TOKEN.match, len(data), 0
    while pos < size:
        match = match_at(data, pos)
        if match is None:  # cannot happen: the last alternative takes any byte
            raise _Unsupported("no token")
        pos = match.end()
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
                pos = _skip_inline_image(data, pos)
                operations.append(([], b"EI"))
                operands = []
            else:
                operations.append((operands, token))
                operands = []
                if len(operations) >= limit:
                    return
        elif kind == _NAME:
            operands.append(_name(token))
        elif kind == _OPEN:
            if len(outer) >= MAX_NESTING:
                raise _Stop(f"content nested over {MAX_NESTING} deep")
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
        elif kind == _OTHER and token == b"(":
            end = _string_end(data, pos)
            body = data[pos : end - 1]
            operands.append(_unescape(body) if b"\\" in body else body)
            pos = end
        elif kind != _COMMENT:
            raise _Unsupported("unexpected byte")
    if outer:
        raise _Unsupported("unclosed bracket")


def _string_end(data: bytes, pos: int) -> int:
    """Just past the ``)`` closing a literal string whose body starts at ``pos`` (strings
    nest by balanced parentheses); counted, never recursive."""
    depth = 1
    search = _PAREN.search
    while True:
        found = search(data, pos)
        if found is None:
            raise _Unsupported("unterminated string")
        char = data[found.start()]
        pos = found.end()
        if char == 0x5C:  # a backslash escapes the next byte
            pos += 1
        elif char == 0x28:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos


def _skip_inline_image(data: bytes, pos: int) -> int:
    """Where reading goes on after the inline image whose ``BI`` ends at ``pos``: past its
    ``EI``, found at the length its dictionary gives or by one forward scan."""
    found = _IMAGE_DATA.search(data, pos, pos + MAX_INLINE_DICT)
    if found is None:
        raise _Stop("an inline image without its data (ID)")
    start = found.end()
    declared = _IMAGE_LENGTH.search(data, pos, found.start())
    if declared is not None:  # trusted only when an EI stands right there
        end = _DECLARED_END.match(data, start + int(declared.group(1)))
        if end is not None:
            return end.end()
    end = _IMAGE_END.search(data, start)
    if end is None:
        raise _Stop("an inline image without its end (EI)")
    return end.end()


def _name(token: bytes) -> str:
    """A name as pypdf reads it: ``#xx`` escapes resolved, then UTF-8, GBK or Latin-1."""
    if b"#" not in token and token.isascii():
        return token.decode("ascii")
    raw = NameObject.unnumber(token)
    for charset in NameObject.CHARSETS:
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


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
