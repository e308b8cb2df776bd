"""Right-to-left text (Hebrew, Arabic) in logical order.

A PDF places glyphs; reading a line left to right gives its *visual* order, which for
right-to-left scripts is backwards ("םולש" for "שלום") while the numbers and Latin words
inside them read the right way round. The Unicode Bidirectional Algorithm (UAX #9) turns
logical order into visual order by giving every character an embedding level and then
reversing each run at or above each odd level, highest first (rule L2). Those reversals undo
themselves: applied to the visual order, with the levels resolved from the characters as
they stand, they give the logical order back. Resolving levels here is the part of UAX #9
that laid-out text needs: no explicit embeddings (text in a PDF carries none), the line's
direction from its majority of strong characters, numbers beside right-to-left letters kept
left-to-right (W2, W7, I1, I2), neutrals taking the direction of the strong characters
around them or else the line's (N1, N2). Brackets drawn mirrored in a right-to-left run get
their logical shape back (L4).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from tui.core.model import Glyph

#: Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ..., and the
#: presentation forms): a line without any needs no reordering.
RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))

_L, _R, _NUMBER, _NEUTRAL = 0, 1, 2, 3


@cache
def _kind(char: str) -> int:
    direction = unicodedata.bidirectional(char)
    if direction == "L":
        return _L
    if direction in ("R", "AL"):
        return _R
    if direction in ("EN", "AN"):
        return _NUMBER
    return _NEUTRAL


def logical_order(glyphs: list[Glyph]) -> list[Glyph]:
    """A line's glyphs, given left to right, in the order they are read.

    Lines without right-to-left letters come back as they are.
    """
    text = "".join(g.char for g in glyphs)
    if not RTL.search(text):
        return glyphs
    levels = _levels([_kind(c) for c in text])
    order = list(range(len(glyphs)))
    for level in range(max(levels), 0, -1):
        _reverse_runs(order, levels, level)
    out = []
    for index in order:
        glyph = glyphs[index]
        if levels[index] % 2 and glyph.char in _MIRRORED:
            glyph = Glyph(_MIRRORED[glyph.char], glyph.x0, glyph.y0, glyph.x1, glyph.y1)
        out.append(glyph)
    return out


def _levels(kinds: list[int]) -> list[int]:
    """The embedding level of each character (0: left-to-right, 1: right-to-left, 2: a
    left-to-right run inside right-to-left text)."""
    rtl = kinds.count(_R) > kinds.count(_L)
    numbers = _number_directions(kinds, rtl)
    strong = [numbers[i] if k == _NUMBER else k for i, k in enumerate(kinds)]
    sides = _strong_sides(strong)
    levels = []
    for index, kind in enumerate(kinds):
        if kind == _NUMBER:
            levels.append(2 if rtl or numbers[index] == _R else 0)
            continue
        if kind == _NEUTRAL:
            before, after = sides[index]
            kind = before if before == after and before is not None else (_R if rtl else _L)
        if kind == _R:
            levels.append(1)
        else:
            levels.append(2 if rtl else 0)
    return levels


def _number_directions(kinds: list[int], rtl: bool) -> list[int]:
    """For each number: ``_R`` when it stands with right-to-left letters (a neighbouring
    strong character is one, or the line is right-to-left), else ``_L`` (W2, W7)."""
    sides = _strong_sides(kinds)
    out = [_NEUTRAL] * len(kinds)
    for index, kind in enumerate(kinds):
        if kind == _NUMBER:
            before, after = sides[index]
            out[index] = _R if rtl or _R in (before, after) else _L
    return out


def _strong_sides(kinds: list[int]) -> list[tuple[int | None, int | None]]:
    """For each character the nearest strong kind (L or R) on its left and on its right."""
    left: list[int | None] = []
    last: int | None = None
    for kind in kinds:
        left.append(last)
        if kind in (_L, _R):
            last = kind
    right: list[int | None] = [None] * len(kinds)
    last = None
    for index in range(len(kinds) - 1, -1, -1):
        right[index] = last
        if kinds[index] in (_L, _R):
            last = kinds[index]
    return list(zip(left, right, strict=True))


def _reverse_runs(order: list[int], levels: list[int], level: int) -> None:
    """Reverse every run of positions whose level is at least ``level`` (rule L2)."""
    index, count = 0, len(order)
    while index < count:
        if levels[order[index]] < level:
            index += 1
            continue
        end = index
        while end < count and levels[order[end]] >= level:
            end += 1
        order[index:end] = order[index:end][::-1]
        index = end
