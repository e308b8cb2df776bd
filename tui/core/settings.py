"""The user's settings: ``config.toml`` and ``keymap.toml`` in ``$XDG_CONFIG_HOME/kantlijn/``
(default ``~/.config/kantlijn/``), read together by :func:`load_settings`. Every key is
optional::

    # config.toml
    library = "postgresql://db.example.org/woo"   # a team library (or a library file)
    ocr = "auto"          # pages without a text layer: "auto" reads them by OCR,
                          # "never" leaves them empty, "always" reads every page by OCR
    ocr_seconds = 4       # CPU seconds OCR may spend on one page before it gives up
    [user]
    name = "Jansen, P."   # author of your own highlights and comments
                          # (default: your login name, else "me")
    [ui]
    theme = "nord"        # the theme; kantlijn writes it here when you pick one (ctrl+p)

    # keymap.toml: binding ids (the help screen lists them) to comma-separated keys
    [keymap]
    next_comment = "n,down"

A missing file means the defaults; a broken file or a wrong value gives a warning (the app
shows it as a notification) and the default is used, so a typo never stops kantlijn.
Pure: no Textual or Rich here.
"""

from __future__ import annotations

import getpass
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.files import atomic_write_bytes
from tui.core.ocr.need import OcrMode, ocr_mode
from tui.core.paths import config_dir
from tui.core.text import clean_line

CONFIG_FILE = "config.toml"
KEYMAP_FILE = "keymap.toml"
FALLBACK_NAME = "me"


def config_path() -> Path:
    """Where the user's settings live."""
    return config_dir() / CONFIG_FILE


def keymap_path() -> Path:
    """Where the user's keymap lives."""
    return config_dir() / KEYMAP_FILE


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
    theme: str | None = None
    """The theme the user picked last (``[ui] theme``), None for the default."""
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``ocr``; :mod:`tui.core.ocr.need`)."""
    ocr_seconds: float | None = None
    """CPU seconds OCR may spend on one page (``ocr_seconds``); None for the engine's own
    (:data:`tui.core.ocr.engine.CPU_SECONDS`)."""


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
    theme, warnings = _theme(data.get("ui", {}), path)
    ocr = _ocr(data.get("ocr"), path, warnings)
    seconds = _ocr_seconds(data.get("ocr_seconds"), path, warnings)
    name = user.get("name")
    if name is None:
        return Config(defaults.user_name, theme, ocr, seconds), warnings
    cleaned = clean_line(name).strip() if isinstance(name, str) else ""
    if not cleaned:
        return Config(defaults.user_name, theme, ocr, seconds), [
            *warnings, f"{path}: user.name must be a non-empty string; "
            f"using {defaults.user_name!r}"]
    return Config(user_name=cleaned, theme=theme, ocr=ocr, ocr_seconds=seconds), warnings


def _ocr(value: object, path: Path, warnings: list[str]) -> OcrMode:
    try:
        return ocr_mode(value if isinstance(value, str) or value is None else repr(value))
    except ValueError as error:
        warnings.append(f"{path}: {error}; \"auto\" is used")
        return "auto"


OCR_SECONDS_MOST = 600
"""The most ``ocr_seconds`` may say (a page is never read for longer: see the engine's
clock limit)."""


def _ocr_seconds(value: object, path: Path, warnings: list[str]) -> float | None:
    if value is None:
        return None
    if (isinstance(value, int | float) and not isinstance(value, bool)
            and 0 < value <= OCR_SECONDS_MOST):
        return float(value)
    warnings.append(f"{path}: ocr_seconds must be a number of seconds above 0 and at most "
                    f"{OCR_SECONDS_MOST}; the default is used")
    return None


def configured_library(path: Path | None = None) -> str | None:
    """``library = "…"`` in config.toml (a library file, or a team library's URI), or None
    (also when the file or the value cannot be used: :func:`load_config` warns of a broken
    file)."""
    try:
        data = tomllib.loads((path or config_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    value = data.get("library")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _theme(ui: object, path: Path) -> tuple[str | None, list[str]]:
    if not isinstance(ui, dict):
        return None, [f"{path}: [ui] must be a table; the default theme is used"]
    theme = ui.get("theme")
    if theme is None or (isinstance(theme, str) and theme.strip()):
        return (theme.strip() if theme else None), []
    return None, [f"{path}: ui.theme must be a theme's name; the default theme is used"]


def with_theme(text: str, theme: str) -> str:
    """``config.toml``'s ``text`` with ``[ui] theme`` set to ``theme``, the rest as it was
    (comments, order and all): the one line is replaced, or added under ``[ui]``."""
    setting = f"theme = {json.dumps(theme)}"  # a JSON string is a TOML basic string
    lines = text.splitlines()
    section, ui_at = None, None
    for index, raw in enumerate(lines):
        stripped = raw.strip()
        if stripped.startswith("["):
            section = stripped.strip("[] \t").split("#")[0].strip()
            ui_at = index if section == "ui" else ui_at
        elif section == "ui" and re.match(r"theme\s*=", stripped):
            lines[index] = setting
            return "\n".join(lines) + "\n"
    if ui_at is not None:
        lines.insert(ui_at + 1, setting)
    else:
        lines += ([""] if lines and lines[-1].strip() else []) + ["[ui]", setting]
    return "\n".join(lines) + "\n"


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember ``theme`` in ``config.toml`` (default :func:`config_path`); a warning when
    the file cannot be changed safely (it is then left as it was), else None."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        current = tomllib.loads(text)
        if isinstance(current.get("ui"), dict) and current["ui"].get("theme") == theme:
            return None
        changed = with_theme(text, theme)
        if tomllib.loads(changed).get("ui", {}).get("theme") != theme:
            raise ValueError("[ui] is not a plain table")
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, changed.encode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as error:
        # tomllib.TOMLDecodeError is a ValueError
        return f"{path}: the theme was not saved ({error})"
    return None


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The binding id -> keys mapping in ``path`` (default :func:`keymap_path`), and warnings.

    A missing file is an empty keymap; a broken file or wrong values give a warning each and
    are skipped.
    """
    path = path or keymap_path()
    if not path.is_file():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, [f"{path}: not read ({error})"]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keymap] must be a table"]
    keymap: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, keys in table.items():
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            warnings.append(f"{path}: keymap.{binding_id} must be a string of keys")
            continue
        keymap[str(binding_id)] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, warnings


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user configured: their name and their keys."""

    config: Config
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> comma-separated keys, only for the bindings the user remapped."""
    config_warnings: tuple[str, ...] = ()
    keymap_warnings: tuple[str, ...] = ()

    @property
    def user_name(self) -> str:
        """Author of the user's own highlights and comments."""
        return self.config.user_name

    @property
    def theme(self) -> str | None:
        """The theme the user picked last, or None for the default."""
        return self.config.theme


def load_settings() -> Settings:
    """Read ``config.toml`` and ``keymap.toml`` from the user's config folder."""
    config, config_warnings = load_config()
    keymap, keymap_warnings = load_keymap()
    return Settings(config, keymap, tuple(config_warnings), tuple(keymap_warnings))
