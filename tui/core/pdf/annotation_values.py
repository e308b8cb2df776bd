"""Turning raw PDF values of an annotation into plain Python values.

Each function takes whatever the file holds (possibly the wrong type, an indirect reference
or garbage) and returns a clean value or None; none of them raises on bad input.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

from pypdf.generic import (
    ArrayObject,
    IndirectObject,
    NumberObject,
    StreamObject,
)

from tui.core.model import Point, Quad, Rect
from tui.core.text import clean_line, clean_text, decode_pdf_bytes, encodable, expand_ligatures

_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def resolve(value: object) -> object:
    """Follow an indirect reference (None when it cannot be read)."""
    try:
        return value.get_object() if isinstance(value, IndirectObject) else value
    except Exception:  # a dangling or broken reference
        return None


def raw_text(value: object) -> str | None:
    """A PDF string (text or bytes, or a stream holding text) as str, or None."""
    value = resolve(value)
    if isinstance(value, StreamObject):
        try:
            value = value.get_data()
        except Exception:
            return None
    if isinstance(value, bytes):
        return decode_pdf_bytes(value)
    return encodable(str(value)) if isinstance(value, str) else None


def comment_text(value: object) -> str | None:
    """Comment text as the reader should see it, or None when empty.

    Line ends become ``\\n``, control characters go, ligatures are expanded and the
    surrounding whitespace is dropped; everything else stays as written.
    """
    text = raw_text(value)
    if text is None:
        return None
    text = expand_ligatures(clean_text(text)).strip()
    return text or None


def line_text(value: object) -> str | None:
    """A one-line field (author, subject, name) cleaned, or None when empty."""
    text = raw_text(value)
    if text is None:
        return None
    return expand_ligatures(clean_line(text)).strip() or None


def rich_text(value: object) -> str | None:
    """The plain text of an ``/RC`` rich-text (XHTML) value, or None when empty."""
    markup = raw_text(value)
    if not markup:
        return None
    parser = _RichTextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; this is a last resort
        return None
    lines = [line.rstrip() for line in clean_text("".join(parser.parts)).split("\n")]
    text = expand_ligatures(_MANY_BLANK_LINES.sub("\n\n", "\n".join(lines))).strip()
    return text or None


class _RichTextParser(HTMLParser):
    """Collects character data, with a line break at block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def numbers(value: object) -> list[float] | None:
    """An array of finite numbers, or None when it is not one."""
    value = resolve(value)
    if not isinstance(value, ArrayObject | list):
        return None
    result: list[float] = []
    for item in value:
        item = resolve(item)
        if isinstance(item, bool) or not isinstance(item, int | float | NumberObject):
            return None
        number = float(item)
        if not math.isfinite(number):
            return None
        result.append(number)
    return result


def rect_of(value: object) -> Rect | None:
    """A ``/Rect`` normalised so that ``x0 <= x1`` and ``y0 <= y1``; None when invalid."""
    values = numbers(value)
    if values is None or len(values) != 4:
        return None
    x0, y0, x1, y1 = values
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def quads_of(value: object) -> list[Quad]:
    """``/QuadPoints`` as groups of eight numbers (an incomplete last group is dropped)."""
    values = numbers(value) or []
    return [
        (
            values[i],
            values[i + 1],
            values[i + 2],
            values[i + 3],
            values[i + 4],
            values[i + 5],
            values[i + 6],
            values[i + 7],
        )
        for i in range(0, len(values) - 7, 8)
    ]


def ink_of(value: object) -> list[list[Point]]:
    """``/InkList`` strokes as lists of points; unreadable strokes are left out."""
    strokes = resolve(value)
    if not isinstance(strokes, ArrayObject):
        return []
    result: list[list[Point]] = []
    for stroke in strokes:
        values = numbers(stroke) or []
        points = [(values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
        if points:
            result.append(points)
    return result


def color_of(value: object) -> str | None:
    """``/C`` (gray, RGB or CMYK components in 0..1) as ``#rrggbb``; None otherwise."""
    values = numbers(value)
    if not values or len(values) not in (1, 3, 4):
        return None
    values = [min(1.0, max(0.0, v)) for v in values]
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    else:
        c, m, y, k = values
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
