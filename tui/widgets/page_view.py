"""The page text with the comment margin: scrolling, cards, find matches, the selection.

Only visible rows are drawn (toolong-style), by a :class:`~tui.widgets.row_painter.RowPainter`
from the view's :class:`~tui.widgets.row_painter.PageState`. Drawn rows are cached under a key
holding everything that changes a row (layout, focus, matches, selection, theme), so no change
has to remember to clear the cache. The keys of the keyboard selection are the page view's
own (scope ``selection`` in :mod:`tui.actions`), so remapping a reading key never takes a key
from the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.actions import bindings
from tui.core.anchoring.threads import Thread
from tui.core.model import Extraction, Span
from tui.widgets.card_focus import (
    card_after,
    card_index,
    card_to_follow,
    visible_cards,
)
from tui.widgets.cards import CardStyles, UserMarks
from tui.widgets.page_layout import (
    CardRow,
    PageLayout,
    TextRow,
    build_layout,
    choose_widths,
    line_width,
)
from tui.widgets.row_painter import (
    GUTTER,
    STYLE_COMPONENTS,
    Match,
    PageState,
    PaintStyles,
    RowPainter,
)
from tui.widgets.selection import Caret, LineIndex, selected_spans
from tui.widgets.text_marks import index_marks

__all__ = ["GUTTER", "Match", "PageView"]


class PageView(ScrollView, can_focus=True):
    """Scrollable page text with comment cards level with their passages."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("selection")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"page-view--{name}" for name in STYLE_COMPONENTS),
        "page-view--card-header", "page-view--card-body", "page-view--card-quote",
        "page-view--card-reply", "page-view--card-note", "page-view--card-own",
    }

    @dataclass
    class Moved(Message):
        """The view scrolled; the screen updates its status line."""

    @dataclass
    class CardClicked(Message):
        """Card ``card`` was clicked."""

        card: int

    def __init__(self, extraction: Extraction | None = None, **kwargs: object) -> None:
        """Show ``extraction`` (or nothing until :meth:`set_extraction`)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.extraction: Extraction | None = None
        self.state = PageState()
        self.matches: list[Match] = []
        self.selection: tuple[Caret, Caret] | None = None
        """(where the selection started, the caret) while the user selects text."""
        self.user_marks: dict[str, UserMarks] = {}
        self._painter: RowPainter | None = None
        self._styles: PaintStyles | None = None
        self._card_styles_built: CardStyles | None = None
        self._built_width = -1
        self._versions = {"layout": 0, "matches": 0, "styles": 0}
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._pending_top: tuple[int, int | None] | None = None
        self._near: int | None = None
        """Set during a jump: the row the focus moves nearest to (else it keeps continuity)."""
        if extraction is not None:
            self.set_extraction(extraction)

    # --- what is shown ------------------------------------------------------------------

    @property
    def page_layout(self) -> PageLayout | None:
        """Every row of the document at the current width (None until laid out)."""
        return self.state.layout

    @property
    def focused_card(self) -> int | None:
        """The index of the focused card, or None."""
        return self.state.focused_card

    @focused_card.setter
    def focused_card(self, index: int | None) -> None:
        self.state.focused_card = index
        self.refresh()

    @property
    def current_match(self) -> int | None:
        """The index of the current find match, or None."""
        return self.state.current_match

    @property
    def is_laid_out(self) -> bool:
        """True once the document has rows to show."""
        return self.state.layout is not None

    @property
    def card_count(self) -> int:
        """How many cards (threads) are shown."""
        return len(self.state.layout.cards) if self.state.layout else 0

    def focused_card_label(self) -> str | None:
        """The number (or own-card label) of the focused card, or None."""
        layout, index = self.state.layout, self.state.focused_card
        return layout.cards[index].label if layout and index is not None else None

    def focused_thread(self) -> Thread | None:
        """The thread of the focused card, or None."""
        layout, index = self.state.layout, self.state.focused_card
        return layout.cards[index].thread if layout and index is not None else None

    def display_text(self, page: int, line: int) -> str:
        """A line as shown (redactions drawn as blocks)."""
        return self.state.display_text(page, line)

    def set_extraction(self, extraction: Extraction) -> None:
        """Show ``extraction``; keeps the passage at the top of the view where it was."""
        top = self._top_position()
        self.extraction = extraction
        state = self.state
        state.pages = {p.number: p for p in extraction.pages}
        state.total_pages = extraction.document.pages
        state.marks = index_marks(extraction)
        state.grounds = {a.id: a.ground for a in extraction.annotations}
        self._built_width = -1
        if self.is_mounted:
            self._rebuild(top)

    def set_user_marks(self, marks: dict[str, UserMarks]) -> None:
        """Show the user's tags, notes and own-annotation marks on the cards."""
        self.user_marks = marks
        if self.is_mounted and self.state.layout is not None:
            self._rebuild(self._top_position())

    def toggle_reveal(self) -> bool | None:
        """Show or hide the words under the focused redaction (when the file still holds
        them): True when now shown, False when hidden again, None for any other card."""
        thread = self.focused_thread()
        root = thread.root if thread is not None else None
        if root is None or root.kind != "redaction" or root.applied is not False:
            return None
        revealed = self.state.revealed
        shown = root.id not in revealed
        if shown:
            revealed.add(root.id)
        else:
            revealed.discard(root.id)
        self._rebuild(self._top_position())
        return shown

    def line_index(self) -> LineIndex:
        """The document's lines in reading order (for the keyboard selection)."""
        return LineIndex(self.state.pages)

    # --- where the view is ----------------------------------------------------------------

    def top_row(self) -> int:
        """The layout row at the top of the view."""
        return int(self.scroll_y)

    def page_at_top(self) -> int:
        """The number of the page shown at the top of the view."""
        layout = self.state.layout
        return layout.page_at(self.top_row()) if layout else 1

    def where_reading(self) -> int:
        """The page the reader is on: at the top of the view, or the last page shown once the
        view is at the very end (after ``G`` the status says the last page)."""
        layout = self.state.layout
        if layout is None:
            return 1
        if self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y:
            return layout.page_at(max(0, len(layout.rows) - 1))
        return layout.page_at(self.top_row())

    def first_visible_line(self) -> tuple[int, int] | None:
        """The page and line of the first text row on screen (None: no text on screen)."""
        layout = self.state.layout
        if layout is None:
            return None
        top = self.top_row()
        for entry in layout.rows[top : top + max(1, self.size.height)]:
            if isinstance(entry, TextRow):
                return (entry.page, entry.line)
        return None

    def reading_position(self) -> tuple[int, int]:
        """The page and line shown at the top of the view (line 0 when between lines)."""
        page, line = self._top_position()
        return page, line or 0

    def page_row(self, page: int) -> int | None:
        """The row where page ``page`` starts, or None when it is not laid out."""
        layout = self.state.layout
        return layout.page_rows.get(page) if layout else None

    def _top_position(self) -> tuple[int, int | None]:
        layout = self.state.layout
        if layout is None or not layout.rows:
            return (1, None)
        row = layout.rows[min(int(self.scroll_y), len(layout.rows) - 1)]
        if isinstance(row, TextRow):
            return (row.page, row.line)
        return (layout.page_at(int(self.scroll_y)), None)

    # --- moving ---------------------------------------------------------------------------

    def go_to(self, page: int, line: int | None) -> None:
        """Put line ``line`` of ``page`` at the top (once laid out, if not yet)."""
        if self.state.layout is None:
            self._pending_top = (page, line)
            return
        self.jump_to(self.state.layout.row_of(page, line))

    def scroll_to_row(self, row: int, context: int = 3) -> None:
        """Scroll so ``row`` is shown ``context`` rows below the top."""
        self.scroll_to(y=max(0, row - context), animate=False, immediate=True)

    def jump_to(self, y: int, near: int | None = None) -> None:
        """Scroll to ``y`` as a jump (``:``, ``]``, ``g``, a find): when the focused card is
        left off screen, the card nearest row ``near`` (default: the new top) takes the focus."""
        self._near = y if near is None else near
        try:
            self.scroll_to(y=y, animate=False, immediate=True)
            self.follow_view()
        finally:
            self._near = None

    def focus_card(self, index: int | None) -> None:
        """Highlight card ``index`` and bring its passage and its card into view."""
        self.state.focused_card = index
        layout = self.state.layout
        if index is not None and layout is not None:
            card = layout.cards[index]
            # Passage near the top, and the whole card visible when it was pushed down.
            room = max(1, self.size.height - len(card.lines) - 1)
            self.scroll_to_row(card.anchor_row, min(3, max(0, room - (card.top - card.anchor_row))))
        self.refresh()

    def card_index(self, annotation_id: str) -> int | None:
        """The card that shows comment ``annotation_id`` (as root, reply or its markup)."""
        layout = self.state.layout
        return card_index(layout, annotation_id) if layout else None

    def focus_comment(self, annotation_id: str | None) -> None:
        """Mark the card of comment ``annotation_id`` focused (None, or not shown: no focus)."""
        layout = self.state.layout
        if layout is None:
            return
        ids = [c.thread.root.id for c in layout.cards]
        self.state.focused_card = ids.index(annotation_id) if annotation_id in ids else None
        self.refresh()

    def visible_cards(self) -> list[int]:
        """The cards on screen: their passage or some row of the card is in view."""
        layout = self.state.layout
        return visible_cards(layout, self.top_row(), self.size.height) if layout else []

    def follow_view(self) -> None:
        """Keep the focus on a card the user can see (:func:`card_focus.card_to_follow`):
        with no card on screen nothing is focused, so ``t`` or ``e`` can never act on a
        comment out of sight."""
        layout = self.state.layout
        if layout is None:
            return
        chosen = card_to_follow(layout, self.state.focused_card, self.top_row(),
                                self.size.height, self._near)
        if chosen != self.state.focused_card:
            self.state.focused_card = chosen
            self.refresh()

    def card_after(self, forward: bool) -> int | None:
        """The next (or previous) card from the focused one, or from the top of the view."""
        layout = self.state.layout
        if layout is None:
            return None
        return card_after(layout, self.state.focused_card, self.top_row(), self.size.height,
                          forward)

    # --- find and selection -----------------------------------------------------------------

    def set_matches(self, matches: list[Match], current: int | None, scroll: bool = True) -> None:
        """Show find results; ``current`` is drawn stronger (and scrolled to with ``scroll``)."""
        self.matches = matches
        self.state.current_match = current
        index: dict[tuple[int, int], list[tuple[int, Span]]] = {}
        for number, match in enumerate(matches):
            for span in match.spans:
                index.setdefault((span.page, span.line), []).append((number, span))
        self.state.match_index = index
        self._versions["matches"] += 1
        if scroll and current is not None and self.state.layout is not None:
            row = self.row_of_match(matches[current])
            self.jump_to(max(0, row - self.size.height // 3), near=row)
        self.refresh()

    def row_of_match(self, match: Match) -> int:
        """The row where ``match`` starts (lines can wrap over several rows)."""
        assert self.state.layout is not None
        row = self.state.layout.row_of(match.page, match.line)
        rows = self.state.layout.rows
        while row + 1 < len(rows):
            nxt = rows[row + 1]
            if not (isinstance(nxt, TextRow) and nxt.line == match.line
                    and nxt.start <= match.start):
                break
            row += 1
        return row

    def set_selection(self, selection: tuple[Caret, Caret] | None) -> None:
        """Draw ``(start, caret)`` as the selection (None ends it) and keep the caret in view."""
        self.selection = selection
        selected: dict[tuple[int, int], tuple[int, int]] = {}
        if selection is not None:
            for span in selected_spans(self.line_index(), *selection):
                selected[(span.page, span.line)] = (span.start, span.end)
        self.state.selected = selected
        self.state.caret = selection[1] if selection else None
        layout = self.state.layout
        if selection is not None and layout is not None:
            caret = selection[1]
            row = layout.row_of(caret.page, caret.line)
            top, height = self.top_row(), self.scrollable_content_region.height
            if not top <= row < top + max(1, height - 1):
                self.scroll_to_row(row, max(0, height // 3))
        self.refresh()

    # --- laying out and drawing -------------------------------------------------------------

    def _card_styles(self) -> CardStyles:
        style = self.get_component_rich_style
        return CardStyles(
            header=style("page-view--card-header"), body=style("page-view--card-body"),
            quote=style("page-view--card-quote"), reply=style("page-view--card-reply"),
            note=style("page-view--card-note"), own=style("page-view--card-own"),
            background=self.background_colors[1],
        )

    def _paint_styles(self) -> PaintStyles:
        components = {
            name: self.get_component_rich_style(f"page-view--{name}") for name in STYLE_COMPONENTS
        }
        return PaintStyles(self.rich_style, components, self.background_colors[1])

    def _widths(self, full: int) -> tuple[int, int, bool]:
        assert self.extraction is not None
        return choose_widths(full, line_width(self.extraction), GUTTER)

    def _rebuild(self, keep: tuple[int, int | None] | None = None) -> None:
        if self.extraction is None:
            return
        # The scrollbar is always shown (overflow-y: scroll), so the width never flips.
        full = self.size.width - self.styles.scrollbar_size_vertical
        if full <= 0:
            return
        text_width, margin_width, inline = self._widths(full)
        self._card_styles_built = self._card_styles()
        self.state.layout = build_layout(
            self.extraction, text_width, margin_width, self._card_styles_built, inline,
            self.user_marks, frozenset(self.state.revealed),
        )
        self._built_width = full
        self._versions["layout"] += 1
        self.virtual_size = Size(full, self.state.layout.height)
        keep, self._pending_top = self._pending_top or keep, None
        if keep is not None:
            self.scroll_to(y=self.state.layout.row_of(*keep), animate=False, immediate=True)
        self.follow_view()
        self.refresh()
        self.post_message(self.Moved())

    def _row_key(self, row: int, width: int) -> tuple[object, ...]:
        """Everything that changes how a row is drawn."""
        state = self.state
        return (
            row, width, self._versions["layout"], self._versions["matches"],
            self._versions["styles"], state.focused_card, state.current_match, self.selection,
        )

    def render_line(self, y: int) -> Strip:
        """Draw screen row ``y``: text, gutter mark and margin of one layout row."""
        row = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        key = self._row_key(row, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self._painter is None or self._styles is None:
            self._painter = RowPainter(self.app.console)
            self._styles = self._paint_styles()
        strip = self._painter.paint(row, self.state, self._styles)
        strip = strip.adjust_cell_length(width, self.rich_style)
        self._cache[key] = strip
        return strip

    def on_mount(self) -> None:
        """Lay out once the widget knows its width."""
        self.call_after_refresh(self._rebuild)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changes."""
        width = self.size.width - self.styles.scrollbar_size_vertical
        if width != self._built_width:
            self._rebuild(self._top_position())

    def notify_style_update(self) -> None:
        """Theme changed: rows are drawn again in the new colours."""
        super().notify_style_update()
        self._styles = None
        self._versions["styles"] += 1
        # Laying out a long document takes a while: only when the card colours changed.
        if self._built_width > 0 and self._card_styles() != self._card_styles_built:
            self._rebuild(self._top_position())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Tell the screen the view moved."""
        super().watch_scroll_y(old_value, new_value)
        self.follow_view()
        self.post_message(self.Moved())

    def on_click(self, event: events.Click) -> None:
        """A click on a card focuses it and jumps to its passage."""
        card = self._card_at(event.x, int(self.scroll_y) + event.y)
        if card is not None:
            self.post_message(self.CardClicked(card))

    def _card_at(self, x: int, row: int) -> int | None:
        layout = self.state.layout
        if layout is None:
            return None
        if layout.inline:
            entry = layout.rows[row] if row < len(layout.rows) else None
            return entry.card if isinstance(entry, CardRow) else None
        if x < layout.text_width + GUTTER:
            return None
        placed = layout.margin.get(row)
        return placed[0] if placed else None
