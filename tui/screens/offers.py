"""What a screen offers the app, so the app asks instead of reaching into the screen.

A screen names the scopes of :mod:`tui.actions` its help lists (:class:`HelpScoped`) and,
when the export dialog can start from it, the query that selects what it shows
(:class:`ExportSource`). The app checks for these and knows no screen class.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from tui.actions import Scope


@runtime_checkable
class HelpScoped(Protocol):
    """A screen whose keys the help screen lists (besides the app's own)."""

    HELP_SCOPES: ClassVar[tuple[Scope, ...]]


@runtime_checkable
class ExportSource(Protocol):
    """A screen the export dialog starts from."""

    def export_query(self) -> str:
        """The search query that selects what the screen shows (empty: everything)."""
        ...
