"""A document's rows, laid out one page at a time: only the pages looked at are held.

Laying out every row of a long document up front costs time and memory in proportion to
its pages (10,000 pages: 410,000 row objects, seconds of work, before anything is shown).
What the reader needs of all pages is only where each starts, and that is cheap to know
exactly: a line as long as the text column or shorter takes one row, only longer lines are
wrapped to count theirs. So :class:`PagedRows` keeps one start row per page and lays out a
page's rows (:class:`TextRow`, :class:`SeparatorRow`, inline :class:`CardRow`) when a row
of it is asked for, keeping the last :data:`PAGES_KEPT` pages so drawing a screen or
scrolling does the work once (toolong's shape: an index first, the lines on demand).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from tui.core.model import PageText
from tui.reading.wrap import wrap_offsets

PAGES_KEPT = 64
"""Pages whose rows are kept once laid out (a screen shows one or two)."""
STARTS_KEPT = 4096
"""Pages whose line start rows are kept (a few numbers a page)."""


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

InlineCards = dict[int | None, list[int]]
"""Line index (None: the page's start) -> the cards drawn under it, in order."""


def line_height(text: str, width: int) -> int:
    """The rows a line takes at ``width`` (:func:`wrap_offsets` only for a long line)."""
    if len(text) <= width or len(text.rstrip()) <= width:
        return 1
    return len(wrap_offsets(text, width))


class PagedRows(Sequence[Row]):
    """Every row of a document at one width; a page's rows are made when first asked for.

    ``inline`` holds, per page index, the cards drawn in the text column under a line (or
    the page's start); ``tail`` the cards whose line does not exist, drawn after the last
    page. ``card_heights`` gives each card's rows.
    """

    def __init__(self, pages: Sequence[PageText], width: int,
                 inline: Mapping[int, InlineCards], tail: list[int],
                 card_heights: Sequence[int]) -> None:
        """Count the rows of each page of ``pages`` at ``width`` (nothing is laid out yet)."""
        self.pages = pages
        self.width = width
        self.inline = inline
        self.tail = tail
        self.card_heights = card_heights
        self.starts: list[int] = []
        """Page index -> the row of its separator."""
        self.index_of: dict[int, int] = {page.number: i for i, page in enumerate(pages)}
        """Page number -> its index (the last page of a number, as a jump finds it)."""
        row = 0
        for index, page in enumerate(pages):
            self.starts.append(row)
            cards = inline.get(index)
            row += 1 + sum(line_height(line.text, width) for line in page.lines)
            if cards:
                row += sum(card_heights[c] for these in cards.values() for c in these)
        self.pages_end = row
        """The first row after the last page (where the leftover cards start)."""
        self._length = row + sum(card_heights[c] for c in tail)
        self._kept: OrderedDict[int, tuple[list[Row], dict[int, int]]] = OrderedDict()
        self._starts: OrderedDict[int, dict[int, int]] = OrderedDict()

    def __len__(self) -> int:
        """How many rows the document takes."""
        return self._length

    @overload
    def __getitem__(self, row: int) -> Row: ...

    @overload
    def __getitem__(self, row: slice) -> list[Row]: ...

    def __getitem__(self, row: int | slice) -> Row | list[Row]:
        """Row ``row`` (or a slice of rows), laying out its page when needed."""
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(self._length))]
        if row < 0:
            row += self._length
        if not 0 <= row < self._length:
            raise IndexError(row)
        if row >= self.pages_end:
            return self._tail_row(row - self.pages_end)
        index = bisect_right(self.starts, row) - 1
        rows, _ = self.page(index)
        return rows[row - self.starts[index]]

    def __iter__(self) -> Iterator[Row]:
        """Every row in order (a page at a time)."""
        for index in range(len(self.starts)):
            yield from self.page(index)[0]
        for row in range(self.pages_end, self._length):
            yield self._tail_row(row - self.pages_end)

    def _tail_row(self, offset: int) -> Row:
        for card in self.tail:
            if offset < self.card_heights[card]:
                return CardRow(card, offset)
            offset -= self.card_heights[card]
        return None

    def index_of_page(self, number: int) -> int | None:
        """The index of page ``number`` (None: no such page)."""
        return self.index_of.get(number)

    def page_index_at(self, row: int) -> int:
        """The index of the page shown at ``row`` (the last page past the end)."""
        return max(0, bisect_right(self.starts, row) - 1)

    def line_row(self, index: int, line: int) -> int | None:
        """The first row of line ``line`` of the page at ``index`` (None: no such line)."""
        kept = self._kept.get(index)
        if kept is not None:
            return kept[1].get(line)
        return self.line_starts(index).get(line)

    def line_starts(self, index: int) -> dict[int, int]:
        """By line index, the row each line of the page at ``index`` starts on, counted
        from line heights without making the rows (a find's thousands of matches ask)."""
        found = self._starts.get(index)
        if found is not None:
            return found
        page = self.pages[index]
        cards = self.inline.get(index) or {}
        heights = self.card_heights
        row = self.starts[index] + 1 + sum(heights[c] for c in cards.get(None, ()))
        found = {}
        for number, line in enumerate(page.lines):
            found[number] = row
            row += line_height(line.text, self.width)
            row += sum(heights[c] for c in cards.get(number, ()))
        self._starts[index] = found
        while len(self._starts) > STARTS_KEPT:
            self._starts.popitem(last=False)
        return found

    def wraps(self, index: int, line: int) -> bool:
        """True when line ``line`` of the page at ``index`` takes more than one row."""
        return line_height(self.pages[index].lines[line].text, self.width) > 1

    def page(self, index: int) -> tuple[list[Row], dict[int, int]]:
        """The rows of the page at ``index`` and, by line index, the row each line starts
        on (document rows), laid out now or kept from before."""
        kept = self._kept.get(index)
        if kept is not None:
            self._kept.move_to_end(index)
            return kept
        page, start = self.pages[index], self.starts[index]
        cards = self.inline.get(index) or {}
        rows: list[Row] = [SeparatorRow(page.number)]
        self._add_cards(rows, cards.get(None, ()))
        first_rows: dict[int, int] = {}
        for number, line in enumerate(page.lines):
            first_rows[number] = start + len(rows)
            rows.extend(TextRow(page.number, number, s, e)
                        for s, e in wrap_offsets(line.text, self.width))
            self._add_cards(rows, cards.get(number, ()))
        self._kept[index] = (rows, first_rows)
        while len(self._kept) > PAGES_KEPT:
            self._kept.popitem(last=False)
        return rows, first_rows

    def _add_cards(self, rows: list[Row], cards: Sequence[int]) -> None:
        for card in cards:
            rows.extend(CardRow(card, i) for i in range(self.card_heights[card]))


