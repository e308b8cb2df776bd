"""The matches of one find, kept compactly: where each starts and ends, not an object each.

A find over a long document can have a hundred thousand matches or more. As objects (a
:class:`~tui.core.search.find.Match`, its tuple, its spans) they cost about 300 bytes each
(measured with tracemalloc: 110,000 matches, 31 MB); kept here they cost 8 bytes each: the
start and end of each in the document's folded text, in two arrays of 32-bit numbers. A
``Match`` is made when one is asked for (the current one, the ones on the lines drawn) and
not kept. At most :data:`MAX_KEPT` places are kept; matches past them are only counted
(:attr:`Found.total`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import overload

from tui.core.model import Span

MAX_KEPT = 1_000_000
"""Matches whose place a find keeps: 8 MB at most, under 2% of the 500 MB an input may take.
A real query on a 10,000-page document stays far below it (110,000 for a phrase on every
page); past it, only a query of one or two letters goes, which nobody steps through."""


@dataclass(frozen=True, slots=True)
class Match:
    """One find result: the text it covers, one span per line (a phrase may wrap)."""

    spans: tuple[Span, ...]

    @property
    def page(self) -> int:
        """The page the match starts on."""
        return self.spans[0].page

    @property
    def line(self) -> int:
        """The line the match starts on."""
        return self.spans[0].line

    @property
    def start(self) -> int:
        """Where the match starts on its first line."""
        return self.spans[0].start


SpansOf = Callable[[int, int, int], list[Span]]
"""(page number, start, end in that page's folded text) -> the spans those characters cover."""


class Found(Sequence[Match]):
    """The kept matches of one find, in reading order, as a sequence of :class:`Match`."""

    def __init__(self, page_starts: Sequence[int], numbers: Sequence[int], spans: SpansOf) -> None:
        """Matches in a text whose pages ``numbers`` start at ``page_starts``; ``spans``
        turns a place in a page back into spans."""
        self.starts = array("I")
        """Where each kept match starts in the joined text."""
        self.ends = array("I")
        """Where each kept match ends."""
        self.total = 0
        """Every match found, kept or only counted."""
        self._page_starts = page_starts
        self._numbers = numbers
        self._spans = spans

    @property
    def capped(self) -> bool:
        """True when more matches were found than kept."""
        return self.total > len(self.starts)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self.starts[index], self.ends[index]
        page = bisect_right(self._page_starts, start) - 1
        base = self._page_starts[page]
        return Match(tuple(self._spans(self._numbers[page], start - base, end - base)))

    def numbers_on_page(self, page: int) -> range:
        """The numbers of the kept matches on page ``page`` (a match stays on its page)."""
        at = bisect_left(self._numbers, page)
        if at == len(self._numbers) or self._numbers[at] != page:
            return range(0)
        first = bisect_left(self.starts, self._page_starts[at])
        if at + 1 == len(self._page_starts):
            return range(first, len(self.starts))
        return range(first, bisect_left(self.starts, self._page_starts[at + 1]))
