"""A page Tesseract cannot read within its CPU budget is left unread with one warning, by
the library and by the program alike: an image that holds no text (a damaged scan decoded
to streaks) cost 7 CPU seconds for one page before, for words that were noise (issue 26).

The budget is set to 0 s in the child, so the page is stopped however fast the machine is;
the same page within the normal budget is the control.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scans import scan_pdf

from tui.core.ocr.engine import CPU_SECONDS, INSTALL_LINE

HERE = Path(__file__).resolve().parent
PUBLISHED = HERE.parent / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason=f"Tesseract is not installed ({INSTALL_LINE})")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan_pdf(PUBLISHED, tmp_path_factory.mktemp("budget") / "scan.pdf", pages=[1])


def _read(scan: Path, seconds: float | str, way: str, **env: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "ocr_budget_child.py"), str(scan), "1", str(seconds), way],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "PYTHONPATH": str(HERE.parent), **env},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in seen:
        pytest.skip(str(seen["error"]))
    return seen


@pytest.mark.parametrize("way", ["library", "program"])
def test_a_page_past_its_cpu_budget_is_left_unread_and_says_so(scan: Path, way: str) -> None:
    read = _read(scan, CPU_SECONDS, way)
    assert read["warning"] is None
    assert any("Pijler" in line or "integratie" in line for line in read["lines"]), read

    stopped = _read(scan, 0.0, way)
    assert stopped["lines"] == []
    assert stopped["warning"] == ("page 1: not read by OCR, stopped after 0 s of CPU "
                                  "(its image does not read as text)")


def test_config_toml_sets_the_budget(scan: Path, tmp_path: Path) -> None:
    """``ocr_seconds`` in config.toml gives OCR more (or less) CPU time a page: a slow
    machine may need more than the 4 s of this one."""
    (tmp_path / "kantlijn").mkdir()
    (tmp_path / "kantlijn" / "config.toml").write_text("ocr_seconds = 0.001\n")
    stopped = _read(scan, "config", "library", XDG_CONFIG_HOME=str(tmp_path))
    assert stopped["lines"] == []
    assert stopped["warning"] == ("page 1: not read by OCR, stopped after 0.001 s of CPU "
                                  "(its image does not read as text)")
    (tmp_path / "kantlijn" / "config.toml").write_text("ocr_seconds = 30\n")
    read = _read(scan, "config", "library", XDG_CONFIG_HOME=str(tmp_path))
    assert read["warning"] is None and read["lines"]
