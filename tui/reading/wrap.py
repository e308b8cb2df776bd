"""Word wrapping that keeps character offsets, so styles on the source text still line up."""

from __future__ import annotations


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into ``(start, end)`` runs of at most ``width`` characters.

    Breaks after the last space that fits; a word longer than ``width`` is cut. The space at
    a break is dropped (it belongs to neither run), and spaces at the end never cause a break
    (the last run keeps them, cut off where it is drawn). An empty text gives one empty run,
    so every source line takes at least one row.
    """
    width = max(1, width)
    runs: list[tuple[int, int]] = []
    start, end = 0, len(text)
    shown = len(text.rstrip())  # spaces at the end of a line need no room of their own
    while shown - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            runs.append((start, start + width))
            start += width
        else:
            runs.append((start, cut))
            start = cut + 1
    runs.append((start, end))
    return runs


def wrap_text(text: str, width: int) -> list[str]:
    """The rows of ``text`` wrapped to ``width``; newlines in ``text`` start new rows."""
    rows: list[str] = []
    for paragraph in text.split("\n"):
        rows.extend(paragraph[s:e] for s, e in wrap_offsets(paragraph, width))
    return rows
