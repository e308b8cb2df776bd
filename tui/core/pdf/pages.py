"""Read pages — their text, their comments and the quotes under markup — in chunks.

Walking content streams is the slow part of extraction, so long documents are split into
chunks read by a process pool, each worker opening the file itself; short ones are read here,
where a worker's start-up would cost more than it saves. A chunk computes its quotes while the
per-character boxes are at hand and then drops them (:meth:`PageText.compact`), so what
crosses between processes — and what stays in memory — is line text and line boxes only.

A page tree may list one page object many times: it is read once, and the other places show
a copy of its text (its comments belong to the first). The document's budget
(:mod:`tui.core.pdf.budget`) is shared by every worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from tui.core.anchoring import quotes as quote
from tui.core.collector import collector_paused
from tui.core.model import Annotation, Line, PageText
from tui.core.pdf import annotations as annots
from tui.core.pdf import content_walk as layout
from tui.core.pdf import flattened, markers
from tui.core.pdf import opening as pdfopen
from tui.core.pdf.annotations import AnnotationRecord
from tui.core.pdf.budget import DocumentBudget
from tui.core.pdf.fonts import FontCache
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.redactions import place_redactions
from tui.core.pdf.reuse import ReadCache, as_cache
from tui.core.pdf.shapes import Fill
from tui.core.text import counting_replacements, replaced_warning
from tui.core.workers import stop_when_orphaned

#: Below this many pages one process is faster than starting workers.
PARALLEL_FROM_PAGES = 80
#: Pages per work unit: small enough for smooth progress, large enough to share font caches.
CHUNK_PAGES = 25


@dataclass(slots=True)
class Chunk:
    """What reading some pages gave: compact page text, annotation records, warnings, and
    what each page shows of comments burned into it."""

    pages: list[PageText] = field(default_factory=list)
    records: list[AnnotationRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flats: list[flattened.FlatPage] = field(default_factory=list)


def read_pages(
    path: Path,
    password: str | None,
    reader: PdfReader,
    total: int,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> Iterator[Chunk]:
    """Every page in order, chunk by chunk, reporting ``progress(done, total)`` per chunk.

    Pages listed again (the same page object) come last, in a chunk of their own, as copies
    of the first; so pages arrive in order except for those.
    """
    first = _first_listed(reader, total)
    unique = [i for i in range(total) if first[i] == i]
    indices = [unique[i : i + CHUNK_PAGES] for i in range(0, len(unique), CHUNK_PAGES)]
    count = _worker_count(len(unique), workers)
    budget = DocumentBudget(file_size=_size(path))
    chunks = (_parallel(path, password, indices, count, budget)
              if count > 1 and budget.shareable else _serial(reader, indices, budget))
    done = 0
    read: dict[int, PageText] = {}
    said: set[str] = set()
    for chunk in chunks:
        done += len(chunk.pages)
        read.update((page.number - 1, page) for page in chunk.pages)
        said.update(chunk.warnings)
        if progress is not None:
            progress(done, total)
        yield chunk
    if len(unique) < total:
        copies = _copies(read, first, budget)
        copies.warnings = [w for w in copies.warnings if w not in said]  # a worker said it
        yield copies
        if progress is not None:
            progress(total, total)
    if progress is not None and total == 0:
        progress(0, 0)


def _size(path: Path) -> int:
    """The file's size in bytes (0 when it cannot be told: the budget's floors apply)."""
    try:
        return path.stat().st_size
    except (OSError, TypeError, ValueError):
        return 0


def _first_listed(reader: PdfReader, total: int) -> list[int]:
    """For each page index, the first index listing the same page object."""
    pages = pdfopen.pdf_pages(reader)
    seen: dict[object, int] = {}
    first = []
    for index in range(total):
        page = pages[index]
        ref = getattr(page, "indirect_reference", None)
        key = (ref.idnum, ref.generation) if ref is not None else ("direct", id(page))
        first.append(seen.setdefault(key, index))
    return first


def _copies(read: dict[int, PageText], first: list[int], budget: DocumentBudget) -> Chunk:
    """Pages listing a page object read before: a copy of its text each, no comments.

    A copy's text is spent from the document's character budget like a page read: a page
    listed 10,000 times must not give the reader ten thousand pages of text to lay out.
    """
    chunk = Chunk()
    sizes: dict[int, int] = {}  # characters of each page copied, counted once
    for index, original in enumerate(first):
        page = read.get(original)
        if original == index or page is None:
            continue
        size = sizes.get(original)
        if size is None:
            size = sizes[original] = sum(len(line.text) for line in page.lines)
        lines = ([Line(line.text, [], line.column, line.box) for line in page.lines]
                 if budget.spend_characters(size) else [])
        copy = PageText(number=index + 1, width=page.width, height=page.height, lines=lines,
                        pictures=page.pictures)
        chunk.pages.append(copy)
        chunk.flats.append(flattened.FlatPage(number=index + 1))
    chunk.warnings.extend(budget.take_warnings())
    return chunk


def read_chunk(reader: PdfReader, indices: list[int],
               cache: ReadCache | FontCache | None = None) -> Chunk:
    """Read pages ``indices`` (0-based) of an open reader into a :class:`Chunk`."""
    chunk = Chunk()
    cache = as_cache(cache)
    pdfopen.pdf_pages(reader, chunk.warnings).flatten()  # many pages: flatten the tree once
    with collector_paused(), pypdf_warnings(chunk.warnings):
        for index in indices:
            if not cache.budget.spend_page():
                break
            _read_one(reader, index, cache, chunk)
    chunk.warnings.extend(cache.budget.take_warnings())
    return chunk


def _read_one(reader: PdfReader, index: int, cache: ReadCache, chunk: Chunk) -> None:
    fills: list[Fill] = []
    with counting_replacements() as replaced:
        page = layout.extract_page_text(reader, index, cache, chunk.warnings, fills)
        records = annots.read_page_records(reader, index, chunk.warnings, cache.budget)
    if replaced[0]:
        chunk.warnings.append(replaced_warning(replaced[0], f"page {index + 1}: "))
    live = [record.annotation for record in records]
    flat = flattened.burned_marks(page, fills, live)
    mark_text(live + flat.marks, page)
    flat.markers = markers.find_markers(page)
    page.compact()
    chunk.pages.append(page)
    chunk.records.extend(records)
    chunk.flats.append(flat)


def mark_text(annotations: list[Annotation], page: PageText) -> None:
    """Spans (and for markup, the quote) of what each annotation covers on ``page``.

    Needs the page's glyphs. A redaction gets the spans it covers — the UI blacks them out —
    and, when words are still there under it, those words as its quote (see
    :mod:`redactions`).
    """
    # Placeholders for redacted gaps go in first, so the quotes' spans count them.
    place_redactions([a for a in annotations if a.kind == "redaction"], page)
    for annotation in annotations:
        if annotation.is_markup:
            text, spans = quote.quote_for(page, annotation.quads, annotation.rect)
            annotation.quote, annotation.spans = text or None, spans


def _worker_count(total: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    if total < PARALLEL_FROM_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def _serial(reader: PdfReader, indices: list[list[int]], budget: DocumentBudget
            ) -> Iterator[Chunk]:
    cache = ReadCache(budget=budget)
    for part in indices:
        yield read_chunk(reader, part, cache)


def _parallel(
    path: Path, password: str | None, indices: list[list[int]], workers: int,
    budget: DocumentBudget,
) -> Iterator[Chunk]:
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_open_in_worker,
        initargs=(str(path), password, budget.shared),
    )
    try:
        yield from pool.map(_read_in_worker, indices)
    finally:
        # A reader that stops early (the user left) closes this generator: drop the
        # chunks not started yet instead of reading the rest of the document for nobody.
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER_READER: PdfReader | None = None
_WORKER_CACHE: ReadCache | None = None


def _open_in_worker(path: str, password: str | None, shared: object) -> None:
    """Worker start-up: open the file once; every chunk this worker reads reuses it, and
    spends from the document's budget (``shared`` counters)."""
    global _WORKER_READER, _WORKER_CACHE
    stop_when_orphaned()  # a killed import must not leave its readers waiting for ever
    sink: list[str] = []
    with pypdf_warnings(sink):
        _WORKER_READER = pdfopen.open_pdf(path, password)
    _WORKER_CACHE = ReadCache(budget=DocumentBudget(shared))


def _read_in_worker(indices: list[int]) -> Chunk:
    assert _WORKER_READER is not None, "worker was not initialised"
    return read_chunk(_WORKER_READER, indices, _WORKER_CACHE)
