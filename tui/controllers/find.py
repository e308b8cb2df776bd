"""Find in the document (``/``): the query, its matches, which one is current.

:class:`DocumentFind` finds in the text a page view shows — the page text, and beside it the
margin: comments, replies, the user's tags and notes — and tells the view what to draw. A
match in the margin is its card, which becomes the focused card when it is current. The
reader screen keeps its :meth:`DocumentFind.summary` for the status line.
"""

from __future__ import annotations

from tui.core.model import Extraction
from tui.core.search.find import Match, text_contains
from tui.reading.position import FindSummary
from tui.services.finder import DocumentFinder
from tui.widgets.page_view import PageView


class DocumentFind:
    """The reader's current find over one page view."""

    def __init__(self, view: PageView) -> None:
        """Find in what ``view`` shows."""
        self.view = view
        self.query = ""
        self.matches: list[Match] = []
        """Matches in the page text (drawn over the text)."""
        self.cards: list[int] = []
        """Cards whose comment, replies, tags or note match."""
        self.order: list[tuple[int, int]] = []
        """Every match in the order of the rows they are on: (match number, card) with
        one of the two -1."""
        self.current: int | None = None
        """Index into :attr:`order`."""
        self.wrapped = False
        """True when the last step went past the last match to the first (or back)."""
        self._finder = DocumentFinder()

    @property
    def found(self) -> int:
        """How many matches, in the text and in the margin."""
        return len(self.order)

    @property
    def active(self) -> bool:
        """True while a find is under way (a query was given, found or not)."""
        return bool(self.query or self.matches)

    def run(self, extraction: Extraction | None, query: str, keep: bool = False) -> bool:
        """Find ``query``; the first match at or below the top is current (False: none).

        With ``keep`` (the document was shown again, e.g. read in full) the current match
        stays where it was and the view does not move.
        """
        view = self.view
        self.query = query
        self.wrapped = False
        if extraction is None or not view.is_laid_out:
            return True
        self.matches = self._finder.find(extraction, query, view.display_text)
        self.cards = self._card_matches(query) if query.strip() else []
        self.order = self._ordered()
        if not self.order:
            self.current = None
            view.set_matches([], None)
            return False
        if keep and self.current is not None:
            self.current = min(self.current, len(self.order) - 1)
            self._show(scroll=False)
        else:
            top = view.top_row()
            rows = (self._row(entry) for entry in self.order)
            self.current = next((i for i, r in enumerate(rows) if r >= top), 0)
            self._show()
        return True

    def submit(self, extraction: Extraction | None, typed: str) -> str | None:
        """The find typed at the prompt: empty repeats the last find, the same query again
        goes on to the next match. Returns the query when nothing was found (else None)."""
        query = typed or self.query
        if not query:
            return None
        if query == self.query and self.found:
            self.step(1)
            return None
        return None if self.run(extraction, query) else query

    def _card_matches(self, query: str) -> list[int]:
        layout = self.view.page_layout
        if layout is None:
            return []
        marks = self.view.user_marks
        found = []
        for index, card in enumerate(layout.cards):
            # A highlight's contents that only repeat its quote are page text: found there.
            texts = [a.contents or "" for a in card.thread.annotations
                     if " ".join((a.contents or "").split()) != " ".join((a.quote or "").split())]
            mark = marks.get(card.thread.root.id)
            if mark is not None:
                texts += [*mark.tags, mark.note or ""]
            if any(text and text_contains(text, query) for text in texts):
                found.append(index)
        return found

    def _ordered(self) -> list[tuple[int, int]]:
        entries = [(n, -1) for n in range(len(self.matches))]
        entries += [(-1, card) for card in self.cards]
        return sorted(entries, key=self._row)

    def _row(self, entry: tuple[int, int]) -> int:
        match, card = entry
        if match >= 0:
            return self.view.row_of_match(self.matches[match])
        layout = self.view.page_layout
        return layout.cards[card].anchor_row if layout else 0

    def _show(self, scroll: bool = True) -> None:
        """Draw the matches; the current one is the text match or the focused card."""
        view = self.view
        if self.current is None:
            view.set_matches(self.matches, None)
            return
        match, card = self.order[self.current]
        if match >= 0:
            view.set_matches(self.matches, match, scroll=scroll)
        else:
            view.set_matches(self.matches, None, scroll=False)
            if scroll:
                view.focus_card(card)
            else:
                view.focused_card = card

    def step(self, step: int) -> None:
        """Make the next (``step`` 1) or previous (-1) match current, wrapping around."""
        if not self.order:
            return
        target = (self.current or 0) + step
        self.wrapped = not 0 <= target < len(self.order)
        self.current = target % len(self.order)
        self._show()

    def clear(self) -> None:
        """End the find: no query, nothing highlighted."""
        self.matches, self.cards, self.order, self.current, self.query = [], [], [], None, ""
        self.wrapped = False
        self.view.set_matches([], None)

    def summary(self) -> FindSummary | None:
        """What the status line tells of this find (None: no find under way)."""
        if not self.query:
            return None
        found = len(self.order)
        at = (self.current or 0) + 1 if found else 0
        return FindSummary(self.query, at, found, self.wrapped)
