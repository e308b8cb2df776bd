"""The page text with the comment margin, drawn row by row with Textual's Line API.

Text, gutter marks and margin cards of a screen row all come from one row of the
:class:`~tui.widgets.page_layout.PageLayout`, drawn in one ``render_line`` call, so cards can
never drift away from the passage they are about. Only visible rows are drawn (toolong-style).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model import Extraction, PageText
from tui.widgets.cards import CardStyles, UserMarks
from tui.widgets.page_layout import CardRow, PageLayout, SeparatorRow, TextRow, build_layout
from tui.widgets.selection import Caret, LineIndex, selected_spans
from tui.widgets.text_marks import Mark, annotation_color, display_line, index_marks

GUTTER = 4
MARGIN_MIN_WIDTH = 96
"""Below this many columns the cards go inline under their line."""


@dataclass(frozen=True, slots=True)
class Match:
    """A find result: ``[start:end]`` of a line."""

    page: int
    line: int
    start: int
    end: int


class PageView(ScrollView, can_focus=True):
    """Scrollable page text with comment cards level with their passages."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page-view--separator",
        "page-view--mark",
        "page-view--card-header",
        "page-view--card-body",
        "page-view--card-quote",
        "page-view--card-reply",
        "page-view--card-focus",
        "page-view--match",
        "page-view--match-current",
        "page-view--redaction",
        "page-view--card-note",
        "page-view--card-own",
        "page-view--selection",
        "page-view--caret",
    }

    class Moved(Message):
        """The view scrolled; the screen updates its status line."""

    class CardClicked(Message):
        """A card was clicked."""

        def __init__(self, card: int) -> None:
            super().__init__()
            self.card = card

    def __init__(self, extraction: Extraction | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.extraction: Extraction | None = None
        self.layout_: PageLayout | None = None
        self.focused_card: int | None = None
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self._match_index: dict[tuple[int, int], list[tuple[int, Match]]] = {}
        self._pages: dict[int, PageText] = {}
        self._marks: dict[tuple[int, int], list[Mark]] = {}
        self._grounds: dict[str, str | None] = {}
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._built_width = -1
        self._built_styles: CardStyles | None = None
        self.user_marks: dict[str, UserMarks] = {}
        self.selection: tuple[Caret, Caret] | None = None
        """(where the selection started, the caret) while the user selects text."""
        self._selected: dict[tuple[int, int], tuple[int, int]] = {}
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
        self._match_index = {}
        for index, match in enumerate(matches):
            self._match_index.setdefault((match.page, match.line), []).append((index, match))
        self._cache.clear()
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

    def display_text(self, page: int, line: int) -> str:
        """A line as shown (redactions drawn as blocks)."""
        text = self._pages[page].lines[line].text
        return display_line(text, self._marks.get((page, line), []), self._grounds)

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

    # --- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw screen row ``y``: text, gutter mark and margin of one layout row."""
        row = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        cached = self._cache.get(row)
        if cached is not None and cached.cell_length == width:
            return cached
        strip = self._draw_row(row).adjust_cell_length(width, self.rich_style)
        self._cache[row] = strip
        return strip

    def _draw_row(self, row: int) -> Strip:
        layout = self.layout_
        base = self.rich_style
        if layout is None:
            return Strip([Segment(" Loading…", base)]) if row == 0 else Strip.blank(1, base)
        entry = layout.rows[row] if row < len(layout.rows) else None
        text = self._draw_text(entry, layout.text_width)
        parts = [text, self._draw_gutter(row)]
        if not layout.inline:
            parts += [Strip.blank(1, base), self._draw_margin(row, layout.margin_width)]
        return Strip.join(parts)

    def _draw_text(self, entry: object, width: int) -> Strip:
        base = self.rich_style
        if isinstance(entry, SeparatorRow):
            return self._draw_separator(entry.page, width)
        if isinstance(entry, CardRow):
            return self._draw_card_line(entry.card, entry.index, width, indent=2)
        if not isinstance(entry, TextRow):
            return Strip.blank(width, base)
        shown = self.display_text(entry.page, entry.line)
        text = Text(shown[entry.start : entry.end], style=base, end="", no_wrap=True)
        for mark in self._marks.get((entry.page, entry.line), []):
            self._stylize(text, entry, mark.start, mark.end, self._mark_style(mark))
        for index, match in self._match_index.get((entry.page, entry.line), []):
            current = index == self.current_match
            style = self.get_component_rich_style(
                "page-view--match-current" if current else "page-view--match"
            )
            self._stylize(text, entry, match.start, match.end, style)
        self._draw_selection(text, entry)
        return Strip(text.render(self.app.console)).adjust_cell_length(width, base)

    def _draw_selection(self, text: Text, entry: TextRow) -> None:
        selected = self._selected.get((entry.page, entry.line))
        if selected is not None:
            style = self.get_component_rich_style("page-view--selection")
            self._stylize(text, entry, selected[0], selected[1], style)
        caret = self.selection[1] if self.selection else None
        if caret is not None and (caret.page, caret.line) == (entry.page, entry.line):
            style = self.get_component_rich_style("page-view--caret")
            self._stylize(text, entry, caret.col, caret.col + 1, style)

    @staticmethod
    def _stylize(text: Text, entry: TextRow, start: int, end: int, style: Style) -> None:
        lo, hi = max(start, entry.start), min(end, entry.end)
        if lo < hi:
            text.stylize(style, lo - entry.start, hi - entry.start)

    def _mark_style(self, mark: Mark) -> Style:
        if mark.kind == "redaction":
            return self.get_component_rich_style("page-view--redaction")
        background = self.background_colors[1]
        color = Color.parse(mark.color)
        if mark.kind == "highlight":
            tint = background.blend(color, 0.55)
            return Style(bgcolor=tint.rich_color, color=tint.get_contrast_text(1.0).rich_color)
        ink = background.get_contrast_text(1.0).blend(color, 0.6)
        if mark.kind == "strikeout":
            return Style(strike=True, color=ink.rich_color)
        return Style(underline=True, color=ink.rich_color)

    def _draw_separator(self, page: int, width: int) -> Strip:
        style = self.get_component_rich_style("page-view--separator")
        total = len(self._pages) if self.extraction else 0
        pages = self.extraction.document.pages if self.extraction else total
        label = f" p. {page} / {max(pages, total)} "
        left = 2
        line = "─" * left + label + "─" * max(0, width - left - len(label))
        return Strip([Segment(line[:width], style)])

    def _draw_gutter(self, row: int) -> Strip:
        layout = self.layout_
        base = self.rich_style
        cards = layout.marks.get(row) if layout else None
        if not cards or layout is None:
            return Strip.blank(GUTTER, base)
        first = layout.cards[cards[0]]
        label = f"{first.number}{'+' if len(cards) > 1 else ''}"[: GUTTER - 1].rjust(GUTTER - 1)
        style = self.get_component_rich_style("page-view--mark") + Style(
            color=self._card_color(cards[0]).rich_color
        )
        if self.focused_card in cards:
            style += Style(reverse=True)
        return Strip([Segment(" ", base), Segment(label, style)])

    def _card_color(self, index: int) -> Color:
        assert self.layout_ is not None
        background = self.background_colors[1]
        color = Color.parse(annotation_color(self.layout_.cards[index].thread.root))
        # Keep the bar and number visible on dark and light themes alike.
        return background.get_contrast_text(1.0).blend(color, 0.75)

    def _draw_margin(self, row: int, width: int) -> Strip:
        assert self.layout_ is not None
        placed = self.layout_.margin.get(row)
        if placed is None:
            return Strip.blank(width, self.rich_style)
        return self._draw_card_line(placed[0], placed[1], width, indent=0)

    def _draw_card_line(self, card: int, line: int, width: int, indent: int) -> Strip:
        assert self.layout_ is not None
        base = self.rich_style
        text = self.layout_.cards[card].lines[line]
        bar = Segment("▎", Style(color=self._card_color(card).rich_color))
        strip = Strip(
            [Segment(" " * indent, base), bar, *text.render(self.app.console)]
        ).adjust_cell_length(width, base)
        if card == self.focused_card:
            focus = self.get_component_rich_style("page-view--card-focus")
            tint = Style(bgcolor=focus.bgcolor, bold=focus.bold)
            strip = Strip(list(Segment.apply_style(strip, post_style=tint)), strip.cell_length)
        return strip
