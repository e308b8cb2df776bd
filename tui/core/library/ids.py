"""Which documents in the library hold an annotation id, for ids typed on the command line.

The on-disk index (:class:`tui.core.library.cache.IdIndex`) is read once and kept; ids of
documents added since the last flush wait here until the library writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.core.errors import KantlijnError
from tui.core.library.cache import ExtractionCache, IdIndex

if TYPE_CHECKING:
    from tui.core.library.library import Library


class IdDirectory:
    """Annotation ids per document hash: the index on disk plus what is not written yet."""

    def __init__(self, index: IdIndex) -> None:
        self._index = index
        self._known: dict[str, list[str]] | None = None
        self._pending: dict[str, list[str]] = {}

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


def resolve_annotation_id(
    library: Library, annotation_id: str, doc: str | None = None
) -> tuple[str, str]:
    """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it.

    Args:
        library: the library to look in.
        annotation_id: the id.
        doc: a file, a path seen, or a hash (prefix) to look in; all documents if None.

    Raises:
        KantlijnError: the document or id is unknown, or the id is in several documents.
    """
    if doc is not None:
        record = library.find_document(doc)
        if record is None:
            raise KantlijnError(f"{doc} is not in the library (kantlijn import FILE)")
        if record.sha256 not in library.holders(annotation_id):
            raise KantlijnError(f"no annotation {annotation_id} in {record.label}")
        return record.sha256, annotation_id
    holders = library.holders(annotation_id)
    if not holders:
        raise KantlijnError(
            f"no annotation {annotation_id} in the library (kantlijn extract FILE shows ids)"
        )
    if len(holders) > 1:
        labels = ", ".join(library.label(sha) for sha in holders[:3])
        raise KantlijnError(
            f"annotation {annotation_id} is in {len(holders)} documents ({labels}); "
            "add --doc FILE|HASH"
        )
    return holders[0], annotation_id
