"""``kantlijn link``, ``unlink`` and ``copies``: copies of one release, by hand and listed.

Documents whose text is one release are linked when they join the library; ``link`` links
two by hand (then the later one's comments are matched to the release's), ``unlink`` takes
one out again (each keeps its own copy of the tags and notes), ``copies`` lists a document's
copies with their forms and what the user wrote that none of its comments stands for
(*orphaned*: its passage is gone in this copy; kept, never dropped).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tui.commands import Command
from tui.commands.library import _library
from tui.core.errors import KantlijnError

if TYPE_CHECKING:
    from tui.core.copies.book import CopyBook
    from tui.core.library.records import DocumentRecord
    from tui.core.library.surface import LibrarySurface


def _configure_pair(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="DOC", help="a document: its file, a path seen, or hash")
    parser.add_argument("second", metavar="DOC", help="the other document")


def _configure_one(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc", metavar="DOC", help="a document: its file, a path seen, or hash")


def _book(library: LibrarySurface) -> CopyBook:
    book: Any = getattr(library, "copies", None)
    if book is None:
        raise KantlijnError("a team library does not link copies yet")
    return book


def _record(library: LibrarySurface, name: str) -> DocumentRecord:
    record = library.find_document(name)
    if record is None:
        raise KantlijnError(f"{name} is not in the library (kantlijn import FILE)")
    return record


def _run_link(args: argparse.Namespace) -> int:
    with _library(args, saved="link saved") as library:
        first, second = _record(library, args.first), _record(library, args.second)
        common = _book(library).link(first.sha256, second.sha256)
        copies = _book(library).copies(first.sha256)
    forms = ", ".join(f"{c.document[:12]} {c.form}" for c in copies)
    print(f"linked: {common:.0%} of their text in common; the release: {forms}")
    return 0


def _run_unlink(args: argparse.Namespace) -> int:
    with _library(args, saved="unlink saved") as library:
        first, second = _record(library, args.first), _record(library, args.second)
        _book(library).unlink(first.sha256, second.sha256)
    print(f"unlinked: {first.sha256[:12]} and {second.sha256[:12]} are no copies of one "
          "release (each keeps its tags and notes)")
    return 0


def _run_copies(args: argparse.Namespace) -> int:
    from tui.core.copies.shown import shown_orphans
    from tui.core.text import clean_line, shorten

    with _library(args) as library:
        record = _record(library, args.doc)
        book = _book(library)
        copies = book.copies(record.sha256)
        orphans = shown_orphans(book, book.orphans(record.sha256))  # withheld words stay so
        labels = {c.document: library.label(c.document) for c in copies}
    for copy in copies:
        mark = "*" if copy.document == record.sha256 else " "
        print(f"{mark} {copy.document[:12]}  {copy.form:<10}  {copy.share:>4.0%}  "
              f"{shorten(clean_line(labels[copy.document]), 50)}")
    for orphan in orphans:
        what = ", ".join(orphan.tags) + (f" — {orphan.note}" if orphan.note else "")
        quote = f"“{shorten(clean_line(orphan.quote), 60)}”" if orphan.quote else "(no passage)"
        print(f"orphaned: {orphan.id} of {orphan.document[:12]} p.{orphan.page}  {quote}  "
              f"{clean_line(what)}")
    return 0


COMMANDS: dict[str, Command] = {
    "link": Command("link two documents as copies of one release", _configure_pair, _run_link),
    "unlink": Command("take a document out of a release it was linked to", _configure_pair,
                      _run_unlink),
    "copies": Command("list a document's copies and the tags and notes orphaned in it",
                      _configure_one, _run_copies),
}
