"""The library one command works on: opened once, its notices told, flushed at the end.

Shared by the library subcommands (:mod:`tui.commands.library`, :mod:`tui.commands.importing`,
:mod:`tui.commands.copies`). The search index follows in the same flush; when it cannot be
written, the command says what was saved and that the index will catch up, and succeeds.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tui.commands import warn

if TYPE_CHECKING:
    from tui.core.library.surface import LibrarySurface


@contextmanager
def library_session(args: argparse.Namespace, saved: str | None = None) -> Iterator[LibrarySurface]:
    """The library for one command; ``saved`` says what the command saves, for the line
    printed when the search index cannot follow ("tag saved; the search index will catch
    up")."""
    from tui.core.library.opener import open_library
    from tui.core.search.library_search import follow_existing_index

    with open_library(args.library) as library:
        told = _tell(library.notices, 0)
        search = follow_existing_index(library)  # the flush at the end updates the index
        try:
            yield library
            library.flush()
        finally:
            if search is not None:
                search.close()
        _tell(library.notices, told)
        if search is not None and search.behind is not None:
            if saved:
                warn(f"{saved}; the search index will catch up ({search.behind})")
            else:
                warn(f"the search index could not be updated ({search.behind}); it will "
                     "catch up")


def _tell(notices: list[str], told: int) -> int:
    """Print the notices from ``told`` on; returns how many are told now."""
    for notice in notices[told:]:
        warn(notice)
    return len(notices)
