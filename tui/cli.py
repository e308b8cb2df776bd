"""The ``kantlijn`` command line: the app, or one of the library subcommands."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.commands import COMMAND_MODULES, Command, complain
from tui.commands.ocr_option import add_ocr_option
from tui.commands.password import add_password_option, resolve_password
from tui.core.errors import KantlijnError, os_error_message


def _commands() -> dict[str, Command]:
    found: dict[str, Command] = {}
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        found.update(module.COMMANDS)
    return found


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH|URI",
        help="library file, or a team library's postgresql:// URI (default: $KANTLIJN_LIBRARY, "
        "library in config.toml, or $XDG_DATA_HOME/kantlijn/library.json)",
    )


def _app_parser(commands: dict[str, Command]) -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:<9} {cmd.help}" for name, cmd in commands.items())
    parser = argparse.ArgumentParser(
        prog="kantlijn",
        description=(
            "Read PDF memos (nota's) with the reviewer's comments beside the text they are "
            "about. Without FILE, opens your library (which starts with a sample release)."
        ),
        epilog=f"commands (kantlijn COMMAND --help):\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="a PDF, or a text/Markdown comment summary")
    add_password_option(parser)
    add_ocr_option(parser)
    parser.add_argument("--version", action="version", version=f"kantlijn {__version__}")
    _add_common(parser)
    return parser


def _command_parser(name: str, command: Command) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"kantlijn {name}", description=command.help)
    _add_common(parser)
    command.configure(parser)
    return parser


def _run_app(args: argparse.Namespace) -> int:
    from tui.commands.importing import open_first
    from tui.commands.release_peek import start_looking
    from tui.services.startup_gc import pause_collection

    # A new PDF is looked into for a release's inventory (and its page 1 read) while the
    # app's modules load.
    looked = start_looking(args.file, args.library, args.password, args.ocr) if args.file \
        else None
    pause_collection()  # until the app has painted its first screen
    from tui.launch import run_app

    release = open_first(args.file, args.library, args.password, looked) if args.file else None
    first = looked.first_page() if looked is not None and not release else None
    return run_app(file=None if release else args.file, library=args.library,
                   password=args.password, release=release, ocr=args.ocr, first=first)


def main(argv: Sequence[str] | None = None) -> int:
    """Run kantlijn with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        commands = _commands()
        if argv and argv[0] in commands:
            command = commands[argv[0]]
            args = _command_parser(argv[0], command).parse_args(argv[1:])
            resolve_password(args)
            return command.run(args)
        args = _app_parser(commands).parse_args(argv)
        resolve_password(args)
        return _run_app(args)
    except KantlijnError as error:
        complain(str(error))
        return error.exit_code
    except BrokenPipeError:
        return _reader_gone()
    except OSError as error:  # a file or folder the system refused: say which and why
        where = error.filename if error.filename is not None else "kantlijn"
        complain(os_error_message(where, error))
        return 1
    except KeyboardInterrupt:
        print("kantlijn: interrupted", file=sys.stderr)
        return 130


def _reader_gone() -> int:
    """Standard output's reader closed it (``kantlijn … | head -1``): stop quietly, as a
    shell tool does. What is still buffered goes nowhere, so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0
