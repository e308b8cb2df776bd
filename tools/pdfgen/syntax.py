"""PDF syntax shared by the drawing and the serialising: numbers and literal strings."""

from __future__ import annotations

import re

_ESCAPES = {
    ord("("): b"\\(",
    ord(")"): b"\\)",
    ord("\\"): b"\\\\",
    ord("\r"): b"\\r",
    ord("\n"): b"\\n",
}


_NEEDS_ESCAPE = re.compile(rb"[()\\\r\n]")


def literal(data: bytes) -> bytes:
    """``data`` as a PDF literal string, ``(...)``, with its parentheses and breaks escaped."""
    if not _NEEDS_ESCAPE.search(data):
        return b"(" + data + b")"
    return b"(" + b"".join(_ESCAPES.get(c, bytes([c])) for c in data) + b")"


_NUMBER = re.compile(r"\.?0+$")


def pdf_number(value: float) -> str:
    """A compact, deterministic number: at most 3 decimals, no trailing zeros."""
    if abs(value) < 0.0005:
        return "0"
    text = f"{value:.3f}"
    return _NUMBER.sub("", text)
