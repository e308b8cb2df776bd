"""Drawing the page view's rows: text with its marks, the gutter, the margin cards.

:class:`RowPainter` belongs to a :class:`~tui.widgets.page_view.PageView` and draws one row of
its :class:`~tui.reading.layout.PageLayout` at a time, from what the view shows (its
:class:`~tui.reading.page_state.PageState`: page lines, marks, find matches, the selection)
and the view's styles. Text, gutter marks and margin cards of a screen row all come from one
layout row, drawn in one call, so cards can never drift away from the passage they are about.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.strip import Strip

from tui.reading.layout import CardRow, PageLayout, SeparatorRow, TextRow
from tui.reading.page_state import PageState
from tui.reading.text_marks import Mark, annotation_color

GUTTER = 4
"""Columns between the text and the margin: a space and the card number."""


STYLE_COMPONENTS = (
    "separator", "mark", "match", "match-current", "redaction", "selection", "caret",
    "card-focus", "ocr", "ocr-unsure",
)
"""The page view's component classes the painter draws with (``page-view--<name>``)."""


@dataclass(frozen=True, slots=True)
class PaintStyles:
    """The styles rows are drawn with: the view's own, its components', its background."""

    base: Style
    components: dict[str, Style]
    background: Color

    def __getitem__(self, name: str) -> Style:
        """The style of component ``page-view--<name>``."""
        return self.components[name]


class RowPainter:
    """Draws one layout row of a :class:`PageState` as a :class:`Strip`."""

    def __init__(self, console: Console) -> None:
        """Render rich text on ``console`` (the app's)."""
        self.console = console

    def paint(self, row: int, state: PageState[Text], styles: PaintStyles) -> Strip:
        """Text, gutter mark and margin of layout row ``row``."""
        layout = state.layout
        if layout is None:
            loading = Strip([Segment(" Loading…", styles.base)])
            return loading if row == 0 else Strip.blank(1, styles.base)
        painting = _Painting(self.console, state, layout, styles)
        return painting.row(row)


