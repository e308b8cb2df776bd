"""The flattened row index of a document: page text wrapped to a width, cards placed beside it.

Rows are computed once per width (cheap: no rendering), so the page view can draw any
visible row directly, and both the text and the margin come from the same row number —
they cannot drift apart.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tui.core.anchoring.threads import Thread, build_threads
from tui.core.model import Extraction, Line
from tui.reading.wrap import wrap_offsets

CardLine = TypeVar("CardLine")
"""One drawn row of a card: the layout only counts them, the page view draws them."""

DrawCard = Callable[[Thread, str, int], list[CardLine]]
"""Draws a thread's card: ``(thread, label, width) -> rows`` (no rows: a gutter marker)."""


@dataclass(slots=True)
class TextRow:
    """A slice ``[start:end]`` of line ``line`` on page ``page`` (1-based number)."""

    page: int
    line: int
    start: int
    end: int


@dataclass(slots=True)
class SeparatorRow:
    """The rule that starts page ``page``."""

    page: int


@dataclass(slots=True)
class CardRow:
    """Row ``index`` of card ``card``, drawn in the text column (narrow, inline layout)."""

    card: int
    index: int


Row = TextRow | SeparatorRow | CardRow | None
"""``None`` is a blank row."""


OWN_LABEL = "✱"
"""The label of the user's own cards: they are not numbered, so adding or deleting one never
renumbers the reviewer's comments."""


@dataclass(slots=True)
class PlacedCard(Generic[CardLine]):
    """A thread's card and the rows it anchors to and starts on."""

    thread: Thread
    number: int | None
    """The reviewer's comment number (1..N in reading order); None for the user's own."""
    lines: list[CardLine]
    anchor_row: int
    top: int = 0

    @property
    def label(self) -> str:
        """What the card and the gutter show: its number, or :data:`OWN_LABEL`."""
        return OWN_LABEL if self.number is None else str(self.number)


