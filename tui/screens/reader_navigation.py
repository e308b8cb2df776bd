"""Moving through the reader's document: scrolling, comments, nota's, go to page, find.

:class:`NavigatingScreen` is the layer of the reader between the user's own work
(:class:`~tui.screens.reader_actions.AnnotatingScreen`) and the reading of the document
(:class:`~tui.screens.reader.ReaderScreen`): it answers the moving keys and the prompt line
(``:`` page number, ``/`` find). The reader composes the widgets it queries.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input, OptionList

from tui.core.model import Extraction
from tui.core.text import clean_line
from tui.screens.find import DocumentFinder
from tui.screens.reader_actions import AnnotatingScreen
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import Match, PageView


class NavigatingScreen(AnnotatingScreen):
    """Scrolling, comment and nota jumps, go to page and find over one document."""

    def __init__(self) -> None:
        """Nothing shown or found yet."""
        super().__init__()
        self.extraction: Extraction | None = None
        self.complete = False
        """True once the whole document is read (not just its first page)."""
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self.query_text = ""
        self._prompt_mode = "find"
        self._finder = DocumentFinder()

    def _status(self) -> None:
        """Hook: redraw the status line (the reader has one)."""

    def action_scroll_lines(self, count: int) -> None:
        """Scroll the text by ``count`` rows."""
        view = self.page_view
        view.scroll_to(y=view.scroll_y + count, animate=False, immediate=True)

    def action_scroll_pages(self, count: int) -> None:
        """Scroll the text by ``count`` screens."""
        view = self.page_view
        step = max(1, view.scrollable_content_region.height - 2)
        view.scroll_to(y=view.scroll_y + count * step, animate=False, immediate=True)

    def action_scroll_edge(self, end: int) -> None:
        """Go to the start (0) or the end (1) of the document."""
        view = self.page_view
        view.scroll_to(y=view.max_scroll_y if end else 0, animate=False, immediate=True)

    def action_next(self, step: int) -> None:
        """Next/previous find match while a find is active, else next/previous comment."""
        if self.matches:
            assert self.current_match is not None
            self.current_match = (self.current_match + step) % len(self.matches)
            self.page_view.set_matches(self.matches, self.current_match)
        else:
            self.goto_card(self.page_view.card_after(step > 0))
        self._status()

    def goto_card(self, index: int | None) -> None:
        """Focus card ``index`` and scroll its passage into view."""
        if index is None:
            self.notify("No comments in this document.")
            return
        self.page_view.focus_card(index)
        self._status()

    def action_nota(self, step: int) -> None:
        """Jump to the next/previous nota's first page."""
        view = self.page_view
        if self.extraction is None or view.layout_ is None or not self.extraction.notas:
            return
        top = view.top_row()
        starts = [(view.layout_.page_rows.get(n.first_page), n) for n in self.extraction.notas]
        rows = [(row, n) for row, n in starts if row is not None]
        target = (
            next(((r, n) for r, n in rows if r > top), None)
            if step > 0
            else next(((r, n) for r, n in reversed(rows) if r < top), None)
        )
        if target is not None:
            self.goto_nota(target[1].index)

    def goto_nota(self, index: int) -> None:
        """Show nota ``index`` (1-based) from its first page."""
        if self.extraction is None:
            return
        nota = next((n for n in self.extraction.notas if n.index == index), None)
        if nota is not None and self.goto_page(nota.first_page):
            self.query_one(NotaList).highlighted = self.extraction.notas.index(nota)

    def goto_page(self, page: int) -> bool:
        """Show page ``page`` at the top; False (with a message) when it is not there."""
        layout = self.page_view.layout_
        if layout is None or page not in layout.page_rows:
            still = not self.complete and self.extraction is not None
            total = self.extraction.document.pages if self.extraction else 0
            reason = "is still being read" if still and page <= total else "does not exist"
            self.notify(f"Page {page} {reason}.", severity="warning")
            return False
        self.page_view.scroll_to(y=layout.page_rows[page], animate=False, immediate=True)
        return True

    @on(OptionList.OptionSelected, "#notas")
    def _nota_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("nota-"):
            self.goto_nota(int(event.option.id.removeprefix("nota-")))
            self.page_view.focus()

    @on(PageView.CardClicked)
    def _card_clicked(self, event: PageView.CardClicked) -> None:
        self.goto_card(event.card)

    @on(PageView.Moved)
    def _moved(self) -> None:
        self._status()

    # --- prompt: go to page, find -----------------------------------------------------------

    def action_prompt(self, mode: str) -> None:
        """Open the prompt line for ``"page"`` or ``"find"``."""
        prompt = self.query_one("#prompt", Input)
        self._prompt_mode = mode
        prompt.placeholder = "page number" if mode == "page" else "find in document"
        prompt.type = "integer" if mode == "page" else "text"
        prompt.value = "" if mode == "page" else self.query_text
        prompt.display = True
        # Focus now, not after a refresh: keys typed right after ':' must reach the prompt.
        self.set_focus(prompt)
        prompt.select_all()  # the last find is offered; typing replaces it

    @on(Input.Submitted, "#prompt")
    def _prompt_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if self._prompt_mode == "page":
            self._close_prompt()
            if value.isdigit():
                self.goto_page(int(value))
            return
        if value and value == self.query_text and self.matches:
            self.action_next(1)  # enter again: cycle through the matches
        else:
            self._run_find(value)

    def _run_find(self, query: str, keep: bool = False) -> None:
        view = self.page_view
        self.query_text = query
        if self.extraction is None or view.layout_ is None:
            return
        self.matches = self._finder.find(self.extraction, query, view.display_text)
        if not self.matches:
            self.current_match = None
            view.set_matches([], None)
            if query and not keep:
                self.notify(f"Not found: {clean_line(query)}", severity="warning")
        elif keep and self.current_match is not None:
            self.current_match = min(self.current_match, len(self.matches) - 1)
            view.set_matches(self.matches, None)
            view.current_match = self.current_match
        else:
            top = view.top_row()
            rows = (view.row_of_match(m) for m in self.matches)
            self.current_match = next((i for i, r in enumerate(rows) if r >= top), 0)
            view.set_matches(self.matches, self.current_match)
        self._status()

    def _close_prompt(self) -> None:
        self.query_one("#prompt").display = False
        self.page_view.focus()

    def action_clear(self) -> None:
        """Close the prompt, else end the find, else drop the card focus."""
        if self.query_one("#prompt").display:
            self._close_prompt()
        elif self.matches or self.query_text:
            self.matches, self.current_match, self.query_text = [], None, ""
            self.page_view.set_matches([], None)
        else:
            self.page_view.focus_card(None)
        self._status()

