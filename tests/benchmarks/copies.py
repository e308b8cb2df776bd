"""Benchmark linking copies: the cost when a document joins a library of 1,000 documents.

Run: ``python tests/benchmarks/copies.py [--docs 1000] [--pages 20] [--quick]`` (``--quick``:
4 pages per document). Prints figures; exits 1 when a target is missed or a copy is not
linked. The documents are runs of the sample release's own text (so they share many words
and phrases, as the nota's of one ministry do), each with 12 comments.

Measured: adding the 1,000 documents at once (fingerprints for all, one pass); then one
document joining — a copy of a document in the library (another hash, the same text: it is
linked and its comments matched) and a document that is a copy of nothing — as
``Library.add_document`` and as the linking step alone (``CopyBook.join``).
Target: linking ≤ 0.5 s when a document joins.

Then ``--linked`` more documents get a copy each (added at once), the search index is built,
and a search is timed as the search screen asks it (the first page of hits and the count),
on its own and with the copies of one comment or page line merged (``HitGroups``): the cost
of grouping, with the peer being the same search ungrouped.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core.document import load  # noqa: E402
from tui.core.library.library import Library  # noqa: E402
from tui.core.model import (  # noqa: E402
    Annotation,
    DocumentInfo,
    Extraction,
    Line,
    PageText,
    Span,
)

TARGET = 0.5


def vocabulary() -> list[str]:
    """The words of the sample release's page text."""
    sample = load(REPO / "sample_docs" / "nota-actieagenda-integratie.pdf")
    text = " ".join(line.text for page in sample.pages for line in page.lines)
    return re.findall(r"[^\W\d_]{2,}", text)


def extraction(number: int, pages: int, words: list[str]) -> Extraction:
    """Document ``number``: ``pages`` pages of 30 lines, runs of the sample's text."""
    rng = random.Random(number)
    texts = []
    for _ in range(pages):
        lines = []
        for _ in range(30):
            start = rng.randrange(0, len(words) - 11)
            lines.append(Line(" ".join(words[start:start + 11])))
        texts.append(lines)
    page_texts = [PageText(number=p + 1, lines=lines) for p, lines in enumerate(texts)]
    annotations = [
        Annotation(id=f"p{1 + i % pages}-a{i}", kind="highlight", subtype="Highlight",
                   page=1 + i % pages, author="Nobel, J.N.J.", contents=f"opmerking {i}",
                   spans=[Span(1 + i % pages, i % 30, 0, 20)])
        for i in range(12)
    ]
    info = DocumentInfo(path=f"/bench/{number}.pdf", sha256=f"{number:064x}", pages=pages,
                        title=f"Nota {number}")
    return Extraction(document=info, pages=page_texts, annotations=annotations)


def main(argv: list[str] | None = None) -> int:
    """Build the library, time the joins, print, and judge against the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="4 pages per document")
    parser.add_argument("--linked", type=int, default=None,
                        help="documents that get a copy before the searches are timed "
                             "(default 100; 20 with --quick)")
    args = parser.parse_args(argv)
    pages = 4 if args.quick else args.pages
    words = vocabulary()
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.json")
        documents = [extraction(n, pages, words) for n in range(1, args.docs + 1)]
        start = time.perf_counter()
        library.add_documents((e, e.document.path) for e in documents)
        library.flush()
        built = time.perf_counter() - start
        linked_at_build = sum(len(library.copies.copies(e.document.sha256)) > 1
                              for e in documents)
        original = documents[args.docs // 2]
        copy = replace(original, document=replace(original.document, sha256="c" * 64,
                                                  path="/bench/copy.pdf"))
        stranger = extraction(args.docs + 1, pages, words)
        timings: dict[str, tuple[float, float]] = {}
        for name, joining in (("copy", copy), ("stranger", stranger)):
            start = time.perf_counter()
            library.add_document(joining, joining.document.path)
            whole = time.perf_counter() - start
            if len(library.copies.copies(joining.document.sha256)) > 1:
                library.undo()  # the link, so that the linking step can be timed alone
            start = time.perf_counter()
            library.copies.join([joining])
            timings[name] = (whole, time.perf_counter() - start)
        copies = library.copies.copies(copy.document.sha256)
        matched = sum(library.copies.key(copy.document.sha256, a.id)[0] != copy.document.sha256
                      for a in copy.annotations)
        library.flush()
        linked = args.linked if args.linked is not None else (20 if args.quick else 100)
        searches = _searches(library, documents[:linked])
    print(f"documents: {args.docs} of {pages} pages; added at once in {built:.1f} s "
          f"({linked_at_build} linked as copies among them)")
    for name, (whole, linking) in timings.items():
        print(f"{name:>8} joins: add_document {whole * 1000:.0f} ms, "
              f"linking {linking * 1000:.0f} ms (target ≤ {TARGET * 1000:.0f} ms)")
    print(f"the copy is linked to {len(copies) - 1} document(s), {matched} of "
          f"{len(copy.annotations)} comments matched")
    for line in searches:
        print(line)
    ok = (all(linking <= TARGET for _, linking in timings.values()) and len(copies) == 2
          and matched == len(copy.annotations))
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


QUERIES = (("opmerking", "comments"), ("opmerking 7", "comments"), ("integratie", "text"),
           ("kabinet", "all"))


def _searches(library: Library, originals: list[Extraction]) -> list[str]:
    """Copies of ``originals`` join; the search index is built; each query of
    :data:`QUERIES` timed ungrouped and grouped (median of 5). Lines to print."""
    from tui.core.search.library_search import LibrarySearch
    from tui.core.search.query import parse
    from tui.widgets.hit_list import PAGE

    copies = [replace(e, document=replace(e.document, sha256=f"{n:063x}d",
                                          path=f"/bench/copy-{n}.pdf"))
              for n, e in enumerate(originals)]
    start = time.perf_counter()
    library.add_documents((e, e.document.path) for e in copies)
    library.flush()
    joined = time.perf_counter() - start
    linked = len(library.copies.releases().linked)
    search = LibrarySearch(library)
    start = time.perf_counter()
    search.sync()
    indexed = time.perf_counter() - start
    lines = [f"{len(copies)} copies added at once in {joined:.1f} s ({linked} documents "
             f"linked); search index built in {indexed:.1f} s"]
    for text, scope in QUERIES:
        query = parse(text)
        (p_time, p_total), (g_time, g_total) = (
            _median(partial(_plain, search, query, scope, PAGE)),
            _median(partial(_grouped, search, query, scope, PAGE)))
        lines.append(f"search {text!r} in {scope}: {p_total} hits in {p_time * 1000:.1f} ms; "
                     f"grouped {g_total} in {g_time * 1000:.1f} ms "
                     f"({g_time / max(p_time, 1e-9):.1f}x the ungrouped search)")
    search.close()
    return lines


def _plain(search: Any, query: Any, scope: str, page: int) -> int:
    """The search as the screen asked it before grouping: a page, the count when full."""
    first = search.search(query, scope, page, 0)
    return int(search.count(query, scope)) if len(first) == page else len(first)


def _grouped(search: Any, query: Any, scope: str, page: int) -> int:
    """The search as the screen asks it now: a page of groups and their total."""
    groups = search.grouped(query, scope)
    groups.page(0, page)
    return int(groups.total())


def _median(run: Callable[[], int]) -> tuple[float, int]:
    """The median time of 5 runs of ``run``, and what it returned."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        total = run()
        times.append(time.perf_counter() - start)
    return sorted(times)[2], total


if __name__ == "__main__":
    sys.exit(main())
