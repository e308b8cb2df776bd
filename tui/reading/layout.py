"""The flattened row index of a document: page text wrapped to a width, cards placed beside it.

Rows are computed once per width (cheap: no rendering), so the page view can draw any
visible row directly, and both the text and the margin come from the same row number —
they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tui.core.anchoring.threads import Thread, build_threads
from tui.core.model import Extraction, Line
from tui.reading.page_rows import (
    CardRow,
    InlineCards,
    LineStarts,
    PagedRows,
    PageStarts,
    Row,
    SeparatorRow,
    TextRow,
    line_height,
)

__all__ = ["CardRow", "PageLayout", "PlacedCard", "Row", "SeparatorRow", "TextRow",
           "build_layout", "choose_widths", "line_width"]

CardLine = TypeVar("CardLine")
"""One drawn row of a card: the layout only counts them, the page view draws them."""

DrawCard = Callable[[Thread, str, int], list[CardLine]]
"""Draws a thread's card: ``(thread, label, width) -> rows`` (no rows: a gutter marker)."""


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
    """Every row of the document at one width, and where each card sits.

    The rows are :class:`~tui.reading.page_rows.PagedRows`: a page is laid out when a row
    of it is asked for, so a layout costs a few numbers per page however long the document.
    """

    text_width: int
    margin_width: int
    inline: bool
    rows: PagedRows = field(default_factory=lambda: PagedRows([], 1, {}, [], []))
    cards: list[PlacedCard[CardLine]] = field(default_factory=list)
    margin: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Row -> (card index, card line) for cards drawn in the margin."""
    marks: dict[int, list[int]] = field(default_factory=dict)
    """Row -> indices of the cards anchored on that row."""
    line_rows: Mapping[tuple[int, int], int] = field(default_factory=dict)
    """(page number, line index) -> first row of that line."""
    page_rows: Mapping[int, int] = field(default_factory=dict)
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
        index = self.rows.index_of_page(page)
        if (line is not None and index is not None
                and 0 <= line < len(self.rows.pages[index].lines)
                and not self.rows.wraps(index, line)):
            return row  # one row: no need to make the page's rows to walk them
        while row + 1 < len(self.rows):
            nxt = self.rows[row + 1]
            if not (isinstance(nxt, TextRow) and nxt.page == page and nxt.line == line
                    and nxt.start <= column):
                break
            row += 1
        return row

    def page_at(self, row: int) -> int:
        """The number of the page shown at ``row`` (the last separator at or above it)."""
        pages = self.rows.pages
        return pages[self.rows.page_index_at(row)].number if pages else 1


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


def _inline_cards(extraction: Extraction, threads: list[Thread],
                  ) -> tuple[dict[int, InlineCards], list[tuple[int, int]]]:
    """Per page index, the threads drawn under each line (None: the page's start); and
    the threads whose line does not exist, with the row index of their page (or -1)."""
    index_of: dict[int, int] = {}
    for index, page in enumerate(extraction.pages):
        index_of.setdefault(page.number, index)  # the first page of a number takes its cards
    inline: dict[int, InlineCards] = {}
    leftover: list[tuple[int, int]] = []
    for card, thread in enumerate(threads):
        found = index_of.get(thread.page)
        line = thread.line
        if found is not None and (line is None
                                  or 0 <= line < len(extraction.pages[found].lines)):
            inline.setdefault(found, {}).setdefault(line, []).append(card)
        else:
            leftover.append((card, -1 if found is None else found))
    return inline, leftover


def build_layout(
    extraction: Extraction,
    text_width: int,
    margin_width: int,
    draw_card: DrawCard[CardLine],
    inline: bool = False,
) -> PageLayout[CardLine]:
    """Lay out ``extraction``: text wrapped to ``text_width``, cards beside or under it.

    ``draw_card`` gives each card's rows at the card width (the margin's, or inline the
    text's less an indent); the layout places them. The text's rows are counted per page,
    not made (:class:`~tui.reading.page_rows.PagedRows`).
    """
    layout: PageLayout[CardLine] = PageLayout(text_width, margin_width, inline)
    threads = build_threads(extraction)
    card_width = text_width - 2 if inline else margin_width
    layout.cards = [
        PlacedCard(t, number, draw_card(t, label, card_width), 0)
        for t, number, label in _numbered(threads)
    ]
    placed, leftover = _inline_cards(extraction, threads) if inline else ({}, [])
    heights = [len(card.lines) for card in layout.cards]
    layout.rows = PagedRows(extraction.pages, text_width, placed, [c for c, _ in leftover],
                            heights)
    layout.page_rows = PageStarts(layout.rows, layout.rows.index_of)
    layout.line_rows = LineStarts(layout.rows, layout.rows.index_of)
    if inline:
        _anchor_inline(layout, placed, leftover)
    else:
        _place_in_margin(layout)
    layout.height = max(len(layout.rows),
                        max((c.top + len(c.lines) for c in layout.cards), default=0))
    return layout


def _anchor_inline(layout: PageLayout[CardLine], placed: dict[int, InlineCards],
                   leftover: list[tuple[int, int]]) -> None:
    """Each inline card: the row it marks, and its first row (under its line)."""
    rows = layout.rows
    for index in sorted(placed):
        by_line = placed[index]
        page = rows.pages[index]
        start = rows.starts[index]
        for line in sorted(by_line, key=lambda n: -1 if n is None else n):
            if line is None:
                top = start + 1
            else:
                top = rows.page(index)[1][line] + line_height(page.lines[line].text, rows.width)
            for card in by_line[line]:
                _anchor_card(layout, card, top, start)
                top += len(layout.cards[card].lines)
    top = rows.pages_end
    for card, _ in leftover:  # lines that do not exist: marked at their page's start
        page_start = layout.page_rows.get(layout.cards[card].thread.page, 0)
        _anchor_card(layout, card, top, page_start)
        top += len(layout.cards[card].lines)


def _anchor_card(layout: PageLayout[CardLine], index: int, top: int, page_start: int) -> None:
    card = layout.cards[index]
    thread = card.thread
    card.anchor_row = (
        layout.row_at(thread.page, thread.line, thread.column)
        if (thread.page, thread.line) in layout.line_rows else page_start
    )
    card.top = top
    layout.marks.setdefault(card.anchor_row, []).append(index)


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
