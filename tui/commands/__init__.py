"""The ``kantlijn`` subcommands, one module per group.

Each module named in :data:`COMMAND_MODULES` exposes ``COMMANDS``: a mapping of command name
to a :class:`Command`. Modules import ``tui.core`` lazily inside ``run`` so ``kantlijn --help``
stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from tui.core.files import shown_name


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, how to add its arguments, and what it runs."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMAND_MODULES: tuple[str, ...] = (
    "tui.commands.extract",
    "tui.commands.library",
    "tui.commands.copies",
    "tui.commands.search",
    "tui.commands.export",
    "tui.commands.dossier",
    "tui.commands.team",
)


def complain(message: str) -> None:
    """``kantlijn: MESSAGE`` on standard error, one line, with nothing in it (a file name, a
    PDF's title) able to reach the terminal as an escape sequence."""
    print(f"kantlijn: {shown_name(message)}", file=sys.stderr)


def warn(message: str) -> None:
    """``kantlijn: warning: MESSAGE`` on standard error (see :func:`complain`)."""
    complain(f"warning: {message}")
