"""tui.core is the pure layer: importing any of it must not pull in textual or rich's markup.

Every module below ``tui/core`` is imported, however deep its package, in a fresh interpreter.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core


def _core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(tui.core.__path__, prefix="tui.core.")
    )


def test_every_core_module_is_walked() -> None:
    """The walk reaches every .py file under tui/core (nested packages included)."""
    folder = Path(tui.core.__file__).parent
    on_disk = {
        "tui.core." + ".".join(path.relative_to(folder).with_suffix("").parts)
        for path in folder.rglob("*.py") if path.name != "__init__.py"
    }
    walked = set(_core_modules())
    assert on_disk <= walked, f"not walked: {sorted(on_disk - walked)}"
    assert "tui.core.search.query" in walked


def test_importing_core_does_not_import_textual() -> None:
    modules = ["tui.core", *_core_modules()]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')"
        " or m == 'rich.markup')\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"tui.core imported {result.stdout.strip()}"
