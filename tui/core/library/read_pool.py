"""Read many documents at once: a worker process per core, results in the order given.

Extraction is pure Python and bound by the processor, so a batch of documents is read by a
process pool as wide as the cores this process may use; each worker reads whole documents,
their pages one after another (the pool already fills the machine). Results come back in
the order the documents were given, at most a few documents ahead of the one awaited, so
memory holds a handful of extractions however long the batch. Workers report the pages they
read as they go. A worker that dies (killed, out of memory) costs only the document it was
reading: that one is read again alone to find out which it was, and the rest go on in a
fresh pool. A worker whose parent has gone (the import was killed) stops by itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.queues import SimpleQueue

from tui.core.document import open_document
from tui.core.errors import KantlijnError, os_error_message
from tui.core.files import shown_name
from tui.core.library.prepare import Prepared, prepare
from tui.core.model import Extraction
from tui.core.ocr.need import OcrMode
from tui.core.workers import stop_when_orphaned, usable_cores

PageReport = Callable[[int, int, int], None]
"""``report(key, pages_done, pages_total)``: pages of the document ``key`` read so far."""

POLL_SECONDS = 0.2
"""How often the parent looks at the workers' page reports while it waits for a document."""
_HELLO = -1
"""The key of a worker's first report: its process id, so an interrupted batch can stop it."""


@dataclass(frozen=True, slots=True)
class Job:
    """One document to read: ``key`` is the caller's, ``name`` the file as the user gave it."""

    key: int
    name: str
    password: str | None = None
    ocr: OcrMode = "auto"
    """Which pages OCR reads (:mod:`tui.core.ocr.need`)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What reading one document gave: its extraction, or a one-line error (no prefix)."""

    key: int
    extraction: Extraction | None = None
    error: str | None = None
    prepared: Prepared | None = None
    """Its cache file and fingerprint, made by the process that read it."""


def failure(name: str, error: BaseException) -> str:
    """The one-line message for a document that could not be read, naming it once."""
    if isinstance(error, KantlijnError):
        named = name in str(error) or shown_name(name) in str(error)
        return str(error) if named else f"{name}: {error}"
    if isinstance(error, OSError):
        return os_error_message(name, error)
    return f"{name}: cannot read ({type(error).__name__}: {error})"


def read_one(job: Job, report: PageReport | None = None, workers: int | None = None) -> Outcome:
    """Read ``job`` in this process (its pages over ``workers`` processes when long), and
    prepare it for the library (:mod:`tui.core.library.prepare`) over as many."""

    def pages(done: int, total: int) -> None:
        if report is not None:
            report(job.key, done, total)

    try:
        extraction = open_document(job.name, job.password, job.ocr).extract(pages, workers)
    except Exception as error:  # one bad file must not stop the others
        return Outcome(job.key, error=failure(job.name, error))
    try:
        prepared = prepare(extraction, workers or usable_cores())
    except Exception:  # e.g. no memory left for a pool: adding the document makes them
        prepared = None
    return Outcome(job.key, extraction, prepared=prepared)


def read_all(jobs: Sequence[Job], workers: int, report: PageReport | None = None,
             ahead: int = 2) -> Generator[Outcome, None, None]:
    """Every job's outcome in the order given, read by at most ``workers`` processes.

    One job is read here without a pool (a long one over the pages' own pool, unless
    ``workers`` is 1: then everything is read in this process). ``ahead`` documents per
    worker may be read before the one awaited. Closing the iterator early stops the workers.
    """
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield read_one(job, report, 1 if workers <= 1 else None)
        return
    yield from _Pool(jobs, min(workers, len(jobs)), report, ahead).outcomes()


class _Pool:
    """The process pool behind :func:`read_all`, with its page reports and its workers' ids."""

    def __init__(self, jobs: Sequence[Job], workers: int, report: PageReport | None,
                 ahead: int) -> None:
        self.jobs = jobs
        self.workers = workers
        self.window = workers * max(1, ahead)
        self.report = report
        self.reports: SimpleQueue[tuple[int, int, int]] = multiprocessing.SimpleQueue()
        self.pids: set[int] = set()
        self.pool = self._start(workers)  # its processes start with the first job

    def _start(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, initializer=_start_worker,
                                   initargs=(self.reports,))

    def outcomes(self) -> Iterator[Outcome]:
        futures: dict[int, Future[Outcome]] = {}
        submitted = 0
        finished = False
        try:
            for position, job in enumerate(self.jobs):
                while submitted < len(self.jobs) and submitted <= position + self.window:
                    futures[submitted] = self._submit(self.jobs[submitted])
                    submitted += 1
                future = futures.pop(position)
                while not wait([future], timeout=POLL_SECONDS).done:
                    self._pass_reports()
                self._pass_reports()
                try:
                    outcome = future.result()
                except BrokenProcessPool:  # a worker died: which document killed it?
                    self.pool.shutdown(wait=True, cancel_futures=True)
                    outcome = self._alone(job)
                    self.pids.clear()  # those processes are gone (and reaped)
                    self.pool = self._start(self.workers)
                    futures = {i: f if _succeeded(f) else self._submit(self.jobs[i])
                               for i, f in futures.items()}
                except Exception as error:  # e.g. what was read could not be sent back
                    outcome = Outcome(job.key, error=failure(job.name, error))
                yield outcome
            finished = True
        finally:
            if not finished:  # interrupted, or the caller stopped: do not finish the batch
                self._stop_workers()
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, job: Job) -> Future[Outcome]:
        """``job`` given to the pool; to a pool already broken, a future that says so (it
        is then read again like the others the dead worker took down)."""
        try:
            return self.pool.submit(_read_in_worker, job)
        except BrokenProcessPool as error:
            broken: Future[Outcome] = Future()
            broken.set_exception(error)
            return broken

    def _alone(self, job: Job) -> Outcome:
        """``job`` read again in a pool of its own: its outcome, or the worker's death."""
        with self._start(1) as pool:
            try:
                return pool.submit(_read_in_worker, job).result()
            except BrokenProcessPool:
                return Outcome(job.key, error=f"{job.name}: cannot read (the process reading "
                                              "it stopped; too large or damaged?)")
            finally:
                self._pass_reports()

    def _pass_reports(self) -> None:
        while not self.reports.empty():
            key, done, total = self.reports.get()
            if key == _HELLO:
                self.pids.add(done)
            elif self.report is not None:
                self.report(key, done, total)

    def _stop_workers(self) -> None:
        self._pass_reports()
        for pid in self.pids:
            with contextlib.suppress(OSError):  # already gone
                os.kill(pid, signal.SIGTERM)


def _succeeded(future: Future[Outcome]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


# -- in a worker process -----------------------------------------------------------------

_REPORTS: SimpleQueue[tuple[int, int, int]] | None = None


def _start_worker(reports: SimpleQueue[tuple[int, int, int]]) -> None:
    """Worker start-up: leave ctrl+c to the parent, stop when orphaned, say who we are."""
    global _REPORTS
    _REPORTS = reports
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stop_when_orphaned()
    reports.put((_HELLO, os.getpid(), 0))


def _read_in_worker(job: Job) -> Outcome:
    def report(key: int, done: int, total: int) -> None:
        if _REPORTS is not None:
            _REPORTS.put((key, done, total))

    return read_one(job, report, workers=1)  # the pool is already as wide as the machine
