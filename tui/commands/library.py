"""Library subcommands: import, list, tag, untag, note.

Each command opens the library once, prints what the library wants the user told (e.g. a
broken file moved aside), does its work and flushes once at the end — ``import`` after every
document too, so an import that stops half-way keeps the documents it finished. The search
index follows in the same operation; when it cannot be written, the command says what was
saved and that the index will catch up, and succeeds.
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
from tui.commands.password import add_password_option
from tui.core.files import shown_name
from tui.core.text import clean_line, counted

if TYPE_CHECKING:
    from tui.core.library.batch_import import Imported
    from tui.core.library.surface import LibrarySurface


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
    from tui.commands import release_import
    from tui.commands.progress_line import ProgressLine
    from tui.core.library.batch_import import import_files

    releases, args.files = args.files, release_import.expand(args.files)
    line = ProgressLine(sys.stderr) if sys.stderr.isatty() else None
    failed = 0
    try:
        with _library(args, saved="the documents read are added") as library:
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
    "import": Command("add documents to the library", _configure_import, run_import),
    "list": Command("list the documents in the library", _configure_list, _run_list),
    "tag": Command("tag an annotation", _configure_tags, _run_tag),
    "untag": Command("remove tags from an annotation", _configure_tags, _run_untag),
    "note": Command("write a note on an annotation", _configure_note, _run_note),
}
