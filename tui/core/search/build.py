"""Adding many documents to the search index: in batches that each commit, resumable, with
the caches decoded in a second process while this one inserts.

A full build of a newsroom's library (10,000 documents, a million comments, their page
text) takes a minute or more. Three things make that bearable:

* **Batches that commit.** Every :data:`BATCH` documents are one transaction, so a search
  on another connection finds what is built so far, and a build that is killed keeps every
  batch it finished: the next sync compares the library with the index's ``docs`` table and
  adds only the documents still missing (it does not start over).
* **Decoding apart.** Reading a cache file (JSON) into an extraction, withholding the words
  under unapplied redactions and turning it into rows is about half the work; from
  :data:`APART_FROM` new documents a second process does it (:func:`_decode_apart`) and sends
  finished rows over a bounded queue while this process inserts the batch before. Only
  withheld text crosses: the second process applies :func:`~.rows.document_rows`.
* **Numbered in advance.** The second process numbers the rows itself from the first free
  row numbers, so this process inserts them as they come. A document whose cache file is
  missing or stale is left to this process, after the others (it may have to read the PDF
  again, and numbers it from the end).
"""

from __future__ import annotations

import multiprocessing
import queue
import sqlite3
from collections.abc import Callable, Iterator
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from pathlib import Path

from tui.core.library.cache import ExtractionCache
from tui.core.model import Extraction
from tui.core.search import rows

BATCH = 100
"""Documents per transaction: what a search finds grows by this many at a time."""
APART_FROM = 200
"""From this many new documents, a second process decodes the caches (starting it costs
about half a second)."""
_AHEAD = 2
"""Batches the second process may have ready before this one takes them (memory stays flat)."""

Job = tuple[str, int, rows.Label]
"""A document to add: its hash, its place in the library, its label."""
Batch = tuple[list[rows.DocumentRows], list[Job]]
"""Rows of documents decoded, and the documents whose cache could not be read there."""


def add_documents(db: sqlite3.Connection, jobs: list[Job],
                  load: Callable[[str], Extraction | None], cache_folder: Path | None,
                  done: Callable[[int], None], apart_from: int = APART_FROM) -> int:
    """Index the documents ``jobs``, committing every :data:`BATCH`; ``done(n)`` after each
    commit with how many are in. ``load`` reads an extraction here; with ``cache_folder`` (the
    folder holding ``cache/``) and at least ``apart_from`` jobs, a second process reads the
    cache files. Returns how many documents the second process read (``load`` reads the
    others)."""
    first: Iterator[Batch] = iter(())
    if cache_folder is not None and len(jobs) >= apart_from:
        first = _apart(cache_folder, jobs, _free(db, "ann"), _free(db, "line"))
    inserted: set[str] = set()
    for decoded, _missing in first:
        _commit(db, decoded, inserted, done)
    # What the second process could not read (or all, for a small build) is read here,
    # perhaps from the PDF again, numbered from the end.
    rest = [job for job in jobs if job[0] not in inserted]
    apart = len(inserted)
    for decoded, _missing in _batches(rest, load, _free(db, "ann"), _free(db, "line"),
                                      keep_missing=False):
        _commit(db, decoded, inserted, done)
    return apart


def _commit(db: sqlite3.Connection, decoded: list[rows.DocumentRows], inserted: set[str],
            done: Callable[[int], None]) -> None:
    with db:
        rows.write_rows(db, decoded)
    inserted.update(str(document[0][0]) for document in decoded)
    done(len(inserted))


def _free(db: sqlite3.Connection, table: str) -> int:
    """The first row number not taken in ``table``."""
    return int(db.execute(f"SELECT coalesce(max(rid), 0) + 1 FROM {table}").fetchone()[0])


def _batches(jobs: list[Job], load: Callable[[str], Extraction | None], ann_rid: int,
             line_rid: int, keep_missing: bool) -> Iterator[Batch]:
    """The rows of ``jobs``, a batch at a time, numbered on from ``ann_rid`` / ``line_rid``;
    ``keep_missing``: a document ``load`` cannot read is passed back, not indexed bare."""
    for start in range(0, len(jobs), BATCH):
        decoded: list[rows.DocumentRows] = []
        missing: list[Job] = []
        for sha, place, label in jobs[start:start + BATCH]:
            extraction = load(sha)
            if extraction is None and keep_missing:
                missing.append((sha, place, label))
                continue
            found = rows.document_rows(sha, place, label, extraction, ann_rid, line_rid)
            ann_rid += len(found[1])
            line_rid += len(found[3])
            decoded.append(found)
        yield decoded, missing


def _apart(cache_folder: Path, jobs: list[Job], ann_rid: int, line_rid: int
           ) -> Iterator[Batch]:
    """:func:`_batches`, decoded by a second process; it ends with the iteration."""
    context = multiprocessing.get_context("spawn")  # no fork: the app runs threads
    ready = context.Queue(maxsize=_AHEAD)
    worker = context.Process(target=_decode_apart, daemon=True,
                             args=(str(cache_folder), jobs, ann_rid, line_rid, ready))
    worker.start()
    try:
        for _ in range(0, len(jobs), BATCH):
            batch: Batch | None = _take(ready, worker)
            if batch is None:  # it failed: the rest is decoded here, as a small build is
                return
            yield batch
    finally:
        worker.kill()
        worker.join()
        ready.close()


def _take(ready: Queue[Batch | None],
          worker: BaseProcess) -> Batch | None:
    """The next batch from the second process, or None once it died."""
    while True:
        try:
            return ready.get(timeout=1)
        except queue.Empty:
            if not worker.is_alive():
                return None


def _decode_apart(cache_folder: str, jobs: list[Job], ann_rid: int, line_rid: int,
                  ready: Queue[Batch | None]) -> None:
    """The second process: decode the caches of ``jobs`` and hand over their rows; stop
    when the process that asked is gone (killed: nobody will take them)."""
    parent = multiprocessing.parent_process()
    cache = ExtractionCache(Path(cache_folder), keep_in_memory=0)
    for batch in _batches(jobs, lambda sha: cache.load(sha, with_pages="text"), ann_rid,
                          line_rid, keep_missing=True):
        while True:
            try:
                ready.put(batch, timeout=1)
                break
            except queue.Full:
                if parent is None or not parent.is_alive():
                    return
