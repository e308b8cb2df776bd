"""A fixed sample of the fuzz run (see tests/fuzz/): seeded mutations of the corpus, the
sample and generated memos through ``kantlijn extract`` — the first four seeds of every byte
mutation kind, and the first two of every structure-aware kind (at a twentieth of their
size) — and a few opened in the app. Every run must print strict JSON or refuse the file in
one line; none may raise or hang. The samples are chosen so that every kind is in them (the
tests check it), at a fraction of the cost of running seeds in a row.
``tests/benchmarks/fuzz.py N`` runs many more, at full size, and measures time and memory."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.fuzz.mutations import MUTATIONS, make_case, sources
from tests.fuzz.structures import STRUCTURES
from tests.fuzz.target import Outcome, hang_guard, run_app, run_extract

#: The first four seeds (of 0-199) holding each byte mutation kind.
SEEDS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 22, 28, 37, 49, 53,
         56, 60)
#: The first two seeds (of 1000-1044) of each structure-aware kind.
STRUCTURE_SEEDS = (1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1011, 1013,
                   1014, 1015, 1016, 1020, 1024, 1027, 1028, 1033)
APP_SEEDS = (3, 11, 42)
#: Only catches real hangs: a healthy run of these small files takes well under a second.
HANG_AFTER = 60.0


def test_mutated_pdfs_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    files = sources(small_only=True)
    failures = []
    statuses = set()
    kinds: set[str] = set()
    for seed in SEEDS:
        case = make_case(seed, files, structural=0.0)
        kinds.update(case.mutations)
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
    assert kinds == {name for name, _ in MUTATIONS}  # every kind is in the sample


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
