"""Read the positioned text of every page, in this process or in worker processes.

Walking content streams is the slow part of extraction (tens of pages a second per core), so
long documents are split into chunks read by a process pool, each worker opening the file
itself; short ones are read here, where a worker's start-up would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from tui.core import layout, pdfopen
from tui.core.fonts import FontCache
from tui.core.model import PageText
from tui.core.pdflog import pypdf_warnings

if TYPE_CHECKING:
    from tui.core.document import PdfDocument

#: Below this many pages one process is faster than starting workers.
PARALLEL_FROM_PAGES = 60
#: Pages per work unit: small enough for smooth progress, large enough to share font caches.
CHUNK_PAGES = 25


def extract_texts(
    document: PdfDocument,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> list[PageText]:
    """Every page's text in page order, reporting ``progress(done, total)`` per chunk."""
    total = document.page_count
    count = _worker_count(total, workers)
    chunks = [list(range(i, min(i + CHUNK_PAGES, total))) for i in range(0, total, CHUNK_PAGES)]
    pages: list[PageText] = []
    source = (
        _parallel(document, chunks, count) if count > 1 else _serial(document, chunks)
    )
    for part, part_warnings in source:
        pages.extend(part)
        document.warnings.extend(part_warnings)
        if progress is not None:
            progress(len(pages), total)
    if progress is not None and not chunks:
        progress(0, 0)
    return pages


def _worker_count(total: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    if total < PARALLEL_FROM_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def _serial(
    document: PdfDocument, chunks: list[list[int]]
) -> Iterator[tuple[list[PageText], list[str]]]:
    fonts = FontCache()
    pages = pdfopen.pdf_pages(document.reader)
    for chunk in chunks:
        warnings: list[str] = []
        yield [
            layout.page_text(pages[i], i + 1, document.reader, fonts, warnings) for i in chunk
        ], warnings


def _parallel(
    document: PdfDocument, chunks: list[list[int]], workers: int
) -> Iterator[tuple[list[PageText], list[str]]]:
    path, password = str(document.path), document.password
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_read_chunk, [path] * len(chunks), [password] * len(chunks), chunks)


def _read_chunk(
    path: str, password: str | None, indices: list[int]
) -> tuple[list[PageText], list[str]]:
    """Worker side: open the file and read the pages ``indices`` (0-based)."""
    warnings: list[str] = []
    with pypdf_warnings(warnings):
        reader = pdfopen.open_pdf(path, password)
        pages = pdfopen.pdf_pages(reader)
        fonts = FontCache()
        texts = [layout.page_text(pages[i], i + 1, reader, fonts, warnings) for i in indices]
    return texts, warnings
