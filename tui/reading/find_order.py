"""The order ``n``/``N`` go through a find's matches: text and margin together, by row.

A find matches in the page text (many, kept compactly) and in the margin (a card each, as
many as there are comments). :class:`FindOrder` puts them in the order of the rows they are
on without a list of every match: the text matches are in reading order already, so each
card only needs its place among them, found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import overload

Entry = tuple[int, int]
"""(match number, -1) for a match in the text, (-1, card) for a card in the margin."""


class FindOrder(Sequence[Entry]):
    """Every match in the order of the rows they are on (a text match before a card on the
    same row, cards on one row in their own order)."""

    def __init__(self, matches: int, cards: Sequence[int], match_row: Callable[[int], int],
                 card_row: Callable[[int], int]) -> None:
        """Order ``matches`` text matches (rows ``match_row(number)``, not decreasing) and
        ``cards`` (rows ``card_row(card)``)."""
        self._matches = matches
        self._cards = sorted(cards, key=card_row)
        numbers = range(matches)
        self._slots = [bisect_right(numbers, card_row(card), key=match_row) + k
                       for k, card in enumerate(self._cards)]
        """Where each card stands in the order."""

    def __len__(self) -> int:
        return self._matches + len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        cards_before = bisect_left(self._slots, index)
        if cards_before < len(self._slots) and self._slots[cards_before] == index:
            return (-1, self._cards[cards_before])
        return (index - cards_before, -1)
