"""Following a team library while the app is open: waiting on its change feed, and the
errors that mean its connection broke.

:func:`follow` runs in a worker thread with a connection of its own (the library's is the UI
thread's): it waits on ``LISTEN`` (:class:`~tui.core.team.changes.ChangeFeed`), not polling,
and hands every batch of change numbers to a callback that posts a message to the app.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from tui.core.errors import KantlijnError

WAIT_SECONDS = 0.5
"""How long one wait on the feed lasts before the worker checks whether it must stop (a
change arriving ends the wait at once)."""


def connection_errors() -> tuple[type[BaseException], ...]:
    """What a library call raises when the team library's server went away: a
    :class:`KantlijnError` from the core, or the driver's own error from a read."""
    # Only a team library imports the driver: without it no driver error can be raised,
    # and importing it here would cost every start-up a quarter of a second.
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return (KantlijnError, OSError)
    error: type[BaseException] = psycopg.Error
    return (KantlijnError, OSError, error)


def follow(uri: str, changed: Callable[[list[int]], object],
           cancelled: Callable[[], bool]) -> str | None:
    """Wait on the change feed of the team library at ``uri`` until ``cancelled()``,
    calling ``changed`` with each batch of change numbers — first with none, once listening,
    so what changed before the feed started is caught up with too.

    Returns:
        None when cancelled; the reason (one line) when the connection broke or could not
        be made.
    """
    from tui.core.team.changes import ChangeFeed

    try:
        feed = ChangeFeed(uri)
    except KantlijnError as error:
        return str(error)
    try:
        changed([])
        while not cancelled():
            numbers = feed.wait(WAIT_SECONDS)
            if numbers:
                changed(numbers)
    except KantlijnError as error:
        return str(error)
    finally:
        with contextlib.suppress(*connection_errors()):
            feed.close()
    return None


def trouble(error: BaseException) -> str:
    """One line for the user about a library call that failed (no password: the core's
    sentences never hold one, and the driver's are cut to their first line)."""
    if isinstance(error, KantlijnError):
        return str(error)
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"the team library cannot be reached now ({first})"
