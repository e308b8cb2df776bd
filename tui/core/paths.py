"""Where kantlijn keeps things: the user's library, config, and its own bundled files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kantlijn"
SAMPLE_NAME = "nota-actieagenda-integratie.pdf"
PUBLISHED_SAMPLE_NAME = "nota-actieagenda-integratie-gepubliceerd.pdf"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_REPO_DIR = _PACKAGE_DIR.parent


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def data_dir() -> Path:
    """``$XDG_DATA_HOME/kantlijn`` (default ``~/.local/share/kantlijn``)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_NAME


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/kantlijn`` (default ``~/.config/kantlijn``)."""
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_NAME


def library_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The library file: ``override``, else ``$KANTLIJN_LIBRARY``, else in :func:`data_dir`."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("KANTLIJN_LIBRARY")
    if env:
        return Path(env).expanduser()
    return data_dir() / "library.json"


def _bundled(name: str) -> Path:
    """A folder shipped with kantlijn: inside the package (wheel) or at the repo top (editable)."""
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _REPO_DIR / name


def styles_dir() -> Path:
    """The folder with kantlijn's ``.tcss`` files."""
    return _bundled("styles")


def sample_path() -> Path:
    """The bundled sample release (several nota's with a reviewer's comments)."""
    return _bundled("sample_docs") / SAMPLE_NAME


def sample_release_path() -> Path:
    """The bundled sample Woo release: a folder with the decision letter, the inventory and
    the nota's as documents named by their number."""
    return _bundled("sample_docs") / "woo-besluit"


def sample_paths() -> list[Path]:
    """The bundled samples: the release with live annotations, then as it is published
    (flattened, each page followed by its printed comment summary)."""
    folder = _bundled("sample_docs")
    return [folder / SAMPLE_NAME, folder / PUBLISHED_SAMPLE_NAME]
