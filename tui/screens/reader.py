"""The reader: nota list, page text with comments in the margin, find and go-to-page.

The screen composes its parts and moves between them: a :class:`NotaList`, a
:class:`PageView`, a :class:`FindBar` for ``/`` and ``:``, the status line; an
:class:`AnnotationController` for the user's own work; a :class:`DocumentLoader` in a worker
thread that posts the document as it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from tui.actions import SELECT_ACTIONS, KeyNames, Scope, bindings
from tui.controllers.annotations import AnnotationController, ReaderCallbacks
from tui.controllers.find import DocumentFind
from tui.core.document import OpenedDocument
from tui.core.library.library import Library
from tui.core.model import Extraction
from tui.core.text import clean_line
from tui.dialogs.password import TRIES, PasswordDialog
from tui.messages import (
    DocumentShown,
    ExtractProgress,
    OpenFailed,
    PasswordNeeded,
    PostedLoading,
    ShowLibrary,
    SourceMissing,
    UserDataChanged,
)
from tui.palette import PaletteCommand, ScreenCommands, table_commands
from tui.screens.dossier import DossierScreen, Place
from tui.services.library import CachedDocument, open_cached, save_position
from tui.services.loader import DocumentLoader
from tui.widgets.find_bar import FindBar, Mode
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import PageView
from tui.widgets.reader_status import ReaderState, ReaderStatus

NOTA_LIST_MIN_WIDTH = 120
"""Below this many terminal columns the nota list starts hidden."""

POSITION_SAVE_SECONDS = 20.0
"""How often the reading position is saved while reading (also on leaving and quitting)."""



class ReaderScreen(Screen[None]):
    """One document: its nota's, its text and the reviewer's comments beside it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ScreenCommands}
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("reader", "selection")

    def __init__(
        self,
        library: Library,
        path: str | None = None,
        password: str | None = None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
        author: str = "me",
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``extraction`` at once, or read ``opened`` / ``path`` in the background.

        The document comes from ``library``'s cache when it is there, and is recorded in
        the library (with the user's tags, notes and own annotations shown). ``author``
        signs the user's own highlights and comments; ``keymap`` (binding id -> keys) is the
        user's, so hints and messages name the keys they press.
        """
        super().__init__()
        self.keymap: Mapping[str, str] = keymap or {}
        self.library = library
        self.path = path
        self.password = password
        self.author = author
        self.extraction: Extraction | None = extraction
        self._opened = opened
        self.complete = extraction is not None
        """True once the whole document is read (not just its first page)."""
        self.missing_path: str | None = None
        """Set when the file was not found and the document came from the library's cache."""
        self.annotations: AnnotationController | None = None
        self.find: DocumentFind | None = None
        self._password_tries = 0
        self._wide = True
        """Whether the terminal was wide enough for the nota list at the last resize."""
        self._target: tuple[str | None, int, int] | None = None

    def compose(self) -> ComposeResult:
        """Title, nota list beside the page view, prompt, progress, status and keys."""
        yield Static(id="reader-title")
        yield ProgressBar(id="reader-progress", show_eta=False)
        with Horizontal(id="reader-body"):
            yield NotaList(id="notas")
            yield PageView(id="page")
        yield FindBar(id="prompt")
        yield ReaderStatus(id="reader-status")
        yield Footer()

    @property
    def page_view(self) -> PageView:
        """The page text widget."""
        return self.query_one("#page", PageView)

    @property
    def find_bar(self) -> FindBar:
        """The prompt line."""
        return self.query_one(FindBar)

    def key(self, action_id: str) -> str:
        """The user's key for ``action_id``, as hints and messages name it."""
        return KeyNames(self.keymap, self.app.get_key_display)(action_id)

    @property
    def doc(self) -> str | None:
        """The hash of the document, once it is in the library."""
        return self.annotations.doc if self.annotations else None

    def on_mount(self) -> None:
        """Show what is there and start reading the rest."""
        talk = ReaderCallbacks(self.notify, self.app.push_screen, self._show, self.key)
        self.annotations = AnnotationController(self.page_view, self.library, self.author,
                                                talk)
        self.find = DocumentFind(self.page_view)
        self._wide = self.app.size.width >= NOTA_LIST_MIN_WIDTH
        self.query_one("#notas").display = self._wide
        self.page_view.focus()
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        if self.extraction is not None:
            self.query_one("#reader-progress").display = False
            self._complete(self.extraction)
        else:
            self._title(Path(self.path or "").name)
            self._extract()

    def on_resize(self, event: events.Resize) -> None:
        """A terminal made narrower than the nota list allows hides it (and wider shows it
        again), so the list never squeezes the text into broken lines; ``o`` still toggles."""
        wide = event.size.width >= NOTA_LIST_MIN_WIDTH
        if wide != self._wide:
            self._wide = wide
            self.query_one("#notas").display = wide

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
        if self.doc is None or not view.is_laid_out:
            return
        save_position(self.library, self.doc, *view.reading_position())

    @on(UserDataChanged)
    def reload_user(self) -> None:
        """Re-read the user's tags and notes (they changed elsewhere, e.g. the tag manager)."""
        if self.annotations is not None:
            self.annotations.reload()

    # --- reading ------------------------------------------------------------------------

    def _extract(self) -> None:
        """Read the document in the background, from the library's cache when it is there."""
        self._read(open_cached(self.library, self.path) if self.path else None)

    @work(thread=True, exclusive=True, group="extract")
    def _read(self, cached: CachedDocument | None) -> None:
        """Read the document in this worker thread; leaving the reader cancels it."""
        worker = get_current_worker()
        DocumentLoader(
            self.path or "", PostedLoading(self.post_message), lambda: worker.is_cancelled,
            password=self.password, opened=self._opened, cached=cached,
            cache=self.library.cache,
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
        assert self.annotations is not None
        self.complete = True
        view = self.page_view
        at_top = not view.is_laid_out or view.scroll_y == 0
        self.annotations.attach(extraction, self.path)
        position = self.library.position(self.doc) if self.doc else None
        if self._target is not None:
            self._go_to_target(*self._target)
        elif position is not None and at_top:
            view.go_to(position.page, position.line)

    def action_dossier(self) -> None:
        """The document's dossier (``D``); enter on a row comes back here, at that place."""
        if self.extraction is None or not self.complete:
            self.notify("Still reading the document…", severity="warning")
            return
        def back(place: Place | None) -> None:
            if place is not None:
                self._go_to_target(place.annotation, place.page, 0)

        self.app.push_screen(DossierScreen(self.extraction, self.library), back)

    def open_at(self, annotation_id: str | None, page: int, line: int) -> None:
        """Once the document is read, show ``page``/``line`` with that comment focused."""
        self._target = (annotation_id, page, line)

    def _go_to_target(self, annotation_id: str | None, page: int, line: int) -> None:
        view = self.page_view
        view.go_to(page, line)
        index = view.card_index(annotation_id) if annotation_id else None
        if index is not None:
            view.focus_card(index)
        self._status()

    @on(ExtractProgress)
    def _progress(self, message: ExtractProgress) -> None:
        self.query_one("#reader-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    @on(OpenFailed)
    def _failed(self, message: OpenFailed) -> None:
        self._give_up(message.text)

    def _give_up(self, reason: str) -> None:
        """The document cannot be shown: say why and go back to the library."""
        self.notify(clean_line(reason), title="Cannot open", severity="error", markup=False)
        self.query_one("#reader-progress").display = False
        if len(self.app.screen_stack) > 2:
            self.dismiss()

    @on(PasswordNeeded)
    def _password_needed(self, message: PasswordNeeded) -> None:
        """Ask for the password (three tries), then read the document again with it."""
        name = Path(message.path).name
        progress = self.query_one("#reader-progress")
        progress.display = False  # nothing is being read while the dialog waits
        if message.wrong and self._password_tries >= TRIES:
            self._give_up(f"Wrong password {TRIES} times: {name} was not opened.")
            return
        self._password_tries += 1

        def done(password: str | None) -> None:
            if password is None:
                self._give_up(f"{name} is encrypted and was not opened.")
                return
            self.password = password
            progress.display = True
            self._extract()

        self.app.push_screen(PasswordDialog(name, self._password_tries, message.wrong), done)

    def _show(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self._title(extraction.document.title or Path(extraction.document.path).name)
        self.query_one(NotaList).show(extraction)
        self.page_view.set_extraction(extraction)
        if self.find is not None and self.find.query:
            self.find.run(extraction, self.find.query, keep=True)
        self._status()

    def _title(self, title: str) -> None:
        self.query_one("#reader-title", Static).update(Text(clean_line(title)))

    # --- moving ---------------------------------------------------------------------------

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
        view.jump_to(int(view.max_scroll_y) if end else 0)

    def action_next(self, step: int) -> None:
        """Next/previous find match while a find is active, else next/previous comment."""
        if self.find is not None and self.find.found:
            self.find.step(step)
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
        if self.extraction is None or not view.is_laid_out or not self.extraction.notas:
            return
        top = view.top_row()
        starts = [(view.page_row(n.first_page), n) for n in self.extraction.notas]
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
        row = self.page_view.page_row(page)
        if row is None:
            still = not self.complete and self.extraction is not None
            total = self.extraction.document.pages if self.extraction else 0
            reason = "is still being read" if still and page <= total else "does not exist"
            self.notify(f"Page {page} {reason}.", severity="warning")
            return False
        self.page_view.jump_to(row)
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
        self._mark_nota()
        self._status()

    def current_nota(self) -> int | None:
        """The position in the nota list of the nota being read (under the top of the view,
        or the last one shown at the very end), or None before the text is laid out."""
        view = self.page_view
        if self.extraction is None or not self.extraction.notas or not view.is_laid_out:
            return None
        page = view.where_reading()
        notas = self.extraction.notas
        inside = [i for i, n in enumerate(notas) if n.first_page <= page <= n.last_page]
        if inside:
            return inside[-1]
        before = [i for i, n in enumerate(notas) if n.first_page <= page]
        return before[-1] if before else 0

    def _mark_nota(self) -> None:
        """Keep the nota list's mark on the nota being read (Tab into the list starts there)."""
        index = self.current_nota()
        notas = self.query_one(NotaList)
        if index is not None and notas.highlighted != index:
            notas.highlighted = index

    def action_toggle_notas(self) -> None:
        """Show or hide the nota list."""
        notas = self.query_one("#notas")
        notas.display = not notas.display

    def action_library(self) -> None:
        """Back to the library (remembering the reading position)."""
        self.save_position()
        self.post_message(ShowLibrary())

    # --- prompt: go to page, find -----------------------------------------------------------

    def action_prompt(self, mode: Mode) -> None:
        """Open the prompt line for ``"page"`` or ``"find"``."""
        self.find_bar.ask(mode, self.find.query if self.find else "")

    @on(FindBar.GoToPage)
    def _page_asked(self, message: FindBar.GoToPage) -> None:
        self.page_view.focus()
        if message.page is not None:
            self.goto_page(message.page)

    @on(FindBar.Find)
    def _find_asked(self, message: FindBar.Find) -> None:
        self.page_view.focus()
        find = self.find
        if find is None:
            return
        query = message.query or find.query  # enter on an empty prompt: the last find again
        if not query:
            self._status()
            return
        if query == find.query and find.found:
            self.action_next(1)  # the same find again: on to the next match
            return
        if not find.run(self.extraction, query):
            self.notify(f"Not found: {clean_line(query)}", severity="warning", markup=False)
        self._status()

    def action_clear(self) -> None:
        """Close the prompt, else end the find, else drop the card focus."""
        if self.find_bar.is_open:
            self.find_bar.close()
            self.page_view.focus()
        elif self.find is not None and self.find.active:
            self.find.clear()
        else:
            self.page_view.focus_card(None)
        self._status()

    # --- the user's own work ----------------------------------------------------------------

    @property
    def selecting(self) -> bool:
        """True while a keyboard selection is under way."""
        try:
            return self.page_view.selection is not None
        except NoMatches:
            return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While selecting only the selection keys work; they do nothing otherwise."""
        if action in SELECT_ACTIONS:
            return self.selecting
        return not self.selecting

    def _annotating(self, run: Callable[[AnnotationController], object]) -> None:
        if self.annotations is not None:
            run(self.annotations)
            self._status()

    def action_tag(self) -> None:
        """Add tags to the focused comment."""
        self._annotating(AnnotationController.tag)

    def action_untag(self) -> None:
        """Remove one of the focused comment's tags."""
        self._annotating(AnnotationController.untag)

    def action_edit_note(self) -> None:
        """Write or edit the user's note on the focused comment."""
        self._annotating(AnnotationController.edit_note)

    def action_delete_own(self) -> None:
        """Delete the focused comment when it is the user's own."""
        self._annotating(AnnotationController.delete_own)

    def action_reveal(self) -> None:
        """Show or hide the words still in the file under the focused redaction."""
        shown = self.page_view.toggle_reveal()
        key = self.key("reveal")
        if shown is None:
            self.notify(f"{key} shows the words under a redaction that the file still holds; "
                        "the focused comment is not one.")
        elif shown:
            self.notify(f"Redacted words shown; {key} hides them again.")

    def action_undo(self) -> None:
        """Undo the last change to tags, notes or own annotations."""
        self._annotating(AnnotationController.undo)

    def action_redo(self) -> None:
        """Do again what the last undo took back."""
        self._annotating(AnnotationController.redo)

    def action_select_start(self) -> None:
        """Start selecting text at the first line on screen."""
        if self.annotations is not None and self.annotations.start_selection():
            self._selection_changed()

    def action_select_move(self, how: str) -> None:
        """Move the caret; the selection runs from where it started to the caret."""
        if self.annotations is not None:
            self.annotations.selection.move(how)

    def action_select_restart(self) -> None:
        """Start the selection again at the caret."""
        if self.annotations is not None:
            self.annotations.selection.restart()

    def action_select_cancel(self) -> None:
        """Drop the selection."""
        if self.annotations is not None:
            self.annotations.selection.cancel()
        self._selection_changed()

    def action_select_highlight(self) -> None:
        """Make the selection the user's own highlight."""
        if self.annotations is not None:
            self.annotations.highlight_selection()
        self._selection_changed()

    def action_select_comment(self) -> None:
        """Ask for a comment and attach it to the selection."""
        if self.annotations is not None:
            self.annotations.comment_on_selection(self._selection_changed)

    def _selection_changed(self) -> None:
        self.refresh_bindings()
        self._status()

    # --- palette and status ---------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        """The reader's commands, and a jump to each nota."""
        commands = table_commands(self, "reader")
        for nota in self.extraction.notas if self.extraction else []:
            title = clean_line(nota.title).strip()
            commands.append(PaletteCommand(
                f"Nota {nota.index}: {title}", f"Go to page {nota.first_page}",
                partial(self.goto_nota, nota.index),
            ))
        return commands

    def _status(self) -> None:
        view = self.page_view
        if not view.is_laid_out or self.extraction is None:
            return
        self.query_one(ReaderStatus).show(ReaderState(
            view, self.extraction, self.find, self.current_nota(), self.complete,
            self.missing_path, self.key,
        ))
