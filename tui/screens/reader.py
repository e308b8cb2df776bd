"""The reader: nota list, page text with comments in the margin, find and go-to-page."""

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
from textual.widgets import Footer, Input, OptionList, ProgressBar, Static

from tui.core.errors import KantlijnError
from tui.core.model import Extraction
from tui.core.text import clean_line
from tui.screens.find import find_matches
from tui.screens.library_source import StoreLibrary
from tui.screens.opening import OpenedDocument, first_page, open_document
from tui.screens.reader_actions import SELECT_HINT, AnnotatingScreen
from tui.screens.reader_commands import ReaderCommands
from tui.screens.reader_messages import DocumentShown, ExtractProgress, OpenFailed
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import Match, PageView

NOTA_LIST_MIN_WIDTH = 120
"""Below this many terminal columns the nota list starts hidden."""


POSITION_SAVE_SECONDS = 20.0
"""How often the reading position is saved while reading (also on leaving and quitting)."""


class ReaderScreen(AnnotatingScreen):
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
        *AnnotatingScreen.USER_BINDINGS,
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
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self.query_text = ""
        self._prompt_mode = "find"

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
        """Leaving the reader (or quitting): remember where the user was."""
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
        """Open, post page 1 at once, then extract everything with progress."""
        try:
            if self._from_cache():
                return
            opened = self._opened or open_document(self.path or "", self.password)
            self.post_message(DocumentShown(first_page(opened), complete=False))
            full = opened.extract(self._report_progress)
            if self.store is not None:
                self.store.write_cache(full)
            self.post_message(DocumentShown(full, complete=True))
        except KantlijnError as error:
            self.post_message(OpenFailed(str(error)))
        except Exception as error:  # a broken file must never show a traceback
            self.post_message(OpenFailed(f"could not read {self.path}: {error}"))

    def _from_cache(self) -> bool:
        """A known document: its page at the saved position at once, then all of it.

        Runs in the reading thread; False when the document must be read from the file.
        """
        if self.store is None or not self.path:
            return False
        sha = self.store.sha_of(self.path)
        if sha is None:
            return False
        position = self.app.call_from_thread(self.store.position, sha)
        first = self.store.cached_page(sha, position.page if position else 1)
        if first is not None:
            self.post_message(DocumentShown(first, complete=False))
        full = self.store.cached_by_hash(sha)
        if full is None:
            return False
        self.post_message(DocumentShown(full, complete=True))
        return True

    def _report_progress(self, done: int, total: int) -> None:
        """Called from the extraction thread (posting messages is thread-safe)."""
        self.post_message(ExtractProgress(done, total))

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

    # --- moving -------------------------------------------------------------------------

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
        self.matches = find_matches(self.extraction, query, view.display_text)
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
            parts.append(f"find “{clean_line(self.query_text)}” {at}/{found} · n/N next · esc ends")
        if not self.complete:
            parts.append("reading…")
        if self.page_view.selection is not None:
            parts = [parts[0], SELECT_HINT]
        self.query_one("#reader-status", Static).update(Text("  ·  ".join(parts)))
