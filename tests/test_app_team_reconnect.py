"""The app looking for a team server that went away: the screen never waits for it.

A server that does not answer (a host gone off the network, a firewall dropping packets)
holds a connection attempt until the connect timeout. That attempt runs in a worker thread:
here a socket that takes connections and never answers stands where the server was, and
the user's keys are handled while an attempt hangs on it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PORT, PostgresServer
from reader_fixture import until
from team_fixture import make_team
from test_app_team import SIZE, offline_told, own_server, server_gone
from textual.screen import Screen

from tui.app import make_app
from tui.core.document import load
from tui.services.library import close_library, open_app_library

__all__ = ["own_server"]  # the fixture, used by name


class SilentServer:
    """A Unix socket where the server's was, taking connections and never answering."""

    def __init__(self, path: Path) -> None:
        """Listen at ``path`` (accepting in a thread) until :meth:`close`."""
        self.held: list[socket.socket] = []
        self._listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listening.bind(str(path))
        self._listening.listen(8)
        self._path = path
        threading.Thread(target=self._take, daemon=True).start()

    def _take(self) -> None:
        while True:
            try:
                connection, _ = self._listening.accept()
            except OSError:  # closed
                return
            self.held.append(connection)  # kept open, never answered

    def close(self) -> None:
        """Drop every held connection (the client sees the end at once) and stop."""
        if self._listening.fileno() == -1:
            return  # closed already
        self._listening.close()
        self._path.unlink(missing_ok=True)
        for connection in self.held:
            connection.close()


@pytest.fixture
def silent_servers() -> Iterator[list[SilentServer]]:
    """Where a test keeps the silent sockets it makes; each is closed after the test."""
    made: list[SilentServer] = []
    yield made
    for silent in made:
        silent.close()


async def test_keys_are_handled_while_a_reconnect_hangs_on_a_silent_server(
    own_server: PostgresServer, silent_servers: list[SilentServer], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, sample_pdf: Path,
) -> None:
    server = own_server
    team = make_team(server, tmp_path, monkeypatch)
    team.share(load(sample_pdf), sample_pdf)
    library = open_app_library(team.uri("bob"))
    # a long connect timeout: an attempt on the silent socket ends only when it is closed
    library.uri = f"{team.uri('bob')}&connect_timeout=120"  # type: ignore[attr-defined]
    bob = make_app(library, str(sample_pdf))
    try:
        async with bob.run_test(size=SIZE) as b:
            reader = await server_gone(b, server)
            silent = SilentServer(server.socket_dir / f".s.PGSQL.{PORT}")
            silent_servers.append(silent)
            await until(b, lambda: silent.held, "the app to try the silent server")
            assert bob.team._reaching  # the attempt hangs, in its worker

            await b.press("question_mark")
            await until(b, lambda: bob.screen is not reader, "the help to open")
            help_screen: Screen[object] = bob.screen
            assert "Help" in type(help_screen).__name__
            assert bob.team._reaching and silent.held  # still hanging: keys did not wait

            silent.close()  # the attempt fails at once; the app keeps trying, offline
            await until(b, lambda: not bob.team._reaching, "the attempt to end")
            assert bob.team.offline
            assert offline_told(bob, 0)
    finally:
        close_library(library)
