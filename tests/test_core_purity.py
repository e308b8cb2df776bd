"""tui.core is the pure layer: importing any of it must not pull in textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.core


def _core_modules() -> list[str]:
    return [
        f"tui.core.{info.name}" for info in pkgutil.iter_modules(tui.core.__path__)
    ]


def test_core_has_modules() -> None:
    assert "tui.core.model" in _core_modules()


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
