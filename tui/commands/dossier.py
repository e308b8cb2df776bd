"""``kantlijn dossier FILE``: decisions, redaction grounds and the reviewer's questions.

Words still under a redaction mark stand as a block in every passage unless ``--reveal``
asks for them."""

from __future__ import annotations

import argparse
import sys

from tui.commands import Command


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, or a text/Markdown comment summary")
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--reveal", action="store_true",
                        help="show the words still under redaction marks that were not applied")


def _run(args: argparse.Namespace) -> int:
    from tui.core.document import load
    from tui.core.dossier.build import build_dossier
    from tui.core.dossier.output import dossier_csv, dossier_json, dossier_markdown
    from tui.core.library.library import Library

    extraction = load(args.file, password=args.password)
    with Library.open(args.library) as library:  # the user's answers, when it knows the file
        marks = library.questions.states(extraction.document.sha256)
    states = {ann: state for (_, ann), state in marks.items()}
    dossier = build_dossier(extraction, states, shown=None if args.reveal else ())
    render = {"md": dossier_markdown, "json": dossier_json, "csv": dossier_csv}[args.format]
    sys.stdout.write(render(dossier))
    return 0


COMMANDS = {
    "dossier": Command("a document's nota's, redaction grounds, questions and timeline",
                       _configure, _run),
}
