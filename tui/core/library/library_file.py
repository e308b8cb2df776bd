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

import os
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from tui.core.errors import KantlijnError, os_error_message
from tui.core.files import shown_name
from tui.core.library import operations as ops
from tui.core.library.atomic_file import (
    BrokenFileError,
    FileLock,
    atomic_write_json,
    move_aside,
    read_json_object,
    remove_stale_temps,
)
from tui.core.library.cache import cache_dir_for
from tui.core.library.ids import IdDirectory
from tui.core.library.migrations import SCHEMA, RawDB, migrate, schema_of
from tui.core.library.shape import shape_problem

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
        self.read_only = False
        """The library's folder (or file) cannot be written: nothing is saved this session."""

    def load(self) -> None:
        """Read the file (migrated to the current schema; a broken one is moved aside), after
        deleting what writers killed mid-write left behind. In a folder this process may not
        write, the session is read-only (see :attr:`read_only`).

        Raises:
            KantlijnError: the file is from a newer kantlijn, or cannot be read at all.
        """
        self.read_only = not _writable(self.path)
        if self.read_only:
            self._notices.append(f"the library {shown_name(self.path)} is read-only here: "
                                 "nothing you change is saved")
        try:
            if self.read_only:
                self._load("")
                return
            self._remove_stale_temps()
            with self._lock.held() as generation:
                self._load(generation.read())
        except OSError as error:  # the file, its lock or its folder (named, e.g. the lock)
            raise KantlijnError(
                f"cannot open the library {os_error_message(_named(error, self.path), error)}"
            ) from None

    def _remove_stale_temps(self) -> None:
        """Delete the temporary files writers killed mid-write left: the library's own and
        those in its folder of caches (all kantlijn's)."""
        remove_stale_temps(self.path.parent, f".{self.path.name}.*.tmp")
        for folder in (cache_dir_for(self.path), cache_dir_for(self.path) / "cache"):
            if folder.is_dir():
                remove_stale_temps(folder)

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
            data = read_json_object(self.path, empty_ok=False) or {}
            problem = shape_problem(data)
            if problem is not None:
                raise BrokenFileError(problem)
            return data
        except BrokenFileError as error:
            if self.read_only:  # cannot be moved: leave it, start empty in memory
                self._notices.append(f"the library {shown_name(self.path)} cannot be read "
                                     f"({error}); showing an empty one, the file is left as "
                                     "it is")
                return {}
            aside = move_aside(self.path)
            self._notices.append(
                f"the library {shown_name(self.path)} could not be read ({error}); moved it "
                f"aside to {shown_name(aside)} and started a new one"
            )
            return {}
        except OSError as error:
            raise KantlijnError(
                f"cannot read the library {os_error_message(self.path, error)}") from None

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
        """Write pending changes: under the lock, merged onto the file as it is now.

        Raises:
            KantlijnError: the library is read-only, or writing failed (the disk is full,
                the file too large, ...): the file on disk is then as it was before.
        """
        if not self._pending and not self._ids.has_pending:
            return
        if self.read_only:
            raise KantlijnError(
                f"the library {shown_name(self.path)} is read-only: changes are not saved")
        try:
            with self._lock.held() as generation:
                if self._file_stamp(generation.read()) != self._stamp:
                    self._replay_on_fresh()
                token = generation.renew()
                atomic_write_json(self.path, self.db.storage.read())
                self._stamp = self._file_stamp(token)
                self._write_ids()
        except OSError as error:
            raise KantlijnError(
                f"cannot save the library {os_error_message(self.path, error)}; it is as it "
                "was before") from None
        self._pending.clear()

    def _write_ids(self) -> None:
        """Write the id index: derived data, so a failure is said and the library stays
        saved (the ids wait for the next save; until then they are found in the caches)."""
        try:
            self._ids.write()
        except OSError as error:
            self._notices.append(
                f"the library is saved, but its index of annotation ids could not be "
                f"written ({os_error_message(_named(error, self._ids.path), error)}); it "
                "will be written with the next change")

    def refresh(self) -> bool:
        """Pick up what another process wrote (keeping our pending changes); True if any."""
        if self.read_only:
            return False
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


def _named(error: OSError, fallback: Path) -> object:
    """The file an OS error is about (e.g. the lock file), else ``fallback``."""
    return error.filename if error.filename is not None else fallback


def _writable(path: Path) -> bool:
    """True when this process may write the library file (and its folder, for the lock, the
    temporary file and the rename)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folder will be made: its nearest existing parent decides
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)
