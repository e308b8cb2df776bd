"""From positioned glyphs to lines in reading order.

Glyphs are grouped into rows by baseline (:mod:`tui.core.pdf.rows`: marks and drop caps join
their line), each row is cut into chunks where a wide horizontal gap separates them, and the
chunks are searched for column gutters: a vertical band that almost no chunk crosses, with
enough wide text on both sides — or, for a narrow side column such as a memo's Datum / Onze
referentie block, a gutter several ems wide beside a column that runs on rows of its own.
Columns are read one after the other, top to bottom; a row that crosses a gutter (a title, a
footer) separates bands that are read column by column in turn. Chunks of one row in the same
column are joined again into one line, with a space where words are apart.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter, itemgetter

from tui.core.model import Glyph, Line
from tui.core.pdf.bidi import RTL, logical_order
from tui.core.pdf.rows import ASCENT, BASE, DESCENT, SIZE, TEXT, X0, RawGlyph, build_rows
from tui.core.text import counted

__all__ = ["RawGlyph", "build_lines"]

#: A gap wider than this fraction of the font size starts a new word (a space is inserted).
WORD_GAP = 0.15
#: A gap wider than this fraction of the font size may be a column gutter.
CHUNK_GAP = 0.6
#: Each column must hold at least three chunks this wide (a fraction of the page width), which
#: keeps "label: value" forms and tables from being read as columns.
MIN_COLUMN_WIDTH = 0.12
#: At most this fraction of the chunks may cross a gutter (titles, footers, wide figures).
MAX_CROSSING = 0.2
#: A narrow side column (a memo's Datum / Onze referentie block) needs a gutter at least this
#: many ems wide: far wider than any word gap, and wider than a list's hanging indent.
SIDE_GUTTER = 2.0
#: ... and this fraction of its chunks on rows where the wide column has no text. Labels of a
#: "label: value" form or a table always share their row with a value, a side block does not.
SIDE_ALONE = 0.25
MAX_DEPTH = 3

_text_of = itemgetter(TEXT)
_row_of = attrgetter("row")
_x0_of = attrgetter("x0")


class _Chunk:
    """Glyphs of one row that stand close together, with their extent and font size."""

    __slots__ = ("glyphs", "row", "size", "x0", "x1")

    def __init__(self, row: int, glyphs: list[RawGlyph], x1: float) -> None:
        self.row = row
        self.glyphs = glyphs
        self.x0 = glyphs[0][X0]
        self.x1 = x1
        self.size = glyphs[0][SIZE]


def build_lines(glyphs: list[RawGlyph], page_width: float = 595.0,
                warnings: list[str] | None = None) -> list[Line]:
    """Lines in reading order, each with exactly one :class:`Glyph` per character.

    Right-to-left text comes out in logical order (see :mod:`tui.core.pdf.bidi`). Glyphs
    far off any page are left out, with a line in ``warnings`` saying how many.
    """
    text = "".join(map(_text_of, glyphs))
    rtl = RTL.search(text) is not None
    rows, dropped = build_rows(glyphs, split=len(text) > len(glyphs))
    if dropped and warnings is not None:
        warnings.append(f"{counted(dropped, 'character')} far off the page left out")
    chunks = [chunk for i, row in enumerate(rows) for chunk in _chunks(i, row)]
    gutters: list[float] = []
    groups = _order(chunks, page_width, gutters, 0)
    gutters.sort()
    lines = []
    for group in groups:
        line = _make_line(group)
        if rtl and line.glyphs:
            line.glyphs = logical_order(line.glyphs)
            line.text = "".join([g.char for g in line.glyphs])
        if line.text.strip():
            x0 = group[0].x0
            line.column = sum(1 for x in gutters if x < x0)
            lines.append(line)
    return lines


def _chunks(index: int, row: list[RawGlyph]) -> list[_Chunk]:
    """The row cut where glyphs stand far apart, dropping glyphs drawn twice on one spot
    (fake bold, shadows)."""
    chunks: list[_Chunk] = []
    current: list[RawGlyph] = []
    x1 = 0.0
    prev_text: str | None = None  # the glyph before's text and x0 (None: no glyph yet)
    prev_x0 = 0.0
    for g in row:
        text, gx0, gx1, _base, size = g
        space = text.isspace()
        if text == prev_text and not space and abs(prev_x0 - gx0) < 0.1 * size:
            continue
        prev_text, prev_x0 = text, gx0
        if current and (space or gx0 - x1 <= CHUNK_GAP * size):
            current.append(g)
            if gx1 > x1 and not space:
                x1 = gx1
        else:
            if current:
                chunks.append(_Chunk(index, current, x1))
            current, x1 = [g], gx1
    if current:
        chunks.append(_Chunk(index, current, x1))
    return chunks


def _order(chunks: list[_Chunk], page_width: float, gutters: list[float],
           depth: int) -> list[list[_Chunk]]:
    """Chunks grouped into lines in reading order (recursing into columns)."""
    gutter = _find_gutter(chunks, page_width) if depth < MAX_DEPTH else None
    if gutter is None:
        return _by_row(chunks)
    gutters.append(gutter)
    crossing = {c.row for c in chunks if c.x0 < gutter < c.x1}
    out: list[list[_Chunk]] = []
    band: list[_Chunk] = []
    # ``chunks`` are in row order: one pass cuts them into bands at the crossing rows.
    for row, group in groupby(chunks, key=_row_of):
        if row in crossing:
            out += _read_band(band, gutter, page_width, gutters, depth)
            out += _by_row(list(group))
            band = []
        else:
            band += group
    return out + _read_band(band, gutter, page_width, gutters, depth)


def _read_band(band: list[_Chunk], gutter: float, page_width: float, gutters: list[float],
               depth: int) -> list[list[_Chunk]]:
    """The lines of a band between crossing rows: left of the gutter first, then right."""
    left = [c for c in band if c.x1 <= gutter]
    right = [c for c in band if c.x1 > gutter]
    return (_order(left, page_width, gutters, depth + 1)
            + _order(right, page_width, gutters, depth + 1))


def _by_row(chunks: list[_Chunk]) -> list[list[_Chunk]]:
    """One group per row (top to bottom), its chunks from left to right."""
    groups: dict[int, list[_Chunk]] = {}
    for c in chunks:
        groups.setdefault(c.row, []).append(c)
    return [sorted(groups[row], key=_x0_of) for row in sorted(groups)]


def _find_gutter(chunks: list[_Chunk], page_width: float) -> float | None:
    """The x of a column gutter among ``chunks``, or None for a single column."""
    if len(chunks) < 6:
        return None
    # Text off the page (and coordinates a crafted file makes huge) is clamped to a band
    # around the page, so the coverage array below stays the size of a page.
    left, right = -page_width, 2 * page_width
    spans = [(min(max(c.x0, left), right), min(max(c.x1, left), right)) for c in chunks]
    lo = min(s[0] for s in spans)
    hi = max(s[1] for s in spans)
    if hi - lo < 50:
        return None
    origin = int(lo)
    cover = [0] * (int(hi) - origin + 2)
    for x0, x1 in spans:
        cover[int(x0) - origin] += 1
        cover[int(x1) - origin + 1] -= 1
    running = 0
    for i, delta in enumerate(cover):
        running += delta
        cover[i] = running
    margin = int(0.05 * (hi - lo))
    limit = MAX_CROSSING * len(chunks)
    candidates: list[tuple[int, int, float]] = []
    i, stop = margin, len(cover) - margin
    while i < stop:
        if cover[i] > limit:
            i += 1
            continue
        j = i
        while j < stop and cover[j] <= limit:
            j += 1
        if j - i >= 2:
            candidates.append(_lowest_stretch(cover, i, j, origin))
        i = j
    best, best_score = None, 0
    for _level, _width, x in sorted(candidates):
        score = _column_score(chunks, x, page_width)
        if score > best_score:
            best, best_score = x, score
    return best


def _lowest_stretch(cover: list[int], start: int, stop: int,
                    origin: int) -> tuple[int, int, float]:
    """(level, -width, centre x) of the widest stretch at the lowest coverage in a run."""
    level = min(cover[start:stop])
    best_width, best_centre, i = 0, 0.0, start
    while i < stop:
        if cover[i] != level:
            i += 1
            continue
        j = i
        while j < stop and cover[j] == level:
            j += 1
        if j - i > best_width:
            best_width, best_centre = j - i, origin + (i + j) / 2
        i = j
    return level, -best_width, best_centre


def _column_score(chunks: list[_Chunk], x: float, page_width: float) -> int:
    """How many wide chunks a gutter at ``x`` has on its poorer side (0: not a gutter).

    A gutter beside a narrow side column (see :func:`_side_column`) scores the number of
    chunks in that column.
    """
    minimum = MIN_COLUMN_WIDTH * page_width
    left = [c for c in chunks if c.x1 <= x]
    right = [c for c in chunks if c.x0 >= x]
    wide_left = sum(1 for c in left if c.x1 - c.x0 >= minimum)
    wide_right = sum(1 for c in right if c.x1 - c.x0 >= minimum)
    score = min(wide_left, wide_right)
    if score >= 3:
        return score
    if wide_left >= 3 and _side_column(right, left, chunks):
        return len(right)
    if wide_right >= 3 and _side_column(left, right, chunks):
        return len(left)
    return 0


def _side_column(narrow: list[_Chunk], wide: list[_Chunk], chunks: list[_Chunk]) -> bool:
    """True when ``narrow`` reads as a column of its own beside the ``wide`` one.

    Its chunks may all be short (a memo's side block: "Datum", "09-10-2024"), so width says
    nothing; instead the gutter must be wide in ems and the column must run on rows of its
    own, which a form's labels or a list's numbers never do.
    """
    if len(narrow) < 3 or not wide:
        return False
    gap = min(c.x0 for c in narrow) - max(c.x1 for c in wide)
    gap = max(gap, min(c.x0 for c in wide) - max(c.x1 for c in narrow))
    sizes = sorted(c.size for c in chunks)
    if gap < SIDE_GUTTER * sizes[len(sizes) // 2]:
        return False
    wide_rows = {c.row for c in wide}
    alone = sum(1 for c in narrow if c.row not in wide_rows)
    return alone >= max(1.0, SIDE_ALONE * len(narrow))


def _make_line(chunks: list[_Chunk]) -> Line:
    """Join a row's chunks into a line, with one space glyph wherever words are apart."""
    out: list[Glyph] = []
    append = out.append
    prev: RawGlyph | None = None
    pending_space = False
    # The line's box, kept up to date here: cheaper than a pass over the glyphs afterwards.
    left, bottom, right, top = 1e30, 1e30, -1e30, -1e30
    lo = hi = px1 = 0.0
    last_base = last_size = -1.0
    gap = WORD_GAP * last_size  # words are apart beyond this; follows the size below
    for chunk in chunks:
        for g in chunk.glyphs:
            text, x0, x1, base, size = g
            if text.isspace():
                pending_space = prev is not None
                continue
            if base != last_base or size != last_size:
                last_base, last_size = base, size
                lo, hi = base - DESCENT * size, base + ASCENT * size
                bottom, top = min(bottom, lo), max(top, hi)
                gap = WORD_GAP * size
            if prev is not None and (pending_space or x0 - px1 > gap):
                pbase, psize = prev[BASE], prev[SIZE]
                append(Glyph(" ", px1, pbase - DESCENT * psize, x0 if x0 > px1 else px1,
                             pbase + ASCENT * psize))
            append(Glyph(text, x0, lo, x1, hi))
            if x0 < left:
                left = x0
            if x1 > right:
                right = x1
            prev, px1, pending_space = g, x1, False
    if not out:
        return Line(text="")
    return Line(text="".join([g.char for g in out]), glyphs=out, box=(left, bottom, right, top))
