"""From positioned glyphs to lines in reading order.

Glyphs are grouped into rows by baseline (tolerant to sub/superscripts and jitter), each row is
cut into chunks where a wide horizontal gap separates them, and the chunks are searched for
column gutters: a vertical band that almost no chunk crosses, with enough wide text on both
sides. Columns are read one after the other, top to bottom; a row that crosses a gutter (a
title, a footer) separates bands that are read column by column in turn. Chunks of one row in
the same column are joined again into one line, with a space where words are apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Glyph, Line

#: A glyph whose baseline is within this fraction of the font size joins the row above it.
ROW_TOLERANCE = 0.4
#: A gap wider than this fraction of the font size starts a new word (a space is inserted).
WORD_GAP = 0.15
#: A gap wider than this fraction of the font size may be a column gutter.
CHUNK_GAP = 0.6
#: Glyph box below / above the baseline as a fraction of the font size.
DESCENT, ASCENT = 0.2, 0.8
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


@dataclass(slots=True)
class RawGlyph:
    """A glyph as drawn: its text, horizontal extent, baseline and font height (points)."""

    text: str
    x0: float
    x1: float
    base: float
    size: float


class _Chunk:
    """Glyphs of one row that stand close together; ``x0``/``x1`` kept up to date."""

    __slots__ = ("glyphs", "row", "size", "x0", "x1")

    def __init__(self, row: int, first: RawGlyph) -> None:
        self.row = row
        self.glyphs = [first]
        self.x0 = first.x0
        self.x1 = first.x1
        self.size = first.size

    def add(self, glyph: RawGlyph) -> None:
        self.glyphs.append(glyph)
        if not glyph.text.isspace() and glyph.x1 > self.x1:
            self.x1 = glyph.x1


def build_lines(glyphs: list[RawGlyph], page_width: float = 595.0) -> list[Line]:
    """Lines in reading order, each with exactly one :class:`Glyph` per character."""
    glyphs = _split_multichar(glyphs)
    rows = _rows(glyphs)
    chunks = [chunk for i, row in enumerate(rows) for chunk in _chunks(i, row)]
    gutters: list[float] = []
    groups = _order(chunks, page_width, gutters, 0)
    gutters.sort()
    lines = []
    for group in groups:
        line = _make_line([g for chunk in group for g in chunk.glyphs])
        if line.text.strip():
            x0 = group[0].x0
            line.column = sum(1 for x in gutters if x < x0)
            lines.append(line)
    return lines


def _split_multichar(glyphs: list[RawGlyph]) -> list[RawGlyph]:
    """One glyph per character: a glyph drawn for "ffi" becomes three, sharing its width."""
    out: list[RawGlyph] = []
    for g in glyphs:
        n = len(g.text)
        if n == 1:
            out.append(g)
            continue
        step = (g.x1 - g.x0) / n
        for i, ch in enumerate(g.text):
            out.append(RawGlyph(ch, g.x0 + i * step, g.x0 + (i + 1) * step, g.base, g.size))
    return out


def _rows(glyphs: list[RawGlyph]) -> list[list[RawGlyph]]:
    """Glyphs grouped by baseline, rows from top to bottom, each row sorted by x."""
    rows: list[list[RawGlyph]] = []
    last_base = 0.0
    row_size = 0.0
    for g in sorted(glyphs, key=lambda g: -g.base):
        if rows and last_base - g.base <= ROW_TOLERANCE * max(row_size, g.size):
            rows[-1].append(g)
            row_size = max(row_size, g.size)
        else:
            rows.append([g])
            row_size = g.size
        last_base = g.base
    for row in rows:
        row.sort(key=lambda g: g.x0)
    return [_dedupe(row) for row in rows]


def _dedupe(row: list[RawGlyph]) -> list[RawGlyph]:
    """Drop glyphs drawn twice on the same spot (fake bold, shadows)."""
    out: list[RawGlyph] = []
    for g in row:
        if out and out[-1].text == g.text and abs(out[-1].x0 - g.x0) < 0.1 * g.size \
                and not g.text.isspace():
            continue
        out.append(g)
    return out


def _chunks(index: int, row: list[RawGlyph]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    for g in row:
        if chunks and (g.text.isspace() or g.x0 - chunks[-1].x1 <= CHUNK_GAP * g.size):
            chunks[-1].add(g)
        else:
            chunks.append(_Chunk(index, g))
    return chunks


def _order(chunks: list[_Chunk], page_width: float, gutters: list[float],
           depth: int) -> list[list[_Chunk]]:
    """Chunks grouped into lines in reading order (recursing into columns)."""
    gutter = _find_gutter(chunks, page_width) if depth < MAX_DEPTH else None
    if gutter is None:
        return _by_row(chunks)
    gutters.append(gutter)
    crossing_rows = sorted({c.row for c in chunks if c.x0 < gutter < c.x1})
    out: list[list[_Chunk]] = []
    start = -1
    for stop in [*crossing_rows, 1 << 30]:
        band = [c for c in chunks if start < c.row < stop]
        left = [c for c in band if c.x1 <= gutter]
        right = [c for c in band if c.x1 > gutter]
        out += _order(left, page_width, gutters, depth + 1)
        out += _order(right, page_width, gutters, depth + 1)
        if stop < 1 << 30:
            out += _by_row([c for c in chunks if c.row == stop])
        start = stop
    return out


def _by_row(chunks: list[_Chunk]) -> list[list[_Chunk]]:
    groups: dict[int, list[_Chunk]] = {}
    for c in chunks:
        groups.setdefault(c.row, []).append(c)
    return [sorted(groups[row], key=lambda c: c.x0) for row in sorted(groups)]


def _find_gutter(chunks: list[_Chunk], page_width: float) -> float | None:
    """The x of a column gutter among ``chunks``, or None for a single column."""
    if len(chunks) < 6:
        return None
    spans = [(c.x0, c.x1) for c in chunks]
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


def _make_line(glyphs: list[RawGlyph]) -> Line:
    """Join a row's glyphs into a line, with one space glyph wherever words are apart."""
    out: list[Glyph] = []
    prev: RawGlyph | None = None
    pending_space = False
    for g in glyphs:
        text = g.text
        if text == " " or text.isspace():
            pending_space = prev is not None
            continue
        size, base = g.size, g.base
        if prev is not None and (pending_space or g.x0 - prev.x1 > WORD_GAP * size):
            top, bottom = prev.base + ASCENT * prev.size, prev.base - DESCENT * prev.size
            out.append(Glyph(" ", prev.x1, bottom, max(prev.x1, g.x0), top))
        out.append(Glyph(text, g.x0, base - DESCENT * size, g.x1, base + ASCENT * size))
        prev, pending_space = g, False
    return Line(text="".join([g.char for g in out]), glyphs=out)
