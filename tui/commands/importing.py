"""``kantlijn import``: documents and releases into the library, read on every core.

Each document is added (and the library saved) as it comes, in the order given, so an import
that stops half-way keeps the documents it finished. A release (a folder, a combined PDF)
stands for its documents (:mod:`tui.commands.release_import`), and its findings follow.
Its own module, so that :mod:`tui.commands.release_import` (``kantlijn RELEASE``) runs an
import without importing the other library commands, and they without it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import complain, release_import
from tui.commands.library_session import library_session
from tui.commands.ocr_option import add_ocr_option, chosen_ocr
from tui.commands.password import add_password_option
from tui.commands.release_peek import Look, start_looking
from tui.core.files import shown_name
from tui.core.text import clean_line, counted
from tui.services.startup_gc import resume_collection

if TYPE_CHECKING:
    from tui.core.library.batch_import import Imported


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="PDFs, comment summaries, or releases (a folder, a combined PDF)")
    add_password_option(parser, "encrypted PDFs")
    parser.add_argument("--jobs", type=_positive, metavar="N",
                        help="documents read at once (default: one per core)")
    add_ocr_option(parser)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text}")
    return value


def _said(result: Imported) -> str:
    """One imported document as a line: title, counts, hash."""
    record = result.record
    assert record is not None
    title = shown_name(clean_line(record.title or Path(result.name).name))
    seen = " (already in the library)" if result.already else ""
    counts = ", ".join([
        counted(record.pages, "page"),
        counted(len(record.notas), "nota", "nota's"),
        counted(record.comments, "comment"),
    ])
    return f"{title}: {counts} [{record.sha256[:12]}]{seen}"


def run_import(args: argparse.Namespace) -> int:
    """Read the files on every core, add each (and save) as it comes, in the order given; a
    release (a folder, a combined PDF) stands for its documents, and its findings follow."""
    from tui.commands.progress_line import ProgressLine
    from tui.core.library.batch_import import import_files

    releases, args.files = args.files, release_import.expand(args.files)
    line = ProgressLine(sys.stderr) if sys.stderr.isatty() else None
    failed = 0
    try:
        with library_session(args, saved="the documents read are added") as library:
            for result in import_files(library, args.files, args.password, args.jobs,
                                       line.show if line else None, chosen_ocr(args)):
                if line is not None:
                    line.clear()
                if result.error is not None:
                    failed += 1
                    complain(result.error)
                else:
                    print(_said(result), flush=True)
                if line is not None:
                    line.redraw()
            if line is not None:
                line.clear()
            release_import.report(releases, library, args.password)
    finally:
        if line is not None:
            line.clear()
    if failed:
        complain(f"{failed} of {counted(len(args.files), 'file')} failed")
    return 1 if failed else 0


def open_first(path: str, library: str | None, password: str | None,
               looked: Look | None = None) -> str | None:
    """``kantlijn PATH`` where PATH is a release: import it as ``kantlijn import`` does (every
    core, a line per document, its findings) and give its path for the app to open on;
    None when PATH is no release (a folder of none, a PDF without an inventory in its first
    pages: the reader opens it as before). ``looked``: the look into a PDF's first pages,
    started earlier (:func:`~tui.commands.release_peek.start_looking`)."""
    target = Path(path).expanduser()
    if target.is_dir():  # what reads releases is imported for a folder only: a file's
        from tui.core.release.reading import is_release_folder  # page 1 does not wait

        is_release = is_release_folder(target)
    else:
        is_release = (looked or start_looking(path, library, password)).is_release()
    if not is_release:
        return None
    args = argparse.Namespace(files=[str(target)], library=library, password=password,
                              jobs=None, ocr=None)
    resume_collection()  # paused for the app's start: an import is long work, collected
    run_import(args)
    from tui.core.library.opener import library_location
    from tui.core.paths import library_path
    from tui.core.release.store import ReleaseStore

    found = ReleaseStore(library_path(library_location(library))).find(str(target))
    return found.path if found is not None else None

