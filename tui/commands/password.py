"""The password of an encrypted PDF, asked for without it ever standing in argv.

``--password`` is a flag: kantlijn then asks for the password on the terminal (not echoed),
or reads it as one line from standard input when that is not a terminal (a password
manager's pipe). ``$KANTLIJN_PASSWORD`` gives it without asking. A password on the command
line would show in the process list and the shell's history.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

PASSWORD_VARIABLE = "KANTLIJN_PASSWORD"
"""The environment variable that holds the password, for scripts."""


def add_password_option(parser: argparse.ArgumentParser, what: str = "an encrypted PDF") -> None:
    """Add ``--password`` (a flag: the password itself is asked for, never given here)."""
    parser.add_argument(
        "--password", action="store_true",
        help=f"ask for the password of {what} (typed, not shown; or one line on standard "
             f"input, or ${PASSWORD_VARIABLE})",
    )


def resolve_password(args: argparse.Namespace) -> None:
    """Turn ``args.password`` (the flag) into the password, or None: from
    ``$KANTLIJN_PASSWORD``, else asked for when the flag was given."""
    if not hasattr(args, "password"):
        return
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        args.password = given
    elif args.password is True:
        args.password = _ask()
    else:
        args.password = None


def _ask() -> str | None:
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass("password: ") or None
        except (EOFError, KeyboardInterrupt):
            return None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n") or None
