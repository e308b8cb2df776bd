"""The reader's commands in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.core.text import clean_line

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen

Command = tuple[str, str, Callable[[], object]]


def reader_commands(screen: ReaderScreen) -> list[Command]:
    """(name, help, callback) of every reader command, nota jumps included."""
    commands: list[Command] = [
        ("Next comment", "Jump to the next comment", partial(screen.action_next, 1)),
        ("Previous comment", "Jump to the previous comment", partial(screen.action_next, -1)),
        ("Next nota", "Jump to the next nota", partial(screen.action_nota, 1)),
        ("Previous nota", "Jump to the previous nota", partial(screen.action_nota, -1)),
        ("Go to page", "Type a page number", partial(screen.action_prompt, "page")),
        ("Find in document", "Type text to find", partial(screen.action_prompt, "find")),
        ("End find", "Remove the find highlights", screen.action_clear),
        ("Toggle nota list", "Show or hide the nota list", screen.action_toggle_notas),
        ("Library", "Back to the library", screen.action_library),
    ]
    extraction = screen.extraction
    for nota in extraction.notas if extraction else []:
        title = clean_line(nota.title).strip()
        commands.append(
            (f"Nota {nota.index}: {title}", f"Go to page {nota.first_page}",
             partial(screen.goto_nota, nota.index))
        )
    return commands


class ReaderCommands(Provider):
    """Offers the reader's commands; nota titles are matched as plain text."""

    def _commands(self) -> list[Command]:
        from tui.screens.reader import ReaderScreen

        screen = self.screen
        return reader_commands(screen) if isinstance(screen, ReaderScreen) else []

    async def discover(self) -> Hits:
        """All commands, before anything is typed."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name fits ``query``."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
