"""Files as kantlijn owns them: documents known by their content hash, and the one way any
file is written — atomically.

Every write goes to a uniquely named temporary file in the target's folder, is flushed and
fsynced, then renamed over the target (and the folder fsynced), so a crash at any moment
leaves either the previous or the new file, never a torn one; on any error the temporary
file is removed. The library file, the caches, the settings and every export use
:func:`atomic_writing` (or its shorthands :func:`atomic_text_writing` and
:func:`atomic_write_bytes`).

What is written is what the path really names (:func:`write_target`): a symbolic link's final
target is replaced and the link kept; a FIFO or character device is written into, as a
shell's ``>`` would, never replaced; anything else that is not a regular file is refused.
Reading goes through :func:`read_regular_bytes`, which never opens (or blocks on) a FIFO or
device. :func:`shown_name` is how a file name (or any line) is shown on a terminal.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
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
        with open_regular(path) as handle:
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


class NotRegularFileError(OSError):
    """A path names something that is neither a regular file nor a folder (a FIFO, a socket,
    a device) where only a file will do; its message says which."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({file_kind(mode)})", str(path))


def file_kind(mode: int) -> str:
    """What a file of ``mode`` (an ``st_mode``) is, in words: "a FIFO", "a socket", ..."""
    kinds = [(stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISLNK, "a symbolic link")]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _refuse_unless_regular(path: str | os.PathLike[str], mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path, mode)


def open_regular(path: str | os.PathLike[str]) -> IO[bytes]:
    """``path`` opened for reading when it is a regular file (or a link to one).

    A FIFO or device is never read: it is looked at first, and a FIFO put there meanwhile
    is opened without waiting for a writer, then refused.

    Raises:
        FileNotFoundError: nothing is there.
        IsADirectoryError: it is a folder.
        NotRegularFileError: it is a FIFO, socket or device.
        OSError: it cannot be read.
    """
    _refuse_unless_regular(path, os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return open(fd, "rb")


def read_regular_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path`` when it is a regular file (see :func:`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read()


@dataclass(frozen=True, slots=True)
class WriteTarget:
    """What writing a path really writes."""

    path: Path
    """The file written: the path itself, or the end of its chain of symbolic links (a
    stream is written through the path as given)."""
    exists: bool
    """Something is there already (writing it replaces or writes into it)."""
    stream: bool = False
    """A FIFO or character device: written into as it is, never replaced."""
    link: bool = False
    """The path given is a symbolic link (kept: its target is written)."""


def write_target(path: Path) -> WriteTarget:
    """Where writing ``path`` goes: a regular file (or none yet) is replaced atomically, a
    symbolic link's target is replaced and the link kept, a FIFO or character device is
    written into.

    Raises:
        IsADirectoryError: ``path`` (or its link's target) is a folder.
        NotRegularFileError: it is a socket, a block device or something else that cannot
            be replaced by a file nor written into.
    """
    link = path.is_symlink()
    try:
        mode = os.stat(path).st_mode  # through the links
    except FileNotFoundError:
        return WriteTarget(_end_of_links(path) if link else path, exists=False, link=link)
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        # Opened through the link: /dev/stdout names a pipe no path in the tree leads to.
        return WriteTarget(path, exists=True, stream=True, link=link)
    _refuse_unless_regular(path, mode)
    return WriteTarget(_end_of_links(path) if link else path, exists=True, link=link)


def _end_of_links(path: Path) -> Path:
    """The file a symbolic link finally names (its folder's links resolved too)."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def atomic_writing(path: Path, into_stream: bool = False) -> Iterator[IO[bytes]]:
    """A binary handle to write ``path``'s new content through; it replaces ``path`` when the
    ``with`` block ends without an error, and leaves ``path`` untouched (no temporary file
    behind) when it raises. A new file gets the mode a plain ``open`` would give it (the
    user's umask; a replaced file's own mode).

    ``path`` is resolved by :func:`write_target`: through a symbolic link the file it points
    to is replaced (the link stays). A FIFO or character device is written into when
    ``into_stream`` (an export the user sent there), else refused (kantlijn's own files).

    Raises:
        IsADirectoryError, NotRegularFileError: see :func:`write_target`; a FIFO or device
            without ``into_stream``.
    """
    target = write_target(path)
    if target.stream and not into_stream:
        raise NotRegularFileError(path, os.stat(target.path).st_mode)
    if target.stream:
        with open(os.open(target.path, os.O_WRONLY | os.O_CLOEXEC), "wb") as stream:
            yield stream
        return
    real = target.path
    temp = temp_path_for(real)
    try:
        with open(temp, "xb") as handle:
            if target.exists:  # a file replaced keeps its mode, as a plain open would
                with contextlib.suppress(OSError):
                    os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, real)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    fsync_folder(real.parent)


@contextlib.contextmanager
def atomic_text_writing(path: Path, into_stream: bool = False) -> Iterator[IO[str]]:
    """:func:`atomic_writing` for UTF-8 text (newlines written as given)."""
    with atomic_writing(path, into_stream) as raw:
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


def shown_name(name: str | os.PathLike[str]) -> str:
    """A file name (or any line) as it may be shown on a terminal: unchanged when every
    character in it is printable, else escaped as ``ls -b`` does, so no escape sequence in a
    name can reach the terminal: ``\\`` for a backslash, ``\\n``, ``\\t``... for the usual
    controls, and ``\\ooo`` (octal) for every byte of anything else that is not printable
    (controls, bidi overrides, bytes that are not UTF-8)."""
    text = os.fspath(name)
    if text.isprintable():
        return text
    return "".join(_shown_char(char) for char in text)


_C_ESCAPES = {"\\": "\\\\", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n",
              "\v": "\\v", "\f": "\\f", "\r": "\\r"}


def _shown_char(char: str) -> str:
    if char in _C_ESCAPES:
        return _C_ESCAPES[char]
    if char.isprintable():
        return char
    try:
        raw = char.encode("utf-8", "surrogateescape")  # a name's undecodable byte: that byte
    except UnicodeEncodeError:  # a lone surrogate from elsewhere (a PDF's UTF-16)
        raw = char.encode("utf-8", "surrogatepass")
    return "".join(f"\\{byte:03o}" for byte in raw)
