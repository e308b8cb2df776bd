"""What the page view shows: the layout, and everything drawn over the text.

:class:`PageState` is the page view's model. The view changes it (a new document, find
matches, the keyboard selection, the focused card, revealed redactions) and draws it; the
row painter reads it. Every question about what is shown — which line a row holds, which
page the reader is on, which card a click hits — is answered here, without a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic

from tui.core.anchoring.threads import Thread
from tui.core.model import Extraction, PageText, Span
from tui.core.search.find import Found, Match
from tui.reading.layout import CardLine, CardRow, PageLayout, TextRow
from tui.reading.ocr_status import word_columns
from tui.reading.selection import Caret, LineIndex, Selection
from tui.reading.text_marks import Mark, display_line, index_marks

MATCH_PAGES_KEPT = 32
"""Pages whose find matches are kept as objects, ready to draw (the pages drawn last): a
long find's matches are not all made at once."""


@dataclass(slots=True)
class PageState(Generic[CardLine]):
    """The layout of a document and what is drawn over it."""

    layout: PageLayout[CardLine] | None = None
    pages: dict[int, PageText] = field(default_factory=dict)
    total_pages: int = 0
    marks: dict[tuple[int, int], list[Mark]] = field(default_factory=dict)
    grounds: dict[str, str | None] = field(default_factory=dict)
    matches: Sequence[Match] = field(default_factory=list)
    """The find matches drawn (a long find's are made when their page is drawn)."""
    match_pages: dict[int, dict[int, list[tuple[int, Span]]]] = field(default_factory=dict)
    """page -> line -> (match number, span) of the find matches on the pages drawn last."""
    current_match: int | None = None
    focused_card: int | None = None
    selection: Selection | None = None
    selected: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """(page, line) -> the selected columns on that line."""
    revealed: set[str] = field(default_factory=set)
    """Redactions whose words (still in the file) the user asked to see."""
    unsure_shown: bool = False
    """True while the words OCR was unsure of are pointed out (``U``)."""

    # --- what is shown ----------------------------------------------------------------------

    def show_document(self, extraction: Extraction) -> None:
        """Take the pages, marks and redaction grounds of ``extraction`` (laid out later)."""
        self.pages = {p.number: p for p in extraction.pages}
        self.total_pages = extraction.document.pages
        self.marks = index_marks(extraction)
        self.grounds = {a.id: a.ground for a in extraction.annotations}

    def display_text(self, page: int, line: int) -> str:
        """A line as shown (redactions drawn as blocks unless revealed)."""
        text = self.pages[page].lines[line].text
        return display_line(text, self.marks.get((page, line), []), self.grounds, self.revealed)

    def display_texts(self) -> Callable[[int, int], str]:
        """:meth:`display_text` as the lines are shown now, for a worker thread: the view may
        take another document or reveal a redaction while it works."""
        pages, marks, grounds = self.pages, self.marks, self.grounds
        revealed = frozenset(self.revealed)

        def shown(page: int, line: int) -> str:
            text = pages[page].lines[line].text
            return display_line(text, marks.get((page, line), []), grounds, revealed)

        return shown

    def unsure_columns(self, page: int, line: int) -> list[tuple[int, int]]:
        """Where the words OCR was unsure of stand in the line as shown (none while they
        are not pointed out; a word under a redaction shows as blocks and is not found)."""
        found = self.pages.get(page)
        if not self.unsure_shown or found is None or not found.ocr:
            return []
        return word_columns(self.display_text(page, line), found.lines[line].unsure)

    def line_index(self) -> LineIndex:
        """The document's lines in reading order (for the keyboard selection)."""
        return LineIndex(self.pages)

    def show_matches(self, matches: Sequence[Match], current: int | None) -> None:
        """Find results to draw over the text; ``current`` is drawn stronger."""
        self.matches = matches
        self.current_match = current
        self.match_pages = {}

    def line_matches(self, page: int, line: int) -> list[tuple[int, Span]]:
        """(match number, span) of every find match on ``line`` of ``page``."""
        lines = self.match_pages.get(page)
        if lines is None:
            if len(self.match_pages) >= MATCH_PAGES_KEPT:
                self.match_pages.clear()
            matches = self.matches
            numbers = (matches.numbers_on_page(page) if isinstance(matches, Found)
                       else [i for i, m in enumerate(matches) if m.page == page])
            lines = {}
            for number in numbers:
                for span in matches[number].spans:
                    lines.setdefault(span.line, []).append((number, span))
            self.match_pages[page] = lines
        return lines.get(line, [])

    def show_selection(self, selection: Selection | None) -> None:
        """The keyboard selection to draw (None: no selection)."""
        self.selection = selection
        spans = selection.spans() if selection is not None else []
        self.selected = {(s.page, s.line): (s.start, s.end) for s in spans}

    @property
    def caret(self) -> Caret | None:
        """The selection's caret, drawn as a block (None when not selecting)."""
        return self.selection.caret if self.selection is not None else None

    def toggle_reveal(self) -> bool | None:
        """Show or hide the words under the focused redaction (when the file still holds
        them): True when now shown, False when hidden again, None for any other card."""
        thread = self.focused_thread()
        root = thread.root if thread is not None else None
        if root is None or root.kind != "redaction" or root.applied is not False:
            return None
        shown = root.id not in self.revealed
        if shown:
            self.revealed.add(root.id)
        else:
            self.revealed.discard(root.id)
        return shown

    # --- the focused card -------------------------------------------------------------------

    def focused_thread(self) -> Thread | None:
        """The thread of the focused card, or None."""
        layout, index = self.layout, self.focused_card
        return layout.cards[index].thread if layout and index is not None else None

    def focused_label(self) -> str | None:
        """The number (or own-card label) of the focused card, or None."""
        layout, index = self.layout, self.focused_card
        return layout.cards[index].label if layout and index is not None else None

    def card_of_comment(self, annotation_id: str | None) -> int | None:
        """The card whose root is comment ``annotation_id`` (None: not shown)."""
        if self.layout is None or annotation_id is None:
            return None
        ids = [c.thread.root.id for c in self.layout.cards]
        return ids.index(annotation_id) if annotation_id in ids else None

    # --- rows and places --------------------------------------------------------------------

    def place_at(self, row: int) -> tuple[int, int | None]:
        """The page and line at ``row`` (line None between lines: a page rule, a card)."""
        layout = self.layout
        if layout is None or not layout.rows:
            return (1, None)
        entry = layout.rows[min(row, len(layout.rows) - 1)]
        if isinstance(entry, TextRow):
            return (entry.page, entry.line)
        return (layout.page_at(row), None)

    def first_text_line(self, top: int, height: int) -> tuple[int, int] | None:
        """The page and line of the first text row of rows ``top`` .. ``top + height``."""
        if self.layout is None:
            return None
        for entry in self.layout.rows[top : top + max(1, height)]:
            if isinstance(entry, TextRow):
                return (entry.page, entry.line)
        return None

    def page_reading(self, top: int, at_end: bool) -> int:
        """The page the reader is on: at row ``top``, or the last page shown when the view is
        scrolled to the very end (after ``G`` the status says the last page)."""
        layout = self.layout
        if layout is None:
            return 1
        if at_end:
            return layout.page_at(max(0, len(layout.rows) - 1))
        return layout.page_at(top)

    def row_of_match(self, match: Match) -> int:
        """The row where ``match`` starts (lines can wrap over several rows)."""
        assert self.layout is not None
        return self.layout.row_at(match.page, match.line, match.start)

    def card_at(self, column: int, row: int, text_end: int) -> int | None:
        """The card drawn at ``column`` of ``row`` (the margin starts after ``text_end``)."""
        layout = self.layout
        if layout is None:
            return None
        if layout.inline:
            entry = layout.rows[row] if row < len(layout.rows) else None
            return entry.card if isinstance(entry, CardRow) else None
        if column < text_end:
            return None
        placed = layout.margin.get(row)
        return placed[0] if placed else None
