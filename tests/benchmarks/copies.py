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
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

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
    print(f"documents: {args.docs} of {pages} pages; added at once in {built:.1f} s "
          f"({linked_at_build} linked as copies among them)")
    for name, (whole, linking) in timings.items():
        print(f"{name:>8} joins: add_document {whole * 1000:.0f} ms, "
              f"linking {linking * 1000:.0f} ms (target ≤ {TARGET * 1000:.0f} ms)")
    print(f"the copy is linked to {len(copies) - 1} document(s), {matched} of "
          f"{len(copy.annotations)} comments matched")
    ok = (all(linking <= TARGET for _, linking in timings.values()) and len(copies) == 2
          and matched == len(copy.annotations))
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
