"""Benchmark library search: building the index, and each keystroke, at newsroom size.

Run: ``python tests/benchmarks/search.py [--docs 1000] [--per-doc 100] [--runs 3]``
(``--docs 10000``: a million annotations; ``--quick``: 20 documents of 50 annotations, for
CI; ``--keep DIR``: make the documents once in DIR and reuse them). Prints figures, asserts
nothing. The text is built from the sample release's own vocabulary (its page text and
comments), so word frequencies look like a real Woo library; each document has 21 pages of
30 lines.

Measured, each build in a process of its own (wall and CPU time, peak memory of the build
and of the process decoding the caches beside it): the full index build (median of
``--runs``); a build killed with SIGKILL part-way and run again (how far it had come, how
long the rest took, that it ends with every document once); 20 typical queries typed one
character at a time (p50/p95 per keystroke: the first page of hits and, when there are
more, the count — as the search screen asks). Then, on a library made through
``Library.add_documents`` (``--library-docs``, 200 by default: making one is slow), the
incremental update after one tag and, side by side, the same queries as TinyDB ``Query``
scans over the same records.
Targets: build <= 8 s for 1,000 documents / 100,000 annotations, <= 90 s and <= 600 MB peak
for 10,000 / 1,000,000, resumes after a kill; p95 <= 10 ms per keystroke, also at 1,000,000
annotations; >= 50x the TinyDB scan; update <= 5 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(Path(__file__).parent)]

from _search_documents import extraction, make_documents, vocabulary  # noqa: E402

from tui.core.library.cache import ExtractionCache  # noqa: E402
from tui.core.library.library import Library  # noqa: E402
from tui.core.search import results  # noqa: E402
from tui.core.search.index import LibraryIndex  # noqa: E402
from tui.core.search.library_search import LibrarySearch  # noqa: E402
from tui.core.search.query import fold, parse  # noqa: E402
from tui.core.search.snapshot import LibrarySnapshot, UserData  # noqa: E402
from tui.widgets.hit_list import PAGE  # noqa: E402

QUERIES = [
    "zweden", "welke dan", "beinvloeding", "actieagenda integratie", "tag:follow-up",
    "kind:freetext author:nobel", "diplomatieke betrekkingen", "ground:5.1.2a", '"eerste versie"',
    "waarom", "kamerbrief -concept", "financiele belangen", "nota:3 has:note",
    "samenleving OR samenhang", "staatssecretaris besproken", "page:2-5 integratie",
    "uitreisverbod", "date:2025-02 kind:redaction", "outline", "regeerprogramma",
]


def build_library(path: Path, docs: int, per_doc: int, words: list[str]) -> Library:
    library = Library.open(path)
    for start in range(0, docs, 100):
        batch = [extraction(n, per_doc, words) for n in range(start, min(docs, start + 100))]
        library.add_documents((e, e.document.path) for e in batch)
    for number in range(0, docs, 10):  # a tag and a note on every tenth document
        library.tag(f"{number:064x}", "p1-a1", "follow-up")
        library.set_note(f"{number:064x}", "p1-a2", "navragen bij de directie")
    library.flush()
    return library


def snapshot(docs: int) -> LibrarySnapshot:
    """The library as the index sees it: the documents, a tag and a note on every tenth."""
    documents = {f"{n:064x}": (f"Nota {n}", f"{n}.pdf", "") for n in range(docs)}
    user: UserData = {}
    for number in range(0, docs, 10):
        user[(f"{number:064x}", "p1-a1")] = (["follow-up"], None)
        user[(f"{number:064x}", "p1-a2")] = ([], "navragen bij de directie")
    return LibrarySnapshot(1, 1, documents, user=user)


def index_of(folder: Path) -> LibraryIndex:
    caches = folder / "library.d"
    return LibraryIndex(caches / "search.sqlite", ExtractionCache(caches))


def build_only(folder: Path, docs: int) -> None:
    """Build (or go on building) the index; print wall, CPU and peak memory as JSON."""
    start, cpu = time.perf_counter(), time.process_time()
    index = index_of(folder)
    before = index.db.execute("SELECT count(*) FROM docs").fetchone()[0]
    index.sync(snapshot(docs))
    index.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "wall": time.perf_counter() - start,
        "cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "cpu_decoder": children.ru_utime + children.ru_stime,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "decoder_peak": children.ru_maxrss / 1024, "before": before}))


def remove_index(folder: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'library.d' / 'search.sqlite'}{suffix}").unlink(missing_ok=True)


def build_process(folder: Path, docs: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, __file__, "--build-only", str(folder),
                             "--docs", str(docs)], stdout=subprocess.PIPE, text=True)


def timed_build(folder: Path, docs: int) -> dict[str, float]:
    process = build_process(folder, docs)
    out, _ = process.communicate()
    return dict(json.loads(out.strip().splitlines()[-1]))


def indexed(folder: Path) -> int:
    """How many documents the index holds (read as the search screen would, meanwhile)."""
    try:
        db = sqlite3.connect(f"file:{folder / 'library.d' / 'search.sqlite'}?mode=ro", uri=True)
        try:
            return int(db.execute("SELECT count(*) FROM docs").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def kill_and_resume(folder: Path, docs: int) -> None:
    """Kill a build (SIGKILL) when 40 % is in, run it again: it continues."""
    remove_index(folder)
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    process = build_process(folder, docs)
    while process.poll() is None and indexed(folder) < docs * 0.4:
        time.sleep(0.05)
    if process.poll() is not None:
        print("kill and resume: the build ended before it could be killed")
        return
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed_after = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    killed_cpu = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    at_kill = indexed(folder)
    rest = timed_build(folder, docs)
    index = index_of(folder)
    counts = index.db.execute("SELECT (SELECT count(*) FROM docs), (SELECT count(DISTINCT doc)"
                              " FROM docs), (SELECT count(*) FROM ann)").fetchone()
    index.close()
    print(f"killed (SIGKILL) after {killed_after:.1f} s (CPU of the build {killed_cpu:.1f} s, "
          f"its decoding process not counted) with {at_kill:,} of {docs:,} documents in; "
          f"run again it started from {rest['before']:,} and finished the rest in "
          f"{rest['wall']:.1f} s (CPU {rest['cpu']:.1f} s, of which decoding "
          f"{rest['cpu_decoder']:.1f} s; peak {rest['peak']:.0f} MB + decoding "
          f"{rest['decoder_peak']:.0f} MB); the index then holds {counts[0]:,} documents "
          f"({counts[1]:,} distinct) and {counts[2]:,} annotations")


class IndexOnly:
    """What the search screen asks of the index while typing (comments)."""

    def __init__(self, index: LibraryIndex) -> None:
        self.db = index.db

    def search(self, typed: str, limit: int) -> list[results.Hit]:
        return results.search(self.db, parse(typed), "comments", limit, 0)

    def count(self, typed: str) -> int:
        return results.count(self.db, parse(typed), "comments")


def keystrokes(search: LibrarySearch | IndexOnly, cpu: list[float] | None = None
               ) -> list[float]:
    """Wall time of each keystroke (and its CPU time into ``cpu``: on a loaded machine the
    wall time is mostly waiting for a core)."""
    times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            typed = query[:end]
            start, used = time.perf_counter(), time.process_time()
            try:  # as the search screen asks: a page of hits, the count when there are more
                if len(search.search(typed, limit=PAGE)) == PAGE:
                    search.count(typed)
            except ValueError:  # half-typed field, open quote: the screen shows the message
                pass
            times.append(time.perf_counter() - start)
            if cpu is not None:
                cpu.append(time.process_time() - used)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] * 1000


def tinydb_scan(library: Library, docs: int) -> float:
    """The same queries as TinyDB Query scans over the same annotation records."""
    db = TinyDB(storage=MemoryStorage)
    records = []
    for number in range(docs):
        extracted = library.cached_extraction(f"{number:064x}")
        for a in extracted.annotations if extracted else []:
            records.append({"doc": number, "id": a.id, "kind": a.kind, "author": a.author,
                            "text": fold(f"{a.contents or ''} {a.quote or ''}"), "page": a.page})
    db.insert_multiple(records)
    q = Query()
    start = time.perf_counter()
    for query in QUERIES:
        words = [fold(w) for w in query.replace('"', "").split() if ":" not in w and w[0] != "-"]
        test = q.text.search(re.escape(words[0])) if words else q.kind.exists()
        for word in words[1:]:
            test &= q.text.search(re.escape(word))
        db.search(test)
    return (time.perf_counter() - start) / len(QUERIES)


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} (min {min(values):.1f}, max {max(values):.1f})"


def index_figures(folder: Path, docs: int, per_doc: int, runs: int) -> None:
    make_documents(folder, docs, per_doc)
    builds = []
    for _ in range(runs):
        remove_index(folder)
        builds.append(timed_build(folder, docs))
    if builds:
        print(f"full index build, {docs:,} documents / {docs * per_doc:,} annotations, "
              f"{runs} runs: wall s {summary([b['wall'] for b in builds])}; CPU s (with the "
              f"decoding process) {summary([b['cpu'] for b in builds])}, of which decoding "
              f"{summary([b['cpu_decoder'] for b in builds])}; peak memory "
              f"{max(b['peak'] for b in builds):.0f} MB + decoding process "
              f"{max(b['decoder_peak'] for b in builds):.0f} MB (target <= 8 s at 100,000, "
              "<= 90 s and <= 600 MB at 1,000,000)")
    kill_and_resume(folder, docs)
    typing(folder, docs * per_doc)


def typing(folder: Path, annotations: int) -> None:
    index = index_of(folder)
    cpu: list[float] = []
    times = keystrokes(IndexOnly(index), cpu)
    index.close()
    print(f"per keystroke at {annotations:,} annotations ({len(times)} keystrokes, first "
          f"{PAGE} hits + count): wall p50 {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {p95(times):.2f} ms, max {max(times) * 1000:.1f} ms; CPU p50 "
          f"{statistics.median(cpu) * 1000:.2f} ms, p95 {p95(cpu):.2f} ms "
          "(target p95 <= 10 ms)")


def library_figures(folder: Path, docs: int, per_doc: int) -> None:
    words = vocabulary()
    start = time.perf_counter()
    library = build_library(folder / "library.json", docs, per_doc, words)
    print(f"library through Library.add_documents: {docs} documents, {docs * per_doc} "
          f"annotations (made in {time.perf_counter() - start:.1f} s)")
    search = LibrarySearch(library)
    search.sync()
    search.follow()
    times = keystrokes(search)
    updates = []
    for number in range(1, 21):
        library.tag(f"{number % docs:064x}", "p2-a7", "benchmark")
        start = time.perf_counter()
        library.flush()  # writes library.json, then the index follows
        updates.append(time.perf_counter() - start)
    print(f"one tag, library write + index update: median "
          f"{statistics.median(updates) * 1000:.1f} ms")
    alone = []
    search.close()  # stop following: time the index update on its own
    search = LibrarySearch(library)
    for number in range(21, 41):
        library.tag(f"{number % docs:064x}", "p2-a7", "benchmark")
        library.flush()
        start = time.perf_counter()
        search.sync()
        alone.append(time.perf_counter() - start)
    print(f"index update after one tag, alone: median {statistics.median(alone) * 1000:.2f} ms "
          "(target <= 5 ms)")
    scan = tinydb_scan(library, docs)
    mean = statistics.mean(times)
    print(f"TinyDB Query scan, same queries: {scan * 1000:.1f} ms per query; index "
          f"{mean * 1000:.2f} ms per keystroke: {scan / mean:.0f}x faster (target >= 50x)")
    search.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3,
                        help="builds to take the median of (0: only the killed one, resumed)")
    parser.add_argument("--library-docs", type=int, default=200,
                        help="documents of the Library for the update and TinyDB figures (0: none)")
    parser.add_argument("--keep", type=Path, help="make the documents here once, reuse them")
    parser.add_argument("--quick", action="store_true", help="20 x 50 annotations (CI)")
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build_only(args.build_only, args.docs)
        return
    if args.quick:
        args.docs, args.per_doc, args.runs, args.library_docs = 20, 50, 1, 20
    with tempfile.TemporaryDirectory() as scratch:
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        folder = args.keep or Path(scratch) / "documents"
        index_figures(folder, args.docs, args.per_doc, args.runs)
        if args.library_docs:
            library_figures(Path(scratch), args.library_docs, args.per_doc)
        print(f"peak memory of this process: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
