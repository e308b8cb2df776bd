"""Filled boxes in a page image: burned-in redactions (black) and flattened highlights.

The image is small (:data:`~tui.core.ocr.render.BOX_DPI`): a box of a line's height is still
several pixels tall, and letters are thin grey strokes there. Pixels are sorted into black,
a colour, or neither; runs of one class on a row are joined with the runs they touch on the
row above into areas. An area that fills most of its bounding box is a box; it is handed on
as the content walker hands on a painted rectangle (:data:`~tui.core.pdf.shapes.Fill`), so
:mod:`tui.core.pdf.flattened` reads it as it reads a text PDF's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tui.core.model import Rect
from tui.core.ocr.render import Bitmap
from tui.core.pdf.shapes import RGB, Fill

#: A pixel this dark in every channel is black.
BLACK_LEVEL = 60
#: A pixel whose channels differ this much is coloured (a highlighter), not grey.
COLOUR_SPREAD = 60
#: A black area must fill this share of its bounding box to be a box (letters do not).
BLACK_FILL = 0.85
#: A highlight has words over it: less of its box keeps the colour.
COLOUR_FILL = 0.5
#: Colours closer than this (per channel, 0..255) are one highlighter.
COLOUR_STEP = 48

_NONE = 0
_BLACK = 1


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
        for start, end, kind, colour in _runs(row, width):
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
            if colour is not None:
                area.colours[colour] += end - start
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
        rect: Rect = bitmap.frame.to_pdf(area.x0, area.y0, area.x1, area.y1)  # type: ignore[assignment]
        fills.append((rect, _colour(area)))
    return fills


def _runs(row: bytes, width: int) -> list[tuple[int, int, int, tuple[int, int, int] | None]]:
    """Runs of one class on a row: ``(start, end, kind, colour)``; kind 1 black, >1 colour.

    A coloured run's colour is its middle pixel's: its ends blend into the letters beside.
    """
    runs: list[tuple[int, int, int, tuple[int, int, int] | None]] = []
    current, start = _NONE, 0
    for x in range(width + 1):
        kind = _NONE if x == width else _kind(row[3 * x], row[3 * x + 1], row[3 * x + 2])
        if kind == current:
            continue
        if current != _NONE:
            middle = 3 * ((start + x) // 2)
            colour = tuple(row[middle : middle + 3]) if current > _BLACK else None
            runs.append((start, x, current, colour))  # type: ignore[arg-type]
        current, start = kind, x
    return runs


def _kind(r: int, g: int, b: int) -> int:
    """Black (1), a colour bucket (>1), or neither (0)."""
    high, low = max(r, g, b), min(r, g, b)
    if high <= BLACK_LEVEL:
        return _BLACK
    if high - low >= COLOUR_SPREAD:
        return 2 + (r // COLOUR_STEP) * 64 + (g // COLOUR_STEP) * 8 + b // COLOUR_STEP
    return _NONE


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
