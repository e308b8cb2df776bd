"""Moving through a document in the reader: to a page, a nota, a comment, a find match.

:class:`ReaderNavigation` moves the page view and says why when it cannot (a page not read
yet, a document without comments); the reader screen's keys call it. Where the view then is
reaches the status line and the nota list through the reader's position, not from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.controllers.find import DocumentFind
from tui.core.model import Extraction
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import PageView


@dataclass
class ReaderNavigation:
    """Moves ``view`` (and the mark of ``notas``) through the document being read."""

    view: PageView
    notas: NotaList
    notify: Callable[..., object]
    """``Screen.notify``, for what cannot be done."""
    extraction: Extraction | None = None
    """The document as far as it is read."""
    complete: bool = False
    """True once the whole document is read."""

    def goto_page(self, page: int) -> bool:
        """Show page ``page`` at the top; False (with a message) when it is not there."""
        row = self.view.page_row(page)
        if row is None:
            still = not self.complete and self.extraction is not None
            total = self.extraction.document.pages if self.extraction else 0
            reason = "is still being read" if still and page <= total else "does not exist"
            self.notify(f"Page {page} {reason}.", severity="warning")
            return False
        self.view.jump_to(row)
        return True

    def goto_nota(self, index: int) -> None:
        """Show nota ``index`` (1-based) from its first page."""
        if self.extraction is None:
            return
        notas = self.extraction.notas
        nota = next((n for n in notas if n.index == index), None)
        if nota is not None and self.goto_page(nota.first_page):
            self.notas.highlighted = notas.index(nota)

    def next_nota(self, step: int) -> None:
        """Jump to the next (``step`` 1) or previous (-1) nota's first page."""
        view, extraction = self.view, self.extraction
        if extraction is None or not view.is_laid_out or not extraction.notas:
            return
        top = view.top_row()
        starts = [(view.page_row(n.first_page), n) for n in extraction.notas]
        rows = [(row, n) for row, n in starts if row is not None]
        target = (
            next(((r, n) for r, n in rows if r > top), None)
            if step > 0
            else next(((r, n) for r, n in reversed(rows) if r < top), None)
        )
        if target is not None:
            self.goto_nota(target[1].index)

    def goto_card(self, index: int | None) -> None:
        """Focus card ``index`` and scroll its passage into view."""
        if index is None:
            self.notify("No comments in this document.")
            return
        self.view.focus_card(index)

    def next(self, step: int, find: DocumentFind | None) -> None:
        """Next/previous find match while a find is active, else next/previous comment."""
        if find is not None and find.searching is not None:
            return  # the matches are on their way (the status line says so)
        if find is not None and find.found:
            find.step(step)
        else:
            self.goto_card(self.view.card_after(step > 0))

    def goto_place(self, annotation_id: str | None, page: int, line: int) -> None:
        """Show ``page``/``line`` with the card of comment ``annotation_id`` focused."""
        self.view.go_to(page, line)
        index = self.view.card_index(annotation_id) if annotation_id else None
        if index is not None:
            self.view.focus_card(index)

    def scroll_edge(self, end: int) -> None:
        """Go to the start (0) or the end (1) of the document."""
        self.view.jump_to(int(self.view.max_scroll_y) if end else 0)