class _Painting:
    """One row being drawn (bundles what every part of the row needs)."""

    def __init__(
        self, console: Console, state: PageState[Text], layout: PageLayout[Text],
        styles: PaintStyles,
    ) -> None:
        self.console = console
        self.state = state
        self.layout = layout
        self.styles = styles

    def row(self, row: int) -> Strip:
        layout = self.layout
        entry = layout.rows[row] if row < len(layout.rows) else None
        parts = [self._text(entry, layout.text_width), self._gutter(row)]
        if not layout.inline:
            parts += [Strip.blank(1, self.styles.base), self._margin(row, layout.margin_width)]
        return Strip.join(parts)

    def _text(self, entry: object, width: int) -> Strip:
        base = self.styles.base
        if isinstance(entry, SeparatorRow):
            return self._separator(entry.page, width)
        if isinstance(entry, CardRow):
            return self._card_line(entry.card, entry.index, width, indent=2)
        if not isinstance(entry, TextRow):
            return Strip.blank(width, base)
        state = self.state
        key = (entry.page, entry.line)
        shown = state.display_text(*key)
        page = state.pages.get(entry.page)
        if page is not None and page.ocr:  # text read from a scan looks it, subtly
            base = base + Style(color=self.styles["ocr"].color)
        text = Text(shown[entry.start : entry.end], style=base, end="", no_wrap=True)
        for mark in state.marks.get(key, []):
            _stylize(text, entry, mark.start, mark.end, self._mark_style(mark))
        for start, end in state.unsure_columns(*key):
            _stylize(text, entry, start, end, self.styles["ocr-unsure"])
        for index, span in state.line_matches(*key):
            name = "match-current" if index == state.current_match else "match"
            _stylize(text, entry, span.start, span.end, self.styles[name])
        self._selection(text, entry)
        return Strip(_segments(text, self.console)).adjust_cell_length(width, base)

    def _selection(self, text: Text, entry: TextRow) -> None:
        key = (entry.page, entry.line)
        selected = self.state.selected.get(key)
        if selected is not None:
            _stylize(text, entry, selected[0], selected[1], self.styles["selection"])
        caret = self.state.caret
        if caret is not None and (caret.page, caret.line) == key:
            _stylize(text, entry, caret.col, caret.col + 1, self.styles["caret"])

    def _mark_style(self, mark: Mark) -> Style:
        if mark.kind == "redaction":
            if mark.annotation in self.state.revealed:  # the words, marked as withheld
                return self.styles["redaction"] + Style(bold=False, underline=True)
            return self.styles["redaction"]
        background = self.styles.background
        color = Color.parse(mark.color)
        if mark.kind == "highlight":
            tint = background.blend(color, 0.55)
            return Style(bgcolor=tint.rich_color, color=tint.get_contrast_text(1.0).rich_color)
        ink = background.get_contrast_text(1.0).blend(color, 0.6)
        if mark.kind == "strikeout":
            return Style(strike=True, color=ink.rich_color)
        return Style(underline=True, color=ink.rich_color)

    def _separator(self, page: int, width: int) -> Strip:
        total = max(self.state.total_pages, len(self.state.pages))
        label = f" p. {page} / {total} "
        left = 2
        line = "─" * left + label + "─" * max(0, width - left - len(label))
        return Strip([Segment(line[:width], self.styles["separator"])])

    def _gutter(self, row: int) -> Strip:
        base = self.styles.base
        cards = self.layout.marks.get(row)
        if not cards:
            return Strip.blank(GUTTER, base)
        first = self.layout.cards[cards[0]]
        label = f"{first.label}{'+' if len(cards) > 1 else ''}"[: GUTTER - 1].rjust(GUTTER - 1)
        style = self.styles["mark"] + Style(color=self._card_color(cards[0]).rich_color)
        if self.state.focused_card in cards:
            style += Style(reverse=True)
        return Strip([Segment(" ", base), Segment(label, style)])

    def _card_color(self, index: int) -> Color:
        color = Color.parse(annotation_color(self.layout.cards[index].thread.root))
        # Keep the bar and number visible on dark and light themes alike.
        return self.styles.background.get_contrast_text(1.0).blend(color, 0.75)

    def _margin(self, row: int, width: int) -> Strip:
        placed = self.layout.margin.get(row)
        if placed is None:
            return Strip.blank(width, self.styles.base)
        return self._card_line(placed[0], placed[1], width, indent=0)

    def _card_line(self, card: int, line: int, width: int, indent: int) -> Strip:
        base = self.styles.base
        text = self.layout.cards[card].lines[line]
        bar = Segment("▎", Style(color=self._card_color(card).rich_color))
        bar = Segment(bar.text, base + bar.style if bar.style else base)
        strip = Strip(
            [Segment(" " * indent, base), bar, *_segments(text, self.console, base)]
        ).adjust_cell_length(width, base)
        if card == self.state.focused_card:
            focus = self.styles["card-focus"]
            tint = Style(bgcolor=focus.bgcolor, bold=focus.bold)
            strip = Strip(list(Segment.apply_style(strip, post_style=tint)), strip.cell_length)
        return strip


def _segments(text: Text, console: Console, under: Style | None = None) -> list[Segment]:
    """``text`` as segments in its own style over ``under`` (the page's colours).

    ``Text.render`` drops a text's own style when the text has no spans, and a segment
    without colours shows the terminal's default colours inside a themed page.
    """
    style = text.style if isinstance(text.style, Style) else console.get_style(text.style)
    if under is not None:
        style = under + style
    return list(Segment.apply_style(text.render(console), style=style))


def _stylize(text: Text, entry: TextRow, start: int, end: int, style: Style) -> None:
    """Style columns ``[start:end]`` of a line where they fall on this row's slice of it."""
    lo, hi = max(start, entry.start), min(end, entry.end)
    if lo < hi:
        text.stylize(style, lo - entry.start, hi - entry.start)
