"""OCR of a document's pages without text, in worker processes on every core.

:func:`read_scanned` runs after the text layer has been read: each page that needs OCR is
rendered and read by Tesseract in a worker, which then does for it what the text-layer
reader does for any page — burned-in boxes and printed ground codes
(:func:`tui.core.pdf.flattened.burned_marks`), quotes under marks
(:func:`tui.core.pdf.pages.mark_text`), the small numbers beside marks
(:func:`tui.core.pdf.markers.find_markers`) — so everything after treats it as a text page.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import ctypes.util
import os
import resource
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.model import Annotation, PageText
from tui.core.ocr import boxes, engine, inprocess, orientation, render
from tui.core.ocr.labels import with_labels
from tui.core.ocr.layout import page_from_words
from tui.core.ocr.need import OcrMode, pages_to_read
from tui.core.pdf import flattened, markers
from tui.core.pdf.pages import mark_text

#: Address space a worker may take (bytes): a 300 dpi page and Tesseract need far less.
WORKER_MEMORY = 3 * 1024**3
#: Freed blocks up to this size (bytes) a worker keeps for the next page (glibc's
#: ``M_MMAP_THRESHOLD``; its ``M_TRIM_THRESHOLD`` is twice this).
WORKER_HEAP_KEEP = 64 * 1024**2


@dataclass(slots=True)
class ScannedPage:
    """One page as OCR read it, with what it shows of burned-in comments."""

    page: PageText
    flat: flattened.FlatPage
    live: list[Annotation]
    """The file's own annotations on the page, with quotes from the OCR'd text."""


PageRead = Callable[[list[PageText], int, int, int], None]
"""``page_read(pages, number, done, total)``: page ``number`` in ``pages`` was just read by
OCR (or found to hold nothing to read), ``done`` of the ``total`` pages OCR reads. It is
called in page order, so a reader can show each page as it comes; what it raises stops the
reading (the pages not started are dropped)."""


def available() -> str | None:
    """None when OCR can run here; else the warning that says what to install."""
    if engine.engine_path() is None:
        return engine.missing_warning()
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "some pages have no text layer and were not read: OCR needs pypdfium2 " \
               "(pip install 'kantlijn[ocr]')"
    try:
        engine.languages()
    except engine.EngineError as error:
        return str(error)
    return None


def read_scanned(
    path: Path,
    password: str | None,
    pages: list[PageText],
    flats: list[flattened.FlatPage],
    live: list[Annotation],
    mode: OcrMode,
    warnings: list[str],
    workers: int | None = None,
    *,
    page_read: PageRead | None = None,
    known: dict[int, ScannedPage] | None = None,
    remember: bool = False,
    engines: Engines | None = None,
    skipped: list[int] | None = None,
) -> None:
    """Replace the pages that need OCR (and their burned-in marks) by what OCR reads.

    ``live`` are the file's annotations: those on a replaced page get their quotes again.
    Without the engine, one warning says what to install and the pages stay as they were.
    ``page_read`` is told of each page as it is read. ``known`` holds pages read before
    (a first page read for the first paint): they are not read again; with ``remember``,
    what is read now is added to it. ``engines`` are workers started before (for the first
    page), used again rather than started anew. ``skipped`` receives the numbers of pages
    that needed OCR but were not read (``never``, or no engine here): a cache of the
    document then knows to read them again once OCR can run.
    """
    if mode == "never":
        if skipped is not None:
            skipped.extend(pages_to_read(pages, "auto"))
        return
    wanted = pages_to_read(pages, mode)
    if not wanted:
        return
    problem = available()
    if problem is not None:
        if mode == "always" or _any_images(path, password, wanted):
            warnings.append(problem)  # once for the document, not once per page
            if skipped is not None:
                skipped.extend(wanted)
        return
    position = {page.number: index for index, page in enumerate(pages)}
    on_page: dict[int, list[Annotation]] = {}
    for annotation in live:
        on_page.setdefault(annotation.page, []).append(annotation)
    known = {} if known is None else known
    done = 0

    def apply(number: int, scanned: ScannedPage | None) -> None:
        nonlocal done
        done += 1
        if scanned is not None:
            if remember:  # a copy: what is put in ``pages`` is edited further by the caller
                known[number] = copy.deepcopy(scanned)
            _replace(pages, flats, on_page.get(number, []), position[number], scanned)
        if page_read is not None:
            page_read(pages, number, done, len(wanted))

    for number in [n for n in wanted if n in known]:
        apply(number, copy.deepcopy(known[number]))
    jobs = [(number, on_page.get(number, [])) for number in wanted if number not in known]
    if not jobs:
        return
    results = scan_pages(path, password, jobs, mode, warnings, workers, engines)
    with contextlib.closing(results):  # stopping early drops the pages not started
        while True:
            try:
                item = next(results, None)
            except Exception as error:  # pdfium refuses a file pypdf read, or a worker died
                problem = " ".join(str(error).split())[:200] or type(error).__name__
                warnings.append(f"pages without a text layer were not read by OCR ({problem})")
                return
            if item is None:
                return
            apply(*item)  # outside the try: what page_read raises is the caller's


def _replace(pages: list[PageText], flats: list[flattened.FlatPage], originals: list[Annotation],
             index: int, scanned: ScannedPage) -> None:
    """Put a page read by OCR in place of its text-layer page; its annotations' quotes too."""
    pages[index] = scanned.page
    if index < len(flats):
        flats[index] = scanned.flat
    for original, read in zip(originals, scanned.live, strict=True):
        original.quote, original.spans, original.applied = read.quote, read.spans, read.applied


