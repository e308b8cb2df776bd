"""Files as kantlijn owns them: documents known by their content hash, and the one way any
file is written — atomically.

Every write goes to a uniquely named temporary file in the target's folder, is flushed and
fsynced, then renamed over the target (and the folder fsynced), so a crash at any moment
leaves either the previous or the new file, never a torn one; on any error the temporary
file is removed. The library file, the caches, the settings and every export use
:func:`atomic_writing` (or its shorthand :func:`atomic_write_bytes`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"
"""Temporary files are ``.<name>.<pid>.<random>.tmp``: the pid tells a stale one (its
writer is gone) from one being written now."""


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


def temp_path_for(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (unique per process and call)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


@contextlib.contextmanager
def atomic_writing(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle to write ``path``'s new content through; it replaces ``path`` when the
    ``with`` block ends without an error, and leaves ``path`` untouched (no temporary file
    behind) when it raises. The new file gets the mode a plain ``open`` would give it (the
    user's umask)."""
    temp = temp_path_for(path)
    try:
        with open(temp, "xb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    fsync_folder(path.parent)


@contextlib.contextmanager
def atomic_text_writing(path: Path) -> Iterator[IO[str]]:
    """:func:`atomic_writing` for UTF-8 text (newlines written as given)."""
    with atomic_writing(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the binary handle is closed (and fsynced) by atomic_writing


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so readers see the old or the new content, never a mix
    (the folder is created when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writing(path) as handle:
        handle.write(payload)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable: it is only on disk once the folder entry is."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
