"""Benchmark the library store: 1,000 documents with 100,000 annotations.

Run: ``python tests/benchmarks/store.py [--docs 1000] [--per-doc 100]`` (``--quick``: 20
documents, for CI). Prints figures, asserts nothing. Two layouts are measured:

* *designed*: the annotations live in the per-document caches; ``library.json`` holds the
  documents and the 1,000 annotation records the user touched (tags/notes);
* *stress*: all 100,000 annotation records touched (tagged), i.e. in ``library.json``.

Targets: open <= 1 s, one tag persisted <= 50 ms, peak memory < 400 MB.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import TinyDB

from tui.core.library.library import Library
from tui.core.model import Annotation, DocumentInfo, Extraction, Line, Nota, PageText


def _extraction(number: int, per_doc: int) -> Extraction:
    sha = f"{number:064x}"
    annotations = [
        Annotation(
            id=f"p{1 + i // 10}-a{i + 1}", kind="highlight", subtype="Highlight",
            page=1 + i // 10, rect=(72.0, 700.0 - i, 300.0, 712.0 - i), author="Reviewer",
            contents=f"comment {i} on document {number}", quote=f"quoted passage {i}",
        )
        for i in range(per_doc)
    ]
    pages = [PageText(number=1, lines=[Line(text=f"document {number}")])]
    return Extraction(
        document=DocumentInfo(path=f"/docs/{number}.pdf", sha256=sha, pages=10,
                              title=f"Nota {number}"),
        pages=pages,
        notas=[Nota(index=1, title=f"Nota {number}", first_page=1, last_page=10)],
        annotations=annotations,
    )


def _timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _measure(path: Path, label: str, sha: str) -> None:
    gc.collect()
    opened: list[Library] = []

    def reopen() -> None:
        opened[:] = [Library.open(path)]  # keep one copy in memory, not three

    open_s = statistics.median(_timed(reopen) for _ in range(3))
    library = opened[0]
    persist = []
    for i in range(20):
        start = time.perf_counter()
        library.tag(sha, "p1-a1", f"bench-{label}-{i}")
        library.flush()
        persist.append(time.perf_counter() - start)
    print(f"[{label}] library.json {path.stat().st_size / 1e6:.2f} MB; "
          f"open {open_s * 1000:.0f} ms (median of 3); "
          f"persist one tag median {statistics.median(persist) * 1000:.1f} ms, "
          f"max {max(persist) * 1000:.1f} ms; peak memory so far {_peak_mb():.0f} MB")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure_cli(path: Path, sha: str, docs: int) -> None:
    """``kantlijn tag`` end to end in a fresh process (imports, resolve via ids.json, flush)."""
    command = [sys.executable, "-m", "tui", "tag", "p1-a5", "cli", "--library", str(path)]
    ambiguous = _timed(lambda: _run(command))
    command += ["--doc", sha]
    chosen = _timed(lambda: _run(command))
    print(f"[designed] `kantlijn tag ID TAG` process: {ambiguous * 1000:.0f} ms (id in all {docs} "
          f"documents: error), {chosen * 1000:.0f} ms with --doc HASH")


def _run(command: list[str]) -> None:
    subprocess.run(command, capture_output=True, check=False)


def _stress_file(source: Path, target: Path, docs: int, per_doc: int) -> None:
    """Copy the library and add a touched record for every annotation (bulk insert)."""
    target.write_bytes(source.read_bytes())
    db = TinyDB(target)
    records = [
        {"doc": f"{d:064x}", "id": f"p{1 + i // 10}-a{i + 1}", "page": 1 + i // 10,
         "rect": [72.0, 700.0 - i, 300.0, 712.0 - i], "quote": f"quoted passage {i}",
         "tags": [f"tag{i % 7}"], "note": None}
        for d in range(docs) for i in range(per_doc)
    ]
    db.table("annotations").truncate()
    db.table("annotations").insert_multiple(records)
    db.close()


def main() -> int:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="20 documents (CI)")
    args = parser.parse_args()
    if args.quick:
        args.docs = 20
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.json"
        library = Library.open(path)
        start = time.perf_counter()
        library.add_documents(
            (_extraction(n, args.per_doc), f"/docs/{n}.pdf") for n in range(args.docs)
        )
        library.flush()
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        for n in range(args.docs):  # the user touched one annotation per document
            library.tag(f"{n:064x}", "p1-a1", f"topic{n % 13}")
        library.flush()
        touch_s = time.perf_counter() - start
        cache = Path(folder) / "library.d" / "cache"
        cache_mb = sum(p.stat().st_size for p in cache.iterdir()) / 1e6
        print(f"built {args.docs} documents x {args.per_doc} annotations in {build_s:.1f} s "
              f"(caches {cache_mb:.1f} MB); {args.docs} tags in memory + one flush {touch_s:.2f} s")
        del library
        _measure(path, "designed", f"{0:064x}")
        _measure_cli(path, f"{7 % args.docs:064x}", args.docs)
        stress = Path(folder) / "stress.json"
        _stress_file(path, stress, args.docs, args.per_doc)
        _measure(stress, "stress: every annotation touched", f"{0:064x}")
    print(f"peak memory (max RSS) {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
