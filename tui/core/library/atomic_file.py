"""Durable files for the library: JSON written atomically (through :mod:`tui.core.files`), a
cross-process lock, broken files moved aside, stale temporary files removed.

Writers serialise on ``fcntl.flock`` of a sidecar
``<name>.lock`` file; the lock file also holds a *generation* token that every writer renews,
so a process can tell cheaply whether someone else wrote since it last read.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import stat
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.files import NotRegularFileError, atomic_write_bytes, read_regular_bytes


class BrokenFileError(Exception):
    """A JSON file exists but does not parse (or is not a JSON object)."""


def atomic_write_json(path: Path, data: Any) -> None:
    """Write ``data`` as compact UTF-8 JSON with :func:`atomic_write_bytes`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write_bytes(path, text.encode("utf-8"))


def read_json_object(path: Path, empty_ok: bool = True) -> dict[str, Any] | None:
    """The JSON object in ``path``; None when the file is missing (or empty, if ``empty_ok``).

    Raises:
        BrokenFileError: the file holds something that is not a JSON object (or nothing),
            is nested too deeply, or holds a number that is not finite (NaN, Infinity,
            1e400): kantlijn writes none of these.
        NotRegularFileError: ``path`` is a FIFO, socket or device (never read).
        OSError: it cannot be read.
    """
    try:
        raw = read_regular_bytes(path)
    except FileNotFoundError:
        return None
    if not raw.strip():
        if empty_ok:
            return None
        raise BrokenFileError("the file is empty")
    data = parse_json(raw)
    if not isinstance(data, dict):
        raise BrokenFileError("not a JSON object")
    return data


def parse_json(raw: bytes) -> Any:
    """JSON as kantlijn writes it: finite numbers, nesting Python can walk.

    Raises:
        BrokenFileError: it does not parse, is nested too deeply, or holds NaN or an
            infinite number.
    """
    try:
        return json.loads(raw, parse_constant=_not_finite, parse_float=_finite)
    except RecursionError:
        raise BrokenFileError("it is nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BrokenFileError(str(error)) from error


def _not_finite(constant: str) -> float:
    raise ValueError(f"it holds {constant}, which is not a number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"it holds {text[:20]}, a number too large")
    return number


def remove_stale_temps(folder: Path, pattern: str = ".*.tmp") -> int:
    """Delete temporary files (``pattern``) that writers killed mid-write left in ``folder``;
    returns how many.

    A temp file is named after its writer's process id (see :func:`atomic_write_bytes`); it
    is stale when that process is gone, or when it is over a day old (the id was reused).
    """
    removed = 0
    for temp in folder.glob(pattern):
        parts = temp.name.rsplit(".", 3)
        pid = int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else 0
        try:
            old = time.time() - temp.stat().st_mtime > 86_400
            if pid != os.getpid() and (old or not _alive(pid)):
                temp.unlink()
                removed += 1
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def move_aside(path: Path) -> Path:
    """Rename a broken ``path`` to ``<name>.broken-<timestamp>`` and return the new path."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{counter}")
    os.replace(path, target)
    return target


class FileLock:
    """An exclusive ``flock`` on ``<path>.lock``, holding the writers' generation token."""

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".lock")

    @contextlib.contextmanager
    def held(self) -> Iterator[LockedGeneration]:
        """Hold the lock for the duration of the ``with`` block.

        Raises:
            NotRegularFileError: the lock file is a FIFO or device (never waited on).
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise NotRegularFileError(self.path, mode)
            os.set_blocking(fd, True)
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield LockedGeneration(fd)
        finally:
            os.close(fd)  # closing releases the flock


class LockedGeneration:
    """The generation token in a held lock file: read it, or renew it before writing."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def read(self) -> str:
        """The current token ('' when none was written yet)."""
        os.lseek(self._fd, 0, os.SEEK_SET)
        return os.read(self._fd, 64).decode("ascii", "replace")

    def renew(self) -> str:
        """Write and return a fresh token. Done *before* replacing the data file, so a crash
        in between only makes other processes re-read needlessly, never miss a change."""
        token = uuid.uuid4().hex
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, token.encode("ascii"), 0)
        return token
