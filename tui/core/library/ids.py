"""Which documents in the library hold an annotation id, for ids typed on the command line.

The on-disk index (:class:`tui.core.library.cache.IdIndex`) is read once and kept; ids of
documents added since the last flush wait here until the library writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.core.library.cache import ExtractionCache, IdIndex


class IdDirectory:
    """Annotation ids per document hash: the index on disk plus what is not written yet."""

    def __init__(self, index: IdIndex) -> None:
        self._index = index
        self._known: dict[str, list[str]] | None = None
        self._pending: dict[str, list[str]] = {}

    @property
    def path(self) -> Path:
        """The index file (``ids.json``)."""
        return self._index.path

    @property
    def has_pending(self) -> bool:
        """True when ids were added since the last :meth:`write`."""
        return bool(self._pending)

    def add(self, sha256: str, ids: Iterable[str]) -> None:
        """Remember the ids of a document just added (written by :meth:`write`)."""
        self._pending[sha256] = list(ids)

    def write(self) -> None:
        """Merge pending ids into the index file. Call with the library lock held."""
        self._index.merge(self._pending)
        self._pending.clear()
        self._known = None

    def forget(self) -> None:
        """Drop what was read; the next look-up reads the index again (another process wrote)."""
        self._known = None

    def holds(self, sha256: str, annotation_id: str) -> bool:
        """True when the index lists ``annotation_id`` for document ``sha256``."""
        return annotation_id in self._ids().get(sha256, ())

    def holders(
        self, annotation_id: str, documents: list[str], cache: ExtractionCache
    ) -> list[str]:
        """The documents among ``documents`` holding ``annotation_id``, in their order.

        A document missing from the index (a library from before it existed) is looked up
        in its extraction cache.
        """
        ids = self._ids()
        holders = [sha for sha in documents if annotation_id in ids.get(sha, ())]
        for sha in (sha for sha in documents if sha not in ids):
            extraction = cache.load(sha)
            if extraction and any(a.id == annotation_id for a in extraction.annotations):
                holders.append(sha)
        return holders

    def _ids(self) -> dict[str, list[str]]:
        if self._known is None:
            self._known = self._index.read()
        return {**self._known, **self._pending}

