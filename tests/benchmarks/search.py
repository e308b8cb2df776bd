"""Benchmark library search: 1,000 documents / 100,000 annotations of Dutch memo text.

Run: ``python tests/benchmarks/search.py [--docs 1000] [--per-doc 100]`` (``--quick``: 20
documents of 50 annotations, for CI). Prints figures, asserts nothing. The text is built
from the sample release's own vocabulary (its page text and comments), so word frequencies
look like a real Woo library.

Measured: the full index build (once), 20 typical queries typed one character at a time
(p50/p95 per keystroke: the first page of hits and, when there are more, the count —
as the search screen asks), the
incremental update after one tag, peak memory; and, side by side, the same queries as TinyDB
``Query`` scans over the same records.
Targets: build <= 8 s for 1,000 documents / 100,000 annotations (<= 90 s and <= 600 MB peak
for 10,000 / 1,000,000, ``--docs 10000``); p95 <= 10 ms per keystroke, also at 1,000,000
annotations; >= 50x the TinyDB scan; update <= 5 ms.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core.document import load  # noqa: E402
from tui.core.library.library import Library  # noqa: E402
from tui.core.model import Anchor, Annotation, DocumentInfo, Extraction, Line, PageText  # noqa: E402
from tui.core.search.library_search import LibrarySearch  # noqa: E402
from tui.core.search.query import fold  # noqa: E402
from tui.widgets.hit_list import PAGE  # noqa: E402

QUERIES = [
    "zweden", "welke dan", "beinvloeding", "actieagenda integratie", "tag:follow-up",
    "kind:freetext author:nobel", "diplomatieke betrekkingen", "ground:5.1.2a", '"eerste versie"',
    "waarom", "kamerbrief -concept", "financiele belangen", "nota:3 has:note",
    "samenleving OR samenhang", "staatssecretaris besproken", "page:2-5 integratie",
    "uitreisverbod", "date:2025-02 kind:redaction", "outline", "regeerprogramma",
]
KINDS = ("highlight", "freetext", "note", "redaction", "underline")


def vocabulary() -> list[str]:
    """The words of the sample release (page text and comments)."""
    sample = load(REPO / "sample_docs" / "nota-actieagenda-integratie.pdf")
    text = " ".join(line.text for page in sample.pages for line in page.lines)
    text += " ".join(a.contents or "" for a in sample.annotations)
    return [w for w in re.findall(r"[^\W\d_]{2,}", text) if len(w) > 1]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    start = rng.randrange(0, len(words) - length)
    return " ".join(words[start : start + length])  # runs of real text, not word salad


def extraction(number: int, per_doc: int, words: list[str]) -> Extraction:
    rng = random.Random(number)
    sha = f"{number:064x}"
    pages = [
        PageText(number=p, lines=[Line(sentence(rng, words, 11)) for _ in range(30)])
        for p in range(1, per_doc // 5 + 2)
    ]
    annotations = []
    for i in range(per_doc):
        page = 1 + i // 5
        line = pages[page - 1].lines[i % 30].text
        kind = KINDS[i % len(KINDS)]
        annotations.append(Annotation(
            id=f"p{page}-a{i}", kind=kind, subtype=kind.title(), page=page,  # type: ignore[arg-type]
            author="Nobel, J.N.J." if i % 3 else "Jansen, P.", nota=1 + page // 5,
            created=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+01:00",
            contents=sentence(rng, words, 6) if kind != "highlight" else None,
            quote=line if kind == "highlight" else None,
            anchor=Anchor(line, page, i % 30, "line"),
            ground="5.1.2a" if kind == "redaction" and i % 2 else None,
        ))
    info = DocumentInfo(path=f"/docs/{number}.pdf", sha256=sha, pages=len(pages),
                        title=f"Nota {number} {sentence(rng, words, 3)}")
    return Extraction(document=info, pages=pages, annotations=annotations)


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


def keystrokes(search: LibrarySearch) -> list[float]:
    times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            typed = query[:end]
            start = time.perf_counter()
            try:  # as the search screen asks: a page of hits, the count when there are more
                if len(search.search(typed, limit=PAGE)) == PAGE:
                    search.count(typed)
            except ValueError:  # half-typed field, open quote: the screen shows the message
                pass
            times.append(time.perf_counter() - start)
    return times


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="20 x 50 annotations (CI)")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.per_doc = 20, 50
    words = vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        library = build_library(Path(folder) / "library.json", args.docs, args.per_doc, words)
        print(f"library: {args.docs} documents, {args.docs * args.per_doc} annotations "
              f"(made in {time.perf_counter() - start:.1f} s)")
        search = LibrarySearch(library)
        start = time.perf_counter()
        search.sync()
        build = time.perf_counter() - start
        print(f"full index build: {build:.2f} s (target <= 8 s for 100,000 annotations)")
        search.follow()
        times = keystrokes(search)
        p50 = statistics.median(times) * 1000
        p95 = statistics.quantiles(times, n=20)[18] * 1000
        print(f"per keystroke ({len(times)} keystrokes, first {PAGE} hits + count): "
              f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(times) * 1000:.1f} ms "
              "(target p95 <= 10 ms)")
        updates = []
        for number in range(1, 21):
            library.tag(f"{number % args.docs:064x}", "p2-a7", "benchmark")
            start = time.perf_counter()
            library.flush()  # writes library.json, then the index follows
            updates.append(time.perf_counter() - start)
        print(f"one tag, library write + index update: median "
              f"{statistics.median(updates) * 1000:.1f} ms")
        alone = []
        search.close()  # stop following: time the index update on its own
        search = LibrarySearch(library)
        for number in range(21, 41):
            library.tag(f"{number % args.docs:064x}", "p2-a7", "benchmark")
            library.flush()
            start = time.perf_counter()
            search.sync()
            alone.append(time.perf_counter() - start)
        print(f"index update after one tag, alone: median {statistics.median(alone) * 1000:.2f} ms "
              "(target <= 5 ms)")
        scan = tinydb_scan(library, args.docs)
        mean = statistics.mean(times)
        print(f"TinyDB Query scan, same queries: {scan * 1000:.1f} ms per query; index "
              f"{mean * 1000:.2f} ms per keystroke: {scan / mean:.0f}x faster (target >= 50x)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {peak:.0f} MB")
        search.close()


if __name__ == "__main__":
    main()
