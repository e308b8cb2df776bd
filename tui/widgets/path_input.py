"""The library's Open input: a path, completed with Tab like a shell does."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual.binding import BindingType

from tui.actions import bindings
from tui.widgets.line_input import LineInput

OPENABLE = (".pdf", ".txt", ".md", ".markdown", ".text")
"""What the completion offers besides folders: the kinds of file kantlijn opens."""


def complete_path(typed: str) -> tuple[str, list[str]]:
    """``typed`` completed as far as it is unambiguous, and the names that fit it.

    Folders complete with a trailing ``/``; only folders and files kantlijn opens are
    offered. ``~`` is understood but kept as typed.
    """
    folder_part, _, prefix = typed.rpartition(os.sep)
    head = folder_part + os.sep if typed.count(os.sep) else ""
    folder = Path(os.path.expanduser(head or "."))
    try:
        entries = list(folder.iterdir())
    except OSError:
        return typed, []
    names = sorted(
        entry.name + (os.sep if entry.is_dir() else "")
        for entry in entries
        if entry.name.startswith(prefix)
        and (entry.is_dir() or entry.suffix.lower() in OPENABLE)
        and (prefix.startswith(".") or not entry.name.startswith("."))
    )
    if not names:
        return typed, []
    return head + _shared_start(names), names


def _shared_start(names: list[str]) -> str:
    """The characters every name starts with (names, not paths: compared as text)."""
    first, last = min(names), max(names)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


class PathInput(LineInput):
    """An input for a file path; Tab completes it (and lists the choices when several fit)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("open_path")

    def action_complete(self) -> None:
        """Complete the path typed so far."""
        completed, names = complete_path(self.value)
        if not names:
            self.notify("No folder or document here starts with that.", severity="warning",
                        timeout=3)
            return
        self.value = completed
        self.cursor_position = len(completed)
        if len(names) > 1:
            shown = "  ".join(names[:12]) + ("  …" if len(names) > 12 else "")
            self.notify(shown, title="Could be", timeout=4, markup=False)
