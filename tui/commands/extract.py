"""``kantlijn extract``: print a document's nota's and annotations, touching no library."""

from __future__ import annotations

import argparse
import gc
import sys

from tui.commands import Command, warn
from tui.commands.ocr_option import add_ocr_option, chosen_ocr
from tui.commands.password import add_password_option
from tui.core.text import counted, encodable

MAX_SHOWN = 20


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a PDF, or a text/Markdown comment summary")
    parser.add_argument("--format", choices=("json", "md"), default="json")
    add_password_option(parser)
    parser.add_argument(
        "--pages", action="store_true", help="include every page's text lines (JSON only)"
    )
    add_ocr_option(parser)
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="do not print warnings to stderr"
    )


def _run(args: argparse.Namespace) -> int:
    # Reading pauses the cyclic collector (tui.core.collector); were it back on while the
    # output is written, its first pass would rescan every page object still alive — about
    # 4% of the time on 300 dense pages — to find no cycles (those objects hold none). It
    # stays off until they are freed, by reference counting, as _extract returns; a caller
    # that runs many commands in one process (the fuzz harness, the tests) keeps its own.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract(args)
    finally:
        if enabled:
            gc.enable()


def _extract(args: argparse.Namespace) -> int:
    from tui.core import document
    from tui.core.export import extract as export

    extraction = document.load(args.file, password=args.password, ocr=chosen_ocr(args))
    # Text was made encodable where it was read (tui.core.text); this only makes sure.
    if args.format == "md":
        sys.stdout.write(encodable(export.to_markdown(extraction)))
    else:
        sys.stdout.write(encodable(export.to_json(extraction, include_pages=args.pages)) + "\n")
    if not args.quiet:
        _print_warnings(extraction.warnings)
    return 0


def _print_warnings(warnings: list[str]) -> None:
    """Our own warnings one per line; the PDF parser's chatter as one count."""
    parser_notes = [w for w in warnings if w.startswith("pdf:")]
    own = [w for w in warnings if not w.startswith("pdf:")]
    for warning in own[:MAX_SHOWN]:
        warn(warning)
    if len(own) > MAX_SHOWN:
        print(f"kantlijn: … and {counted(len(own) - MAX_SHOWN, 'more warning')}",
              file=sys.stderr)
    if parser_notes:
        print(
            f"kantlijn: {counted(len(parser_notes), 'note')} from the PDF parser"
            ' (see "warnings" in --format json)',
            file=sys.stderr,
        )


COMMANDS = {
    "extract": Command(
        "print a document's nota's and comments as JSON or Markdown", _configure, _run
    ),
}
