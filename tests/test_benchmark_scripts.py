"""The benchmark scripts still start: each imports what it uses and answers ``--help``.

CI runs every script at its ``--quick`` size (``.ci/benchmarks``); this catches the cheapest
kind of rot — a module or name a script imports has moved — in the test suite as well. All
scripts run in one child process (their imports are shared, so it takes about a second).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"

# Runs each script as __main__ with --help; prints {script: [exit code, output or error]}.
_HELP_ALL = """
import contextlib, io, json, runpy, sys, traceback
found = {}
for path in sys.argv[1:]:
    out = io.StringIO()
    sys.argv = [path, "--help"]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            runpy.run_path(path, run_name="__main__")
        found[path] = [0, out.getvalue()]
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        found[path] = [code, out.getvalue()]
    except BaseException:
        found[path] = [1, out.getvalue() + traceback.format_exc()]
print(json.dumps(found))
"""


def test_every_benchmark_script_imports_and_answers_help() -> None:
    scripts = sorted(str(p) for p in BENCHMARKS.glob("[!_]*.py"))
    assert len(scripts) >= 10  # the folder is where it was
    done = subprocess.run([sys.executable, "-c", _HELP_ALL, *scripts], capture_output=True,
                          text=True, check=True, cwd=BENCHMARKS.parents[1])
    results = json.loads(done.stdout)
    broken = {Path(p).name: output[-600:] for p, (code, output) in results.items()
              if code != 0 or "usage:" not in output}
    assert not broken, broken
