"""The small numbers Acrobat prints beside each comment when it summarises them.

In a release published with its comment summary, each burned-in mark has a number beside it
(in the margin, raised above the mark's corner, after a FreeText's words) that refers to its
entry on the summary page. :func:`find_markers` notes where such numbers stand while the
page's glyphs are at hand; the summary decides which really are markers (its entry
numbers), takes them out of the reading text and uses them to place its comments
(:mod:`tui.core.pdf.published`).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from tui.core.model import Glyph, PageText, Rect
from tui.core.pdf.redactions import PLACEHOLDER

#: A number marker is printed at most this size relative to the text beside it.
MARKER_SIZE = 0.8

_DIGITS = re.compile(r"\d{1,3}(?!\d)")
_ANY_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Marker:
    """A small number printed beside a mark: ``text[start:end]`` of line ``line``."""

    number: int
    line: int
    start: int
    end: int
    rect: Rect


def find_markers(page: PageText) -> list[Marker]:
    """Small numbers standing apart from the words: the comment numbers of a summary.

    A run of one to three digits counts when it is printed clearly smaller than the words
    of its line (or of the page, when the line holds nothing else) and is not glued to a
    word or a number on its left — a footnote reference ("ESS¹") or "2.5" is not a marker.
    Whether a candidate really is one is for the summary to say (its entry numbers).
    """
    markers: list[Marker] = []
    typical: float | None = None
    for index, line in enumerate(page.lines):
        text = line.text
        if not line.glyphs or not _ANY_DIGIT.search(text):
            continue
        runs = [m for m in _DIGITS.finditer(text) if _stands_apart(text, *m.span())]
        if not runs:
            continue
        words = [g.y1 - g.y0 for g, c in zip(line.glyphs, text, strict=False)
                 if not c.isdigit() and not c.isspace() and c != PLACEHOLDER[0]]
        if words:
            reference = max(words)
        else:
            typical = typical if typical is not None else typical_height(page)
            reference = typical
        for run in runs:
            start, end = run.span()
            glyphs = line.glyphs[start:end]
            if max(g.y1 - g.y0 for g in glyphs) <= MARKER_SIZE * reference:
                markers.append(Marker(int(run.group()), index, start, end, _box(glyphs)))
    return markers


def _stands_apart(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    if before.isalnum() or before in ".,":
        return False
    return not (len(after) == 2 and after[0] in ".,:" and after[1].isdigit())


def typical_height(page: PageText) -> float:
    """The median height of the page's lines of words (points)."""
    heights = [rect[3] - rect[1] for line in page.lines
               if (rect := line.rect) is not None and any(c.isalpha() for c in line.text)]
    return statistics.median(heights) if heights else 0.0


def _box(glyphs: list[Glyph]) -> Rect:
    return (min(g.x0 for g in glyphs), min(g.y0 for g in glyphs),
            max(g.x1 for g in glyphs), max(g.y1 for g in glyphs))
