"""Connecting to a team library: a ``postgresql://`` URI, read the libpq way.

Everything libpq knows applies (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``, ``sslmode`` and
the other parameters in the URI), because the URI goes to libpq as it is. A password never
shows: a URI that holds one is refused (it would stand in the process list and in shell
history; ``~/.pgpass`` or ``PGPASSWORD`` keep it), and every error names the library as
``HOST/DB`` and has any password text taken out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from tui.core.errors import KantlijnError

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")
INSTALL_HINT = "pip install 'kantlijn[team]'"
_URI_PASSWORD = re.compile(r"^[a-z]+://[^/@?#]*?:([^@/?#]*)@", re.I)
_PARAM_PASSWORD = re.compile(r"[?&]password=([^&#]*)", re.I)


def is_team_uri(location: object) -> bool:
    """True when ``location`` names a team library (a PostgreSQL URI), not a library file."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def _passwords_in(uri: str) -> list[str]:
    """The password text a URI holds, as typed and decoded (to take out of messages)."""
    found = [m.group(1) for m in (_URI_PASSWORD.match(uri), _PARAM_PASSWORD.search(uri)) if m]
    return [p for raw in found if raw for p in {raw, unquote(raw)}]


def scrub(text: str, uri: str) -> str:
    """``text`` with any password of ``uri`` replaced by ``***`` and made one line."""
    for password in _passwords_in(uri):
        text = text.replace(password, "***")
    return " ".join(text.split())


def _driver() -> Any:
    try:
        import psycopg
    except ImportError:
        raise KantlijnError(
            f"a team library needs the PostgreSQL driver psycopg: {INSTALL_HINT}"
        ) from None
    return psycopg


def parameters(uri: str) -> dict[str, Any]:
    """The connection parameters libpq reads from ``uri`` (not the environment's).

    Raises:
        KantlijnError: the URI does not parse (the message holds no password).
    """
    psycopg = _driver()
    try:
        return dict(psycopg.conninfo.conninfo_to_dict(uri))
    except psycopg.Error as error:
        raise KantlijnError(f"not a PostgreSQL URI: {scrub(str(error), uri)}") from None


def where(uri: str) -> str:
    """``HOST/DB`` of a team library URI, for messages (a socket folder stands as the host)."""
    try:
        params = parameters(uri)
    except KantlijnError:
        return "?"
    host = params.get("host") or params.get("hostaddr")
    if not host and params.get("service"):
        return f"service {params['service']}"
    database = params.get("dbname") or params.get("user") or "?"
    return f"{str(host or 'localhost').split(',')[0]}/{database}"


def check_uri(uri: str) -> None:
    """Refuse a URI that holds a password (with the sentence that says where it goes).

    Raises:
        KantlijnError: a password in the URI, or a URI that does not parse.
    """
    if parameters(uri).get("password") is not None or _passwords_in(uri):
        raise KantlijnError(
            f"the team library URI for {where(uri)} holds a password: keep it in ~/.pgpass "
            "or PGPASSWORD instead (a URI shows in the process list and shell history)"
        )


CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer when opening the library."""
RECONNECT_TIMEOUT = 3
"""Seconds to wait when looking for a server that went away: an app closing meanwhile
waits for the attempt to end."""


def connect(uri: str, *, autocommit: bool = True,
            timeout: int = CONNECT_TIMEOUT) -> psycopg.Connection[Any]:
    """Connect to the team library at ``uri`` (waiting at most ``timeout`` seconds for a
    server that does not answer, unless the URI names its own ``connect_timeout``).

    Raises:
        KantlijnError: "cannot reach the team library at HOST/DB: …" (or "cannot log in …"),
            one line, exit status 1; the driver missing says how to install it.
    """
    check_uri(uri)
    psycopg = _driver()
    params = parameters(uri)
    extra: dict[str, Any] = {"application_name": "kantlijn"}
    if "connect_timeout" not in params:
        extra["connect_timeout"] = timeout
    try:
        return psycopg.connect(uri, autocommit=autocommit, **extra)
    except psycopg.Error as error:
        raise connection_error(uri, error) from None


class UnreachableError(KantlijnError):
    """The server cannot be reached (not a refused log-in): the app may read offline."""


def connection_error(uri: str, error: BaseException) -> KantlijnError:
    """The one-line error for a connection that failed or broke."""
    reason = scrub(str(error), uri).removeprefix("connection failed: ")
    refused = ("authentication failed", "no password supplied", "password is required",
               "is not permitted to log in")
    unknown_role = 'role "' in reason and "does not exist" in reason
    if unknown_role or any(words in reason for words in refused):
        return KantlijnError(f"cannot log in to the team library at {where(uri)}: {reason}")
    return UnreachableError(f"cannot reach the team library at {where(uri)}: {reason}")
