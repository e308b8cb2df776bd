"""``kantlijn dossier FILE``: decisions, redaction grounds and the reviewer's questions.

Words still under a redaction mark stand as a block in every passage unless ``--reveal``
asks for them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import Command
from tui.commands.password import add_password_option

if TYPE_CHECKING:
    from tui.core.model import Extraction


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, a text/Markdown comment summary, or a release "
                                     "(a folder, or one combined PDF)")
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")
    add_password_option(parser)
    parser.add_argument("--reveal", action="store_true",
                        help="show the words still under redaction marks that were not applied")


def _run(args: argparse.Namespace) -> int:
    from tui.core.document import load
    from tui.core.dossier.build import build_dossier
    from tui.core.dossier.output import dossier_csv, dossier_json, dossier_markdown
    from tui.core.library.opener import open_library
    from tui.core.team.questions import TeamQuestions

    if (release := _release(args)) is not None:
        return release
    extraction = load(args.file, password=args.password)
    if (release := _release(args, extraction)) is not None:
        return release
    with open_library(args.library) as library:  # the user's answers, when it knows the file
        marks = library.questions.states(extraction.document.sha256)
        questions = library.questions
        marked_by = {ann: found[2] for (_, ann), found in  # a team library: whose marks
                     questions.marks(extraction.document.sha256).items()
                     } if isinstance(questions, TeamQuestions) else None
    states = {ann: state for (_, ann), state in marks.items()}
    dossier = build_dossier(extraction, states, shown=None if args.reveal else (),
                            marked_by=marked_by)
    render = {"md": dossier_markdown, "json": dossier_json, "csv": dossier_csv}[args.format]
    sys.stdout.write(render(dossier))
    return 0


def _release(args: argparse.Namespace, extraction: Extraction | None = None) -> int | None:
    """A release's dossier (a folder, or a PDF holding an inventory table); None otherwise."""
    from tui.core.document import load
    from tui.core.dossier.release_output import RENDERERS
    from tui.core.release.reading import read_release, release_from_extraction

    if extraction is None:
        release = read_release(args.file, lambda path: load(path, password=args.password)
                               ) if Path(args.file).is_dir() else None
    else:
        release = release_from_extraction(Path(args.file), extraction, args.password)
    if release is None:
        return None
    sys.stdout.write(RENDERERS[args.format](release))
    return 0


COMMANDS = {
    "dossier": Command("a document's nota's, redaction grounds, questions and timeline",
                       _configure, _run),
}
