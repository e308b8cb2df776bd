"""The reader: nota list, page text with comments in the margin, find and go-to-page.

The screen composes its parts and moves between them: a :class:`NotaList`, a
:class:`PageView`, a :class:`FindBar` for ``/`` and ``:``, the status line; an
:class:`AnnotationController` for the user's own work (its keys: :mod:`tui.screens.reader_own`),
a :class:`ReaderNavigation` for the moving keys, a :class:`DocumentFind`; a
:class:`DocumentLoader` in a worker thread that posts the document as it is read. Where the
reader is (:attr:`ReaderScreen.position`), the find, and how far the document is read are
reactive values the status line and the nota list are bound to, so they follow whatever
changed them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import OptionList, Static

from tui.actions import Scope, bindings
from tui.controllers.annotations import AnnotationController, ReaderCallbacks
from tui.controllers.find import DocumentFind
from tui.controllers.navigation import ReaderNavigation
from tui.core.document import OpenedDocument
from tui.core.library.surface import LibrarySurface
from tui.core.model import Extraction
from tui.core.ocr.need import OcrMode
from tui.core.release.store import PageLabels, ReleaseStore, page_labels
from tui.core.text import clean_line
from tui.messages import (
    DocumentShown,
    FindDone,
    FindProgress,
    LibraryChanged,
    OcrProgress,
    ShowLibrary,
    SourceMissing,
    UserDataChanged,
)
from tui.palette import PaletteCommand, ScreenCommands, table_commands
from tui.reading.ocr_status import OcrReading, ocr_pages
from tui.reading.position import FindSummary, ReadingPosition, reading_position
from tui.screens.reader_loading import DocumentReading
from tui.screens.reader_own import OwnWorkKeys
from tui.services.library import save_position
from tui.services.live import connection_errors, trouble
from tui.services.loader import HeadStart
from tui.services.session import ReadingSession
from tui.widgets.find_bar import FindBar, Mode
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.nota_list import NotaList
from tui.widgets.page_view import PageView
from tui.widgets.reader_status import ReaderStatus

if TYPE_CHECKING:
    from tui.screens.dossier import Place

BACKGROUND_AFTER_PAINT = 0.25
"""Seconds after page 1 is painted when the app's background work (search index) starts."""

POSITION_SAVE_SECONDS = 20.0
"""How often the reading position is saved while reading (also on leaving and quitting)."""


