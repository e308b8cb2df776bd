"""Import a batch of documents: read on every core, added to the library in the order given.

Usage::

    for result in import_files(library, ["a.pdf", "b.pdf"], progress=show):
        print(result.error or result.record.title)

Each file is checked (a regular file this process may read) and hashed first; a document
the library already holds comes from its cache, the rest are read by
:func:`tui.core.library.read_pool.read_all`. As each document's extraction arrives, in the
order given, it is added and the library flushed, so an import that is killed leaves the
library as it was before the document it was on: whole documents only, never half of one.
A file that cannot be read gives its one-line error and the batch goes on.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.copies.prepared import remember
from tui.core.errors import readable_file
from tui.core.files import file_sha256
from tui.core.library.read_pool import Job, Outcome, failure, read_all, read_one
from tui.core.library.records import DocumentRecord
from tui.core.workers import usable_cores

if TYPE_CHECKING:
    from tui.core.library.surface import LibrarySurface
    from tui.core.ocr.need import OcrMode


@dataclass(frozen=True, slots=True)
class Imported:
    """One file of the batch, as it ended: its record in the library, or why not."""

    name: str
    record: DocumentRecord | None = None
    already: bool = False
    """The library held this document before (a known file, or an earlier copy in the batch)."""
    error: str | None = None
    """One line naming the file and what is wrong (without the ``kantlijn:`` prefix)."""


@dataclass(slots=True)
class BatchProgress:
    """How far a batch is: documents finished, pages read, and an estimate of the time left."""

    documents: int
    """Files in the batch."""
    finished: int = 0
    """Files done (added, or failed), in the order given."""
    pages: int = 0
    """Pages read or taken from the cache so far."""
    work: int = 0
    """Bytes of the files that must be read (the cached ones cost next to nothing)."""
    worked: float = 0.0
    """Of those bytes, how many are read (a file part-way counts by its pages)."""
    started: float = field(default_factory=time.monotonic)

    def seconds_left(self, now: float | None = None) -> float | None:
        """The time the rest should take at the pace so far; None until a twentieth of the
        work is done (before that, one small or broken file would set the pace)."""
        elapsed = (time.monotonic() if now is None else now) - self.started
        if self.worked <= 0 or self.worked < self.work / 20 or elapsed <= 0:
            return None
        return max(0.0, (self.work - self.worked) * elapsed / self.worked)


@dataclass(slots=True)
class _Planned:
    name: str
    sha256: str | None = None
    size: int = 0
    cached: bool = False
    error: str | None = None


def import_files(
    library: LibrarySurface,
    names: Sequence[str],
    password: str | None = None,
    workers: int | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    ocr: OcrMode = "auto",
) -> Iterator[Imported]:
    """Import ``names`` in order, reading them over ``workers`` processes (default: one per
    core this process may use); yields each file's result as it is added and flushed.

    Raises:
        KantlijnError: the library cannot be saved (it is then as it was before the
            document being added).
    """
    plan = _plan(library, names)
    to_read = [Job(index, item.name, password, ocr) for index, item in enumerate(plan)
               if item.error is None and not item.cached]
    state = BatchProgress(len(plan), work=sum(plan[job.key].size for job in to_read))
    pages_seen: dict[int, int] = {}
    credited: dict[int, float] = {}

    def credit(key: int, share: float) -> None:
        """Count ``share`` of file ``key``'s bytes as read."""
        state.worked += plan[key].size * share - credited.get(key, 0.0)
        credited[key] = plan[key].size * share

    def pages_read(key: int, done: int, total: int) -> None:
        state.pages += done - pages_seen.get(key, 0)
        pages_seen[key] = done
        credit(key, done / total if total else 1.0)
        if progress is not None:
            progress(state)

    if progress is not None:
        progress(state)
    with contextlib.closing(read_all(to_read, workers or usable_cores(), pages_read)) as outcomes:
        for index, item in enumerate(plan):
            if item.error is not None:
                result = Imported(item.name, error=item.error)
            elif item.cached:
                result = _add_cached(library, index, item, password, pages_read, ocr)
            else:
                result = _add(library, item, next(outcomes))
                credit(index, 1.0)  # read (or given up on): no more of it to wait for
            if result.record is not None and index not in pages_seen:  # from the cache
                state.pages += result.record.pages
            state.finished += 1
            if progress is not None:
                progress(state)
            yield result


def _plan(library: LibrarySurface, names: Sequence[str]) -> list[_Planned]:
    """Check and hash every file; mark those whose extraction the library already holds or
    an earlier file of the batch will (a second copy is not read twice)."""
    plan: list[_Planned] = []
    hashes: set[str] = set()
    for name in names:
        item = _Planned(name)
        try:
            path = readable_file(Path(name), shown=name)
            item.size = path.stat().st_size
            item.sha256 = file_sha256(path)
        except Exception as error:
            item.error = failure(name, error)
        else:
            item.cached = item.sha256 in hashes or library.has_cached(item.sha256)
            hashes.add(item.sha256)
        plan.append(item)
    return plan


def _add(library: LibrarySurface, item: _Planned, outcome: Outcome) -> Imported:
    """Add what was read (and flush), or pass on why it could not be."""
    if outcome.extraction is None:
        return Imported(item.name, error=outcome.error)
    if outcome.prepared is not None:  # adding it then encodes and computes nothing
        remember(outcome.extraction, outcome.prepared.fingerprint)
        library.cache.save(outcome.extraction, memory_only=library.read_only,
                           encoded=outcome.prepared.encoded)
    already = library.document(outcome.extraction.document.sha256) is not None
    record = library.add_document(outcome.extraction, Path(item.name))
    library.flush()
    return Imported(item.name, record, already)


def _add_cached(library: LibrarySurface, index: int, item: _Planned, password: str | None,
                pages_read: Callable[[int, int, int], None], ocr: OcrMode = "auto") -> Imported:
    """Add a document from the cache; read it here after all when the cache fails us (its
    earlier copy in the batch could not be read, or the cache file is damaged)."""
    assert item.sha256 is not None
    extraction = library.cached_extraction(item.sha256)
    if extraction is None:
        job = Job(index, item.name, password, ocr)
        return _add(library, item, read_one(job, pages_read, 1))
    already = library.document(item.sha256) is not None
    record = library.add_document(extraction, Path(item.name))
    library.flush()
    return Imported(item.name, record, already)
