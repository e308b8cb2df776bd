"""``kantlijn extract``: print a document's nota's and annotations, touching no library."""

from __future__ import annotations

import argparse

from tui.commands import Command
from tui.core.errors import KantlijnError


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, or a text/Markdown comment summary")
    parser.add_argument("--format", choices=("json", "md"), default="json")
    parser.add_argument("--password", help="password of an encrypted PDF")


def _run(args: argparse.Namespace) -> int:
    raise KantlijnError("extract is not available yet")


COMMANDS = {
    "extract": Command("print a document's nota's and comments as JSON or Markdown", _configure, _run),
}
