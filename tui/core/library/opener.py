"""The one place a library is opened: a library file, or a team library in PostgreSQL.

Where the library is comes from ``--library`` (``location``), else ``KANTLIJN_LIBRARY``, else
``library = "…"`` in config.toml, else the default file. A ``postgresql://`` URI there opens
a :class:`~tui.core.team.library.TeamLibrary`; anything else is a library file.
"""

from __future__ import annotations

import os

from tui.core.library.surface import LibrarySurface
from tui.core.settings import configured_library
from tui.core.team.connection import is_team_uri


def library_location(location: str | os.PathLike[str] | None = None) -> str | None:
    """Where the library is (see the module), or None for the default file."""
    if location:
        return os.fspath(location)
    return os.environ.get("KANTLIJN_LIBRARY") or configured_library() or None


def open_library(location: str | os.PathLike[str] | None = None) -> LibrarySurface:
    """Open the library the user picked.

    Raises:
        KantlijnError: a library file that cannot be used (see ``Library.open``), or a team
            library that cannot be reached ("cannot reach the team library at HOST/DB: …"):
            one line; nothing is queued for later.
    """
    chosen = library_location(location)
    if is_team_uri(chosen):
        from tui.core.team.library import TeamLibrary

        assert chosen is not None
        return TeamLibrary.open(chosen)
    from tui.core.library.library import Library

    return Library.open(chosen)
