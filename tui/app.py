"""The kantlijn Textual app: the library screen and the reader.

:func:`make_app` is the one factory the CLI (:func:`run_app`) and the tests share.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, CSSPathType
from textual.binding import Binding, BindingType

from tui.core.model import Extraction
from tui.core.paths import styles_dir
from tui.keymap import load_keymap
from tui.screens.help import HelpScreen, binding_rows
from tui.screens.library import LibraryScreen
from tui.screens.library_source import LibrarySource, SessionLibrary
from tui.screens.opening import OpenedDocument, open_document
from tui.screens.reader import ReaderScreen

STYLESHEETS = ("app.tcss", "reader.tcss", "page_view.tcss", "library.tcss", "help.tcss")


class KantlijnApp(App[None]):
    """Reads nota's with the reviewer's comments in the margin."""

    CSS_PATH: ClassVar[CSSPathType | None] = [styles_dir() / name for name in STYLESHEETS]
    TITLE = "kantlijn"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        file: str | None = None,
        library: LibrarySource | None = None,
        password: str | None = None,
        extraction: Extraction | None = None,
        opened: OpenedDocument | None = None,
    ) -> None:
        """Open ``file`` (or show ``extraction``/``opened``) in the reader, else the library."""
        super().__init__()
        self.file = file
        self.library = library or SessionLibrary()
        self.password = password
        self._extraction = extraction
        self._opened = opened

    def on_mount(self) -> None:
        """Apply the user's keymap, then show the library and, when asked, the reader."""
        keymap, warnings = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        for warning in warnings:
            self.notify(warning, title="Keymap", severity="warning")
        self.push_screen(LibraryScreen(self.library))
        if self.file or self._extraction or self._opened:
            self.push_screen(
                ReaderScreen(self.file, self.password, self._extraction, self._opened)
            )

    def open_document(self, path: str) -> None:
        """Open ``path`` in a new reader (errors show as a notification)."""
        self.push_screen(ReaderScreen(path, self.password))

    def record_opened(self, path: str, extraction: Extraction) -> None:
        """The reader finished reading ``path``: remember it in the library."""
        self.library.record_opened(path, extraction)

    def show_library(self) -> None:
        """Close readers down to the library screen."""
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    def action_help(self) -> None:
        """Show the keys that work on the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_rows(self.screen)))


def make_app(
    file: str | None = None,
    library: str | None = None,
    password: str | None = None,
    *,
    extraction: Extraction | None = None,
    opened: OpenedDocument | None = None,
) -> KantlijnApp:
    """The app as the CLI and the tests start it."""
    return KantlijnApp(
        file=file,
        library=SessionLibrary(library),
        password=password,
        extraction=extraction,
        opened=opened,
    )


def run_app(file: str | None = None, library: str | None = None,
            password: str | None = None) -> int:
    """Run the app; returns the exit code.

    A file that cannot be opened fails here, before the screen switches, so the CLI prints a
    one-line ``kantlijn: ...`` message instead of starting a broken reader.
    """
    opened = open_document(file, password) if file else None
    app = make_app(file, library, password, opened=opened)
    app.run()
    return app.return_code or 0
