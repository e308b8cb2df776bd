"""Running one fuzz input through kantlijn and judging what happened.

``kantlijn extract`` runs in this process (:func:`tui.cli.main`), exactly as from the command
line. A run passes when it prints JSON that a strict parser reads (no ``NaN``) and exits 0,
or refuses the file with exactly one ``kantlijn: …`` line on stderr and exit code 1 or 2,
and everything it printed can be encoded (as a terminal or a pipe would have to).
Anything else — an exception out of ``main``, a traceback on stderr, several lines of error,
JSON that does not parse — is a crash. Opening in the app (headless, through Textual's
``run_test``) passes when the app neither raises nor leaves an exception behind, whether the
reader shows the document or says it cannot.
"""

from __future__ import annotations

import asyncio
import io
import json
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path


class Hang(Exception):
    """Raised by the hang guard's alarm inside a run that took too long."""


@dataclass(slots=True)
class Outcome:
    """What one run did: ``ok``, ``refused`` (a one-line error), ``crash`` or ``hang``."""

    status: str
    seconds: float
    detail: str = ""

    @property
    def failed(self) -> bool:
        """True for a crash or a hang."""
        return self.status in ("crash", "hang")


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the ``with`` block after ``seconds`` of wall time (main thread
    only; generous on purpose: it catches real hangs, not slow machines)."""
    def alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_extract(path: Path) -> Outcome:
    """``kantlijn extract --quiet PATH``, judged (see the module docstring)."""
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["extract", "--quiet", str(path)])
    except Hang as hang:
        return Outcome("hang", time.perf_counter() - start, str(hang))
    except BaseException as exc:  # anything escaping main is the finding
        return Outcome("crash", time.perf_counter() - start, _summary(exc))
    seconds = time.perf_counter() - start
    for name, stream in (("output", out), ("error output", err)):
        try:  # what a terminal or a pipe would have to encode (a StringIO takes anything)
            stream.getvalue().encode("utf-8")
        except UnicodeEncodeError as exc:
            return Outcome("crash", seconds, f"UnicodeEncodeError: {name} not encodable: {exc}")
    errors = [line for line in err.getvalue().splitlines() if line.strip()]
    if code == 0:
        try:
            json.loads(out.getvalue(), parse_constant=_reject_constant)
        except ValueError as exc:
            return Outcome("crash", seconds, f"output is not strict JSON: {exc}")
        if any("Traceback" in line for line in errors):
            return Outcome("crash", seconds, "\n".join(errors[-3:]))
        return Outcome("ok", seconds)
    if code in (1, 2) and len(errors) == 1 and errors[0].startswith("kantlijn: "):
        return Outcome("refused", seconds, errors[0])
    return Outcome("crash", seconds, f"exit {code}: " + " | ".join(errors[-3:]))


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} in the JSON")


def run_app(path: Path, library: Path) -> Outcome:
    """Open ``path`` in the app (headless) with ``library``, wait for the reading to end."""
    start = time.perf_counter()
    try:
        asyncio.run(_open_in_app(path, library))
    except Hang as hang:
        return Outcome("hang", time.perf_counter() - start, str(hang))
    except BaseException as exc:  # anything escaping the app is the finding
        return Outcome("crash", time.perf_counter() - start, _summary(exc))
    return Outcome("ok", time.perf_counter() - start)


async def _open_in_app(path: Path, library: Path) -> None:
    from tui.app import make_app
    from tui.core.library.library import Library

    app = make_app(Library.open(library), str(path))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "n", "G")
        await pilot.pause()
    # run_test raises whatever escaped the app as the block ends.


def _summary(exc: BaseException) -> str:
    """The exception and the innermost frame of kantlijn's own code it passed."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/tui/" in f.filename] or frames
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(exc).__name__}: {str(exc)[:160]}{where}"
