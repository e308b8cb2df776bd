"""Counts drawn as bars of Unicode blocks, so a column of them is taken in at a glance.

A bar is as long as its count relative to the largest, in eighths of a cell (``▏`` to
``█``); a count above zero always shows at least ``▏``. Plain characters only: the names
beside the bars come from documents and are shown as text, never as markup.
"""

from __future__ import annotations

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, most: int, width: int) -> str:
    """``count`` as a bar of at most ``width`` cells, ``most`` filling all of them."""
    if count <= 0 or most <= 0 or width <= 0:
        return ""
    eighths = max(1, round(width * 8 * min(count, most) / most))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def bar_lines(counts: dict[str, int], width: int = 30) -> list[tuple[str, str, int]]:
    """``(name, bar, count)`` for each entry of ``counts``, in its order."""
    most = max(counts.values(), default=0)
    return [(name, bar(count, most, width), count) for name, count in counts.items()]
