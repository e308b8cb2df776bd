"""kantlijn's modules compiled to bytecode before a benchmark starts its processes.

An installed kantlijn comes compiled (``pip install`` writes the bytecode, as it does for
every peer a benchmark compares with). A checkout run with ``PYTHONDONTWRITEBYTECODE`` set
never writes it: each measured process would compile every module it imports whose bytecode
is missing or stale, and time what no user's run spends.
"""

from __future__ import annotations

import compileall
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def compile_kantlijn() -> None:
    """Write the bytecode of every module under ``tui/`` that lacks it (quietly)."""
    compileall.compile_dir(str(REPO / "tui"), quiet=1)
