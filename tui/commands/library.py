"""Library subcommands: import, list, tag, untag, note."""

from __future__ import annotations

from tui.commands import Command

COMMANDS: dict[str, Command] = {}