class ReaderScreen(OwnWorkKeys):
    """One document: its nota's, its text and the reviewer's comments beside it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ScreenCommands}
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("reader", "selection")

    position: var[ReadingPosition | None] = var(None)
    """Where the reader is (None until the document is laid out)."""
    finding: var[FindSummary | None] = var(None)
    """The find under way, as the status line tells it."""
    complete: var[bool] = var(False)
    """True once the whole document is read (not just its first page)."""
    missing_path: var[str | None] = var(None)
    """Set when the file was not found and the document came from the library's cache."""
    release_pages: var[PageLabels] = var(())
    """The pages of the documents of a Woo release in this file (none: no release's)."""
    ocr_pages: var[frozenset[int]] = var(frozenset())
    """The pages shown whose text OCR read."""
    ocr_reading: var[OcrReading | None] = var(None)
    """How far OCR is, while it reads pages (None before and after)."""
    unsure_shown: var[bool] = var(False)
    """True while the words OCR was unsure of are underlined."""

    def __init__(
        self,
        library: LibrarySurface,
        path: str | None = None,
        password: str | None = None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
        author: str = "me",
        keymap: Mapping[str, str] | None = None,
        session: ReadingSession | None = None,
        ocr: OcrMode = "auto",
        head_start: HeadStart | None = None,
    ) -> None:
        """Show ``extraction`` at once, or read ``opened`` / ``path`` in the background
        (``head_start``: what the command line read of it already).

        The document comes from ``library``'s cache when it is there, and is recorded in
        the library (with the user's tags, notes and own annotations shown). ``author``
        signs the user's own highlights and comments; ``keymap`` (binding id -> keys) is the
        user's, so hints and messages name the keys they press; ``session`` remembers the
        redactions the user reveals, for the app's exports; ``ocr`` says which pages OCR
        reads.
        """
        super().__init__()
        self.keymap: Mapping[str, str] = keymap or {}
        self.library = library
        self.session = session or ReadingSession()
        self.path = path
        self.password = password
        self.author = author
        self.ocr: OcrMode = ocr
        self.extraction: Extraction | None = extraction
        self._opened = opened
        self._head_start = head_start
        self.complete = extraction is not None
        self.whole_waiting = False
        """True while the whole document has come and waits for page 1 to be painted
        before it is laid out (then :attr:`complete`)."""
        self.annotations: AnnotationController | None = None
        self.page_view = PageView(id="page")
        """The page text with the comments beside it."""
        self.find = DocumentFind(self.page_view)
        """The ``/`` find in the document."""
        self.navigation = ReaderNavigation(self.page_view, NotaList(id="notas"), self.notify)
        """The moving keys."""
        self._target: tuple[str | None, int, int] | None = None
        self._release_doc: str | None = None

    def compose(self) -> ComposeResult:
        """Title, nota list beside the page view, prompt, progress, status and keys."""
        yield Static(id="reader-title")
        yield DocumentReading(self.path or "", self.password, self._opened, self.library,
                              ocr=self.ocr, head_start=self._head_start,
                              id="reader-progress")
        with Horizontal(id="reader-body"):
            yield self.navigation.notas.data_bind(ReaderScreen.position)
            yield self.page_view
        yield FindBar(id="prompt")
        yield ReaderStatus(self.key, id="reader-status").data_bind(
            ReaderScreen.position, ReaderScreen.finding, ReaderScreen.complete,
            ReaderScreen.missing_path, ReaderScreen.release_pages, ReaderScreen.ocr_pages,
            ReaderScreen.ocr_reading, ReaderScreen.unsure_shown,
        )
        yield KeysFooter()

    @property
    def doc(self) -> str | None:
        """The hash of the document, once it is in the library."""
        return self.annotations.doc if self.annotations else None

    def on_mount(self) -> None:
        """Show what is there and start reading the rest."""
        view = self.page_view
        talk = ReaderCallbacks(self.notify, self.app.push_screen, self._show, self.key)
        self.annotations = AnnotationController(view, self.library, self.author, talk)
        self.navigation.notas.fit(self.app.size.width, first=True)
        view.focus()
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        if self.extraction is not None:
            self.query_one("#reader-progress").display = False
            self._complete(self.extraction)
        else:
            self._title(Path(self.path or "").name)
            self.query_one(DocumentReading).start()

    def on_resize(self, event: events.Resize) -> None:
        """The nota list hides in a narrow terminal (:meth:`NotaList.fit`)."""
        self.navigation.notas.fit(event.size.width)

    def on_unmount(self) -> None:
        """Leaving the reader (or quitting): stop reading, remember where the user was."""
        for reading in self.query(DocumentReading):
            reading.stop()
        self.save_position()

    def save_position(self) -> None:
        """Store the page and line at the top of the view in the library."""
        view = self.page_view
        if self.doc is not None and view.is_laid_out:
            save_position(self.library, self.doc, *view.reading_position())

    @on(UserDataChanged)
    def reload_user(self) -> None:
        """Re-read the user's tags and notes (they changed elsewhere, e.g. the tag manager)."""
        if self.annotations is not None:
            try:
                self.annotations.reload()
            except connection_errors() as error:  # shown as it was; the app says offline
                self.log.warning(trouble(error))

    @on(LibraryChanged)
    def _library_changed(self, message: LibraryChanged) -> None:
        """A teammate changed this document's tags, notes or marks: show them, in place."""
        if message.docs is None or self.doc in message.docs:
            self.reload_user()

    # --- what the app asks of a screen (tui.screens.offers) ------------------------------

    def export_query(self) -> str:
        """The document in the library, narrowed to the nota being read."""
        if not self.doc or self.extraction is None:
            return ""
        index = self.position.nota if self.position else None
        nota = self.extraction.notas[index] if index is not None else None
        return f"doc:{self.doc[:12]}" + (f" nota:{nota.index}" if nota else "")

    def palette_commands(self) -> list[PaletteCommand]:
        """The reader's commands, and a jump to each nota."""
        commands = table_commands(self, "reader")
        for nota in self.extraction.notas if self.extraction else []:
            title = clean_line(nota.title).strip()
            commands.append(PaletteCommand(
                f"Nota {nota.index}: {title}", f"Go to page {nota.first_page}",
                partial(self.navigation.goto_nota, nota.index),
            ))
        return commands

    # --- reading (the worker and its dialogs: tui.screens.reader_loading) ----------------

    @on(SourceMissing)
    def _source_missing(self, message: SourceMissing) -> None:
        self.missing_path = message.path

    @on(DocumentShown)
    def _document_shown(self, message: DocumentShown) -> None:
        if message.complete and self.extraction is not None and not self.complete:
            # The first page is shown: let it paint before the whole document is laid out
            # and recorded (a second or more for a long one, from the cache at once).
            self.whole_waiting = True
            self.call_after_refresh(self._whole_shown, message.extraction)
            return
        self.complete = message.complete
        if message.complete:
            self._complete(message.extraction)
        else:
            self._show(message.extraction)
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """Page 1 (or the whole document) is on screen: what waited for it may start, a
        moment later (the terminal is still drawing the first frame); the keys come now."""
        self.query_one(DocumentReading).page_painted()
        self.query_one(KeysFooter).show_keys()
        start = getattr(self.app, "start_background", None)
        if callable(start):
            self.set_timer(BACKGROUND_AFTER_PAINT, start)

    @on(OcrProgress)
    def _ocr_progress(self, message: OcrProgress) -> None:
        self.ocr_reading = OcrReading(message.done, message.total, message.seconds_left)

    def action_toggle_unsure(self) -> None:
        """Underline the words OCR was unsure of (``U``), or stop."""
        self.unsure_shown = self.page_view.toggle_unsure()
        if not self.ocr_pages:
            self.notify("No page of this document was read by OCR: there are no unsure "
                        "words to show.")

    def _whole_shown(self, extraction: Extraction) -> None:
        self.whole_waiting = False
        if self.is_attached and not self.complete:  # not when the reader closed meanwhile
            self.complete = True
            self._complete(extraction)

    def _complete(self, extraction: Extraction) -> None:
        """The whole document is here: show it with the user's work, at the saved position."""
        assert self.annotations is not None
        self.complete = self.navigation.complete = True
        self.ocr_reading = None
        view = self.page_view
        at_top = not view.is_laid_out or view.scroll_y == 0
        self.annotations.attach(extraction, self.path)
        position = self.library.position(self.doc) if self.doc else None
        if self._target is not None:
            self.navigation.goto_place(*self._target)
        elif position is not None and at_top:
            view.go_to(position.page, position.line)

    def action_dossier(self) -> None:
        """The document's dossier (``D``); enter on a row comes back here, at that place."""
        if self.extraction is None or not self.complete:
            self.notify("Still reading the document…", severity="warning")
            return
        from tui.screens.dossier import DossierScreen  # not needed before it is asked for

        def back(place: Place | None) -> None:
            if place is not None:
                self.navigation.goto_place(place.annotation, place.page, 0)

        reveal = self.session.reveal
        self.app.push_screen(DossierScreen(self.extraction, self.library, reveal), back)

    def open_at(self, annotation_id: str | None, page: int, line: int) -> None:
        """Once the document is read, show ``page``/``line`` with that comment focused."""
        self._target = (annotation_id, page, line)

    def _show(self, extraction: Extraction) -> None:
        sha = extraction.document.sha256
        if sha != self._release_doc:  # another file shown: is it part of a release?
            self._release_doc = sha
            self.release_pages = page_labels(ReleaseStore(self.library.path).all(), sha)
        self.extraction = self.navigation.extraction = extraction
        self.ocr_pages = ocr_pages(extraction)
        self._title(extraction.document.title or Path(extraction.document.path).name)
        self.query_one(NotaList).show(extraction)
        self.page_view.set_extraction(extraction)
        if self.find.query:
            self.find.run(extraction, self.find.query, keep=True)
            self.finding = self.find.summary()

    def _title(self, title: str) -> None:
        self.query_one("#reader-title", Static).update(Text(clean_line(title)))

    # --- where the reader is ---------------------------------------------------------------

    @on(PageView.Changed)
    def _view_changed(self) -> None:
        """The view moved or shows something else: the position (and the find) follow."""
        view = self.page_view
        layout = view.page_layout
        if layout is None or self.extraction is None:
            return
        self.position = reading_position(self.extraction, layout, view.where_reading(),
                                         view.focused_card, view.selection is not None)
        self.finding = self.find.summary()

    def watch_position(self, old: ReadingPosition | None, new: ReadingPosition | None) -> None:
        """Starting or ending a selection changes which keys work (and the footer)."""
        if (old is not None and old.selecting) != (new is not None and new.selecting):
            self.refresh_bindings()

    # --- moving ---------------------------------------------------------------------------

    def action_scroll_lines(self, count: int) -> None:
        """Scroll the text by ``count`` rows."""
        self.page_view.scroll_rows(count)

    def action_scroll_pages(self, count: int) -> None:
        """Scroll the text by ``count`` screens."""
        self.page_view.scroll_screens(count)

    def action_scroll_edge(self, end: int) -> None:
        """Go to the start (0) or the end (1) of the document."""
        self.navigation.scroll_edge(end)

    def action_next(self, step: int) -> None:
        """Next/previous find match while a find is active, else next/previous comment."""
        self.navigation.next(step, self.find)

    def action_nota(self, step: int) -> None:
        """Jump to the next/previous nota's first page."""
        self.navigation.next_nota(step)

    @on(OptionList.OptionSelected, "#notas")
    def _nota_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("nota-"):
            self.navigation.goto_nota(int(event.option.id.removeprefix("nota-")))
            self.page_view.focus()

    @on(PageView.CardClicked)
    def _card_clicked(self, event: PageView.CardClicked) -> None:
        self.navigation.goto_card(event.card)

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
        self.query_one(FindBar).ask(mode, self.find.query)

    @on(FindBar.GoToPage)
    def _page_asked(self, message: FindBar.GoToPage) -> None:
        self.page_view.focus()
        if message.page is not None:
            self.navigation.goto_page(message.page)

    @on(FindBar.Find)
    def _find_asked(self, message: FindBar.Find) -> None:
        self.page_view.focus()
        missing = self.find.submit(self.extraction, message.query)
        self.finding = self.find.summary()
        if missing is not None:
            self._not_found(missing)

    def _not_found(self, query: str) -> None:
        self.notify(f"Not found: {clean_line(query)}", severity="warning", markup=False)

    @on(FindProgress)
    def _find_progress(self, message: FindProgress) -> None:
        message.stop()
        if self.find.progress(message):
            self.finding = self.find.summary()

    @on(FindDone)
    def _find_done(self, message: FindDone) -> None:
        """A find in a long document ended: the status line shows the count (the first
        match is current), or a notification says nothing was found."""
        message.stop()
        missing = self.find.finished(message)
        self.finding = self.find.summary()
        if missing is not None:
            self._not_found(missing)
        elif self.find.more:
            kept = self.find.found  # n/N go through these: the text matches kept, the cards
            self.notify(f"{kept + self.find.more:,} matches: {self.key('next_comment')}/"
                        f"{self.key('previous_comment')} go through the first {kept:,}.",
                        markup=False)

    def action_clear(self) -> None:
        """Close the prompt, else end the find, else drop the card focus."""
        prompt = self.query_one(FindBar)
        if prompt.is_open:
            prompt.close()
            self.page_view.focus()
        elif self.find.active:
            self.find.clear()
            self.finding = self.find.summary()
        else:
            self.page_view.focus_card(None)
