"""A fixed sample of the fuzz run (see tests/fuzz/): 200 seeded mutations of the corpus, the
sample and generated memos through ``kantlijn extract``, 45 structure-aware ones (every kind,
at a twentieth of their size), a few of them opened in the app. Every run must print strict
JSON or refuse the file in one line; none may raise or hang.
``tests/benchmarks/fuzz.py N`` runs many more, at full size, and measures time and memory."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.fuzz.mutations import make_case, sources
from tests.fuzz.structures import STRUCTURES
from tests.fuzz.target import Outcome, hang_guard, run_app, run_extract

SEEDS = range(200)
STRUCTURE_SEEDS = range(1_000, 1_045)
APP_SEEDS = (3, 11, 42)
#: Only catches real hangs: a healthy run of these small files takes well under a second.
HANG_AFTER = 60.0


def test_mutated_pdfs_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    files = sources(small_only=True)
    failures = []
    statuses = set()
    for seed in SEEDS:
        case = make_case(seed, files, structural=0.0)
        path = tmp_path / f"case-{seed}.pdf"
        path.write_bytes(case.data)
        with hang_guard(HANG_AFTER):
            outcome = run_extract(path)
        statuses.add(outcome.status)
        if outcome.failed:
            failures.append((seed, case.source, case.mutations, outcome.detail))
        path.unlink()
    assert failures == []
    assert statuses == {"ok", "refused"}  # the sample reaches both kinds of ending


def test_structure_aware_mutations_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    files = sources(small_only=True)
    failures = []
    kinds = set()
    for seed in STRUCTURE_SEEDS:
        case = make_case(seed, files, structural=1.0, scale=0.05)
        kinds.add(case.mutations[0])
        path = tmp_path / f"case-{seed}.pdf"
        path.write_bytes(case.data)
        with hang_guard(HANG_AFTER):
            outcome = run_extract(path)
        if outcome.failed:
            failures.append((seed, case.source, case.mutations, outcome.detail))
        path.unlink()
    assert failures == []
    assert kinds == {name for name, _ in STRUCTURES}  # every kind is in the sample


async def test_mutated_pdfs_open_in_the_app(tmp_path: Path) -> None:
    files = sources(small_only=True)
    for seed in APP_SEEDS:
        case = make_case(seed, files, structural=0.0)
        path = tmp_path / f"case-{seed}.pdf"
        path.write_bytes(case.data)
        with hang_guard(HANG_AFTER):
            outcome = await _in_app(path, tmp_path / f"library-{seed}.json")
        assert not outcome.failed, (seed, case.source, case.mutations, outcome.detail)


async def _in_app(path: Path, library: Path) -> Outcome:
    # run_app starts its own event loop: run it in a thread beside pytest's.
    return await asyncio.to_thread(run_app, path, library)
