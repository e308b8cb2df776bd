"""File hashing: documents are known by the SHA-256 of their bytes, so a renamed or moved PDF
keeps its tags."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def file_sha256(path: str | Path) -> str:
    """The hex SHA-256 of a file's bytes (documents are known by their content).

    Remembered per (path, size, mtime) for this process: opening a document asks for its
    hash in several places (the library, the reader, the extractor), and a large PDF
    should be read once, not three times, before its first page shows.
    """
    stat = os.stat(path)
    key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)
    known = _HASHES.get(key)
    if known is None:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        known = _HASHES[key] = digest.hexdigest()
        if len(_HASHES) > _HASHES_KEPT:
            _HASHES.pop(next(iter(_HASHES)))
    return known


_HASHES: dict[tuple[str, int, int], str] = {}
_HASHES_KEPT = 64
