"""Filled shapes of a content stream: where boxes are painted and in which colour.

A release published with its comments burned in shows a highlight as a coloured box under
its words and a redaction as a black box, with no annotation left to read
(:mod:`tui.core.pdf.flattened`). The content walker hands the path and colour operators
here; each filled path that is a box (a rectangle, or a short path of lines and curves)
is kept as its bounding box on the page and its fill colour as RGB.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from tui.core.model import Rect

Matrix = tuple[float, float, float, float, float, float]
RGB = tuple[float, float, float]
Fill = tuple[Rect, RGB]
"""A filled shape as painted: its bounding box on the page and its fill colour (0..1)."""

#: A path with more points than this is a drawing, not a box: its fill is not kept.
MAX_BOX_POINTS = 16
BLACK: RGB = (0.0, 0.0, 0.0)


class GraphicsState(Protocol):
    """The part of the walker's graphics state shapes need (q/Q save and restore it)."""

    ctm: Matrix
    fill: RGB


class Walker(Protocol):
    """The content walker, whose current graphics state changes on q and Q."""

    @property
    def state(self) -> GraphicsState:
        """The current graphics state."""


class ShapeCollector:
    """Collects the filled boxes one content walk paints, in painting order."""

    def __init__(self, walker: Walker) -> None:
        """Follow ``walker``'s graphics state (transform and fill colour)."""
        self.walker = walker
        self.fills: list[Fill] = []
        self._rects: list[Rect] = []
        self._points: list[tuple[float, float]] = []

    def operators(self) -> dict[bytes, Callable[[list[Any]], None]]:
        """Handlers for the colour, path and painting operators, by operator."""
        fill, end, point = self._paint_fill, self._end_path, self._point
        return {
            b"rg": self._rg, b"g": self._gray, b"k": self._cmyk, b"sc": self._sc,
            b"scn": self._sc, b"cs": self._cs, b"re": self._re, b"m": point, b"l": point,
            b"c": point, b"v": point, b"y": point, b"f": fill, b"F": fill, b"f*": fill,
            b"B": fill, b"B*": fill, b"b": fill, b"b*": fill, b"n": end, b"S": end, b"s": end,
        }

    def _rg(self, o: list[Any]) -> None:
        self.walker.state.fill = (float(o[0]), float(o[1]), float(o[2]))

    def _gray(self, o: list[Any]) -> None:
        value = float(o[0])
        self.walker.state.fill = (value, value, value)

    def _cmyk(self, o: list[Any]) -> None:
        c, m, y, k = (float(v) for v in o[:4])
        self.walker.state.fill = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))

    def _sc(self, o: list[Any]) -> None:
        numbers = [v for v in o if isinstance(v, (int, float))]
        if len(numbers) == 1:
            self._gray(numbers)
        elif len(numbers) == 3:
            self._rg(numbers)
        elif len(numbers) == 4:
            self._cmyk(numbers)

    def _cs(self, _: list[Any]) -> None:
        self.walker.state.fill = BLACK  # a new colour space starts at its black

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.walker.state.ctm
        return (a * x + c * y + e, b * x + d * y + f)

    def _re(self, o: list[Any]) -> None:
        x, y, w, h = (float(v) for v in o[:4])
        corners = (self._xy(x, y), self._xy(x + w, y + h), self._xy(x, y + h), self._xy(x + w, y))
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        self._rects.append((min(xs), min(ys), max(xs), max(ys)))

    def _point(self, o: list[Any]) -> None:
        # m and l give one point, curves their control points too: all lie in the bbox.
        for index in range(0, len(o) - 1, 2):
            self._points.append(self._xy(float(o[index]), float(o[index + 1])))

    def _paint_fill(self, _: list[Any]) -> None:
        colour = self.walker.state.fill
        self.fills.extend((rect, colour) for rect in self._rects)
        points = self._points
        if 3 <= len(points) <= MAX_BOX_POINTS:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self.fills.append(((min(xs), min(ys), max(xs), max(ys)), colour))
        self._end_path([])

    def _end_path(self, _: list[Any]) -> None:
        self._rects = []
        self._points = []
