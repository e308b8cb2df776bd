"""The kantlijn Textual app: the library screen and the reader.

:func:`make_app` is the one factory the CLI (:func:`run_app`) and the tests share; it takes
the library already open, so only :func:`run_app` opens the user's library (the tests pass
one of their own): a library file or a team library, both offering
:class:`~tui.core.library.surface.LibrarySurface`; a team library is followed live by
:class:`~tui.controllers.team_live.TeamLive`. Screens ask the app for things by messages
(:mod:`tui.messages`); the app owns the library, the user's settings, and which screen is
shown. Workers come back only by messages too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, CSSPathType
from textual.binding import BindingType
from textual.command import Provider

from tui.actions import bindings, help_rows
from tui.controllers.search_index import IndexUpkeep
from tui.controllers.team_live import TeamLive
from tui.controllers.user_settings import apply_settings
from tui.core.library.surface import LibrarySurface
from tui.core.model import Extraction
from tui.core.ocr.need import OcrMode
from tui.core.paths import styles_dir
from tui.core.settings import Settings, keymap_path, load_settings
from tui.core.text import clean_line
from tui.messages import (
    IndexProgress,
    IndexReady,
    NotOpened,
    OpenDocument,
    OpenHit,
    OpenSearch,
    ShowLibrary,
    TeamChanged,
    TeamOffline,
    UserDataChanged,
)
from tui.palette import AppCommands, CopyCommands, PaletteCommand, TagCommands
from tui.screens.offers import ExportSource, HelpScoped
from tui.screens.reader import ReaderScreen
from tui.screens.release import ReleaseScreen
from tui.services.library import (
    comment_counts,
    flush,
    import_sample_if_empty,
    local_file,
    member_of,
    take_notices,
)
from tui.services.loader import HeadStart
from tui.services.malloc_arenas import use_one_arena
from tui.services.session import ReadingSession
from tui.services.startup_gc import resume_collection
from tui.services.typed_ahead import deliver_typed_ahead

if TYPE_CHECKING:
    # What page 1 does not need is imported where it is used (the library screen, search,
    # export, help, tags, copies): the reader's first paint waits for every module imported
    # here.
    from tui.controllers.copies import CopyController
    from tui.core.document import OpenedDocument
    from tui.dialogs.export import ExportDialog
    from tui.services.search import SearchService

BACKGROUND_DELAY = 2.0
"""Seconds after start-up when the index starts at the latest, with a document to open
(normally the reader starts it once page 1 is painted)."""

STYLESHEETS = (
    "app.tcss", "reader.tcss", "page_view.tcss", "library.tcss", "help.tcss", "search.tcss",
)


class KantlijnApp(App[None]):
    """Reads nota's with the reviewer's comments in the margin."""

    CSS_PATH: ClassVar[CSSPathType | None] = [styles_dir() / name for name in STYLESHEETS]
    TITLE = "kantlijn"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = (
        App.COMMANDS | {TagCommands, AppCommands, CopyCommands}
    )
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        library: LibrarySurface,
        file: str | None = None,
        password: str | None = None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
        release: str | None = None,
        ocr: OcrMode | None = None,
        head_start: HeadStart | None = None,
    ) -> None:
        """Open ``file`` (or show ``extraction``/``opened``) in the reader, else the library;
        ``release`` (a release recorded in the library, by its path) opens on its documents;
        ``head_start``: what the command line read of ``file`` already.

        ``library`` is open already (:func:`run_app` opens the user's); the app flushes it
        as it ends. ``ocr`` (``--ocr``) says which pages OCR reads; config.toml's ``ocr``
        when None.
        """
        super().__init__()
        self.file = file
        self.library = library
        self.session = ReadingSession()
        """What this run remembers beyond the library (revealed words, the last export)."""
        self.password = password
        self._extraction = extraction
        self._opened = opened
        self._head_start = head_start
        self._release = release
        self.settings: Settings = load_settings()
        self.ocr: OcrMode = ocr or self.settings.config.ocr
        self.index = IndexUpkeep(self, library)
        """The library's search index, kept up to date in the background."""
        self.team = TeamLive(self, library, self.index)
        """A team library followed live (nothing for a library file)."""
        self._background_started = False

    async def on_event(self, event: events.Event) -> None:
        """Keys typed ahead of a text field reach it (:mod:`tui.services.typed_ahead`)."""
        if not deliver_typed_ahead(self, event):
            await super().on_event(event)

    def on_mount(self) -> None:
        """Apply the user's keymap, then show the reader when a document was given (the
        library screen comes when it is asked for), else the library or a release."""
        apply_settings(self, self.settings)
        if not (self.file or self._extraction or self._opened):
            # A first run: never an empty list (with a document to open, it will not be
            # empty, and reading the sample first would only delay that document).
            import_sample_if_empty(self.library)
        self.tell_notices()
        if self._release is None and (self.file or self._extraction or self._opened):
            # The library screen is made when it is asked for (show_library): page 1 does
            # not wait for a listing under the reader that is not seen.
            self.push_screen(self._reader(self.file, self._extraction, self._opened,
                                          self._head_start))
            # The index (and what it imports) waits until page 1 is painted: the reader
            # calls start_background; a timer makes sure, should the reader give up first.
            self.set_timer(BACKGROUND_DELAY, self.start_background)
            return
        if self._release is None or not self.open_release(self._release):
            self.show_library()
        self.start_background()

    def start_background(self) -> None:
        """Start what runs beside the screens (the search index, a team library's feed) and
        the garbage collector again: after the first paint, once (later calls do nothing)."""
        if self._background_started:
            return
        self._background_started = True
        resume_collection()  # paused while the app started (tui.services.startup_gc)
        self.index.start()
        self.team.start()

    def _reader(
        self,
        path: str | None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
        head_start: HeadStart | None = None,
    ) -> ReaderScreen:
        author = member_of(self.library) or self.settings.user_name  # a member signs as such
        return ReaderScreen(self.library, path, self.password, extraction, opened,
                            author=author, keymap=self.settings.keymap,
                            session=self.session, ocr=self.ocr, head_start=head_start)

    def tell_notices(self) -> None:
        """Show what the library has to tell (a broken file moved aside, a failed write)."""
        for notice in take_notices(self.library):
            self.notify(notice, title="Library", severity="warning", markup=False)

    def open_document(self, path: str, page: int | None = None) -> None:
        """Open ``path`` in a new reader (errors show as a notification), at ``page``.

        A reader already open is closed first (its reading stops) rather than kept below.
        When the reader gives up, the library screen is told (its path box takes the
        keys again).
        """
        self.show_library()
        file = local_file(self.library, path)  # a team document: its PDF from the server
        self.tell_notices()
        reader = self._reader(file)
        if page is not None:
            reader.open_at(None, page, 0)
        self.push_screen(reader, lambda _: self._not_opened(path))

    def _not_opened(self, path: str) -> None:
        from tui.screens.library import LibraryScreen

        if self.screen_stack and isinstance(self.screen, LibraryScreen):
            self.screen.post_message(NotOpened(path))

    def open_release(self, path: str) -> bool:
        """Show the documents of the release recorded for ``path``; False when none is."""
        from tui.core.release.importing import known_release

        release = known_release(self.library, path)
        if release is None:
            return False
        self.show_library()
        self.push_screen(ReleaseScreen(release, comment_counts(self.library)))
        return True

    @on(OpenDocument)
    def _open_asked(self, message: OpenDocument) -> None:
        if message.page is None and self.open_release(message.path):
            return
        self.open_document(message.path, message.page)

    @on(ShowLibrary)
    def _library_asked(self) -> None:
        self.show_library()

    def show_library(self) -> None:
        """Close readers down to the listing they were opened from: the library screen, or
        a release's documents; the library screen when there is none (the app was opened
        on a document)."""
        from tui.screens.library import LibraryScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen,
                                                            LibraryScreen | ReleaseScreen):
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen | ReleaseScreen):
            library = LibraryScreen(self.library)
            if len(self.screen_stack) > 1:
                self.switch_screen(library)
            else:
                self.push_screen(library)

    # --- search ---------------------------------------------------------------------------

    @property
    def search(self) -> SearchService | None:
        """The library's search index, once open (kept current by :attr:`index`)."""
        return self.index.service

    def update_index(self) -> None:
        """Bring the search index up to date with the library, in a worker thread."""
        self.index.update()

    def _tell_screen(self, message: IndexProgress | IndexReady) -> None:
        """Hand index news to the screen that shows them (search, export)."""
        # The index worker may report after the last screen closed (the app is ending).
        # Only the search screen and the export dialog listen (checked without importing
        # them: news of the index would otherwise import both before page 1 is shown).
        if self.screen_stack and _hears_index(self.screen):
            self.screen.post_message(message)

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self._tell_screen(IndexProgress(message.done, message.total))

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self._tell_screen(IndexReady(message.changed))
        self.index.ready()

    def action_open_search(self, query: str = "") -> None:
        """Search the library (``s`` / ctrl+f)."""
        from tui.screens.search import SearchScreen

        self.start_background()  # asked for before page 1 was painted: open it now
        if self.search is None or isinstance(self.screen, SearchScreen):
            return
        self.update_index()
        self.push_screen(SearchScreen(self.search, query))

    @on(OpenSearch)
    def _search_asked(self, message: OpenSearch) -> None:
        self.action_open_search(message.query)

    @on(OpenHit)
    def _hit_chosen(self, message: OpenHit) -> None:
        hit = message.hit
        record = self.library.document(hit.doc)
        if record is None or not record.paths:
            self.notify("That document is no longer in the library.", severity="warning")
            return
        path = next((p for p in record.paths if Path(p).is_file()), record.paths[0])
        self.show_library()
        reader = self._reader(local_file(self.library, path))
        reader.open_at(hit.annotation, hit.page, hit.line)
        self.push_screen(reader)

    # --- a team library, live -------------------------------------------------------------

    @on(TeamChanged)
    def _team_changed(self) -> None:
        self.team.changed()

    @on(TeamOffline)
    def _team_offline(self, message: TeamOffline) -> None:
        self.team.went_offline(message.reason)

    # --- export ---------------------------------------------------------------------------

    def action_open_export(self) -> None:
        """Export (``x``): what the current search finds, or the nota being read."""
        from tui.dialogs.export import ExportDialog

        self.start_background()
        if self.search is None or isinstance(self.screen, ExportDialog):
            return
        self.update_index()  # the export selects through the index: up to date first
        folder = self.session.export_folder_or(Path.cwd())
        dialog = ExportDialog(self.search, self._export_query(), folder,
                              self.settings.user_name, reveal=self.session.reveal)
        self.push_screen(dialog, lambda said: self._exported(dialog, said))

    def _export_query(self) -> str:
        screen = self.screen
        return screen.export_query() if isinstance(screen, ExportSource) else ""

    def _exported(self, dialog: ExportDialog, said: str | None) -> None:
        if dialog.written is not None and dialog.written.path is not None:
            self.session.export_folder = dialog.written.path.parent  # offered the next time
        if said:
            self.notify(said, title="Export", markup=False)

    def palette_commands(self) -> list[PaletteCommand]:
        """Saved searches, on every screen."""
        return [
            PaletteCommand(f"Search: {clean_line(query)}", "Run this saved search",
                           partial(self.action_open_search, query))
            for query in self.library.searches.saved()
        ]

    def action_manage_tags(self) -> None:
        """Rename or merge tags library-wide (command palette: "Tags: rename or merge…")."""
        from tui.dialogs.tag_manager import TagManager


        def done(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.screen.post_message(UserDataChanged())

        self.push_screen(TagManager(self.library), done)

    def _copies(self) -> CopyController | None:
        """Copies of the document on screen (palette: link, unlink, compare)."""
        from tui.controllers.copies import copies_on_screen

        return copies_on_screen(self, self.library, self.screen, self.session.reveal)

    def action_link_copy(self) -> None:
        """Link the document on screen to another as copies of one release."""
        if (copies := self._copies()) is not None:
            copies.link()

    def action_unlink_copy(self) -> None:
        """Take a copy out of the release of the document on screen."""
        if (copies := self._copies()) is not None:
            copies.unlink()

    def action_compare_copies(self) -> None:
        """Compare the document on screen with a linked copy."""
        if (copies := self._copies()) is not None:
            copies.compare()

    async def action_quit(self) -> None:
        """Save the reading position and everything pending, then quit."""
        if isinstance(self.screen, ReaderScreen):
            self.screen.save_position()
        flush(self.library)
        self.exit()

    def on_unmount(self) -> None:
        """Whatever way the app ends, nothing the user did is left unwritten."""
        self.team.stop()
        flush(self.library)
        self.index.close()

    def action_help(self) -> None:
        """Show the keys that work on the current screen."""
        from tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        scopes = screen.HELP_SCOPES if isinstance(screen, HelpScoped) else ()
        rows = help_rows((*scopes, "app"), self.settings.keymap, self.get_key_display)
        self.push_screen(HelpScreen(rows, str(keymap_path())))


def _hears_index(screen: object) -> bool:
    """True for the search screen and the export dialog (not imported here: a screen whose
    module was never imported cannot be on screen)."""
    for module, name in (("tui.screens.search", "SearchScreen"),
                         ("tui.dialogs.export", "ExportDialog")):
        kind = getattr(sys.modules.get(module), name, None)
        if isinstance(kind, type) and isinstance(screen, kind):
            return True
    return False


def make_app(
    library: LibrarySurface,
    file: str | None = None,
    password: str | None = None,
    *,
    extraction: Extraction | None = None,
    opened: OpenedDocument | None = None,
    release: str | None = None,
    ocr: OcrMode | None = None,
    head_start: HeadStart | None = None,
) -> KantlijnApp:
    """The app as the CLI and the tests start it, on ``library`` (open already)."""
    use_one_arena()  # before the app starts its threads
    return KantlijnApp(library, file=file, password=password, extraction=extraction,
                       opened=opened, release=release, ocr=ocr, head_start=head_start)
