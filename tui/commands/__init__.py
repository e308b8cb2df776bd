"""The ``kantlijn`` subcommands, one module per group.

Each module named in :data:`COMMAND_MODULES` exposes ``COMMANDS``: a mapping of command name
to a :class:`Command`. Modules import ``tui.core`` lazily inside ``run`` so ``kantlijn --help``
stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, how to add its arguments, and what it runs."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMAND_MODULES: tuple[str, ...] = (
    "tui.commands.extract",
    "tui.commands.library",
    "tui.commands.search",
    "tui.commands.export",
    "tui.commands.dossier",
    "tui.commands.team",
)
