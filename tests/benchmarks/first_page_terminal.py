"""Benchmark: first page as a user sees it, in a real terminal (tmux).

Run: ``.venv/bin/python tests/benchmarks/first_page_terminal.py [--pages 1000] [--runs 3]``
(``--quick``: 30 pages and one run, for CI).

For the sample memo (3 pages) and a generated document of ``--pages`` pages, it launches
``kantlijn FILE`` in a detached tmux session on a private tmux server (``-L``, so no user
session is touched) and polls ``tmux capture-pane -p`` until a line of page 1's text shows.
The time runs from just before the session is created (the tmux server is already running,
as a user's terminal is) to the first capture that holds the text.

Each run uses a temporary library (never the user's own): a **cold** open (an empty
library, the file seen for the first time) and then a **cached** one (the same library,
the file read before to its last page: ``kantlijn import`` in between, since the cold
launch quits once page 1 shows). Prints min / median / max over the runs.

Target: page 1 shows within 1.0 s of launching ``kantlijn FILE``, for both documents.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from _bytecode import compile_kantlijn  # noqa: E402

from tools.pdfgen.bulk import write_generated  # noqa: E402

MEMO = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
SOCKET = f"kantlijn-bench-{os.getpid()}"
TIMEOUT = 60.0


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def page_one_marker(pdf: Path) -> str:
    """A piece of page 1's text the reader shows on its first screen (its third line)."""
    from pypdf import PdfReader

    from tui.core.pdf.content_walk import extract_page_text

    lines = [line.text.strip() for line in extract_page_text(PdfReader(pdf), 0).lines]
    long_lines = [line for line in lines if len(line) >= 16]
    return long_lines[min(2, len(long_lines) - 1)][:16]


def one_launch(pdf: Path, marker: str, env: dict[str, str], name: str) -> float:
    """Seconds from launching ``kantlijn pdf`` in tmux until ``marker`` is on the screen."""
    kantlijn = shutil.which("kantlijn", path=str(Path(sys.executable).parent)) or "kantlijn"
    command = f"exec {kantlijn} '{pdf}'"
    # PYTHONPATH too when set: the same venv then runs another checkout (main, side by side).
    env_args = [arg for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "KANTLIJN_LIBRARY",
                                "PYTHONPATH") if key in env
                for arg in ("-e", f"{key}={env[key]}")]
    started = time.perf_counter()
    _tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "48", *env_args, command)
    try:
        while time.perf_counter() - started < TIMEOUT:
            screen = _tmux("capture-pane", "-p", "-t", name).stdout
            if marker in screen:
                return time.perf_counter() - started
            time.sleep(0.005)
        raise RuntimeError(f"page 1 never showed ({marker!r}):\n{screen}")
    finally:
        _tmux("send-keys", "-t", name, "q")
        for _ in range(200):  # let it save and quit, so the next run's library is complete
            if _tmux("has-session", "-t", name).returncode != 0:
                break
            time.sleep(0.05)
        _tmux("kill-session", "-t", name)


def read_in_full(pdf: Path, env: dict[str, str]) -> None:
    """Have the library read ``pdf`` to its last page (a cold launch quits once page 1
    shows: for a long document, before it was cached), as the cached launch assumes."""
    kantlijn = shutil.which("kantlijn", path=str(Path(sys.executable).parent)) or "kantlijn"
    subprocess.run([kantlijn, "import", str(pdf)], env={**os.environ, **env}, check=True,
                   stdout=subprocess.DEVNULL)


def _summary(label: str, figures: list[float]) -> None:
    print(f"{label:44} min {min(figures):.2f} s  median {statistics.median(figures):.2f} s  "
          f"max {max(figures):.2f} s  (target <= 1.0 s)")


def measure(label: str, pdf: Path, runs: int, folder: Path) -> None:
    """``runs`` cold and cached launches of ``pdf``, each pair on a fresh library."""
    marker = page_one_marker(pdf)
    cold, cached = [], []
    for run in range(runs):
        home = folder / f"{pdf.stem}-{run}"
        home.mkdir()
        env = {"XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home),
               "KANTLIJN_LIBRARY": str(home / "library.json")}
        if "PYTHONPATH" in os.environ:  # another checkout, run side by side
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        cold.append(one_launch(pdf, marker, env, f"cold-{run}"))
        read_in_full(pdf, env)
        cached.append(one_launch(pdf, marker, env, f"cached-{run}"))
    _summary(f"{label}, cold", cold)
    _summary(f"{label}, cached", cached)


def main() -> int:
    """Measure the memo and the generated document; 1 when tmux is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="30 pages, one run (CI)")
    args = parser.parse_args()
    if args.quick:
        args.pages, args.runs = 30, 1
    if shutil.which("tmux") is None:
        print("tmux is not installed: nothing measured")
        return 1
    compile_kantlijn()
    _tmux("new-session", "-d", "-s", "keepalive", "sleep 100000")  # the terminal, running
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            pdf = write_generated(folder / "generated.pdf", args.pages)
            print(f"launch `kantlijn FILE` in tmux -> page 1 text on screen, {args.runs} runs")
            measure("3-page memo", MEMO, args.runs, folder)
            measure(f"{args.pages}-page generated document", pdf, args.runs, folder)
    finally:
        _tmux("kill-server")
    return 0


if __name__ == "__main__":
    sys.exit(main())
