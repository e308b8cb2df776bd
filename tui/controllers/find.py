"""Find in the document (``/``): the query, its matches, which one is current.

:class:`DocumentFind` finds in the text a page view shows and tells the view what to draw;
the reader screen asks it and shows the result in its status line.
"""

from __future__ import annotations

from tui.core.model import Extraction
from tui.services.finder import DocumentFinder
from tui.widgets.page_view import Match, PageView


class DocumentFind:
    """The reader's current find over one page view."""

    def __init__(self, view: PageView) -> None:
        """Find in what ``view`` shows."""
        self.view = view
        self.query = ""
        self.matches: list[Match] = []
        self.current: int | None = None
        self.wrapped = False
        """True when the last step went past the last match to the first (or back)."""
        self._finder = DocumentFinder()

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
        if not self.matches:
            self.current = None
            view.set_matches([], None)
            return False
        if keep and self.current is not None:
            self.current = min(self.current, len(self.matches) - 1)
            view.set_matches(self.matches, self.current, scroll=False)
        else:
            top = view.top_row()
            rows = (view.row_of_match(m) for m in self.matches)
            self.current = next((i for i, r in enumerate(rows) if r >= top), 0)
            view.set_matches(self.matches, self.current)
        return True

    def step(self, step: int) -> None:
        """Make the next (``step`` 1) or previous (-1) match current, wrapping around."""
        if not self.matches:
            return
        target = (self.current or 0) + step
        self.wrapped = not 0 <= target < len(self.matches)
        self.current = target % len(self.matches)
        self.view.set_matches(self.matches, self.current)

    def clear(self) -> None:
        """End the find: no query, nothing highlighted."""
        self.matches, self.current, self.query = [], None, ""
        self.wrapped = False
        self.view.set_matches([], None)

    def describe(self) -> str:
        """The status line's part: where in the matches the user is."""
        found = len(self.matches)
        at = (self.current or 0) + 1 if found else 0
        return f"match {at}/{found}"
