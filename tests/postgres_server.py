"""A real PostgreSQL server for the team-library tests, started once per test session.

``initdb`` makes a cluster in a temporary folder and ``pg_ctl`` starts it listening on a Unix
socket there only (no TCP port). PostgreSQL refuses to run as root, so where the tests run as
root the server runs as the ``postgres`` user (``runuser -u postgres --``) in a folder that
user owns. The superuser ``postgres`` connects without a password (it sets the cluster up);
every other role logs in with a password (SCRAM), as members of a team would.

Where no PostgreSQL binaries exist, :func:`find_bindir` returns None and the team tests skip
saying so (``.ci/run`` installs them).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "postgres"
PORT = 5432
"""Only names the socket file (``.s.PGSQL.5432``); the socket folder is private."""
NO_BINARIES = ("no PostgreSQL binaries (pg_ctl, initdb) on this machine: "
               "apt-get install postgresql")

HBA = """\
# kantlijn tests: Unix socket only; the superuser sets up, members log in with a password
local all postgres trust
local all all scram-sha-256
"""


def find_bindir() -> Path | None:
    """The folder holding ``pg_ctl`` and ``initdb``: on PATH, else Debian's newest, else None."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parent.parent.name or 0))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, on a Unix socket."""

    def __init__(self, bindir: Path) -> None:
        """Prepare (not start) a cluster using the binaries in ``bindir``."""
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kantlijn-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "server.log"
        self._as_postgres = os.geteuid() == 0
        self._databases = 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", SUPERUSER, "--"] if self._as_postgres else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command[:2])} failed: {done.stderr.strip()}\n{log}")

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), *args)

    def start(self) -> None:
        """``initdb`` the cluster and start it; returns when it accepts connections."""
        self.socket_dir.mkdir()
        if self._as_postgres:
            shutil.chown(self.root, SUPERUSER)
            shutil.chown(self.socket_dir, SUPERUSER)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
        (self.data / "pg_hba.conf").write_text(HBA)
        self.resume()

    def halt(self) -> None:
        """Stop the server (fast: open connections are cut), keeping its data: a team
        server gone away, for the offline tests."""
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start it (again) on the same socket; returns when it accepts connections."""
        if not (self.data / "postmaster.pid").exists():
            options = (f"-k {self.socket_dir} -c listen_addresses='' -p {PORT} -c fsync=off "
                       "-c max_connections=50")
            self._pg_ctl("-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        try:
            self.halt()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def uri(self, database: str, user: str = SUPERUSER) -> str:
        """A ``postgresql://`` URI for ``user`` on ``database`` over the socket (no password)."""
        return f"postgresql://{user}@/{database}?host={quote(str(self.socket_dir), safe='')}"

    def admin_execute(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser (no transaction: CREATE DATABASE works)."""
        import psycopg

        with psycopg.connect(self.uri(database), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.encode())

    def new_database(self) -> str:
        """A fresh, empty database owned by the superuser; returns its name."""
        self._databases += 1
        name = f"team_{os.getpid()}_{self._databases}"
        self.admin_execute(f'CREATE DATABASE "{name}"')
        return name


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def running(bindir: Path) -> Iterator[PostgresServer]:
    """Start a server, yield it, and stop it whatever happened — also when the run is ended
    with SIGTERM (``timeout``), which would otherwise leave the server running."""
    server = PostgresServer(bindir)
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_DFL and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        if previous == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def server_or_skip() -> Iterator[PostgresServer]:
    """For a fixture: :func:`running` on the binaries found, or skip the test saying none are."""
    import pytest

    bindir = find_bindir()
    if bindir is None:
        pytest.skip(NO_BINARIES)
    yield from running(bindir)


def server_or_exit() -> Iterator[PostgresServer]:
    """For a benchmark script: :func:`running` on the binaries found, or exit saying none are."""
    bindir = find_bindir()
    if bindir is None:
        sys.exit(NO_BINARIES)
    yield from running(bindir)
