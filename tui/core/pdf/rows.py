"""From positioned glyphs to rows: the glyphs that share a baseline, top to bottom.

A row holds one line's worth of text across every column (:mod:`reading_order` cuts rows into
chunks and columns). Glyphs are grouped by baseline, with a tolerance that grows with the
row's largest glyph: the words of a scanned page's text layer, each drawn at its own height
and baseline, still make one row. Three kinds of glyph stand off their line on purpose and
are placed apart:

- a glyph far larger than those drawn before and after it (a drop cap, a big bullet) takes
  no part in the grouping, so it cannot stretch a row over the lines beside it and chain two
  columns' baselines together. A drop cap — drawn on the baseline of its paragraph's second
  or third line, its top level with the first line's — joins that first line, whose text
  starts right after it; any other such glyph joins the row on its baseline;
- small raised or lowered marks (footnote numbers, affiliation marks ``∗ # $ +``,
  subscripts) drawn just past the tolerance: a run of them joins the row of the larger glyph
  it touches when its box lies mostly within that glyph's box.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Final

from tui.core.pdf.bounds import MAX_COORDINATE

RawGlyph = tuple[str, float, float, float, float]
"""A glyph as drawn: ``(text, x0, x1, base, size)`` — its text, horizontal extent, baseline
and font height (points). A plain tuple: a page holds thousands and the walker makes them in
its innermost loop."""
TEXT: Final = 0
X0: Final = 1
X1: Final = 2
BASE: Final = 3
SIZE: Final = 4

#: A glyph whose baseline is within this fraction of the font size joins the row above it.
ROW_TOLERANCE = 0.4
#: Glyph box below / above the baseline as a fraction of the font size.
DESCENT, ASCENT = 0.2, 0.8
#: Height of a capital letter as a fraction of the font size (where a drop cap's top is).
CAP_HEIGHT = 0.7
#: A mark is at most this fraction of the size of the glyph it belongs to ...
MARK_SIZE = 0.85
#: ... stands at most this many of that glyph's ems beside it ...
MARK_TOUCH = 0.5
#: ... and has at least this share of its height within that glyph's box. Marks start where
#: the glyph before ends: one drawn further over it than this share of its size is no mark.
MARK_OVERLAP = 0.5
MARK_OVERDRAW = 0.2
#: A glyph at least this many times the size of the glyphs drawn before and after it is
#: placed apart (a drop cap, a big bullet).
LARGE = 1.6
#: At most this many glyphs drawn together at one large size are set apart (a drop cap and a
#: space after it); more make a heading.
_LARGE_RUN = 2
#: Rows below a row that are searched for the glyphs its marks belong to.
_MARK_REACH = 4

_by_base = itemgetter(BASE)
_by_x0 = itemgetter(X0)
_text_of = itemgetter(TEXT)
_size_of = itemgetter(SIZE)


class _Rows:
    """Rows under construction: row ``i`` is ``rows[i]``, its highest and lowest baselines
    ``tops[i]`` and ``lows[i]``, its smallest and largest glyph sizes ``sizes[i]``."""

    __slots__ = ("lows", "rows", "sizes", "tops")

    def __init__(self) -> None:
        self.rows: list[list[RawGlyph]] = []
        self.tops: list[float] = []
        self.lows: list[float] = []
        self.sizes: list[tuple[float, float]] = []


def build_rows(glyphs: list[RawGlyph], *,
               split: bool | None = None) -> tuple[list[list[RawGlyph]], int]:
    """Glyphs grouped into rows, top to bottom, each row sorted by x, one glyph per character;
    and how many glyphs were dropped for standing far off any page.

    ``glyphs`` come in drawing order; ``split`` says whether some stand for more than one
    character ("ffi"; None: find out). Drop caps and raised or lowered marks join the line
    they belong to (see the module docstring).
    """
    if split is None:
        split = max(map(len, map(_text_of, glyphs)), default=1) > 1
    if split:
        glyphs = [c for g in glyphs for c in (_split(g) if len(g[TEXT]) > 1 else (g,))]
    found = _by_baseline(glyphs)
    for row in found.rows:
        row.sort(key=_by_x0)
    if _far(found):  # rare: only a damaged or crafted file puts text there
        kept = [g for g in glyphs if _near(g)]
        rows, _ = build_rows(kept, split=False)
        return rows, len(glyphs) - len(kept)
    # Most pages hold text of one size or sizes close together: nothing to set apart, no
    # marks, and no pass over the glyphs beyond the grouping.
    small = min((s[0] for s in found.sizes), default=0.0)
    large_size = max((s[1] for s in found.sizes), default=0.0)
    large = _large_ones(glyphs) if large_size >= LARGE * small else {}
    if large:
        apart = set(large)
        found = _by_baseline([g for i, g in enumerate(glyphs) if i not in apart])
        for row in found.rows:
            row.sort(key=_by_x0)
    moved = MARK_SIZE * large_size >= small and _attach_marks(found)
    if large:
        _place_large(found, list(large.values()))
        moved = True
    if not moved:
        return found.rows, 0
    return [row for row in found.rows if any(not g[TEXT].isspace() for g in row)], 0


def _far(found: _Rows) -> bool:
    """True when some glyph may stand beyond :data:`MAX_COORDINATE` (checked per row)."""
    if not found.rows:
        return False
    limit = MAX_COORDINATE
    if not (-limit <= found.lows[-1] and found.tops[0] <= limit):  # NaN fails too
        return True
    if not all(small >= 0 and large <= limit for small, large in found.sizes):
        return True
    return not all(-limit <= row[0][X0] and max(row[-1][X0], row[-1][X1]) <= limit
                   for row in found.rows)


def _near(glyph: RawGlyph) -> bool:
    limit = MAX_COORDINATE
    return (-limit <= glyph[X0] <= limit and -limit <= glyph[X1] <= limit
            and -limit <= glyph[BASE] <= limit and 0 <= glyph[SIZE] <= limit)


def _split(glyph: RawGlyph) -> list[RawGlyph]:
    """One glyph per character: a glyph drawn for "ffi" becomes three, sharing its width."""
    text, x0, x1, base, size = glyph
    step = (x1 - x0) / len(text)
    return [(ch, x0 + i * step, x0 + (i + 1) * step, base, size) for i, ch in enumerate(text)]


def _large_ones(glyphs: list[RawGlyph]) -> dict[int, RawGlyph]:
    """Glyphs (by index) far larger than the glyphs drawn right before and after them."""
    # Text is drawn in runs of one size (a Tj, a TJ); comparing runs costs far less than
    # comparing glyphs, and a drop cap is a run of its own.
    runs = [(size, len(list(group))) for size, group in groupby(glyphs, _size_of)]
    found: dict[int, RawGlyph] = {}
    start = 0
    for index, (size, count) in enumerate(runs):
        before = runs[index - 1][0] if index > 0 else 0.0
        after = runs[index + 1][0] if index + 1 < len(runs) else 0.0
        if count <= _LARGE_RUN and size >= LARGE * before and size >= LARGE * after \
                and len(runs) > 1:
            found.update((k, glyphs[k]) for k in range(start, start + count)
                         if not glyphs[k][TEXT].isspace())
        start += count
    return found


def _by_baseline(glyphs: list[RawGlyph]) -> _Rows:
    found = _Rows()
    rows, tops, lows, sizes = found.rows, found.tops, found.lows, found.sizes
    row: list[RawGlyph] = []
    last_base = small = large = 0.0
    for g in sorted(glyphs, key=_by_base, reverse=True):  # stable: drawing order kept on ties
        base, size = g[BASE], g[SIZE]
        if row and last_base - base <= ROW_TOLERANCE * (large if large > size else size):
            row.append(g)
            if size < small:
                small = size
            elif size > large:
                large = size
        else:
            if row:
                lows.append(last_base)
                sizes.append((small, large))
            row = [g]
            rows.append(row)
            tops.append(base)
            small = large = size
        last_base = base
    if row:
        lows.append(last_base)
        sizes.append((small, large))
    return found


def _attach_marks(found: _Rows) -> bool:
    """Move runs of small raised or lowered glyphs into the row of the glyph they touch."""
    rows, sizes, tops, lows = found.rows, found.sizes, found.tops, found.lows
    moved = False
    for i in range(len(rows) - 1):
        bottom = lows[i] - DESCENT * sizes[i][1]
        for j in range(i + 1, min(i + 1 + _MARK_REACH, len(rows))):
            if tops[j] + ASCENT * sizes[j][1] <= bottom:
                break  # rows that do not overlap hold no marks for one another
            # Only rows whose sizes differ can hold marks for one another.
            if sizes[i][0] <= MARK_SIZE * sizes[j][1]:
                moved |= _move_marks(rows[i], rows[j])
            if sizes[j][0] <= MARK_SIZE * sizes[i][1]:
                moved |= _move_marks(rows[j], rows[i])
    return moved


def _move_marks(minor: list[RawGlyph], major: list[RawGlyph]) -> bool:
    """Move the runs of ``minor`` that are marks on ``major``'s glyphs; True if any moved."""
    if not minor or not major:
        return False
    xs = [g[X0] for g in major]
    marks = [g for run in _runs(minor) if _is_mark(run, major, xs) for g in run]
    if not marks:
        return False
    gone = set(map(id, marks))
    minor[:] = [g for g in minor if id(g) not in gone]
    major.extend(marks)
    major.sort(key=_by_x0)
    return True


