"""Benchmark: opening a big PDF in the reader (headless).

Run: ``/work/venv/bin/python tests/benchmarks/open.py [--pages 1000]``. Prints figures:
process start -> first page painted, -> whole document read, jump-to-page time, peak memory.
The child process does the measuring so the start time includes Python and Textual imports.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZE = (160, 48)


async def _measure(path: str, started: float) -> None:
    from tui.app import make_app
    from tui.screens.reader import ReaderScreen

    app = make_app(file=path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while not (isinstance(screen, ReaderScreen) and screen.page_view.layout_):
            await asyncio.sleep(0.005)
            screen = app.screen
        view = screen.page_view
        [view.render_line(y) for y in range(view.size.height)]
        first = time.time() - started
        await app.workers.wait_for_complete()
        await pilot.pause()
        whole = time.time() - started
        pages = screen.extraction.document.pages if screen.extraction else 0
        tick = time.perf_counter()
        screen.goto_page(max(1, pages * 9 // 10))
        [view.render_line(y) for y in range(view.size.height)]
        jump = time.perf_counter() - tick
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages: {pages}")
    print(f"start -> first page painted: {first:.2f} s")
    print(f"start -> whole document read: {whole:.2f} s")
    print(f"jump to page {pages * 9 // 10} and paint: {jump * 1000:.1f} ms")
    print(f"peak memory: {peak_mb:.0f} MB")


def main() -> None:
    """Generate the PDF, then measure in a fresh process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(_measure(args.child, args.started))
        return
    from tui.core.pdfwrite_bulk import write_generated

    with tempfile.TemporaryDirectory() as folder:
        pdf = write_generated(Path(folder) / "big.pdf", args.pages)
        env = {**os.environ, "XDG_CONFIG_HOME": folder}
        command = [sys.executable, __file__, "--child", str(pdf), "--started"]
        subprocess.run([*command, str(time.time())], check=True, env=env)


if __name__ == "__main__":
    main()
