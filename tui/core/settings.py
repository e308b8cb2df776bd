"""The user's settings, from ``$XDG_CONFIG_HOME/kantlijn/config.toml`` (default
``~/.config/kantlijn/config.toml``). Every key is optional::

    [user]
    name = "Jansen, P."   # author of your own highlights and comments
                          # (default: your login name, else "me")

A missing file means the defaults; a broken file or a wrong value gives a warning (the app
shows it as a notification) and the default is used, so a typo never stops kantlijn.
Pure: no Textual or Rich here.
"""

from __future__ import annotations

import getpass
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tui.core.paths import config_dir
from tui.core.text import clean_line

CONFIG_FILE = "config.toml"
FALLBACK_NAME = "me"


def config_path() -> Path:
    """Where the user's settings live."""
    return config_dir() / CONFIG_FILE


def default_user_name() -> str:
    """The login name (``getpass.getuser()``), else ``"me"``."""
    try:
        name = clean_line(getpass.getuser()).strip()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return FALLBACK_NAME
    return name or FALLBACK_NAME


@dataclass(frozen=True, slots=True)
class Config:
    """The settings kantlijn uses."""

    user_name: str
    """Author of the user's own highlights and comments."""


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (default :func:`config_path`) and warnings about the file."""
    path = path or config_path()
    defaults = Config(user_name=default_user_name())
    if not path.is_file():
        return defaults, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return defaults, [f"{path}: not read, defaults used ({error})"]
    user = data.get("user", {})
    if not isinstance(user, dict):
        return defaults, [f"{path}: [user] must be a table; defaults used"]
    name = user.get("name")
    if name is None:
        return defaults, []
    cleaned = clean_line(name).strip() if isinstance(name, str) else ""
    if not cleaned:
        return defaults, [f"{path}: user.name must be a non-empty string; "
                          f"using {defaults.user_name!r}"]
    return Config(user_name=cleaned), []