def _runs(row: list[RawGlyph]) -> Iterable[list[RawGlyph]]:
    """The row's words: glyphs standing close together, spaces left out."""
    run: list[RawGlyph] = []
    for g in row:
        if g[TEXT].isspace():
            if run:
                yield run
            run = []
        elif run and g[X0] - run[-1][X1] > MARK_TOUCH * g[SIZE]:
            yield run
            run = [g]
        else:
            run.append(g)
    if run:
        yield run


def _is_mark(run: list[RawGlyph], major: list[RawGlyph], xs: list[float]) -> bool:
    """True when ``run`` is a mark on the ``major`` glyph right before or after it."""
    first, last = run[0], run[-1]
    neighbours = []
    k = bisect_left(xs, first[X0])
    if k > 0:
        neighbours.append((major[k - 1], first[X0] - major[k - 1][X1]))
    k = bisect_left(xs, last[X0])
    if k < len(major):
        neighbours.append((major[k], major[k][X0] - last[X1]))
    size = max(g[SIZE] for g in run)
    if any(gap < -MARK_OVERDRAW * size for _, gap in neighbours):
        return False  # drawn over the other row's glyphs, not beside them
    low = min(g[BASE] - DESCENT * g[SIZE] for g in run)
    high = max(g[BASE] + ASCENT * g[SIZE] for g in run)
    for glyph, gap in neighbours:
        em = glyph[SIZE]
        if glyph[TEXT].isspace() or size > MARK_SIZE * em or gap > MARK_TOUCH * em:
            continue
        base = glyph[BASE]
        overlap = min(high, base + ASCENT * em) - max(low, base - DESCENT * em)
        if overlap >= MARK_OVERLAP * (high - low):
            return True
    return False


