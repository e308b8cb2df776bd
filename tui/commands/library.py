"""Library subcommands: import, list, tag, untag, note.

Each command opens the library once, prints what the library wants the user told (e.g. a
broken file moved aside), does its work and flushes once at the end. The search index
follows in the same operation; when it cannot be written, the command says what was saved
and that the index will catch up, and succeeds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import Command, complain, warn
from tui.commands.ocr_option import add_ocr_option, chosen_ocr
from tui.core.errors import KantlijnError
from tui.core.files import shown_name
from tui.core.text import clean_line, counted

if TYPE_CHECKING:
    from tui.core.library.surface import LibrarySurface
    from tui.core.model import Extraction
    from tui.core.ocr.need import OcrMode


@contextmanager
def _library(args: argparse.Namespace, saved: str | None = None) -> Iterator[LibrarySurface]:
    """The library for one command; ``saved`` says what the command saves, for the line
    printed when the search index cannot follow ("tag saved; the search index will catch
    up")."""
    from tui.core.library.opener import open_library
    from tui.core.search.library_search import follow_existing_index

    with open_library(args.library) as library:
        told = _tell(library.notices, 0)
        search = follow_existing_index(library)  # the flush at the end updates the index
        try:
            yield library
            library.flush()
        finally:
            if search is not None:
                search.close()
        _tell(library.notices, told)
        if search is not None and search.behind is not None:
            if saved:
                warn(f"{saved}; the search index will catch up ({search.behind})")
            else:
                warn(f"the search index could not be updated ({search.behind}); it will "
                     "catch up")


def _tell(notices: list[str], told: int) -> int:
    """Print the notices from ``told`` on; returns how many are told now."""
    for notice in notices[told:]:
        warn(notice)
    return len(notices)


# -- import ---------------------------------------------------------------------------------


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="PDFs, comment summaries, or releases (a folder, a combined PDF)")
    parser.add_argument("--password", help="password of encrypted PDFs")
    add_ocr_option(parser)


def _read(path: Path, password: str | None, label: str, ocr: OcrMode = "auto") -> Extraction:
    """The one place the import command reads a document (page progress on a terminal)."""
    from tui.core.document import load

    live = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if live:
            print(f"\r{label} page {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        return load(path, password=password, progress=progress, ocr=ocr)
    finally:
        if live:
            print(file=sys.stderr, flush=True)


def _import_one(library: LibrarySurface, path: Path, password: str | None, label: str,
                ocr: OcrMode = "auto") -> str:
    from tui.core.errors import readable_file
    from tui.core.files import file_sha256

    readable_file(path)
    known = library.cached_extraction(file_sha256(path))
    extraction = known if known is not None else _read(path, password, label, ocr)
    record = library.add_document(extraction, path)
    title = shown_name(clean_line(record.title or path.name))
    seen = " (already in the library)" if known is not None else ""
    counts = ", ".join([
        counted(record.pages, "page"),
        counted(len(record.notas), "nota", "nota's"),
        counted(record.comments, "comment"),
    ])
    return f"{title}: {counts} [{record.sha256[:12]}]{seen}"


def _run_import(args: argparse.Namespace) -> int:
    from tui.commands import release_import
    from tui.core.errors import os_problem

    releases, args.files = args.files, release_import.expand(args.files)
    failed = 0
    with _library(args, saved="the documents read are added") as library:
        for number, name in enumerate(args.files, 1):
            shown = shown_name(name)
            label = f"[{number}/{len(args.files)}] {shown}"
            print(f"{label}", file=sys.stderr, flush=True)
            try:
                print(_import_one(library, Path(name), args.password, label,
                                  chosen_ocr(args)), flush=True)
            except KantlijnError as error:
                failed += 1
                named = shown in str(error) or str(name) in str(error)
                where = "" if named else f"{shown}: "
                complain(f"{where}{error}")
            except OSError as error:
                failed += 1
                complain(f"{shown}: {os_problem(error)}")
            except Exception as error:  # one bad file must not stop the others
                failed += 1
                complain(f"{shown}: cannot read ({type(error).__name__}: {error})")
        release_import.report(releases, library, args.password)
    if failed:
        complain(f"{failed} of {counted(len(args.files), 'file')} failed")
    return 1 if failed else 0


# -- list -----------------------------------------------------------------------------------


def _configure_list(parser: argparse.ArgumentParser) -> None:
    pass


def _run_list(args: argparse.Namespace) -> int:
    from tui.core.text import clean_line, shorten

    with _library(args) as library:
        summaries = library.documents()
    if not summaries:
        print("the library is empty (kantlijn import FILE...)", file=sys.stderr)
        return 0
    print(f"{'HASH':<12}  {'TITLE':<40}  {'PAGES':>5}  {'COMMENTS':>8}  {'OPENED':<16}  TAGS")
    for s in summaries:
        title = clean_line(s.title) if s.title else shown_name(Path(s.path or "?").name)
        if len(title) > 40:
            title = title[:39] + "…"
        tags = ", ".join(f"{shorten(clean_line(t), 30)} ×{n}" for t, n in sorted(s.tags.items()))
        opened = (s.last_opened or "")[:16].replace("T", " ")
        print(f"{s.sha256[:12]:<12}  {title:<40}  {s.pages:>5}  {s.comments:>8}  {opened:<16}  "
              f"{tags}")
    return 0


# -- tag, untag, note -----------------------------------------------------------------------


def _add_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="an annotation id as `kantlijn extract` prints it")
    parser.add_argument(
        "--doc", metavar="FILE|HASH", help="the document, when the id is in several"
    )


