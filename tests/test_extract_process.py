"""``kantlijn extract`` as a process: what it leaves behind in a caller's process, and what
it does not import for a document whose pages all have text."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from tui.cli import main

REPO = Path(__file__).resolve().parents[1]
MEMO = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"


@pytest.mark.parametrize("enabled", [True, False])
def test_extract_leaves_the_callers_collector_as_it_was(enabled: bool, tmp_path: Path) -> None:
    # The fuzz harness and the tests run many commands in one process: extract pauses the
    # cyclic collector while it reads and writes, and must give it back as it found it.
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with redirect_stdout(io.StringIO()) as out:
            code = main(["extract", "--quiet", "--library", str(tmp_path / "lib.json"),
                         str(MEMO)])
        assert code == 0
        assert '"annotations"' in out.getvalue()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_document_with_text_on_every_page_does_not_load_ocr(tmp_path: Path) -> None:
    probe = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['extract', '--quiet', '--library', {str(tmp_path / 'l.json')!r},"
        f" {str(MEMO)!r}])\n"
        "print(code, 'tui.core.ocr.pages' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, env={"XDG_DATA_HOME": str(tmp_path),
                                         "XDG_CONFIG_HOME": str(tmp_path),
                                         "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.stdout.split() == ["0", "False"], done.stderr
