"""The fuzz run's counts and its closing table (see ``tests/benchmarks/fuzz.py``)."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

Row = tuple[Any, ...]
"""seed, source, mutations, how, status, wall seconds, CPU seconds, detail, own peak, peak."""


class Tally:
    """Outcomes, failures, the most expensive cases and the largest peaks of a run."""

    def __init__(self, memory_limit: float, slow: float) -> None:
        self.memory_limit, self.slow = memory_limit, slow
        self.done = 0
        self.outcomes: Counter[str] = Counter()
        self.failures: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        self.timings: dict[str, list[tuple[float, int, str]]] = {
            "most CPU": [], "slowest (wall)": []}
        self.largest: list[tuple[float, int, str]] = []
        self.measured_cpu = 0.0

    def add(self, rows: list[Row]) -> None:
        """Count one case (its extract run and, maybe, its app run)."""
        self.done += 1
        for seed, source, mutations, how, status, seconds, cpu, detail, own, _peak in rows:
            self.outcomes[f"{how} {status}"] += 1
            self.measured_cpu += cpu
            if status in ("crash", "hang"):
                key = f"{how}: {detail.split(':')[0]}{_where(detail)}"
                self.failures.setdefault(key, []).append((seed, source, mutations))
            self.timings["slowest (wall)"].append((seconds, seed, how))
            self.timings["most CPU"].append((cpu, seed, how))
            if own:
                self.largest.append((own, seed, how))
            if cpu > self.slow:
                self.outcomes[f"{how} over {self.slow:.0f} s (CPU)"] += 1
                self.failures.setdefault(f"{how} over {self.slow:.0f} s of CPU", []).append(
                    (seed, source, mutations))
        if rows and rows[-1][-1] > self.memory_limit:
            self.outcomes[f"over {self.memory_limit:.0f} MB"] += 1
            self.failures.setdefault(f"memory over {self.memory_limit:.0f} MB", []).append(
                (rows[0][0], rows[0][1], rows[0][2]))

    def progress(self) -> str:
        """The counts so far, on one line."""
        crashes = sum(n for name, n in self.outcomes.items() if name.endswith(("crash", "hang")))
        over = sum(n for name, n in self.outcomes.items() if "(CPU)" in name)
        peak = max((value for value, _, _ in self.largest), default=0.0)
        return (f"{crashes} crashes or kills, {over} over {self.slow:.0f} s of CPU, largest "
                f"peak {peak:.0f} MB")

    def report(self, args: argparse.Namespace, wall: float, cpu: float, workers: int) -> None:
        """Print the table: outcomes, failures, extremes, throughput."""
        print(f"\nseeds {args.start}..{args.start + args.count - 1}: {self.done} mutated PDFs "
              f"in {wall:.0f} s ({args.workers} workers, every {args.app_every or '—'}th "
              "opened in the app too)")
        for name, count in sorted(self.outcomes.items()):
            print(f"  {name:28} {count}")
        print(f"distinct failures: {len(self.failures)}")
        for key, cases in sorted(self.failures.items(), key=lambda item: -len(item[1])):
            seed, source, mutations = cases[0]
            print(f"  {len(cases):5}  {key}\n         e.g. seed {seed}: {source} "
                  f"{'+'.join(mutations)}")
        for title, rows, unit in [*((t, r, "s") for t, r in self.timings.items()),
                                  ("largest peak memory", self.largest, "MB")]:
            top = sorted(rows, reverse=True)[: args.list]
            shown = ", ".join(f"{value:.1f} {unit} (seed {seed}, {how})"
                              for value, seed, how in top)
            print(f"{title}: {shown}")
        per_worker = self.done / wall / max(1, args.workers) if wall else 0.0
        per_cpu = self.done / cpu if cpu else 0.0
        print(f"throughput: {per_worker:.2f} inputs/s per worker (wall), {per_cpu:.2f} inputs "
              f"per CPU second of the workers ({cpu:.0f} s CPU, {self.measured_cpu:.0f} s of it "
              f"in the measured runs; {workers} workers started)")


def _where(detail: str) -> str:
    at = detail.rfind(" at ")
    return detail[at:] if at >= 0 else ""
