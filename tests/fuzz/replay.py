"""Run saved fuzz inputs again (``tests/benchmarks/fuzz.py --replay FILE...``): the outcome,
CPU seconds and peak memory of each, and with ``profile`` the functions that took the time."""

from __future__ import annotations

import cProfile
import io
import logging
import pstats
import resource
import time
import warnings
from pathlib import Path


def replay(files: list[Path], profile: bool = False) -> None:
    """Run each file through ``kantlijn extract`` in this process and report it."""
    from tests.fuzz.target import run_extract

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    for path in files:
        profiler = cProfile.Profile() if profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        outcome = run_extract(path)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{path.name}: {outcome.status} {outcome.detail[:200]} — {cpu:.1f} s CPU, "
              f"{wall:.1f} s wall, peak {peak:.0f} MB (this process so far)", flush=True)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print(out.getvalue())
