"""The page text with the comment margin: scrolling, cards, find matches, the selection.

Drawing lives in :mod:`tui.widgets.page_drawing`; the keys of the keyboard selection in
:mod:`tui.widgets.selection_keys` (they are the page view's own, so remapping a reading key
never takes a key from the selection). Only visible rows are drawn (toolong-style).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message

from tui.core.model import Extraction
from tui.widgets.cards import CardStyles, UserMarks
from tui.widgets.page_drawing import GUTTER, Match, PageCanvas
from tui.widgets.page_layout import CardRow, TextRow, build_layout
from tui.widgets.selection import Caret, LineIndex, selected_spans
from tui.widgets.selection_keys import SELECTION_BINDINGS
from tui.widgets.text_marks import index_marks

__all__ = ["GUTTER", "MARGIN_MIN_WIDTH", "Match", "PageView"]

MARGIN_MIN_WIDTH = 96
"""Below this many columns the cards go inline under their line."""


class PageView(PageCanvas, can_focus=True):
    """Scrollable page text with comment cards level with their passages."""

    BINDINGS: ClassVar[list[BindingType]] = SELECTION_BINDINGS

    class Moved(Message):
        """The view scrolled; the screen updates its status line."""

    class CardClicked(Message):
        """A card was clicked."""

        def __init__(self, card: int) -> None:
            super().__init__()
            self.card = card

    def __init__(self, extraction: Extraction | None = None, **kwargs: object) -> None:
        """Show ``extraction`` (or nothing until :meth:`set_extraction`)."""
        super().__init__(**kwargs)
        self.matches: list[Match] = []
        self._built_width = -1
        self._built_styles: CardStyles | None = None
        self.user_marks: dict[str, UserMarks] = {}
        self._pending_top: tuple[int, int | None] | None = None
        if extraction is not None:
            self.set_extraction(extraction)

    # --- data ---------------------------------------------------------------------------

    def set_extraction(self, extraction: Extraction) -> None:
        """Show ``extraction``; keeps the passage at the top of the view where it was."""
        top = self._top_position()
        self.extraction = extraction
        self._pages = {p.number: p for p in extraction.pages}
        self._marks = index_marks(extraction)
        self._grounds = {a.id: a.ground for a in extraction.annotations}
        self._built_width = -1
        if self.is_mounted:
            self._rebuild(top)

    def set_user_marks(self, marks: dict[str, UserMarks]) -> None:
        """Show the user's tags, notes and own-annotation marks on the cards."""
        self.user_marks = marks
        if self.is_mounted and self.layout_ is not None:
            self._rebuild(self._top_position())

    def go_to(self, page: int, line: int | None) -> None:
        """Put line ``line`` of ``page`` at the top (once laid out, if not yet)."""
        if self.layout_ is None:
            self._pending_top = (page, line)
            return
        self.scroll_to(y=self.layout_.row_of(page, line), animate=False, immediate=True)

    def reading_position(self) -> tuple[int, int]:
        """The page and line shown at the top of the view (line 0 when between lines)."""
        page, line = self._top_position()
        return page, line or 0

    def line_index(self) -> LineIndex:
        """The document's lines in reading order (for the keyboard selection)."""
        return LineIndex(self._pages)

    def set_selection(self, selection: tuple[Caret, Caret] | None) -> None:
        """Draw ``(start, caret)`` as the selection (None ends it) and keep the caret in view."""
        self.selection = selection
        self._selected = {}
        if selection is not None:
            for span in selected_spans(self.line_index(), *selection):
                self._selected[(span.page, span.line)] = (span.start, span.end)
        self._cache.clear()
        if selection is not None and self.layout_ is not None:
            caret = selection[1]
            row = self.layout_.row_of(caret.page, caret.line)
            top, height = self.top_row(), self.scrollable_content_region.height
            if not top <= row < top + max(1, height - 1):
                self.scroll_to_row(row, max(0, height // 3))
        self.refresh()

    def _top_position(self) -> tuple[int, int | None]:
        if self.layout_ is None or not self.layout_.rows:
            return (1, None)
        row = self.layout_.rows[min(int(self.scroll_y), len(self.layout_.rows) - 1)]
        if isinstance(row, TextRow):
            return (row.page, row.line)
        return (self.layout_.page_at(int(self.scroll_y)), None)

    def _card_styles(self) -> CardStyles:
        return CardStyles(
            header=self.get_component_rich_style("page-view--card-header"),
            body=self.get_component_rich_style("page-view--card-body"),
            quote=self.get_component_rich_style("page-view--card-quote"),
            reply=self.get_component_rich_style("page-view--card-reply"),
            note=self.get_component_rich_style("page-view--card-note"),
            own=self.get_component_rich_style("page-view--card-own"),
            background=self.background_colors[1],
        )

    def _widths(self, full: int) -> tuple[int, int, bool]:
        if full >= MARGIN_MIN_WIDTH:
            margin = max(30, min(50, int(full * 0.33)))
            return full - margin - GUTTER - 1, margin, False
        return max(10, full - GUTTER), 0, True

    def _rebuild(self, keep: tuple[int, int | None] | None = None) -> None:
        if self.extraction is None:
            return
        # The scrollbar is always shown (overflow-y: scroll), so the width never flips.
        full = self.size.width - self.styles.scrollbar_size_vertical
        if full <= 0:
            return
        text_width, margin_width, inline = self._widths(full)
        self._built_styles = self._card_styles()
        self.layout_ = build_layout(
            self.extraction, text_width, margin_width, self._built_styles, inline,
            self.user_marks,
        )
        self._built_width = full
        self._cache.clear()
        self.virtual_size = Size(full, self.layout_.height)
        keep, self._pending_top = self._pending_top or keep, None
        if keep is not None:
            self.scroll_to(y=self.layout_.row_of(*keep), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved())

    def on_mount(self) -> None:
        """Lay out once the widget knows its width."""
        self.call_after_refresh(self._rebuild)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changes."""
        width = self.size.width - self.styles.scrollbar_size_vertical
        if width != self._built_width:
            self._rebuild(self._top_position())

    def notify_style_update(self) -> None:
        """Theme changed: drop drawn rows so colours follow it."""
        super().notify_style_update()
        self._cache.clear()
        # Laying out a long document takes a while: only when the card colours changed.
        if self._built_width > 0 and self._card_styles() != self._built_styles:
            self._rebuild(self._top_position())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Tell the screen the view moved."""
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Moved())

    # --- moving -------------------------------------------------------------------------

    def top_row(self) -> int:
        """The layout row at the top of the view."""
        return int(self.scroll_y)

    def scroll_to_row(self, row: int, context: int = 3) -> None:
        """Scroll so ``row`` is shown ``context`` rows below the top."""
        self.scroll_to(y=max(0, row - context), animate=False, immediate=True)

    def focus_card(self, index: int | None) -> None:
        """Highlight card ``index`` and bring its passage and its card into view."""
        self.focused_card = index
        self._cache.clear()
        if index is not None and self.layout_ is not None:
            card = self.layout_.cards[index]
            # Passage near the top, and the whole card visible when it was pushed down.
            room = max(1, self.size.height - len(card.lines) - 1)
            self.scroll_to_row(card.anchor_row, min(3, max(0, room - (card.top - card.anchor_row))))
        self.refresh()

    def card_after(self, forward: bool) -> int | None:
        """The next (or previous) card from the focused one, or from the top of the view."""
        if self.layout_ is None or not self.layout_.cards:
            return None
        count = len(self.layout_.cards)
        current = self.focused_card
        if current is not None and self._card_visible(current):
            return min(count - 1, current + 1) if forward else max(0, current - 1)
        top = self.top_row()
        rows = [c.anchor_row for c in self.layout_.cards]
        if forward:
            return next((i for i, r in enumerate(rows) if r >= top), count - 1)
        return next((i for i in range(count - 1, -1, -1) if rows[i] < top), 0)

    def _card_visible(self, index: int) -> bool:
        assert self.layout_ is not None
        card = self.layout_.cards[index]
        top = self.top_row()
        return top <= card.anchor_row < top + self.size.height

    def set_matches(self, matches: list[Match], current: int | None) -> None:
        """Show find results; ``current`` is drawn stronger and scrolled to."""
        self.matches = matches
        self.current_match = current
        self.index_matches(matches)
        if current is not None and self.layout_ is not None:
            self.scroll_to_row(self.row_of_match(matches[current]), self.size.height // 3)
        self.refresh()

    def row_of_match(self, match: Match) -> int:
        """The row where ``match`` starts (lines can wrap over several rows)."""
        assert self.layout_ is not None
        row = self.layout_.row_of(match.page, match.line)
        rows = self.layout_.rows
        while row + 1 < len(rows):
            nxt = rows[row + 1]
            same_line = isinstance(nxt, TextRow) and nxt.line == match.line
            if not (same_line and nxt.start <= match.start):  # type: ignore[union-attr]
                break
            row += 1
        return row

    def on_click(self, event: events.Click) -> None:
        """A click on a card focuses it and jumps to its passage."""
        card = self._card_at(event.x, int(self.scroll_y) + event.y)
        if card is not None:
            self.post_message(self.CardClicked(card))

    def _card_at(self, x: int, row: int) -> int | None:
        layout = self.layout_
        if layout is None:
            return None
        if layout.inline:
            entry = layout.rows[row] if row < len(layout.rows) else None
            return entry.card if isinstance(entry, CardRow) else None
        if x < layout.text_width + GUTTER:
            return None
        placed = layout.margin.get(row)
        return placed[0] if placed else None