Job = tuple[int, list[Annotation]]


class Engines:
    """OCR worker processes for one document, each with the file open and the engine
    loaded: started for the first page shown and used again for the rest, so a scan pays
    for starting them once. :meth:`close` ends them."""

    def __init__(self, path: Path, password: str | None) -> None:
        """Workers for ``path`` (started when first asked for)."""
        self.path, self.password = path, password
        self._pool: ProcessPoolExecutor | None = None

    def pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        """The workers: ``workers`` of them (default one a core) when started now."""
        if self._pool is None:
            count = max(1, workers or os.cpu_count() or 1)
            self._pool = ProcessPoolExecutor(max_workers=count, initializer=_open_in_worker,
                                             initargs=(str(self.path), self.password))
        return self._pool

    def close(self) -> None:
        """End the workers (pages not started are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def scan_pages(
    path: Path, password: str | None, jobs: list[Job], mode: OcrMode, warnings: list[str],
    workers: int | None = None, engines: Engines | None = None,
) -> Generator[tuple[int, ScannedPage | None], None, None]:
    """Each job's page read by OCR, in page order, as soon as it (and those before) is done.

    Always in worker processes, even for one page: pdfium is not thread-safe, and a hostile
    file that makes it allocate without end (a decompression bomb in an image) ends a
    worker held to :data:`WORKER_MEMORY`, not the reader. The workers are ``engines``' when
    given (left running for their owner to close), else started for these pages alone.
    """
    own = engines is None
    if engines is None:
        engines = Engines(path, password)
    pool = engines.pool(min(workers or os.cpu_count() or 1, len(jobs)) if own else workers)
    futures = [pool.submit(_scan_in_worker, job, mode) for job in jobs]
    try:
        for job, future in zip(jobs, futures, strict=True):
            scanned, problem = future.result()
            if problem:
                warnings.append(problem)
            yield job[0], scanned
    finally:
        # A reader that stops early closes this generator: pages not started are dropped.
        for future in futures:
            future.cancel()
        if own:
            engines.close()


def scan_page(document: Any, job: Job, mode: OcrMode) -> tuple[ScannedPage | None, str | None]:
    """One page read by OCR, or None; and a warning when it went wrong or was cut short."""
    number, live = job
    try:
        with contextlib.closing(render.open_page(document, number - 1)) as pdf_page:
            dpi = render.reading_dpi(pdf_page)
            if dpi is None and mode == "auto":
                return None, None  # a blank page, or one of vector drawings: nothing to read
            dpi = dpi or render.OCR_DPI
            grey, colour = _draw(pdf_page, dpi, 0)
        reading = engine.read_bitmap(grey)
        # A page the engine was stopped on is not read again turned: it is what costs.
        turned = not reading.stopped and orientation.looks_turned(reading.words)
        turn = orientation.upright_turn(grey) if turned else 0
        if turn:  # scanned sideways or upside down: drawn upright and read again
            with contextlib.closing(render.open_page(document, number - 1)) as pdf_page:
                grey, colour = _draw(pdf_page, dpi, turn)
            reading = engine.read_bitmap(grey)
        fills = boxes.find_boxes(colour)
        words = with_labels(reading.words, grey, fills)
    except engine.EngineError as error:
        return None, f"page {number}: not read by OCR ({error})"
    except Exception as error:  # pdfium refuses a damaged page: the rest is still read
        return None, f"page {number}: could not be rendered for OCR ({error})"
    page = page_from_words(number, words, grey.frame)
    flat = flattened.burned_marks(page, fills, live)
    mark_text(live + flat.marks, page)
    flat.markers = markers.find_markers(page)
    page.compact()
    return ScannedPage(page, flat, live), (
        engine.stopped_warning(number) if reading.stopped else None)


def _draw(pdf_page: Any, dpi: int, turn: int) -> tuple[render.Bitmap, render.Bitmap]:
    """The page in grey at ``dpi`` (to read) and small in colour (to find boxes in), both
    from one open page: pdfium decodes the scan once for both. The page is closed before
    the engine reads, so the decoded scan is not held while it does."""
    return (render.render(pdf_page, dpi, colour=False, turn=turn),
            render.render(pdf_page, render.BOX_DPI, colour=True, turn=turn))


def _any_images(path: Path, password: str | None, numbers: list[int]) -> bool:
    """True when one of the pages shows an image (a blank page needs no engine); True too
    when pypdfium2 is missing and cannot tell."""
    try:
        document = render.open_pdf(path, password)
    except ImportError:
        return True
    except Exception:  # pdfium cannot open what pypdf could: let the warning stand
        return True
    try:
        return any(_has_images(document, number - 1) for number in numbers)
    finally:
        document.close()


def _has_images(document: Any, index: int) -> bool:
    import pypdfium2.raw as pdfium_c

    page = document[index]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    finally:
        page.close()


_WORKER_DOCUMENT: Any = None
_WORKER_PROBLEM: str | None = None
"""Why the worker could not open the file (each page it is given says so)."""


def _open_in_worker(path: str, password: str | None) -> None:
    """Worker start-up: bound its memory, open the file once for every page it reads.

    An initializer that raises would print a traceback from the pool and break it: the
    renderer refusing a file that pypdf read is kept as a problem for each page instead.
    """
    global _WORKER_DOCUMENT, _WORKER_PROBLEM
    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    _keep_freed_memory()
    try:
        _WORKER_DOCUMENT = render.open_pdf(path, password)
    except Exception as error:  # pdfium raises its own errors on files it cannot open
        _WORKER_PROBLEM = f"OCR: the page renderer cannot open the file ({type(error).__name__})"
        return
    with contextlib.suppress(engine.EngineError):  # else each page runs the program
        inprocess.start(engine.languages())


def _keep_freed_memory() -> None:
    """Let this worker's allocator keep the memory a page frees for the next page.

    Each page takes and frees the same large blocks (its image, several times over, and
    Tesseract's): glibc gives blocks of a few megabytes straight back to the system, and the
    next page has every memory page of them mapped in anew — 8,000 page faults a page, a
    twentieth of its CPU. Kept (within :data:`WORKER_MEMORY`), they are used again. Only
    where the C library is glibc (``mallopt``); elsewhere nothing changes.
    """
    m_trim_threshold, m_mmap_threshold = -1, -3
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(m_mmap_threshold, WORKER_HEAP_KEEP)
        libc.mallopt(m_trim_threshold, 2 * WORKER_HEAP_KEEP)
    except (OSError, AttributeError):
        pass


def _scan_in_worker(job: Job, mode: OcrMode) -> tuple[ScannedPage | None, str | None]:
    if _WORKER_DOCUMENT is None:
        return None, _WORKER_PROBLEM or "OCR: the page renderer did not start"
    return scan_page(_WORKER_DOCUMENT, job, mode)


