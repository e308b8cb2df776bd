"""``kantlijn export`` and ``kantlijn import-notes``: the user's findings out, and back in.

``export [QUERY] --format md|csv|json|jsonld|pdf -o PATH`` writes what the query selects (the
search language; no query: the whole library); ``-o -`` writes to standard output where the
format allows; ``--reveal`` includes the words still under redaction marks (the export says
so). ``import-notes FILE.json`` brings an export's tags, notes and own annotations
into this library.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands import Command, warn


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from tui.core.export.writer import FORMATS

    parser.add_argument("query", nargs="*", metavar="QUERY",
                        help="what to export, in the search language (default: everything)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="md")
    parser.add_argument("-o", "--output", metavar="PATH", required=True,
                        help="the file to write (- for standard output; not for pdf)")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("--excel", action="store_true",
                        help="CSV with a byte-order mark, so Excel reads it as UTF-8")
    parser.add_argument("--pdf", metavar="FILE",
                        help="for --format pdf: the document's PDF, if it has moved")
    parser.add_argument("--reveal", action="store_true",
                        help="include the words still under redaction marks that were not "
                             "applied (the export says so)")


def _run_export(args: argparse.Namespace) -> int:
    from tui.core.anchoring.withheld import EVERYTHING, NOTHING
    from tui.core.errors import KantlijnError
    from tui.core.export.records import Selection, select
    from tui.core.export.writer import Options, write_export
    from tui.core.files import shown_name
    from tui.core.library.opener import open_library
    from tui.core.search.query import QueryError
    from tui.core.settings import load_settings

    query = " ".join(args.query)
    target = None if args.output == "-" else Path(args.output).expanduser()
    options = Options(args.format, target, force=args.force, excel=args.excel,
                      author=load_settings().user_name,
                      pdf=Path(args.pdf).expanduser() if args.pdf else None)
    with open_library(args.library) as library:
        for notice in library.notices:
            warn(notice)
        try:
            export = select(library, Selection(query), EVERYTHING if args.reveal else NOTHING)
        except QueryError as error:
            raise KantlijnError(f"query: {error}", exit_code=2) from None
        written = write_export(export, options, stdout=sys.stdout)
    if written.path is not None:
        print(f"{written.items} annotation{'s' if written.items != 1 else ''} from "
              f"{written.documents} document{'s' if written.documents != 1 else ''} "
              f"written to {shown_name(written.path)}", file=sys.stderr)
    return 0


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.json", help="a kantlijn export --format json")


def _run_import(args: argparse.Namespace) -> int:
    from tui.core.export.notes_import import import_notes, read_notes
    from tui.core.library.opener import open_library

    data = read_notes(Path(args.file).expanduser())
    with open_library(args.library) as library:
        report = import_notes(library, data)
    print(f"imported: {report.tags} tags, {report.notes} notes, {report.own} of your own "
          f"annotations; {report.unchanged} already there")
    for title in report.missing_documents:
        warn(f"{title} is not in this library (kantlijn import its PDF first, then import "
             "the notes again)")
    if report.missing_annotations:
        warn(f"{report.missing_annotations} annotations were not found in their document")
    return 1 if report.missing_documents or report.missing_annotations else 0


COMMANDS = {
    "export": Command("export comments with your tags and notes (md, csv, json, jsonld, pdf)",
                      _configure_export, _run_export),
    "import-notes": Command("bring tags, notes and your own annotations from an export back",
                            _configure_import, _run_import),
}
