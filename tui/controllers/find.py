"""Find in the document (``/``): the query, its matches, which one is current.

:class:`DocumentFind` finds in the text a page view shows — the page text, and beside it the
margin: comments, replies, the user's tags and notes — and tells the view what to draw. A
match in the margin is its card, which becomes the focused card when it is current. The
reader screen keeps its :meth:`DocumentFind.summary` for the status line.

A find in a long document (more than :data:`INLINE_LINES` lines) runs in a worker thread of
the page view: the keys keep working, the status line says how far it is, and a newer query
(or escape) stops it. The worker posts :class:`~tui.messages.FindProgress` and
:class:`~tui.messages.FindDone`, which the reader hands to :meth:`DocumentFind.progress` and
:meth:`DocumentFind.finished`. Matches are kept compactly (:mod:`tui.core.search.found`)
and made into objects only when drawn or stepped to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import partial

from textual.worker import get_current_worker

from tui.core.model import Extraction
from tui.core.search.find import Found, Match, text_contains
from tui.messages import FindDone, FindProgress
from tui.reading.find_order import FindOrder
from tui.reading.position import FindSummary
from tui.services.finder import DocumentFinder
from tui.widgets.page_view import PageView

INLINE_LINES = 5_000
"""Up to this many lines a find runs at once, in the UI thread: at 5,000 lines the first
find takes 25-40 ms (taking and folding the lines; measured on a loaded machine), later ones
1-3 ms, so the answer is there as enter is pressed and the keys never wait noticeably.
Longer documents are searched in a worker thread."""


class DocumentFind:
    """The reader's current find over one page view."""

    def __init__(self, view: PageView) -> None:
        """Find in what ``view`` shows."""
        self.view = view
        self.query = ""
        self.matches: Sequence[Match] = []
        """Matches in the page text (drawn over the text)."""
        self.cards: list[int] = []
        """Cards whose comment, replies, tags or note match."""
        self.order: Sequence[tuple[int, int]] = []
        """Every match in the order of the rows they are on: (match number, card) with
        one of the two -1."""
        self.current: int | None = None
        """Index into :attr:`order`."""
        self.wrapped = False
        """True when the last step went past the last match to the first (or back)."""
        self.searching: int | None = None
        """How far (percent) a find running in the worker is; None when none runs."""
        self._finder = DocumentFinder()
        self._job = 0
        """The number of the newest find: a worker's news of an older one is dropped."""

    @property
    def found(self) -> int:
        """How many matches, in the text and in the margin."""
        return len(self.order)

    @property
    def active(self) -> bool:
        """True while a find is under way (a query was given, found or not)."""
        return bool(self.query or self.matches)

    @property
    def more(self) -> int:
        """Matches found past the ones kept (counted, not reachable by ``n``)."""
        return self.matches.total - len(self.matches) if isinstance(self.matches, Found) else 0

    def run(self, extraction: Extraction | None, query: str, keep: bool = False) -> bool | None:
        """Find ``query``; the first match at or below the top is current (False: none).

        With ``keep`` (the document was shown again, e.g. read in full) the current match
        stays where it was and the view does not move. None: the find goes on in a worker
        (its matches come to :meth:`finished`).
        """
        view = self.view
        self._stop()
        self.query = query
        self.wrapped = False
        if extraction is None or not view.is_laid_out:
            return True
        shown = view.display_texts()
        if sum(len(page.lines) for page in extraction.pages) <= INLINE_LINES:
            return self._show_found(self._finder.find(extraction, query, shown), keep)
        # The matches shown so far go: they are of an older query, or of the document as
        # it was (their index would be kept beside the new one).
        self.matches, self.cards, self.order = [], [], []
        view.set_matches([], None, scroll=False)
        self.searching = 0
        # A description of its own: Textual's default, the repr of the work, would spell out
        # the whole extraction (seconds of the UI thread for 10,000 pages).
        view.run_worker(partial(self._search, self._job, extraction, query, shown, keep),
                        name="find", description="find in the document", thread=True,
                        group="find", exclusive=True, exit_on_error=False)
        return None

    def _search(self, job: int, extraction: Extraction, query: str,
                shown: Callable[[int, int], str], keep: bool) -> None:
        """In the worker thread: find, telling how far, and always post that it ended."""
        worker = get_current_worker()
        view = self.view

        def cancelled() -> bool:
            return worker.is_cancelled or job != self._job

        def progress(done: int, total: int) -> None:
            view.post_message(FindProgress(job, done, total))

        found = None
        try:
            found = self._finder.find(extraction, query, shown, progress, cancelled)
        finally:  # even when it failed: the status line would say "searching" for ever
            view.post_message(FindDone(job, found, keep))

    def progress(self, message: FindProgress) -> bool:
        """The worker got further (False: the news is of an older find)."""
        if message.job != self._job or self.searching is None:
            return False
        self.searching = message.done * 100 // max(1, message.total)
        return True

    def finished(self, message: FindDone) -> str | None:
        """The worker ended: show its matches. Returns the query when nothing was found."""
        if message.job != self._job or self.searching is None:
            return None
        self.searching = None
        if message.found is None:  # failed (a stopped find is not the newest)
            return None
        return None if self._show_found(message.found, message.keep) else self.query

    def _show_found(self, found: Found | None, keep: bool) -> bool:
        """Show ``found`` (and the cards that match) with one current (False: none)."""
        view = self.view
        self.matches = found if found is not None else []
        query = self.query
        self.cards = self._card_matches(query) if query.strip() else []
        self.order = FindOrder(len(self.matches), self.cards,
                               lambda number: self._row((number, -1)),
                               lambda card: self._row((-1, card)))
        if not self.order:
            self.current = None
            view.set_matches([], None)
            return False
        if keep and self.current is not None:
            self.current = min(self.current, len(self.order) - 1)
            self._show(scroll=False)
        else:
            at = bisect_left(self.order, view.top_row(), key=self._row)
            self.current = at if at < len(self.order) else 0
            self._show()
        return True

    def submit(self, extraction: Extraction | None, typed: str) -> str | None:
        """The find typed at the prompt: empty repeats the last find, the same query again
        goes on to the next match. Returns the query when nothing was found (else None; a
        find in the worker tells it when it ends, see :meth:`finished`)."""
        query = typed or self.query
        if not query:
            return None
        if query == self.query and self.found:
            self.step(1)
            return None
        if query == self.query and self.searching is not None:
            return None  # under way already
        return query if self.run(extraction, query) is False else None

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
        """End the find (stopping one under way): no query, nothing highlighted."""
        self._stop()
        self.matches, self.cards, self.order, self.current, self.query = [], [], [], None, ""
        self.wrapped = False
        self.view.set_matches([], None)

    def _stop(self) -> None:
        """Stop the find under way in the worker, if any (it stops at its next step)."""
        self._job += 1
        self.searching = None
        self.view.workers.cancel_group(self.view, "find")

    def summary(self) -> FindSummary | None:
        """What the status line tells of this find (None: no find under way)."""
        if not self.query:
            return None
        if self.searching is not None:
            return FindSummary(self.query, 0, 0, False, searching=self.searching)
        found = len(self.order)
        at = (self.current or 0) + 1 if found else 0
        return FindSummary(self.query, at, found, self.wrapped, more=self.more)
