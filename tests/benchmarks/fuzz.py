"""Fuzz run: N mutated PDFs through ``kantlijn extract`` (and every K-th opened in the app).

Run from the repository root::

    .venv/bin/python tests/benchmarks/fuzz.py 20000              # seeds 0 .. 19999
    .venv/bin/python tests/benchmarks/fuzz.py 2000 --start 50000 --app-every 20
    .venv/bin/python tests/benchmarks/fuzz.py --quick            # a small run, for CI

Half of the inputs carry a structure-aware mutation (:mod:`tests.fuzz.structures`: page
trees listing one page 100,000 times, shared heavy content, self-drawing forms, reply
chains, deep nesting, bad inline images, bad UTF-16, many annotations, huge strings, such
updates behind a cross-reference table that must be rebuilt) at
full size, or times ``--scale``.

Inputs come from :mod:`tests.fuzz.mutations` (seeded: a seed always makes the same file);
each runs in one of ``--workers`` worker processes (at most 2 by default: the machines are
shared). A worker runs its cases one after another; the parent kills a worker whose case
takes longer than ``--kill-after`` seconds (a hang) and starts a new one. A worker's address
space is capped (``--memory-cap`` MB), so a case that would take the machine's memory fails
with MemoryError instead. A case's peak memory is the worker's maximum resident set when the
case raised it; a worker past 200 MB is replaced, so later peaks start from a fresh worker.
A case is timed by the wall clock and by the CPU seconds of its worker (and of the processes
it waited for): on a shared machine the wall time is inflated, so "over 10 s" is judged by
CPU time. Printed: cases, outcomes, distinct failures with a seed to reproduce each, the slowest
cases and the largest peaks. Nothing is asserted: the run fails (exit 1) only when it
cannot run at all. ``--quick`` runs 40 cases at a twentieth of the size in one worker.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

SLOW = 10.0
"""A run longer than this many seconds is reported as slow (the issue's limit)."""
RENEW_MB = 200.0
"""A worker whose peak passed this is replaced, so the next cases' peaks are their own."""


def _worker(conn: Connection, cap_mb: int, app_every: int, scale: float, root: str) -> None:
    """Run the cases the parent sends, answer with their outcome and the peak memory."""
    import logging
    import warnings

    from tests.fuzz.mutations import make_case, sources
    from tests.fuzz.target import run_app, run_extract

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    cap = cap_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    files = sources()
    folder = Path(tempfile.mkdtemp(prefix="worker-", dir=root))
    while True:
        seed = conn.recv()
        if seed is None:
            return
        case = make_case(seed, files, scale=scale)
        before = _peak_mb()
        path = folder / f"case-{seed}.pdf"
        path.write_bytes(case.data)
        results = [("extract", *_timed(run_extract, path))]
        if app_every and seed % app_every == 0:
            results.append(("app", *_timed(run_app, path, folder / f"library-{seed}.json")))
        path.unlink(missing_ok=True)
        peak = _peak_mb()
        # The peak is the worker's: it belongs to this case only when the case raised it.
        own = peak if peak > before else 0.0
        conn.send([(seed, case.source, case.mutations, how, outcome.status, outcome.seconds,
                    cpu, outcome.detail, own, peak) for how, outcome, cpu in results])


def _timed(run: Any, *args: Any) -> tuple[Any, float]:
    """``run(*args)`` and the CPU seconds it took, its child processes' included (the wall
    time is inflated when the machine is shared)."""
    before = _cpu_seconds()
    outcome = run(*args)
    return outcome, _cpu_seconds() - before


def _cpu_seconds() -> float:
    return sum(usage.ru_utime + usage.ru_stime
               for usage in map(resource.getrusage,
                                (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def _peak_mb() -> float:
    """The largest resident set of this worker or of a process it started and waited for
    (the reader of a long document reads its pages in a pool of processes)."""
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


class Pool:
    """Worker processes, each fed one seed at a time."""

    def __init__(self, workers: int, cap_mb: int, app_every: int, scale: float,
                 root: str) -> None:
        self.context = mp.get_context("spawn")
        self.root = root
        """A folder for the workers' files, removed after the run (a killed worker leaves
        its case behind)."""
        self.cap_mb, self.app_every, self.scale = cap_mb, app_every, scale
        self.slots: list[tuple[mp.process.BaseProcess, Connection] | None] = [None] * workers

    def start(self, index: int) -> tuple[mp.process.BaseProcess, Connection]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(
            child, self.cap_mb, self.app_every, self.scale, self.root))
        # Not a daemon: a daemonic process may not start processes, and the reader of a long
        # document starts a pool of them (the run would fail where kantlijn does not).
        process.start()
        self.slots[index] = (process, parent)
        return process, parent

    def kill(self, index: int) -> None:
        slot = self.slots[index]
        if slot is not None:
            slot[0].kill()
            slot[0].join()
        self.slots[index] = None


def main() -> None:
    """Run the seeds, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=2000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-every", type=int, default=50,
                        help="open every K-th case in the app too (0: never)")
    parser.add_argument("--kill-after", type=float, default=60.0)
    parser.add_argument("--memory-limit", type=int, default=500)
    parser.add_argument("--memory-cap", type=int, default=2000)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the structure-aware mutations (1: as the issue found)")
    parser.add_argument("--list", type=int, default=3, metavar="N",
                        help="show the N slowest and largest cases (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help="40 cases at scale 0.05 in one worker (a smoke run)")
    args = parser.parse_args()
    if args.quick:
        args.count, args.scale, args.workers, args.app_every = 40, 0.05, 1, 0
    with tempfile.TemporaryDirectory(prefix="kantlijn-fuzz-") as root:
        pool = Pool(max(1, args.workers), args.memory_cap, args.app_every, args.scale, root)
        try:
            _run(args, pool)
        finally:
            for index in range(len(pool.slots)):
                pool.kill(index)


def _run(args: argparse.Namespace, pool: Pool) -> None:
    """Feed the seeds to the pool, collect the outcomes, print the table."""
    seeds = list(range(args.start, args.start + args.count))
    busy: dict[int, tuple[int, float]] = {}
    outcomes: Counter[str] = Counter()
    failures: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
    slowest: list[tuple[float, int, str]] = []
    busiest: list[tuple[float, int, str]] = []
    largest: list[tuple[float, int, str]] = []
    done, reported, began = 0, 0, time.perf_counter()
    while seeds or busy:
        for index in range(len(pool.slots)):
            if index not in busy and seeds:
                _, conn = pool.slots[index] or pool.start(index)
                seed = seeds.pop(0)
                conn.send(seed)
                busy[index] = (seed, time.perf_counter())
        for index, (seed, since) in list(busy.items()):
            slot = pool.slots[index]
            assert slot is not None
            process, conn = slot
            if conn.poll(0.05):
                try:
                    rows = conn.recv()
                except EOFError:  # the worker died (killed by the system)
                    wall = time.perf_counter() - since
                    rows = [(seed, "?", (), "extract", "crash", wall, wall, "worker died", 0.0,
                             0.0)]
                    pool.kill(index)
                del busy[index]
                done += 1
                for _, source, mutations, how, status, seconds, cpu, detail, own, _p in rows:
                    outcomes[f"{how} {status}"] += 1
                    if status in ("crash", "hang"):
                        key = f"{how}: {detail.split(':')[0]}{_where(detail)}"
                        failures.setdefault(key, []).append((seed, source, mutations))
                    slowest.append((seconds, seed, how))
                    busiest.append((cpu, seed, how))
                    if own:
                        largest.append((own, seed, how))
                    if seconds > SLOW:
                        outcomes[f"{how} over {SLOW:.0f} s (wall)"] += 1
                    if cpu > SLOW:
                        outcomes[f"{how} over {SLOW:.0f} s (CPU)"] += 1
                        failures.setdefault(f"{how} over {SLOW:.0f} s of CPU", []).append(
                            (seed, source, mutations))
                if rows and rows[-1][-1] > args.memory_limit:
                    outcomes[f"over {args.memory_limit} MB"] += 1
                    failures.setdefault(f"memory over {args.memory_limit} MB", []).append(
                        (seed, rows[0][1], rows[0][2]))
                if rows and rows[-1][-1] > RENEW_MB:
                    pool.kill(index)  # a fresh worker measures the next cases from its start
            elif time.perf_counter() - since > args.kill_after or not process.is_alive():
                outcomes["hang (killed)" if process.is_alive() else "worker died"] += 1
                failures.setdefault("hang or worker death", []).append((seed, "?", ()))
                pool.kill(index)
                del busy[index]
                done += 1
        if done // 500 > reported:
            reported = done // 500
            print(f"… {done} cases, {time.perf_counter() - began:.0f} s", flush=True)
    for index in range(len(pool.slots)):
        slot = pool.slots[index]
        if slot is not None:
            slot[1].send(None)
            slot[0].join(5)
    _report(args, done, time.perf_counter() - began, outcomes, failures,
            {"slowest (wall)": slowest, "most CPU": busiest}, largest)


def _where(detail: str) -> str:
    at = detail.rfind(" at ")
    return detail[at:] if at >= 0 else ""


def _report(args: argparse.Namespace, done: int, seconds: float, outcomes: Counter[str],
            failures: dict[str, list[tuple[int, str, tuple[str, ...]]]],
            timings: dict[str, list[tuple[float, int, str]]],
            largest: list[tuple[float, int, str]]) -> None:
    print(f"\nseeds {args.start}..{args.start + args.count - 1}: {done} mutated PDFs in "
          f"{seconds:.0f} s ({args.workers} workers, every {args.app_every or '—'}th opened "
          "in the app too)")
    for name, count in sorted(outcomes.items()):
        print(f"  {name:28} {count}")
    print(f"distinct failures: {len(failures)}")
    for key, cases in sorted(failures.items(), key=lambda item: -len(item[1])):
        seed, source, mutations = cases[0]
        print(f"  {len(cases):5}  {key}\n         e.g. seed {seed}: {source} {'+'.join(mutations)}")
    tables = [(title, rows, "s") for title, rows in timings.items()]
    for title, rows, unit in [*tables, ("largest peak memory", largest, "MB")]:
        top = sorted(rows, reverse=True)[: args.list]
        shown = ", ".join(f"{value:.1f} {unit} (seed {seed}, {how})" for value, seed, how in top)
        print(f"{title}: {shown}")


if __name__ == "__main__":
    main()
