"""The documents the search benchmark indexes (a module of ``search.py``, not a benchmark:
``.ci/benchmarks`` runs no script whose name starts with ``_``).

Their text is built from the sample release's own vocabulary (its page text and comments), so
word frequencies look like a real Woo library; each document has 21 pages of 30 lines. Cache
files are written straight in the layout of :mod:`tui.core.library.cache` (checked against its
own writer on the first document), a hundred times faster than through ``Library``: ten
thousand documents take minutes, not hours.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import time
from pathlib import Path
from typing import Any

from tui.core.document import load
from tui.core.library import cache as cache_format
from tui.core.model import (
    SCHEMA_VERSION,
    Anchor,
    Annotation,
    DocumentInfo,
    Extraction,
    Line,
    PageText,
)

REPO = Path(__file__).resolve().parents[2]
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


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (the same JSON, many times faster),
    and without the fields that are reading hints (``compare=False``: never written)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.compare}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def cache_bytes(extraction: Extraction) -> bytes:
    """The cache file of ``extraction`` (the layout of :mod:`tui.core.library.cache`)."""
    data = {"schema": SCHEMA_VERSION, "document": plain(extraction.document), "notas": [],
            "annotations": [plain(a) for a in extraction.annotations], "warnings": [],
            "pages": [plain(p) for p in extraction.pages]}
    pages, annotations = data.pop("pages"), data.pop("annotations")
    per_page: list[list[Any]] = [[] for _ in range(len(pages) + 1)]
    for index, annotation in enumerate(extraction.annotations):
        per_page[annotation.page - 1].append([index, annotations[index]])
    lines = [cache_format._dumps({"page": page, "annotations": per_page[i]})
             for i, page in enumerate(pages)]
    lines.append(cache_format._dumps({"annotations": per_page[-1]}))
    head = {"cache_schema": cache_format.CACHE_SCHEMA, "model_schema": SCHEMA_VERSION,
            "kantlijn": cache_format.__version__, "extraction": data,
            "page_numbers": [page.number for page in extraction.pages],
            "annotation_count": len(annotations), "line_bytes": [len(line) for line in lines]}
    return cache_format._dumps(head) + b"".join(lines)


def make_documents(folder: Path, docs: int, per_doc: int) -> None:
    """Write the cache files of ``docs`` documents into ``folder``/library.d (once)."""
    made = folder / "made.json"
    if made.exists() and json.loads(made.read_text()) == [docs, per_doc]:
        return
    words = vocabulary()
    cache = folder / "library.d" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    assert cache_bytes(extraction(0, per_doc, words)) == cache_format.encode(
        extraction(0, per_doc, words)), "the benchmark's cache writer is out of date"
    start = time.perf_counter()
    for number in range(docs):
        made_one = cache_bytes(extraction(number, per_doc, words))
        (cache / f"{number:064x}.jsonl").write_bytes(made_one)
    made.write_text(json.dumps([docs, per_doc]))
    print(f"made {docs} documents in {time.perf_counter() - start:.0f} s")
