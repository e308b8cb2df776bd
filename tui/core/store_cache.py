"""The extraction cache, kept apart from the library: one JSON file per document hash.

``library.json`` -> ``library.d/cache/<sha256>.json`` holds
``Extraction.to_dict(include_pages=True)`` so a known document opens without parsing. A cache
file is written once, atomically; it is *stale* when it was written by another kantlijn
version or model schema, and then the document is read again (user data survives that: see
``tui.core.library_ops.rematch``).

``library.d/ids.json`` maps each document hash to its annotation ids, so an id typed on the
command line is resolved without opening every cache. It is rewritten only when documents are
added, never when the user tags something.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

from tui import __version__
from tui.core.model import SCHEMA_VERSION, Extraction
from tui.core.store_file import BrokenFileError, atomic_write_json, read_json_object

CACHE_SCHEMA = 1
"""Bump when the cache layout changes; older caches are then ignored and rebuilt."""


def cache_dir_for(library: Path) -> Path:
    """The folder beside ``library`` that holds its caches (``library.json`` -> ``library.d``)."""
    return library.with_name(library.stem + ".d")


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's content, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ExtractionCache:
    """Cached extractions by document hash, with a small in-memory LRU of loaded ones."""

    def __init__(self, folder: Path, keep_in_memory: int = 3) -> None:
        self.folder = folder / "cache"
        self._memory: OrderedDict[str, Extraction] = OrderedDict()
        self._keep = keep_in_memory

    def path(self, sha256: str) -> Path:
        """The cache file of one document."""
        return self.folder / f"{sha256}.json"

    def save(self, extraction: Extraction) -> None:
        """Write the cache file of ``extraction`` (atomically) and keep it in memory.

        An extraction that came out of this cache is not written again.
        """
        if self._memory.get(extraction.document.sha256) is extraction:
            return
        payload = {
            "cache_schema": CACHE_SCHEMA,
            "model_schema": SCHEMA_VERSION,
            "kantlijn": __version__,
            "extraction": extraction.to_dict(include_pages=True),
        }
        atomic_write_json(self.path(extraction.document.sha256), payload)
        self._remember(extraction)

    def load(self, sha256: str) -> Extraction | None:
        """The cached extraction, or None when missing, unreadable or stale."""
        if sha256 in self._memory:
            self._memory.move_to_end(sha256)
            return self._memory[sha256]
        try:
            data = read_json_object(self.path(sha256))
        except BrokenFileError:
            return None
        if data is None or not is_fresh(data):
            return None
        try:
            extraction = Extraction.from_dict(data["extraction"])
        except (KeyError, TypeError, ValueError):
            return None
        self._remember(extraction)
        return extraction

    def _remember(self, extraction: Extraction) -> None:
        self._memory[extraction.document.sha256] = extraction
        self._memory.move_to_end(extraction.document.sha256)
        while len(self._memory) > self._keep:
            self._memory.popitem(last=False)


def is_fresh(data: dict[str, Any]) -> bool:
    """True when a cache file was written by this kantlijn with the current layouts."""
    return (
        data.get("cache_schema") == CACHE_SCHEMA
        and data.get("model_schema") == SCHEMA_VERSION
        and data.get("kantlijn") == __version__
    )


class IdIndex:
    """``ids.json``: annotation ids per document hash, for resolving a bare id."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "ids.json"

    def read(self) -> dict[str, list[str]]:
        """The whole index (empty when missing or broken: it can be rebuilt from caches)."""
        try:
            data = read_json_object(self.path)
        except BrokenFileError:
            return {}
        return {k: list(v) for k, v in (data or {}).items() if isinstance(v, list)}

    def merge(self, additions: dict[str, list[str]]) -> None:
        """Add or replace the ids of some documents. Call with the library lock held."""
        if not additions:
            return
        index = self.read()
        index.update(additions)
        atomic_write_json(self.path, index)