class PageStarts(Mapping[int, int]):
    """Page number -> the row of its separator, over :class:`PagedRows` (no copy)."""

    def __init__(self, rows: PagedRows, index_of: Mapping[int, int]) -> None:
        """Start rows of ``rows``' pages, found by number through ``index_of``."""
        self._rows = rows
        self._index_of = index_of

    def __getitem__(self, number: int) -> int:
        """The separator row of page ``number``."""
        return self._rows.starts[self._index_of[number]]

    def __iter__(self) -> Iterator[int]:
        """Page numbers in reading order."""
        return (page.number for page in self._rows.pages)

    def __len__(self) -> int:
        """How many pages."""
        return len(self._rows.pages)


class LineStarts(Mapping[tuple[int, int], int]):
    """(page number, line index) -> the first row of that line, over :class:`PagedRows`."""

    def __init__(self, rows: PagedRows, index_of: Mapping[int, int]) -> None:
        """Line rows of ``rows``' pages, found by page number through ``index_of``."""
        self._rows = rows
        self._index_of = index_of

    def __getitem__(self, key: tuple[int, int]) -> int:
        """The first row of line ``key[1]`` of page ``key[0]``."""
        page, line = key
        index = self._index_of.get(page)
        row = None if index is None else self._rows.line_row(index, line)
        if row is None:
            raise KeyError(key)
        return row

    def __contains__(self, key: object) -> bool:
        """True when that page has that line (laid out only when asked)."""
        if not (isinstance(key, tuple) and len(key) == 2):
            return False
        page, line = key
        index = self._index_of.get(page)
        return (index is not None and isinstance(line, int)
                and 0 <= line < len(self._rows.pages[index].lines))

    def __iter__(self) -> Iterator[tuple[int, int]]:
        """Every (page, line) in reading order."""
        for page in self._rows.pages:
            for line in range(len(page.lines)):
                yield (page.number, line)

    def __len__(self) -> int:
        """How many lines the document has."""
        return sum(len(page.lines) for page in self._rows.pages)
