"""A fresh team library per test on the session's PostgreSQL server.

Each test gets a database of its own, set up with ``kantlijn team init`` run as the
superuser (the database's owner), and two members, ``alice`` and ``bob``: login roles in
``kantlijn_member`` whose passwords are in a ``.pgpass`` file named by ``PGPASSFILE`` (as a
member's machine would keep them), never in a URI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from postgres_server import PostgresServer

if TYPE_CHECKING:
    from tui.core.model import Extraction
    from tui.core.team.library import TeamLibrary

MEMBERS = {"alice": "alice-Secret-7", "bob": "bob-Secret-9"}


@dataclass
class Team:
    """One test's team library: its database and how each member reaches it."""

    server: PostgresServer
    database: str
    pgpass: Path

    def uri(self, member: str = "alice") -> str:
        """The URI a member opens (no password: it is in the .pgpass file)."""
        return self.server.uri(self.database, member)

    def share(self, extraction: Extraction, pdf: Path) -> str:
        """alice imports ``extraction`` (read from ``pdf``) into the team library; its hash."""
        from tui.core.team.library import TeamLibrary

        with TeamLibrary.open(self.uri("alice")) as alice:
            return alice.add_document(extraction, pdf).sha256

    @contextmanager
    def members(self) -> Iterator[tuple[TeamLibrary, TeamLibrary]]:
        """alice's and bob's team libraries, open at once; closed after, not flushed (an
        app that was given them may have ended, and its listeners with it)."""
        from tui.core.team.library import TeamLibrary

        alice = TeamLibrary.open(self.uri("alice"))
        try:
            bob = TeamLibrary.open(self.uri("bob"))
            try:
                yield alice, bob
            finally:
                bob.close()
        finally:
            alice.close()

    @property
    def owner_uri(self) -> str:
        """The URI of the database's owner (the superuser here)."""
        return self.server.uri(self.database)


def make_team(postgres: PostgresServer, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """A new database with the team schema, members alice and bob, and their .pgpass."""
    from tui.core.team.connection import connect
    from tui.core.team.schema import initialize

    database = postgres.new_database()
    with connect(postgres.uri(database)) as connection:
        initialize(connection, database)
    for member, password in MEMBERS.items():
        postgres.admin_execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{member}') "
            f"THEN CREATE ROLE {member} LOGIN PASSWORD '{password}'; END IF; END $$",
            f"GRANT kantlijn_member TO {member}",
        )
    pgpass = folder / "pgpass"
    pgpass.write_text("".join(f"*:*:*:{m}:{p}\n" for m, p in MEMBERS.items()))
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return Team(postgres, database, pgpass)
