"""Drawing the page view's rows: text with its marks, the gutter, the margin cards.

:class:`PageCanvas` is the base of :class:`~tui.widgets.page_view.PageView`: it holds what a
row is drawn from (the layout, the page lines, marks, find matches, the selection) and draws
one screen row at a time with Textual's Line API. Text, gutter marks and margin cards of a
screen row all come from one row of the :class:`~tui.widgets.page_layout.PageLayout`, drawn in
one ``render_line`` call, so cards can never drift away from the passage they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.color import Color
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.model import Extraction, PageText, Span
from tui.widgets.page_layout import CardRow, PageLayout, SeparatorRow, TextRow
from tui.widgets.selection import Caret
from tui.widgets.text_marks import Mark, annotation_color, display_line

GUTTER = 4
"""Columns between the text and the margin: a space and the card number."""


@dataclass(frozen=True, slots=True)
class Match:
    """A find result: the text it covers, one span per line (a phrase may wrap)."""

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


class PageCanvas(ScrollView):
    """Draws the rows of a laid-out document; the page view fills in what to draw."""

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

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.extraction: Extraction | None = None
        self.layout_: PageLayout | None = None
        self.focused_card: int | None = None
        self.current_match: int | None = None
        self.selection: tuple[Caret, Caret] | None = None
        """(where the selection started, the caret) while the user selects text."""
        self._match_index: dict[tuple[int, int], list[tuple[int, Span]]] = {}
        """(page, line) -> (match number, span) of every find match on that line."""
        self._pages: dict[int, PageText] = {}
        self._marks: dict[tuple[int, int], list[Mark]] = {}
        self._grounds: dict[str, str | None] = {}
        self._selected: dict[tuple[int, int], tuple[int, int]] = {}
        self._cache: LRUCache[int, Strip] = LRUCache(1024)

    def display_text(self, page: int, line: int) -> str:
        """A line as shown (redactions drawn as blocks)."""
        text = self._pages[page].lines[line].text
        return display_line(text, self._marks.get((page, line), []), self._grounds)

    def index_matches(self, matches: list[Match]) -> None:
        """Note which lines every span of every match is on, for drawing them."""
        self._match_index = {}
        for index, match in enumerate(matches):
            for span in match.spans:
                self._match_index.setdefault((span.page, span.line), []).append((index, span))
        self._cache.clear()

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
        for index, span in self._match_index.get((entry.page, entry.line), []):
            current = index == self.current_match
            style = self.get_component_rich_style(
                "page-view--match-current" if current else "page-view--match"
            )
            self._stylize(text, entry, span.start, span.end, style)
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
