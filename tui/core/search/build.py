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
  finished rows through a pipe while this process inserts the batch before. Only
  withheld text crosses: the second process applies :func:`~.rows.document_rows`.
* **Numbered in advance.** The second process numbers the rows itself from the first free
  row numbers, so this process inserts them as they come. A document whose cache file is
  missing or stale is left to this process, after the others (it may have to read the PDF
  again, and numbers it from the end).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tui.core.library.cache import ExtractionCache
from tui.core.model import Extraction
from tui.core.search import rows

BATCH = 100
"""Documents per transaction: what a search finds grows by this many at a time."""
FIRST_BATCH = 10
"""Documents in the first transaction: the inserting process waits for the first decoded
batch, so a small one sets it to work sooner."""
APART_FROM = 200
"""From this many new documents, a second process decodes the caches (starting it costs
about half a second)."""

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
    for start, end in _spans(len(jobs)):
        decoded: list[rows.DocumentRows] = []
        missing: list[Job] = []
        for sha, place, label in jobs[start:end]:
            extraction = load(sha)
            if extraction is None and keep_missing:
                missing.append((sha, place, label))
                continue
            found = rows.document_rows(sha, place, label, extraction, ann_rid, line_rid)
            ann_rid += len(found[1])
            line_rid += len(found[3])
            decoded.append(found)
        yield decoded, missing


def _spans(count: int) -> list[tuple[int, int]]:
    """Where each batch of ``count`` jobs starts and ends: :data:`FIRST_BATCH`, then
    :data:`BATCH` at a time."""
    if not count:
        return []
    starts = [0, *range(FIRST_BATCH, count, BATCH)]
    return list(zip(starts, [*starts[1:], count], strict=True))


def _apart(cache_folder: Path, jobs: list[Job], ann_rid: int, line_rid: int
           ) -> Iterator[Batch]:
    """:func:`_batches`, decoded by a second process; it ends with the iteration, or early
    when that process cannot start or dies (the rest is then read here)."""
    try:
        # A plain process on pipes, not multiprocessing: no fork of a threaded app, and no
        # resource tracker (it cannot start under Textual, whose stderr has no descriptor).
        worker = subprocess.Popen(
            [sys.executable, "-m", "tui.core.search.build"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return
    assert worker.stdin is not None and worker.stdout is not None
    try:
        pickle.dump((str(cache_folder), jobs, ann_rid, line_rid), worker.stdin)
        worker.stdin.close()
        for _ in _spans(len(jobs)):
            yield pickle.load(worker.stdout)
    except (OSError, EOFError, pickle.UnpicklingError):
        return  # it died: what it did not send is read here
    finally:
        worker.kill()
        worker.wait()
        worker.stdout.close()


def _decode_apart() -> None:
    """The second process: decode the caches of the jobs on standard input and write their
    rows to standard output, a pickled batch at a time. The pipe holds about one batch, so
    it is never far ahead; when the process that asked is gone (killed), the next write
    fails and this process ends."""
    folder, jobs, ann_rid, line_rid = pickle.load(sys.stdin.buffer)
    cache = ExtractionCache(Path(folder), keep_in_memory=0)
    out = sys.stdout.buffer
    try:
        for batch in _batches(jobs, lambda sha: cache.load(sha, with_pages="text"), ann_rid,
                              line_rid, keep_missing=True):
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
    except BrokenPipeError:
        os._exit(0)  # nobody reads any more: end without flushing again


if __name__ == "__main__":
    _decode_apart()
