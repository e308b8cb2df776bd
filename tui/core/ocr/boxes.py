"""Filled boxes in a page image: burned-in redactions (black) and flattened highlights.

The image is small (:data:`~tui.core.ocr.render.BOX_DPI`): a box of a line's height is still
several pixels tall, and letters are thin grey strokes there. Pixels are sorted into black,
a colour, or neither; runs of one class on a row are joined with the runs they touch on the
row above into areas. An area that fills most of its bounding box is a box; it is handed on
as the content walker hands on a painted rectangle (:data:`~tui.core.pdf.shapes.Fill`), so
:mod:`tui.core.pdf.flattened` reads it as it reads a text PDF's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tui.core.model import Rect
from tui.core.ocr.render import Bitmap
from tui.core.pdf.flattened import MIN_BOX
from tui.core.pdf.shapes import RGB, Fill

#: A pixel this dark in every channel is black.
BLACK_LEVEL = 60
#: A pixel whose channels differ this much is coloured (a highlighter), not grey.
COLOUR_SPREAD = 60
#: A black area must fill this share of its bounding box to be a box (letters do not).
BLACK_FILL = 0.85
#: A highlight has words over it: less of its box keeps the colour.
COLOUR_FILL = 0.5
#: Hues are told apart in this many steps round the colour wheel (yellow, green, ...).
HUE_STEPS = 12
#: A highlight is at least this tall and wide (points): coloured text's letters are less.
MIN_HIGHLIGHT = 8.0
#: A fill shows its one colour in at least this share of its pixels (the rest is ink over it).
SOLID_SHARE = 0.2

_NONE = 0
_BLACK = 1
#: A pixel with every channel at least this light is neither black nor coloured (its
#: channels cannot differ by :data:`COLOUR_SPREAD`).
_LIGHT_LEVEL = 256 - COLOUR_SPREAD
_LIGHT_TABLE = bytes(255 if value >= _LIGHT_LEVEL else 0 for value in range(256))
_LIGHT_BYTES = re.compile(rb"\xff+")


@dataclass(slots=True)
class _Area:
    kind: int
    x0: int
    y0: int
    x1: int
    y1: int
    pixels: int = 0
    colours: Counter[tuple[int, int, int]] = field(default_factory=Counter)


def find_boxes(bitmap: Bitmap) -> list[Fill]:
    """Black and coloured boxes of an RGB bitmap, in PDF user space, top to bottom."""
    width, data = bitmap.width, bitmap.data
    areas: list[_Area] = []
    parent: list[int] = []
    previous: list[tuple[int, int, int, int]] = []  # (start, end, kind, area) runs of a row
    for y in range(bitmap.height):
        row = data[y * width * 3 : (y + 1) * width * 3]
        runs: list[tuple[int, int, int, int]] = []
        for start, end, kind in _runs(row, width):
            joined = [_find(parent, a) for s, e, k, a in previous
                      if k == kind and s < end and start < e]
            if joined:
                index = joined[0]
                for other in joined[1:]:
                    if other != index:
                        parent[other] = index
                        _merge(areas[index], areas[other])
            else:
                index = len(areas)
                areas.append(_Area(kind, start, y, end, y + 1))
                parent.append(index)
            area = areas[index]
            area.x0, area.x1 = min(area.x0, start), max(area.x1, end)
            area.y1 = y + 1
            area.pixels += end - start
            if kind > _BLACK:  # the fill's colour is told by counting: the ink over it varies
                area.colours.update(zip(row[3 * start : 3 * end : 3],
                                        row[3 * start + 1 : 3 * end : 3],
                                        row[3 * start + 2 : 3 * end : 3], strict=True))
            runs.append((start, end, kind, index))
        previous = runs
    fills: list[Fill] = []
    for index, area in enumerate(areas):
        if parent[index] != index:
            continue
        box = (area.x1 - area.x0) * (area.y1 - area.y0)
        needed = BLACK_FILL if area.kind == _BLACK else COLOUR_FILL
        if area.pixels < needed * box:
            continue
        pad = 0 if area.kind == _BLACK else 1  # a highlight's edge pixels blend with the paper
        rect: Rect = bitmap.frame.to_pdf(  # type: ignore[assignment]
            area.x0 - pad, area.y0 - pad, area.x1 + pad, area.y1 + pad)
        if area.kind != _BLACK and not _solid(area):
            continue  # coloured letters (a FreeText printed in blue), not a fill behind words
        least = MIN_BOX if area.kind == _BLACK else MIN_HIGHLIGHT
        if rect[2] - rect[0] < least or rect[3] - rect[1] < least:
            continue  # a letter's stroke, a speck, a rule: no mark (as flattened.py judges)
        fills.append((rect, _colour(area)))
    return fills


def _runs(row: bytes, width: int) -> list[tuple[int, int, int]]:
    """Runs of one class on a row: ``(start, end, kind)``; kind 1 black, >1 a hue.

    Words printed over a highlight are darker pixels of its hue, so they stay in its run.
    Stretches of light pixels (most of a page) are neither and are skipped unlooked-at.
    """
    runs: list[tuple[int, int, int]] = []
    current, start, at = _NONE, 0, 0
    for low, high in _not_light(row, width):
        if low > at and current != _NONE:  # light pixels in between end the run
            runs.append((start, at, current))
            current = _NONE
        for x in range(low, high):
            kind = _kind(row[3 * x], row[3 * x + 1], row[3 * x + 2])
            if kind == current:
                continue
            if current != _NONE:
                runs.append((start, x, current))
            current, start = kind, x
        at = high
    if current != _NONE:
        runs.append((start, at, current))
    return runs


def _not_light(row: bytes, width: int) -> list[tuple[int, int]]:
    """Pixel ranges ``[low, high)`` of a row that may be black or coloured: the rest has
    every channel lighter than :data:`_LIGHT_LEVEL`, so it is neither."""
    ranges: list[tuple[int, int]] = []
    at = 0
    for match in _LIGHT_BYTES.finditer(row.translate(_LIGHT_TABLE)):
        first, last = -(-match.start() // 3), match.end() // 3  # whole pixels only
        if last > first:
            if first > at:
                ranges.append((at, first))
            at = last
    if at < width:
        ranges.append((at, width))
    return ranges


def _kind(r: int, g: int, b: int) -> int:
    """Black (1), a hue (2 and up), or neither (0)."""
    high, low = max(r, g, b), min(r, g, b)
    if high <= BLACK_LEVEL:
        return _BLACK
    spread = high - low
    if spread < COLOUR_SPREAD:
        return _NONE
    if high == r:
        hue = ((g - b) / spread) % 6
    elif high == g:
        hue = (b - r) / spread + 2
    else:
        hue = (r - g) / spread + 4
    return 2 + int(hue * HUE_STEPS / 6) % HUE_STEPS


def _solid(area: _Area) -> bool:
    """Most of a fill's pixels are its one colour; letters are all blends of theirs."""
    if not area.colours:
        return False
    return area.colours.most_common(1)[0][1] >= SOLID_SHARE * area.pixels


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _merge(into: _Area, other: _Area) -> None:
    into.x0, into.y0 = min(into.x0, other.x0), min(into.y0, other.y0)
    into.x1, into.y1 = max(into.x1, other.x1), max(into.y1, other.y1)
    into.pixels += other.pixels
    into.colours.update(other.colours)


def _colour(area: _Area) -> RGB:
    """Black, or the colour most of the area shows (the fill, not the edges' blend)."""
    if area.kind == _BLACK or not area.colours:
        return (0.0, 0.0, 0.0)
    r, g, b = area.colours.most_common(1)[0][0]
    return (r / 255, g / 255, b / 255)