@dataclass(slots=True)
class PageLayout(Generic[CardLine]):
    """Every row of the document at one width, and where each card sits."""

    text_width: int
    margin_width: int
    inline: bool
    rows: list[Row] = field(default_factory=list)
    cards: list[PlacedCard[CardLine]] = field(default_factory=list)
    margin: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Row -> (card index, card line) for cards drawn in the margin."""
    marks: dict[int, list[int]] = field(default_factory=dict)
    """Row -> indices of the cards anchored on that row."""
    line_rows: dict[tuple[int, int], int] = field(default_factory=dict)
    """(page number, line index) -> first row of that line."""
    page_rows: dict[int, int] = field(default_factory=dict)
    """Page number -> row of its separator."""
    height: int = 0

    def row_of(self, page: int, line: int | None) -> int:
        """The row of a line (or of its page's start when the line is unknown)."""
        if line is not None and (page, line) in self.line_rows:
            return self.line_rows[(page, line)]
        return self.page_rows.get(page, 0)

    def row_at(self, page: int, line: int | None, column: int) -> int:
        """The row showing character ``column`` of a line (a long line wraps over several)."""
        row = self.row_of(page, line)
        while row + 1 < len(self.rows):
            nxt = self.rows[row + 1]
            if not (isinstance(nxt, TextRow) and nxt.page == page and nxt.line == line
                    and nxt.start <= column):
                break
            row += 1
        return row

    def page_at(self, row: int) -> int:
        """The number of the page shown at ``row`` (the last separator at or above it)."""
        starts = list(self.page_rows.values())
        position = bisect_right(starts, row) - 1
        return list(self.page_rows)[max(0, position)] if starts else 1


MARGIN_MIN, MARGIN_MAX = 30, 50
"""The margin's width range in columns (cards narrower than 30 say too little per row)."""
LINE_WIDTH_RANGE = (40, 100)
"""The text width a document asks for lies in this range."""
INLINE_SLACK = 8
"""Columns the inline text gets beyond what the document's lines need (a longer line fits)."""
PARAGRAPH_WIDTH = 60
"""What a document of long paragraph lines (a comment summary) asks for: they wrap anyway."""
FINE_PRINT = 0.85
"""A line whose height is under this share of the usual line's is fine print (a footnote)."""


def line_width(extraction: Extraction) -> int:
    """The width the document's lines need: the longest of them, so none is broken in two.

    A PDF's lines were broken by its own layout; wrapped any narrower, a line leaves a word
    or two on a row of their own. Lines in smaller print than the body (footnotes, page
    furniture: under :data:`FINE_PRINT` of the usual line height) do not count — they are
    the ones a printed page packs tighter, and they wrap rather than push the comments out
    of the margin. Lines longer than any page's (over the top of :data:`LINE_WIDTH_RANGE`)
    are paragraphs, which wrap evenly at any width: they do not count either, and a
    document made mostly of them (a comment summary) asks for :data:`PARAGRAPH_WIDTH`.
    """
    lines = [line for page in extraction.pages for line in page.lines]
    lengths = sorted(len(line.text.rstrip()) for line in lines)
    low, high = LINE_WIDTH_RANGE
    if not lengths:
        return low
    if lengths[int(len(lengths) * 0.95)] > high:
        return PARAGRAPH_WIDTH
    body = _body_lines(lines)
    return max(low, max((n for n in (len(line.text.rstrip()) for line in body) if n <= high),
                        default=low))


def _body_lines(lines: list[Line]) -> list[Line]:
    """The lines in body print: all of them, less those clearly smaller than the usual
    height (lines without a box, from a text source, all count)."""
    heights = sorted(r[3] - r[1] for line in lines if (r := line.rect) is not None)
    if not heights:
        return lines
    usual = heights[len(heights) // 2]
    return [line for line in lines
            if (r := line.rect) is None or r[3] - r[1] >= usual * FINE_PRINT]


def choose_widths(full: int, needed: int, gutter: int) -> tuple[int, int, bool]:
    """``(text width, margin width, inline)`` for a view ``full`` columns wide.

    The cards go in the margin only when the text still gets the ``needed`` width beside a
    margin of at least :data:`MARGIN_MIN`; otherwise they go inline under their line, and the
    text is as wide as the document's lines (with a little slack), so lines are not broken
    in two and the gutter numbers stay close to the text they mark.
    """
    if full - gutter - 1 - MARGIN_MIN >= needed:
        margin = max(MARGIN_MIN, min(MARGIN_MAX, int(full * 0.33), full - needed - gutter - 1))
        return full - margin - gutter - 1, margin, False
    return max(10, min(full - gutter, needed + INLINE_SLACK)), 0, True


def _numbered(threads: list[Thread]) -> list[tuple[Thread, int | None, str]]:
    """Each thread with its number and label: the reviewer's counted, the user's own not."""
    numbered: list[tuple[Thread, int | None, str]] = []
    count = 0
    for thread in threads:
        if thread.root.is_own:
            numbered.append((thread, None, OWN_LABEL))
        else:
            count += 1
            numbered.append((thread, count, str(count)))
    return numbered


def _thread_keys(threads: list[Thread]) -> dict[tuple[int, int | None], list[int]]:
    keys: dict[tuple[int, int | None], list[int]] = {}
    for index, thread in enumerate(threads):
        keys.setdefault((thread.page, thread.line), []).append(index)
    return keys


def build_layout(
    extraction: Extraction,
    text_width: int,
    margin_width: int,
    draw_card: DrawCard[CardLine],
    inline: bool = False,
) -> PageLayout[CardLine]:
    """Lay out ``extraction``: text wrapped to ``text_width``, cards beside or under it.

    ``draw_card`` gives each card's rows at the card width (the margin's, or inline the
    text's less an indent); the layout places them.
    """
    layout: PageLayout[CardLine] = PageLayout(text_width, margin_width, inline)
    threads = build_threads(extraction)
    card_width = text_width - 2 if inline else margin_width
    layout.cards = [
        PlacedCard(t, number, draw_card(t, label, card_width), 0)
        for t, number, label in _numbered(threads)
    ]
    pending = _thread_keys(threads) if inline else {}
    rows = layout.rows
    for page in extraction.pages:
        layout.page_rows[page.number] = len(rows)
        rows.append(SeparatorRow(page.number))
        _add_inline_cards(layout, pending.pop((page.number, None), []), len(rows) - 1)
        for index, line in enumerate(page.lines):
            first = layout.line_rows[(page.number, index)] = len(rows)
            rows.extend(
                TextRow(page.number, index, s, e) for s, e in wrap_offsets(line.text, text_width)
            )
            _add_inline_cards(layout, pending.pop((page.number, index), []), first)
    for (page_number, _), leftover in pending.items():  # lines that do not exist: page start
        _add_inline_cards(layout, leftover, layout.page_rows.get(page_number, 0))
    if not inline:
        _place_in_margin(layout)
    layout.height = max(len(rows), max((c.top + len(c.lines) for c in layout.cards), default=0))
    return layout


def _add_inline_cards(layout: PageLayout[CardLine], indices: list[int], anchor_row: int) -> None:
    for index in indices:
        card = layout.cards[index]
        thread = card.thread
        card.anchor_row = (
            layout.row_at(thread.page, thread.line, thread.column)
            if (thread.page, thread.line) in layout.line_rows else anchor_row
        )
        card.top = len(layout.rows)
        layout.marks.setdefault(card.anchor_row, []).append(index)
        layout.rows.extend(CardRow(index, i) for i in range(len(card.lines)))


def _place_in_margin(layout: PageLayout[CardLine]) -> None:
    """Each card starts level with its passage, or just below the card above it."""
    for index, card in enumerate(layout.cards):
        thread = card.thread
        card.anchor_row = layout.row_at(thread.page, thread.line, thread.column)
        layout.marks.setdefault(card.anchor_row, []).append(index)
    free = 0
    for index in sorted(range(len(layout.cards)), key=lambda i: layout.cards[i].anchor_row):
        card = layout.cards[index]
        card.top = max(card.anchor_row, free)
        if not card.lines:  # a marker: its number in the gutter, no room taken
            card.top = card.anchor_row
            continue
        for offset in range(len(card.lines)):
            layout.margin[card.top + offset] = (index, offset)
        free = card.top + len(card.lines) + 1
