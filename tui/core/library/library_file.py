"""The library file on disk and its copy in memory, kept in step across processes.

Changes are applied to the in-memory TinyDB at once and kept pending; :meth:`LibraryFile.flush`
writes them atomically under a cross-process lock. A *stamp* (the lock's generation token plus
the file's inode, size and mtime as last read or written) tells whether another kantlijn wrote
the file meanwhile: then the file is read again and the pending operations are replayed on it
(see :mod:`tui.core.library.operations`), so neither process loses the other's changes. The id
index (:class:`~tui.core.library.ids.IdDirectory`) is written with the file, under the same
lock.
"""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from tui.core.errors import KantlijnError
from tui.core.library import operations as ops
from tui.core.library.atomic_file import (
    BrokenFileError,
    FileLock,
    atomic_write_json,
    move_aside,
    read_json_object,
)
from tui.core.library.ids import IdDirectory
from tui.core.library.migrations import SCHEMA, RawDB, migrate, schema_of

Stamp = tuple[str, int, int, int]
"""Generation token + inode, size and mtime of the library file as last read or written."""


class LibraryFile:
    """The file at ``path``: read, replayed onto and written under its lock."""

    def __init__(self, path: Path, ids: IdDirectory, notices: list[str]) -> None:
        """Nothing is read yet (see :meth:`load`); ``notices`` receives what the user must
        be told (e.g. a broken file moved aside)."""
        self.path = path
        self.db = TinyDB(storage=MemoryStorage)
        """The library as it is in memory, pending changes applied."""
        self._ids = ids
        self._notices = notices
        self._lock = FileLock(path)
        self._stamp: Stamp = ("", 0, 0, 0)
        self._pending: list[ops.Op] = []

    def load(self) -> None:
        """Read the file (migrated to the current schema; a broken one is moved aside).

        Raises:
            KantlijnError: the file is from a newer kantlijn, or cannot be read at all.
        """
        try:
            with self._lock.held() as generation:
                self._load(generation.read())
        except OSError as error:
            raise KantlijnError(f"cannot open the library {self.path}: {error}") from None

    def _load(self, token: str) -> None:
        data = self._read_raw()
        outdated = bool(data) and schema_of(data) != SCHEMA
        self.db = TinyDB(storage=MemoryStorage)
        self.db.storage.write(migrate(data))
        self._stamp = self._file_stamp(token)
        if outdated:
            self._pending.append(lambda db: None)  # write the migrated form on next flush

    def _read_raw(self) -> RawDB:
        try:
            return read_json_object(self.path) or {}
        except BrokenFileError as error:
            aside = move_aside(self.path)
            self._notices.append(
                f"the library {self.path} did not parse ({error}); moved it aside to {aside} "
                "and started a new one"
            )
            return {}
        except OSError as error:
            raise KantlijnError(f"cannot read the library {self.path}: {error.strerror}") from None

    def _file_stamp(self, token: str) -> Stamp:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (token, 0, 0, 0)
        return (token, stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def apply(self, op: ops.Op) -> ops.Op | None:
        """Apply ``op`` in memory and keep it for the next :meth:`flush`; returns its inverse."""
        inverse = op(self.db)
        self._pending.append(op)
        return inverse

    def flush(self) -> None:
        """Write pending changes: under the lock, merged onto the file as it is now."""
        if not self._pending and not self._ids.has_pending:
            return
        try:
            with self._lock.held() as generation:
                if self._file_stamp(generation.read()) != self._stamp:
                    self._replay_on_fresh()
                token = generation.renew()
                atomic_write_json(self.path, self.db.storage.read())
                self._ids.write()
                self._stamp = self._file_stamp(token)
        except OSError as error:
            raise KantlijnError(f"cannot write the library {self.path}: {error}") from None
        self._pending.clear()

    def refresh(self) -> bool:
        """Pick up what another process wrote (keeping our pending changes); True if any."""
        with self._lock.held() as generation:
            if self._file_stamp(generation.read()) == self._stamp:
                return False
            self._replay_on_fresh()
            self._stamp = self._file_stamp(generation.read())
        self._ids.forget()
        return True

    def _replay_on_fresh(self) -> None:
        fresh = TinyDB(storage=MemoryStorage)
        fresh.storage.write(migrate(self._read_raw()))
        for op in self._pending:
            op(fresh)
        self.db = fresh
