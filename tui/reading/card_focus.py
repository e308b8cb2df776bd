"""Which card has the focus: the rules, over a laid-out document and the rows on screen.

Pure functions (no widget): the page view asks them with its layout and the window it shows
(the top row and the height), so the rules — a card is visible when its passage or any of
its rows is on screen; the focus stays on a visible card; ``n`` steps from it — can be read
and tested on their own.
"""

from __future__ import annotations

from tui.reading.layout import PageLayout


def card_visible(layout: PageLayout, index: int, top: int, height: int) -> bool:
    """True when card ``index``'s passage, or some row of the card, is on screen."""
    card = layout.cards[index]
    bottom = top + height
    shown = top <= card.anchor_row < bottom
    return shown or (card.top < bottom and card.top + len(card.lines) > top)


def visible_cards(layout: PageLayout, top: int, height: int) -> list[int]:
    """The cards on screen."""
    return [i for i in range(len(layout.cards)) if card_visible(layout, i, top, height)]


def card_to_follow(layout: PageLayout, current: int | None, top: int, height: int,
                   near: int | None) -> int | None:
    """The card the focus should be on: ``current`` while it is visible, else the visible
    card nearest to row ``near`` (default: where the focused card's passage was, else the
    top), else None when no card is on screen."""
    if current is not None and current >= len(layout.cards):
        current = None
    if current is not None and card_visible(layout, current, top, height):
        return current
    visible = visible_cards(layout, top, height)
    if not visible:
        return None
    if near is None:
        near = layout.cards[current].anchor_row if current is not None else top
    return min(visible, key=lambda i: (abs(layout.cards[i].anchor_row - near), i))


def card_after(layout: PageLayout, current: int | None, top: int, height: int,
               forward: bool) -> int | None:
    """The next (or previous) card from the focused one, or from the top of the view."""
    if not layout.cards:
        return None
    count = len(layout.cards)
    if current is not None and card_visible(layout, current, top, height):
        return min(count - 1, current + 1) if forward else max(0, current - 1)
    rows = [c.anchor_row for c in layout.cards]
    if forward:
        return next((i for i, r in enumerate(rows) if r >= top), count - 1)
    return next((i for i in range(count - 1, -1, -1) if rows[i] < top), 0)


def card_index(layout: PageLayout, annotation_id: str) -> int | None:
    """The card that shows comment ``annotation_id`` (as root, reply or its markup)."""
    for index, card in enumerate(layout.cards):
        if any(a.id == annotation_id for a in card.thread.annotations):
            return index
    return None
