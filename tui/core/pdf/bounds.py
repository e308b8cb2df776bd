"""Bounds on the numbers a PDF gives for positions and sizes.

A damaged or crafted file can put any number where a coordinate, a font size or a matrix
belongs: 1e20, a 400-digit integer, something that overflows to infinity. Nothing downstream
should have to think about that, so numbers are checked where they enter: an operand that is
not finite or absurdly large makes its operator fail (the content walk skips it with a
warning), a transformation that grows past :data:`MAX_MATRIX` is refused, a page size that
is not a size is replaced by A4. Glyphs that still land far off the page are dropped when the
lines are built (:func:`tui.core.pdf.rows.build_rows`).
"""

from __future__ import annotations

import math
from typing import Any

Matrix = tuple[float, float, float, float, float, float]

#: Largest magnitude accepted for an operand (a coordinate, a size, a spacing).
MAX_NUMBER = 1e9
#: Largest magnitude of any entry of a transformation matrix after it is combined.
MAX_MATRIX = 1e12
#: Glyphs further than this from the origin (points) are off any page: dropped.
MAX_COORDINATE = 1e5
#: The largest page side accepted (PDF allows 14,400 units; UserUnit can scale that up).
MAX_PAGE_SIDE = 1e5
A4 = (595.0, 842.0)


def number(value: Any) -> float:
    """``value`` as a float; ValueError when it is not a finite, sane number."""
    result = float(value)
    if not -MAX_NUMBER <= result <= MAX_NUMBER:  # also false for NaN
        raise ValueError(f"number out of range ({str(value)[:20]})")
    return result


def matrix(values: Any) -> Matrix:
    """Six operands as a matrix (see :func:`number`)."""
    a, b, c, d, e, f = (number(v) for v in values[:6])
    return (a, b, c, d, e, f)


def checked(m: Matrix) -> Matrix:
    """``m`` itself; ValueError when combining transformations has made it absurd."""
    if not all(-MAX_MATRIX <= v <= MAX_MATRIX for v in m):
        raise ValueError("transformation out of range")
    return m


def page_size(box: Any) -> tuple[float, float, str | None]:
    """Width and height of a page box, or A4 with a note when they are not a page's."""
    try:
        width, height = float(box.width), float(box.height)
    except (AttributeError, TypeError, ValueError, OverflowError) as exc:
        return (*A4, f"page size unreadable ({exc}); A4 assumed")
    if all(math.isfinite(v) and 0 < abs(v) <= MAX_PAGE_SIDE for v in (width, height)):
        return abs(width), abs(height), None
    return (*A4, f"page size {width:g} x {height:g} is not a page's; A4 assumed")