def _configure_tags(parser: argparse.ArgumentParser) -> None:
    _add_id(parser)
    parser.add_argument("tags", nargs="+", metavar="TAG")


def _configure_note(parser: argparse.ArgumentParser) -> None:
    _add_id(parser)
    parser.add_argument("text", metavar="TEXT", help='the note ("" removes it)')


def _run_tag(args: argparse.Namespace) -> int:
    with _library(args, saved="tag saved" if len(args.tags) == 1 else "tags saved") as library:
        doc, ann = library.resolve_annotation_id(args.id, args.doc)
        tags = library.tag(doc, ann, *args.tags)
    print(f"{ann}: {', '.join(tags)}")
    return 0


def _run_untag(args: argparse.Namespace) -> int:
    """Remove tags; a tag the comment does not have is a warning and exit status 1."""
    with _library(args, saved="tag removed" if len(args.tags) == 1 else "tags removed"
                  ) as library:
        doc, ann = library.resolve_annotation_id(args.id, args.doc)
        had = {tag.casefold() for tag in library.tags_of(doc, ann)}
        tags = library.untag(doc, ann, *args.tags)
    missing = [tag for tag in args.tags if tag.strip().casefold() not in had]
    for tag in missing:
        warn(f"{ann} has no tag {tag}")
    print(f"{ann}: {', '.join(tags) if tags else '(no tags)'}")
    return 1 if missing else 0


def _run_note(args: argparse.Namespace) -> int:
    """Set the note; says whether it was new, replaced an old one, or removed it."""
    with _library(args, saved="note saved" if args.text else "note removed") as library:
        doc, ann = library.resolve_annotation_id(args.id, args.doc)
        before = library.note_of(doc, ann)
        library.set_note(doc, ann, args.text)
        note = library.note_of(doc, ann)
    if not note:
        said = "note removed" if before else "no note to remove"
    elif before and before != note:
        said = "note replaced (it was: " + before.replace("\n", " ") + ")"
    else:
        said = "note saved"
    print(f"{ann}: {said}")
    return 0


COMMANDS: dict[str, Command] = {
    "import": Command("add documents to the library", _configure_import, _run_import),
    "list": Command("list the documents in the library", _configure_list, _run_list),
    "tag": Command("tag an annotation", _configure_tags, _run_tag),
    "untag": Command("remove tags from an annotation", _configure_tags, _run_untag),
    "note": Command("write a note on an annotation", _configure_note, _run_note),
}
