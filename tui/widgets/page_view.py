"""The page text with the comment margin: scrolling, cards, find matches, the selection.

The view draws and scrolls; what it shows is its :class:`~tui.reading.page_state.PageState`
(the layout of :mod:`tui.reading.layout` and everything drawn over it) and which card has the
focus is decided by :mod:`tui.reading.card_focus`. Only visible rows are drawn
(toolong-style) and kept in :class:`~tui.widgets.drawn_rows.DrawnRows`, under a key holding
everything that changes a row (layout, focus, matches, selection, theme), so no change has to
remember to clear the cache. Whenever what it shows changes the view
posts :class:`PageView.Changed`, which the reader turns into its position. The keys of the
keyboard selection are the page view's own (scope ``selection`` in :mod:`tui.actions`), so
remapping a reading key never takes a key from the selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.actions import bindings
from tui.core.anchoring.threads import Thread
from tui.core.model import Extraction
from tui.core.search.find import Match
from tui.reading.card_content import UserMarks, shown_threads
from tui.reading.card_focus import card_after, card_index, card_to_follow, visible_cards
from tui.reading.layout import PageLayout, build_layout, choose_widths, line_width
from tui.reading.page_state import PageState
from tui.reading.selection import LineIndex, Selection
from tui.widgets.cards import CardStyles, card_lines
from tui.widgets.drawn_rows import DrawnRows
from tui.widgets.row_painter import GUTTER, STYLE_COMPONENTS, PaintStyles

CARD_COMPONENTS = ("card-header", "card-body", "card-quote", "card-reply", "card-note",
                   "card-own")
"""The component classes cards are drawn with (``page-view--<name>``)."""


class PageView(ScrollView, can_focus=True):
    """Scrollable page text with comment cards level with their passages."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("selection")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"page-view--{name}" for name in (*STYLE_COMPONENTS, *CARD_COMPONENTS)
    }

    @dataclass
    class Changed(Message):
        """What the view shows changed: it scrolled, was laid out, or its focused card,
        find matches or selection changed (the reader updates its position)."""

        def can_replace(self, message: Message) -> bool:
            """A burst of changes (scrolling) is told once."""
            return isinstance(message, PageView.Changed)

    @dataclass
    class CardClicked(Message):
        """Card ``card`` was clicked."""

        card: int

    def __init__(self, extraction: Extraction | None = None, **kwargs: object) -> None:
        """Show ``extraction`` (or nothing until :meth:`set_extraction`)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.extraction: Extraction | None = None
        self.state: PageState[Text] = PageState()
        self.user_marks: dict[str, UserMarks] = {}
        """The user's tags, notes and own-annotation marks, shown on the cards from the next
        :meth:`set_extraction` on."""
        self._rows = DrawnRows(self.state, lambda: self.app.console, self._paint_styles)
        self._card_styles_built: CardStyles | None = None
        self._built_width = -1
        self._pending_top: tuple[int, int | None] | None = None
        self._near: int | None = None
        """Set during a jump: the row the focus moves nearest to (else it keeps continuity)."""
        self.drawn = False
        """True once rows of the document have been drawn: page 1 is on the screen."""
        if extraction is not None:
            self.set_extraction(extraction)

    # --- what is shown ------------------------------------------------------------------

    @property
    def page_layout(self) -> PageLayout[Text] | None:
        """Every row of the document at the current width (None until laid out)."""
        return self.state.layout

    @property
    def is_laid_out(self) -> bool:
        """True once the document has rows to show."""
        return self.state.layout is not None

    @property
    def focused_card(self) -> int | None:
        """The index of the focused card, or None."""
        return self.state.focused_card

    @focused_card.setter
    def focused_card(self, index: int | None) -> None:
        self.state.focused_card = index
        self._changed()

    @property
    def current_match(self) -> int | None:
        """The index of the current find match, or None."""
        return self.state.current_match

    @property
    def matches(self) -> Sequence[Match]:
        """The find matches drawn over the text."""
        return self.state.matches

    @property
    def selection(self) -> Selection | None:
        """The keyboard selection drawn, while the user selects text."""
        return self.state.selection

    def focused_card_label(self) -> str | None:
        """The number (or own-card label) of the focused card, or None."""
        return self.state.focused_label()

    def focused_thread(self) -> Thread | None:
        """The thread of the focused card, or None."""
        return self.state.focused_thread()

    def display_texts(self) -> Callable[[int, int], str]:
        """:meth:`display_text` as the lines are shown now, for a worker thread."""
        return self.state.display_texts()

    def display_text(self, page: int, line: int) -> str:
        """A line as shown (redactions drawn as blocks)."""
        return self.state.display_text(page, line)

    def line_index(self) -> LineIndex:
        """The document's lines in reading order (for the keyboard selection)."""
        return self.state.line_index()

    def set_extraction(self, extraction: Extraction) -> None:
        """Show ``extraction``; keeps the passage at the top of the view where it was."""
        top = self._top_position()
        self.extraction = extraction
        self.state.show_document(extraction)
        self._built_width = -1
        if self.is_mounted:
            self._rebuild(top)

    def toggle_unsure(self) -> bool:
        """Point out the words OCR was unsure of, or stop; True when now pointed out."""
        self.state.unsure_shown = not self.state.unsure_shown
        self._rows.changed("styles")  # every row on an OCR'd page may change
        self._changed()
        return self.state.unsure_shown

    def toggle_reveal(self) -> bool | None:
        """Show or hide the words under the focused redaction (when the file still holds
        them): True when now shown, False when hidden again, None for any other card."""
        shown = self.state.toggle_reveal()
        if shown is not None:
            self._rebuild(self._top_position())
        return shown

    # --- where the view is ----------------------------------------------------------------

    def top_row(self) -> int:
        """The layout row at the top of the view."""
        return int(self.scroll_y)

    def where_reading(self) -> int:
        """The page the reader is on: at the top of the view, or the last page shown once the
        view is at the very end (after ``G`` the status says the last page)."""
        at_end = self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y
        return self.state.page_reading(self.top_row(), at_end)

    def first_visible_line(self) -> tuple[int, int] | None:
        """The page and line of the first text row on screen (None: no text on screen)."""
        return self.state.first_text_line(self.top_row(), self.size.height)

    def reading_position(self) -> tuple[int, int]:
        """The page and line shown at the top of the view (line 0 when between lines)."""
        page, line = self._top_position()
        return page, line or 0

    def page_row(self, page: int) -> int | None:
        """The row where page ``page`` starts, or None when it is not laid out."""
        layout = self.state.layout
        return layout.page_rows.get(page) if layout else None

    def _top_position(self) -> tuple[int, int | None]:
        return self.state.place_at(int(self.scroll_y))

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

    def scroll_rows(self, count: int) -> None:
        """Scroll the text by ``count`` rows."""
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)

    def scroll_screens(self, count: int) -> None:
        """Scroll the text by ``count`` screens (two rows overlap)."""
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_y + count * step, animate=False, immediate=True)

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
        self._changed()

    def card_index(self, annotation_id: str) -> int | None:
        """The card that shows comment ``annotation_id`` (as root, reply or its markup)."""
        layout = self.state.layout
        return card_index(layout, annotation_id) if layout else None

    def focus_comment(self, annotation_id: str | None) -> None:
        """Mark the card of comment ``annotation_id`` focused (None, or not shown: no focus)."""
        if self.state.layout is not None:
            self.focused_card = self.state.card_of_comment(annotation_id)

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
            self.focused_card = chosen

    def card_after(self, forward: bool) -> int | None:
        """The next (or previous) card from the focused one, or from the top of the view."""
        layout = self.state.layout
        if layout is None:
            return None
        return card_after(layout, self.state.focused_card, self.top_row(), self.size.height,
                          forward)

    # --- find and selection -----------------------------------------------------------------

    def set_matches(self, matches: Sequence[Match], current: int | None,
                    scroll: bool = True) -> None:
        """Show find results; ``current`` is drawn stronger (and scrolled to with ``scroll``)."""
        self.state.show_matches(matches, current)
        self._rows.changed("matches")
        if scroll and current is not None and self.state.layout is not None:
            row = self.row_of_match(matches[current])
            self.jump_to(max(0, row - self.size.height // 3), near=row)
        self._changed()

    def row_of_match(self, match: Match) -> int:
        """The row where ``match`` starts (lines can wrap over several rows)."""
        return self.state.row_of_match(match)

    def set_selection(self, selection: Selection | None) -> None:
        """Draw ``selection`` (None ends it) and keep its caret in view."""
        self.state.show_selection(selection)
        layout = self.state.layout
        if selection is not None and layout is not None:
            caret = selection.caret
            row = layout.row_of(caret.page, caret.line)
            top, height = self.top_row(), self.scrollable_content_region.height
            if not top <= row < top + max(1, height - 1):
                self.scroll_to_row(row, max(0, height // 3))
        self._changed()

    # --- laying out and drawing -------------------------------------------------------------

    def _changed(self) -> None:
        """Draw again and tell the reader (the row cache keys say which rows changed)."""
        self.refresh()
        self.post_message(self.Changed())

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

    def _rebuild(self, keep: tuple[int, int | None] | None = None) -> None:
        if self.extraction is None:
            return
        # The scrollbar is always shown (overflow-y: scroll), so the width never flips.
        full = self.size.width - self.styles.scrollbar_size_vertical
        if full <= 0:
            return
        text_width, margin_width, inline = choose_widths(full, line_width(self.extraction),
                                                         GUTTER)
        styles = self._card_styles_built = self._card_styles()
        marks, revealed = self.user_marks, frozenset(self.state.revealed)
        shown = shown_threads(self.extraction, revealed)

        def draw_card(thread: Thread, label: str, width: int) -> list[Text]:
            root = thread.root.id  # passages quoted with the words not revealed withheld
            return card_lines(shown.get(root, thread), label, width, styles, marks.get(root),
                              root in revealed)

        layout = build_layout(self.extraction, text_width, margin_width, draw_card, inline)
        self.state.layout = layout
        self._built_width = full
        self._rows.changed("layout")
        self.virtual_size = Size(full, layout.height)
        keep, self._pending_top = self._pending_top or keep, None
        if keep is not None:
            self.scroll_to(y=layout.row_of(*keep), animate=False, immediate=True)
        self.follow_view()
        self._changed()

    def render_line(self, y: int) -> Strip:
        """Draw screen row ``y``: text, gutter mark and margin of one layout row."""
        if self.state.layout is None and self.extraction is not None:
            # The first frame: the size is known now, the Resize that lays out comes after
            # it. Laid out here, page 1 is in that frame rather than the next.
            self._rebuild()
        width = self.scrollable_content_region.width
        self.drawn = self.drawn or self.state.layout is not None
        return self._rows.row(int(self.scroll_y) + y, width, self.rich_style)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changes."""
        width = self.size.width - self.styles.scrollbar_size_vertical
        if width != self._built_width:
            self._rebuild(self._top_position())

    def notify_style_update(self) -> None:
        """Theme changed: rows are drawn again in the new colours."""
        super().notify_style_update()
        self._rows.changed("styles")
        # Laying out a long document takes a while: only when the card colours changed.
        if self._built_width > 0 and self._card_styles() != self._card_styles_built:
            self._rebuild(self._top_position())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Keep the focus on a card in view; tell the reader the view moved."""
        super().watch_scroll_y(old_value, new_value)
        self.follow_view()
        self.post_message(self.Changed())

    def on_click(self, event: events.Click) -> None:
        """A click on a card focuses it and jumps to its passage."""
        layout = self.state.layout
        text_end = layout.text_width + GUTTER if layout else 0
        card = self.state.card_at(event.x, int(self.scroll_y) + event.y, text_end)
        if card is not None:
            self.post_message(self.CardClicked(card))
