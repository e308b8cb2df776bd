"""The reader: nota list, page text with comments in the margin, find and go-to-page.

Layers: :class:`~tui.screens.reader_actions.AnnotatingScreen` (the user's own work),
:class:`~tui.screens.reader_navigation.NavigatingScreen` (moving, go to page, find), and
:class:`ReaderScreen` here (the widgets, reading the document, the status line).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import get_current_worker

from tui.core.model import Extraction
from tui.core.text import clean_line
from tui.screens.library_source import StoreLibrary
from tui.screens.opening import OpenedDocument
from tui.screens.reader_actions import SELECT_HINT
from tui.screens.reader_commands import ReaderCommands
from tui.screens.reader_loading import DocumentLoader
from tui.screens.reader_messages import (
    DocumentShown,
    ExtractProgress,
    OpenFailed,
    SourceMissing,
)
from tui.screens.reader_navigation import NavigatingScreen
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import PageView

NOTA_LIST_MIN_WIDTH = 120
"""Below this many terminal columns the nota list starts hidden."""


POSITION_SAVE_SECONDS = 20.0
"""How often the reading position is saved while reading (also on leaving and quitting)."""


class ReaderScreen(NavigatingScreen):
    """One document: its nota's, its text and the reviewer's comments beside it."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="scroll_down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="scroll_up"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_edge(0)", "Top", show=False, id="top"),
        Binding("G,end", "scroll_edge(1)", "Bottom", show=False, id="bottom"),
        Binding("n", "next(1)", "Next comment", id="next_comment"),
        Binding("N", "next(-1)", "Prev comment", id="previous_comment"),
        Binding("right_square_bracket", "nota(1)", "Next nota", id="next_nota"),
        Binding("left_square_bracket", "nota(-1)", "Prev nota", show=False, id="previous_nota"),
        Binding("colon", "prompt('page')", "Page", id="goto_page"),
        Binding("slash", "prompt('find')", "Find", id="find"),
        Binding("escape", "clear", "Clear", show=False, id="clear"),
        Binding("o", "toggle_notas", "Nota's", id="toggle_notas"),
        Binding("l", "library", "Library", id="library"),
        *NavigatingScreen.USER_BINDINGS,
    ]

    def __init__(
        self,
        path: str | None = None,
        password: str | None = None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
        store: StoreLibrary | None = None,
    ) -> None:
        """Show ``extraction`` at once, or read ``opened`` / ``path`` in the background.

        With ``store`` the document comes from the library's cache when it is there, and
        is recorded in the library (with the user's tags, notes and own annotations shown).
        """
        super().__init__()
        self.store = store
        self.path = path
        self.password = password
        self.extraction = extraction
        self._opened = opened
        self.complete = extraction is not None
        self.missing_path: str | None = None
        """Set when the file was not found and the document came from the library's cache."""

    def compose(self) -> ComposeResult:
        """Title, nota list beside the page view, prompt, progress, status and keys."""
        yield Static(id="reader-title")
        yield ProgressBar(id="reader-progress", show_eta=False)
        with Horizontal(id="reader-body"):
            yield NotaList(id="notas")
            yield PageView(id="page")
        yield Input(id="prompt")
        yield Static(id="reader-status")
        yield Footer()

    def on_mount(self) -> None:
        """Show what is there and start reading the rest."""
        self.query_one("#prompt").display = False
        self.query_one("#notas").display = self.app.size.width >= NOTA_LIST_MIN_WIDTH
        self.page_view.focus()
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        if self.extraction is not None:
            self.query_one("#reader-progress").display = False
            self._complete(self.extraction)
        else:
            self._title(Path(self.path or "").name)
            self._extract()

    def on_unmount(self) -> None:
        """Leaving the reader (or quitting): stop reading, remember where the user was."""
        self.stop_reading()
        self.save_position()

    def save_position(self) -> None:
        """Store the page and line at the top of the view in the library."""
        try:
            view = self.page_view
        except NoMatches:  # already taken down
            return
        if self.store is None or self.doc is None or view.layout_ is None:
            return
        self.store.save_position(self.doc, *view.reading_position())

    # --- reading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self) -> None:
        """Read the document in this worker thread; leaving the reader cancels it."""
        worker = get_current_worker()
        DocumentLoader(
            self.path or "", self.post_message, lambda: worker.is_cancelled,
            password=self.password, opened=self._opened, store=self.store,
            call_in_ui=self.app.call_from_thread,
        ).run()

    def stop_reading(self) -> None:
        """Cancel the reading worker (it stops at the next chunk of pages)."""
        self.workers.cancel_group(self, "extract")

    @on(SourceMissing)
    def _source_missing(self, message: SourceMissing) -> None:
        self.missing_path = message.path
        self.notify(f"The PDF is not at {clean_line(message.path)} any more: showing the "
                    "text and comments the library keeps.", title="File not found",
                    severity="warning", markup=False)
        self._status()

    @on(DocumentShown)
    def _document_shown(self, message: DocumentShown) -> None:
        self.complete = message.complete
        if message.complete:
            self.query_one("#reader-progress").display = False
            self._complete(message.extraction)
        else:
            self._show(message.extraction)

    def _complete(self, extraction: Extraction) -> None:
        """The whole document is here: show it with the user's work, at the saved position."""
        self.complete = True
        at_top = self.page_view.layout_ is None or self.page_view.scroll_y == 0
        self.attach_library(extraction, self.path)
        position = self.store.position(self.doc) if self.store and self.doc else None
        if position is not None and at_top:
            self.page_view.go_to(position.page, position.line)

    @on(ExtractProgress)
    def _progress(self, message: ExtractProgress) -> None:
        self.query_one("#reader-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    @on(OpenFailed)
    def _failed(self, message: OpenFailed) -> None:
        self.notify(clean_line(message.text), title="Cannot open", severity="error")
        self.query_one("#reader-progress").display = False
        if len(self.app.screen_stack) > 2:
            self.dismiss()

    def show_extraction(self, extraction: Extraction) -> None:
        """Show ``extraction`` (the user's own annotations already merged in)."""
        self._show(extraction)

    def on_selection_changed(self) -> None:
        """The selection started or ended: show or drop its key hint."""
        self._status()

    def _show(self, extraction: Extraction) -> None:
        self.extraction = extraction
        title = extraction.document.title or Path(extraction.document.path).name
        self._title(title)
        self.query_one(NotaList).show(extraction)
        self.page_view.set_extraction(extraction)
        if self.query_text:
            self._run_find(self.query_text, keep=True)
        self._status()

    def _title(self, title: str) -> None:
        self.query_one("#reader-title", Static).update(Text(clean_line(title)))

    # --- other ----------------------------------------------------------------------------

    def action_toggle_notas(self) -> None:
        """Show or hide the nota list."""
        notas = self.query_one("#notas")
        notas.display = not notas.display

    def action_library(self) -> None:
        """Back to the library (remembering the reading position)."""
        self.save_position()
        show = getattr(self.app, "show_library", None)
        if show is not None:
            show()

    def _status(self) -> None:
        view = self.page_view
        layout = view.layout_
        if layout is None or self.extraction is None:
            return
        pages = self.extraction.document.pages
        parts = [f"p. {layout.page_at(view.top_row())}/{pages}"]
        if view.focused_card is not None:
            parts.append(f"comment {view.focused_card + 1}/{len(layout.cards)}")
        else:
            parts.append(f"{len(layout.cards)} comments")
        if self.query_text:
            found = len(self.matches)
            at = (self.current_match or 0) + 1 if found else 0
            query = clean_line(self.query_text)
            parts.append(f"find “{query}” match {at}/{found} · n/N next · esc ends")
        if not self.complete:
            parts.append("reading…")
        if self.missing_path:
            parts.append(f"PDF not found at {clean_line(self.missing_path)} (cached copy)")
        if self.page_view.selection is not None:
            parts = [parts[0], SELECT_HINT]
        self.query_one("#reader-status", Static).update(Text("  ·  ".join(parts)))
