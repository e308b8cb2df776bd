"""Library subcommands: import (:mod:`tui.commands.importing`), list, tag, untag, note.

Each command opens the library once (:mod:`tui.commands.library_session`), prints what the
library wants the user told (e.g. a broken file moved aside), does its work and flushes once
at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands import Command, warn
from tui.commands.importing import configure_import, run_import
from tui.commands.library_session import library_session as _library
from tui.core.files import shown_name

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
    "import": Command("add documents to the library", configure_import, run_import),
    "list": Command("list the documents in the library", _configure_list, _run_list),
    "tag": Command("tag an annotation", _configure_tags, _run_tag),
    "untag": Command("remove tags from an annotation", _configure_tags, _run_untag),
    "note": Command("write a note on an annotation", _configure_note, _run_note),
}
