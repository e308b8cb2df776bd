"""Key remapping from ``$XDG_CONFIG_HOME/kantlijn/keymap.toml``.

The file maps binding ids to comma-separated keys::

    [keymap]
    next_comment = "n,down"
    find = "ctrl+f"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.core.paths import config_dir

KEYMAP_FILE = "keymap.toml"


def keymap_path() -> Path:
    """Where the user's keymap lives."""
    return config_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The binding id -> keys mapping, and warnings about anything unusable.

    A missing file is an empty keymap; a broken file or wrong values give a warning each and
    are skipped, so a typo never stops kantlijn from starting.
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
