"""A tiny sketch of ink strokes drawn with braille dots (U+2800 + dot bits)."""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.model import Point

# Dot bit for (column, row) inside one braille cell (2 dots wide, 4 dots high).
_DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


def ink_sketch(strokes: Sequence[Sequence[Point]], cols: int = 16, rows: int = 4) -> list[str]:
    """Draw ``strokes`` (PDF points, y up) scaled into a ``cols`` x ``rows`` braille canvas.

    Segments between consecutive points are sampled densely so lines stay connected. The
    aspect ratio is kept. Returns ``rows`` strings of ``cols`` characters (blank braille
    cells where nothing is drawn); no strokes give an empty list.
    """
    points = [p for stroke in strokes for p in stroke]
    if not points:
        return []
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    dots_w, dots_h = cols * 2, rows * 4
    scale = min((dots_w - 1) / max(x1 - x0, 1e-9), (dots_h - 1) / max(y1 - y0, 1e-9))
    cells = [[0] * cols for _ in range(rows)]

    def plot(x: float, y: float) -> None:
        dx = round((x - x0) * scale)
        dy = round((y1 - y) * scale)  # PDF y grows upwards, rows grow downwards
        if 0 <= dx < dots_w and 0 <= dy < dots_h:
            cells[dy // 4][dx // 2] |= _DOT_BITS[dx % 2][dy % 4]

    for stroke in strokes:
        for (ax, ay), (bx, by) in zip(stroke, list(stroke[1:]) or list(stroke), strict=False):
            steps = max(1, int(max(abs(bx - ax), abs(by - ay)) * scale))
            for i in range(steps + 1):
                plot(ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps)
    return ["".join(chr(0x2800 + bits) for bits in row) for row in cells]
