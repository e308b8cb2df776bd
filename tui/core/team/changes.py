"""The change sequence of a team library: read what changed since N, or wait to be told.

Every change on the server (a document added, a tag added or removed, a note version, an own
annotation or question mark written) is a row of ``kantlijn.changes`` numbered in commit
order, and ``NOTIFY kantlijn_changes`` carries its number. A follower remembers the last
number it has seen and reads the rest with :func:`changes_since`; :class:`ChangeFeed` waits
on ``LISTEN`` (no polling) on a connection of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tui.core.team.connection import connect, connection_error
from tui.core.team.schema import CHANNEL

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its number, when, by which member, to what (``kind`` is the table:
    documents, tags, notes, own_annotations, questions) and how (insert, update, delete)."""

    seq: int
    at: datetime
    member: str
    kind: str
    action: str
    doc: str | None
    annotation: str | None


def latest(connection: psycopg.Connection[Any], kind: str | None = None) -> int:
    """The number of the last change (of ``kind`` only, when given); 0 when none."""
    if kind is None:
        row = connection.execute("SELECT coalesce(max(seq), 0) FROM kantlijn.changes").fetchone()
    else:
        row = connection.execute(
            "SELECT coalesce(max(seq), 0) FROM kantlijn.changes WHERE kind = %s", (kind,)
        ).fetchone()
    return int(row[0]) if row else 0


def changes_since(
    connection: psycopg.Connection[Any], seq: int, limit: int = 10_000
) -> list[Change]:
    """The changes numbered after ``seq``, in order, at most ``limit``."""
    rows = connection.execute(
        "SELECT seq, at, member, kind, action, doc, annotation FROM kantlijn.changes "
        "WHERE seq > %s ORDER BY seq LIMIT %s",
        (seq, limit),
    ).fetchall()
    return [Change(*row) for row in rows]


class ChangeFeed:
    """``LISTEN kantlijn_changes`` on a connection of its own.

    Usage::

        feed = ChangeFeed(uri)
        numbers = feed.wait(timeout=1.0)   # [] when nothing came in time
        feed.close()
    """

    def __init__(self, uri: str) -> None:
        """Connect to the team library at ``uri`` and start listening."""
        self.uri = uri
        self._connection = connect(uri, autocommit=True)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[int]:
        """Change numbers announced since the last call; waits up to ``timeout`` seconds for
        the first one, then takes whatever else has arrived.

        Raises:
            KantlijnError: the connection broke (one line, no password).
        """
        import psycopg

        try:
            numbers = [int(n.payload) for n in
                       self._connection.notifies(timeout=timeout, stop_after=1)]
            if numbers:
                numbers += [int(n.payload) for n in
                            self._connection.notifies(timeout=0.0)]
        except psycopg.Error as error:
            raise connection_error(self.uri, error) from None
        return numbers

    def close(self) -> None:
        """Stop listening and close the connection."""
        self._connection.close()