def _place_large(found: _Rows, large: list[RawGlyph]) -> None:
    """Put each large glyph set apart into a row: a drop cap on its paragraph's first line,
    any other on the row at its baseline (or a row of its own)."""
    for glyph in large:
        start = _paragraph_start(found, glyph, large)
        if start is not None:
            index, first = start
            glyph = (glyph[TEXT], glyph[X0], glyph[X1], first[BASE], first[SIZE])
            insort(found.rows[index], glyph, key=_by_x0)
            continue
        row = _row_at(found, glyph)
        if row is None:
            _new_row(found, glyph)
        else:
            insort(found.rows[row], glyph, key=_by_x0)


def _paragraph_start(found: _Rows, cap: RawGlyph,
                     large: list[RawGlyph]) -> tuple[int, RawGlyph] | None:
    """The row a drop cap belongs to, with its glyph right after the cap; None if ``cap``
    is not a drop cap.

    That is the highest row within the cap's height whose text starts right after the cap,
    with nothing standing over the cap below it, and whose top is level with the cap's.
    """
    top = cap[BASE] + ASCENT * cap[SIZE]
    if any(g is not cap and g[BASE] > cap[BASE] and g[BASE] <= top and _over(g, cap)
           for g in large):
        return None  # a column of big bullets, not a drop cap
    best = None
    index = bisect_left([-t for t in found.tops], -top)  # the first row at or below the top
    for j in range(index, len(found.tops)):
        if found.tops[j] <= cap[BASE]:
            break
        row = found.rows[j]
        at = bisect_left([g[X0] for g in row], cap[X1] - 0.1 * cap[SIZE])
        if at > 0 and row[at - 1][X1] > cap[X0]:
            if best is not None:
                return None  # text over the cap below its first line: not a drop cap
            continue  # a line above the paragraph
        if best is None and at < len(row) and _starts_after(cap, row[at]):
            best = (j, row[at])
    return best


def _starts_after(cap: RawGlyph, first: RawGlyph) -> bool:
    """True when ``first`` can begin the rest of a drop cap's line: right after the cap, much
    smaller, with its top level with the cap's."""
    level = abs(cap[BASE] + CAP_HEIGHT * cap[SIZE] - first[BASE] - CAP_HEIGHT * first[SIZE])
    return (first[X0] - cap[X1] <= first[SIZE] and cap[SIZE] >= LARGE * first[SIZE]
            and level <= 0.4 * first[SIZE])


def _over(glyph: RawGlyph, cap: RawGlyph) -> bool:
    return glyph[X0] < cap[X1] and glyph[X1] > cap[X0]


def _row_at(found: _Rows, glyph: RawGlyph) -> int | None:
    """The row whose baselines lie within the glyph's tolerance of its baseline, if any."""
    base, reach = glyph[BASE], ROW_TOLERANCE * glyph[SIZE]
    best, distance = None, reach
    for j in range(bisect_left([-t for t in found.tops], -(base + reach)), len(found.tops)):
        if found.tops[j] < base - reach:
            break
        gap = max(found.lows[j] - base, base - found.tops[j], 0.0)
        if gap <= distance:
            best, distance = j, gap
    return best


def _new_row(found: _Rows, glyph: RawGlyph) -> None:
    at = bisect_left([-t for t in found.tops], -glyph[BASE])
    found.rows.insert(at, [glyph])
    found.tops.insert(at, glyph[BASE])
    found.lows.insert(at, glyph[BASE])
    found.sizes.insert(at, (glyph[SIZE], glyph[SIZE]))
