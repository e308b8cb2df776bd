"""Launching the app: the library and the file it starts on, opened before the screen
switches, so that what cannot be opened is said on the command line in one line."""

from __future__ import annotations

from tui.app import make_app
from tui.core.errors import EncryptedError
from tui.core.model import Extraction
from tui.core.ocr.need import OcrMode
from tui.core.settings import load_settings
from tui.services.library import close_library, open_app_library, open_cached
from tui.services.loader import HeadStart


def run_app(file: str | None = None, library: str | None = None,
            password: str | None = None, release: str | None = None,
            ocr: OcrMode | None = None, first: Extraction | None = None) -> int:
    """Run the app on the library ``library`` (a file or a team library's URI; default:
    the user's, see :func:`tui.core.library.opener.library_location`); the exit code.
    ``release``: a release folder or combined PDF, imported and opened on its documents;
    ``ocr`` (``--ocr``): which pages OCR reads (config.toml's ``ocr`` when None); ``first``:
    ``file``'s page 1, read already (:mod:`tui.commands.release_peek`), so the file opened.

    The one place the app's library is opened. A file that cannot be opened (or a library
    that cannot be read) fails here, before the screen switches, so the CLI prints a
    one-line ``kantlijn: ...`` message instead of starting a broken reader.
    """
    from tui.core.document import open_document

    user_library = open_app_library(library)
    try:
        chosen = ocr or load_settings().config.ocr
        opened = None
        cached = open_cached(user_library, file) if file else None
        if cached is not None:
            first = None  # the library's reading of it is shown, whole
        elif file and first is None:  # (a known file that moved opens from the cache too)
            try:
                opened = open_document(file, password, chosen)
            except EncryptedError:
                if password is not None:
                    raise  # a wrong --password: say so on the command line
                # no password given: the reader asks for it in a dialog
        app = make_app(user_library, file, password, opened=opened, release=release,
                       ocr=chosen, head_start=HeadStart(first, cached, cache_asked=bool(file)))
        app.run()
    finally:
        close_library(user_library)
    return app.return_code or 0
