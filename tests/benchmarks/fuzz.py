"""Fuzz run: N mutated PDFs through ``kantlijn extract`` (and every K-th opened in the app).

Run from the repository root::

    nice .venv/bin/python tests/benchmarks/fuzz.py 20000              # seeds 0 .. 19999
    nice .venv/bin/python tests/benchmarks/fuzz.py 2000 --start 50000 --app-every 20
    .venv/bin/python tests/benchmarks/fuzz.py --quick            # a small run, for CI
    .venv/bin/python tests/benchmarks/fuzz.py --replay FINDINGS/seed-12-cpu.pdf --profile

Half of the inputs carry a structure-aware mutation (:mod:`tests.fuzz.structures`: page
trees listing one page 100,000 times, shared heavy content, self-drawing forms, reply
chains, deep nesting, bad inline images, bad UTF-16, many annotations, huge strings, such
updates behind a cross-reference table that must be rebuilt) at full size, or times ``--scale``.

Inputs come from :mod:`tests.fuzz.mutations` (seeded: a seed always makes the same file);
each runs in one of ``--workers`` worker processes (at most 2 by default: the machines are
shared). A worker runs its cases one after another. Every case is measured by CPU time (its
worker's and that of the processes it started) and by peak resident memory; the wall time is
shown too but judges nothing, since on a shared machine a run may mostly wait for a CPU. The
parent watches each busy worker's CPU time in ``/proc`` and kills it past ``--kill-cpu``
CPU seconds (or, for a real hang that burns no CPU, past the generous ``--kill-wall``), reading
the killed run's CPU time and peak memory first. A worker's address space is capped
(``--memory-cap`` MB), so a case that would take the machine's memory fails with MemoryError
instead. A case's peak is its worker's maximum resident set when the case raised it; a worker
past 200 MB is replaced, so later peaks start from a fresh worker.

Every input over a limit (over 10 s of CPU, over ``--memory-limit`` MB, a crash, a kill) is
saved to the folder ``--save`` (named at the start and end of the run), with a line in its
``findings.tsv``; ``--replay FILE...`` runs such files again in this process and prints their
outcome, CPU time and peak (``--profile``: the 25 most expensive functions). Printed: cases,
outcomes, distinct failures with a seed to reproduce each, the most expensive cases, the
largest peaks and the throughput (inputs per second per worker, and per CPU second). Nothing
is asserted: the run fails (exit 1) only when it cannot run at all. ``--quick`` runs 40 cases
at a twentieth of the size in one worker.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.fuzz import procstat  # noqa: E402

SLOW = 10.0
"""A run taking more CPU seconds than this is reported as slow (the issue's limit)."""
RENEW_MB = 200.0
"""A worker whose peak passed this is replaced, so the next cases' peaks are their own."""
CHECK_EVERY = 0.5
"""Seconds between two looks at the busy workers' CPU time."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What makes an input a finding, and where findings are saved."""

    cpu: float
    memory_mb: float
    save: Path


def _worker(conn: Connection, cap_mb: int, app_every: int, scale: float, folder: str,
            limits: Limits) -> None:
    """Run the cases the parent sends, answer with their outcome and the peak memory."""
    import logging
    import warnings

    from tests.fuzz.mutations import make_case, sources
    from tests.fuzz.target import run_app, run_extract

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    cap = cap_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    import tui.cli  # noqa: F401  (imported here, not inside the first case's measurement)

    files = sources()
    where = Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    while True:
        seed = conn.recv()
        if seed is None:
            return
        case = make_case(seed, files, scale=scale)
        before = _peak_mb()
        # The parent knows this name: it saves the input of a worker it had to kill.
        path = where / f"case-{seed}.pdf"
        path.write_bytes(case.data)
        conn.send(("started", seed, case.source, case.mutations))
        results = [("extract", *_timed(run_extract, path))]
        if app_every and seed % app_every == 0:
            conn.send(("stage", "app"))
            results.append(("app", *_timed(run_app, path, where / f"library-{seed}.json")))
        peak = _peak_mb()
        # The peak is the worker's: it belongs to this case only when the case raised it.
        own = peak if peak > before else 0.0
        rows = [(seed, case.source, case.mutations, how, outcome.status, outcome.seconds,
                 cpu, outcome.detail, own, peak) for how, outcome, cpu in results]
        reasons = _reasons(rows, limits)
        if reasons:
            what = "; ".join(f"{row[3]} {row[4]}: {row[7]}" for row in rows if row[7])
            _save(path, seed, case.source, case.mutations, reasons, limits.save,
                  max(row[6] for row in rows), own, what)
        path.unlink(missing_ok=True)
        conn.send(("done", rows))


def _reasons(rows: list[tuple[Any, ...]], limits: Limits) -> list[str]:
    """Why a finished case is a finding (none for a healthy one)."""
    reasons = []
    if any(row[4] in ("crash", "hang") for row in rows):
        reasons.append("crash")
    if any(row[6] > limits.cpu for row in rows):
        reasons.append("cpu")
    if rows and rows[-1][-2] > limits.memory_mb:
        reasons.append("memory")
    return reasons


def _save(path: Path, seed: int, source: str, mutations: tuple[str, ...], reasons: list[str],
          folder: Path, cpu: float, peak: float, detail: str = "") -> None:
    """Keep the input of a finding for replaying, with a line in ``findings.tsv`` (its last
    column says what happened: a crash's exception is there, since a replay may not repeat
    it)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"seed-{seed}-{'-'.join(reasons)}.pdf"
    try:
        shutil.copyfile(path, folder / name)
    except OSError:
        return
    with open(folder / "findings.tsv", "a", encoding="utf-8") as log:
        what = " ".join(detail.split())  # one line, whatever the exception said
        log.write(f"{name}\t{seed}\t{source}\t{'+'.join(mutations)}\t{cpu:.1f}\t{peak:.0f}"
                  f"\t{what}\n")


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


@dataclass(slots=True)
class Busy:
    """A case a worker is running: since when (wall clock, and the worker's CPU seconds)."""

    seed: int
    wall: float
    cpu: float
    source: str = "?"
    mutations: tuple[str, ...] = field(default_factory=tuple)
    stage: str = "extract"
    """``extract``, then ``app`` for a case also opened in the app."""


class Pool:
    """Worker processes, each fed one seed at a time."""

    def __init__(self, workers: int, cap_mb: int, app_every: int, scale: float,
                 root: str, limits: Limits) -> None:
        self.context = mp.get_context("spawn")
        self.root = root
        """A folder for the workers' files, removed after the run (a killed worker leaves
        its case behind)."""
        self.cap_mb, self.app_every, self.scale, self.limits = cap_mb, app_every, scale, limits
        self.slots: list[tuple[mp.process.BaseProcess, Connection] | None] = [None] * workers
        self.started = 0

    def folder(self, index: int) -> Path:
        """The folder the worker in slot ``index`` writes its cases to."""
        return Path(self.root) / f"worker-{index}"

    def start(self, index: int) -> tuple[mp.process.BaseProcess, Connection]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(
            child, self.cap_mb, self.app_every, self.scale, str(self.folder(index)),
            self.limits))
        # Not a daemon: a daemonic process may not start processes, and the reader of a long
        # document starts a pool of them (the run would fail where kantlijn does not).
        process.start()
        self.started += 1
        self.slots[index] = (process, parent)
        return process, parent

    def kill(self, index: int) -> None:
        slot = self.slots[index]
        if slot is not None:
            for child in procstat.descendants(slot[0].pid or 0):
                # The reader's page pool, started by the worker: ours to end.
                with contextlib.suppress(OSError):
                    os.kill(child, 9)
            slot[0].kill()
            slot[0].join()
        self.slots[index] = None


def main() -> None:
    """Run the seeds (or replay files), print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=2000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-every", type=int, default=50,
                        help="open every K-th case in the app too (0: never)")
    parser.add_argument("--kill-cpu", type=float, default=60.0,
                        help="kill a case past this many CPU seconds (default 60)")
    parser.add_argument("--kill-wall", type=float, default=900.0,
                        help="kill a case past this many wall seconds, CPU or not (a hang)")
    parser.add_argument("--memory-limit", type=int, default=500)
    parser.add_argument("--memory-cap", type=int, default=2000)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the structure-aware mutations (1: as the issue found)")
    parser.add_argument("--save", type=Path, default=None,
                        help="folder for the inputs over a limit (default: a new one in /tmp)")
    parser.add_argument("--list", type=int, default=3, metavar="N",
                        help="show the N most expensive and largest cases (default 3)")
    parser.add_argument("--progress", type=int, default=50, metavar="N",
                        help="a line with the counts so far every N cases (default 50)")
    parser.add_argument("--quick", action="store_true",
                        help="40 cases at scale 0.05 in one worker (a smoke run)")
    parser.add_argument("--replay", type=Path, nargs="+", metavar="FILE",
                        help="run these saved inputs again, here, and report each")
    parser.add_argument("--profile", action="store_true", help="with --replay: profile each")
    args = parser.parse_args()
    if args.replay:
        from tests.fuzz.replay import replay
        replay(args.replay, args.profile)
        return
    if not procstat.available():
        sys.exit("fuzz.py: needs /proc to watch its workers' CPU time")
    if args.quick:
        args.count, args.scale, args.workers, args.app_every = 40, 0.05, 1, 0
    save = args.save or Path(tempfile.mkdtemp(prefix="kantlijn-fuzz-findings-"))
    print(f"inputs over a limit are saved to {save}", flush=True)
    limits = Limits(SLOW, args.memory_limit, save.resolve())
    with tempfile.TemporaryDirectory(prefix="kantlijn-fuzz-") as root:
        pool = Pool(max(1, args.workers), args.memory_cap, args.app_every, args.scale, root,
                    limits)
        try:
            _run(args, pool)
        finally:
            for index in range(len(pool.slots)):
                pool.kill(index)
    print(f"inputs over a limit: {save}")


def _run(args: argparse.Namespace, pool: Pool) -> None:
    """Feed the seeds to the pool, collect the outcomes, print the table."""
    from tests.fuzz.tally import Tally

    seeds = list(range(args.start, args.start + args.count))
    seeds.reverse()  # popped from the end
    busy: dict[int, Busy] = {}
    tally = Tally(args.memory_limit, SLOW)
    began = time.perf_counter()
    try:
        _feed(args, pool, seeds, busy, tally, began)
    except KeyboardInterrupt:  # stopped early: the table of what was done
        print(f"stopped after {tally.done} cases", flush=True)
        for index in busy:
            pool.kill(index)
        busy.clear()
    for index in range(len(pool.slots)):
        slot = pool.slots[index]
        if slot is not None:
            slot[1].send(None)
            slot[0].join(5)
    wall = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    tally.report(args, wall, usage.ru_utime + usage.ru_stime, pool.started)


def _feed(args: argparse.Namespace, pool: Pool, seeds: list[int], busy: dict[int, Busy],
          tally: Any, began: float) -> None:
    """Keep every worker busy until the seeds are done."""
    reported = 0
    while seeds or busy:
        for index in range(len(pool.slots)):
            if index not in busy and seeds:
                process, conn = pool.slots[index] or pool.start(index)
                seed = seeds.pop()
                conn.send(seed)
                busy[index] = Busy(seed, time.perf_counter(), procstat.cpu_seconds(
                    process.pid or 0))
        by_conn = {id(slot[1]): index for index in busy if (slot := pool.slots[index])}
        ready = wait([slot[1] for index in busy if (slot := pool.slots[index])], CHECK_EVERY)
        for conn in ready:
            index = by_conn[id(conn)]
            job = busy[index]
            try:
                message = conn.recv()  # type: ignore[union-attr]
            except EOFError:  # the worker died (killed by the system)
                _give_up(pool, index, job, "worker died", tally)
                del busy[index]
                continue
            if message[0] == "started":
                job.source, job.mutations = message[2], message[3]
                continue
            if message[0] == "stage":
                job.stage = message[1]
                continue
            rows = message[1]
            del busy[index]
            tally.add(rows)
            if rows and rows[-1][-1] > RENEW_MB:
                pool.kill(index)  # a fresh worker measures the next cases from its start
        for index, job in list(busy.items()):
            slot = pool.slots[index]
            assert slot is not None
            process = slot[0]
            cpu = procstat.cpu_seconds(process.pid or 0) - job.cpu
            wall = time.perf_counter() - job.wall
            if not process.is_alive():
                _give_up(pool, index, job, "worker died", tally)
            elif cpu > args.kill_cpu:
                _give_up(pool, index, job, f"killed after {args.kill_cpu:.0f} s of CPU", tally)
            elif wall > args.kill_wall:
                _give_up(pool, index, job, f"killed after {args.kill_wall:.0f} s (hang)", tally)
            else:
                continue
            del busy[index]
        if tally.done // args.progress > reported:
            reported = tally.done // args.progress
            print(f"… {tally.done} cases, {time.perf_counter() - began:.0f} s: "
                  f"{tally.progress()}", flush=True)


def _give_up(pool: Pool, index: int, job: Busy, why: str, tally: Any) -> None:
    """End a worker whose case went too far: its CPU time and peak read first, its input
    saved as a finding."""
    slot = pool.slots[index]
    pid = slot[0].pid or 0 if slot else 0
    cpu = procstat.cpu_seconds(pid) - job.cpu if pid else 0.0
    peak = procstat.peak_mb(pid) if pid else 0.0
    wall = time.perf_counter() - job.wall
    path = pool.folder(index) / f"case-{job.seed}.pdf"
    pool.kill(index)
    if path.exists():
        reasons = ["killed"] + (["cpu"] if cpu > SLOW else []) + (
            ["memory"] if peak > pool.limits.memory_mb else [])
        _save(path, job.seed, job.source, job.mutations, reasons, pool.limits.save, cpu, peak,
              f"{job.stage} killed: {why}")
        path.unlink(missing_ok=True)
    tally.add([(job.seed, job.source, job.mutations, job.stage, "hang", wall, cpu, why, peak,
                peak)])


if __name__ == "__main__":
    main()
