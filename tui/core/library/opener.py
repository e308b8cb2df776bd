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


def open_library(location: str | os.PathLike[str] | None = None, *,
                 for_app: bool = False) -> LibrarySurface:
    """Open the library the user picked.

    A team library opened ``for_app`` keeps working when its server goes away: changes wait
    in an outbox on disk (``queue_when_offline``) and a synced copy is kept; when the server
    cannot be reached at start it opens read-only from that copy (``read_only``, with a
    notice in ``notices``). The command line (``for_app`` False) never queues.

    Raises:
        KantlijnError: a library file that cannot be used (see ``Library.open``), or a team
            library that cannot be reached ("cannot reach the team library at HOST/DB: …"),
            for the app only when no synced copy is on this machine: one line.
    """
    chosen = library_location(location)
    if is_team_uri(chosen):
        from tui.core.team.library import TeamLibrary

        assert chosen is not None
        return TeamLibrary.open_for_app(chosen) if for_app else TeamLibrary.open(chosen)
    from tui.core.library.library import Library

    return Library.open(chosen)
