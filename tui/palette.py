"""The command palette (ctrl+p): the current screen's commands, the tag manager, copies.

A screen offers commands by implementing :class:`OffersCommands`; the commands of its scope
in the action table (:mod:`tui.actions`) are the usual start, plus anything that depends on
the document (the reader adds a jump to each nota).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui.actions import Scope, actions_in


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One palette entry: its name (matched as plain text), help line and what it runs."""

    name: str
    help: str
    run: Callable[[], object]


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with commands for the palette."""

    def palette_commands(self) -> list[PaletteCommand]:
        """Every command the screen offers now."""
        ...


def table_commands(screen: Screen[Any], scope: Scope) -> list[PaletteCommand]:
    """The palette entries of ``scope`` in the action table, run on ``screen``."""
    return [
        PaletteCommand(action.label, action.description, partial(screen.run_action, action.action))
        for action in actions_in(scope)
        if action.palette
    ]


class _CommandList(Provider):
    """A provider over a list of :class:`PaletteCommand` (subclasses say which)."""

    def commands(self) -> list[PaletteCommand]:
        """The commands offered now."""
        return []

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for command in self.commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands whose name fits ``query``."""
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, text=command.name,
                          help=command.help)


class ScreenCommands(_CommandList):
    """Offers the current screen's commands; names are matched as plain text."""

    def commands(self) -> list[PaletteCommand]:
        """What the current screen offers."""
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, OffersCommands) else []


class AppCommands(_CommandList):
    """Offers the app's own commands (saved searches), on every screen."""

    def commands(self) -> list[PaletteCommand]:
        """What the app offers."""
        app = self.app
        return app.palette_commands() if isinstance(app, OffersCommands) else []


class TagCommands(_CommandList):
    """The tag manager's entry (on every screen): runs the app's ``manage_tags`` action."""

    NAME = "Tags: rename or merge…"
    HELP = "Rename a tag everywhere; renaming onto an existing tag merges them"

    def commands(self) -> list[PaletteCommand]:
        """The one entry."""
        return [PaletteCommand(self.NAME, self.HELP, partial(self.app.run_action, "manage_tags"))]


@runtime_checkable
class ShowsDocument(Protocol):
    """A screen about one document of the library (the reader, its dossier)."""

    @property
    def doc(self) -> str | None:
        """The document's hash, once it is in the library."""
        ...


class CopyCommands(_CommandList):
    """Copies of the document on screen: link, unlink, compare (the app runs them)."""

    COMMANDS = (
        ("Link as copy of…", "Link this document to another as copies of one release "
         "(their comments matched; tags and notes shared)", "link_copy"),
        ("Unlink copy…", "Take a copy out of this document's release (each keeps its tags "
         "and notes)", "unlink_copy"),
        ("Compare with a copy…", "What changed between this document and a linked copy, "
         "the comments each has, and the tags and notes orphaned", "compare_copies"),
    )

    def commands(self) -> list[PaletteCommand]:
        """The three, on a screen that shows a document of the library."""
        screen = self.screen
        if not isinstance(screen, ShowsDocument) or screen.doc is None:
            return []
        return [PaletteCommand(name, help, partial(self.app.run_action, action))
                for name, help, action in self.COMMANDS]
