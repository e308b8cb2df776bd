"""The outbox: a member's changes made while the team server was away, kept on disk.

Each change is an :class:`Op` — a kind and its arguments, stored as JSON (never a closure) —
in ``outbox.jsonl`` in the library's local folder, appended and fsynced before the call that
queued the change returns, so nothing typed is lost when the process is killed while
offline. When the server is back the operations are sent in order
(:func:`send`) and the file is trimmed after each one.

Sending is idempotent: an operation sent twice (the process killed after the server
committed it but before the outbox was trimmed) changes nothing the second time. Tags are
rows per member (adding one again is a no-op), a note or own comment is written only when it
differs from what the member has, a question mark only when it changes. For that to hold for
a whole outbox sent twice, the outbox keeps at most one pending change per thing: a second
note on the same annotation replaces the first, a tag removed after being added offline
cancels out, an own annotation deleted after being added offline leaves nothing, a tag
added offline and then renamed is added under its new name.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.files import atomic_write_bytes, fsync_folder, read_regular_bytes
from tui.core.team import store

try:
    import fcntl
except ImportError:  # no advisory locks (Windows): one process per member is assumed
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    import psycopg

OUTBOX_FILE = "outbox.jsonl"
LOCK_FILE = "outbox.lock"
KINDS = ("tag", "untag", "note", "own_add", "own_edit", "own_delete", "mark", "unmark",
         "rename")
"""What an operation can be (see :func:`send` for what each does on the server)."""


@dataclass(frozen=True)
class Op:
    """One change of the member's: ``kind`` (see :data:`KINDS`) with its arguments."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[Any, ...]:
        """What the operation is about: operations on one thing replace each other."""
        a = self.args
        if self.kind in ("tag", "untag"):
            return ("tag", a["doc"], a["ann"], str(a["tag"]).casefold())
        if self.kind in ("mark", "unmark"):
            return ("question", a["doc"], a["ann"])
        if self.kind in ("own_add", "own_edit", "own_delete"):
            return ("own", a["doc"], a["ann"])
        if self.kind == "note":
            return ("note", a["doc"], a["ann"])
        return ("rename",)

    def to_dict(self) -> dict[str, Any]:
        """The stored form."""
        return {"kind": self.kind, "args": self.args}


def coalesce(pending: list[Op], op: Op) -> list[Op]:
    """The outbox after queueing ``op``: at most one pending operation per thing (see the
    module), never looking back past a tag rename (it changes what a tag name means)."""
    if op.kind == "rename":  # tags added offline are added under the new name at once
        old = str(op.args["old"]).casefold()
        renamed = [Op("tag", {**p.args, "tag": op.args["new"]})
                   if p.kind == "tag" and str(p.args["tag"]).casefold() == old else p
                   for p in pending]
        return [*renamed, op]
    start = max((i + 1 for i, p in enumerate(pending) if p.kind == "rename"), default=0)
    earlier = next((i for i in range(len(pending) - 1, start - 1, -1)
                    if pending[i].key == op.key), None)
    if earlier is None:
        return [*pending, op]
    before, rest = pending[earlier], pending[:earlier] + pending[earlier + 1:]
    merged = _merge(before, op)
    return rest if merged is None else [*rest, merged]


def fold(ops: Iterable[Op]) -> list[Op]:
    """The outbox after queueing each of ``ops`` in turn: what :func:`coalesce` gives one
    by one, in linear time (reading a file of thousands of lines must stay cheap)."""
    out: list[Op | None] = []
    where: dict[tuple[Any, ...], int] = {}
    for op in ops:
        if op.kind == "rename":
            old = str(op.args["old"]).casefold()
            for i, pending in enumerate(out):  # renames are rare: a pass over all is fine
                if (pending is not None and pending.kind == "tag"
                        and str(pending.args["tag"]).casefold() == old):
                    out[i] = Op("tag", {**pending.args, "tag": op.args["new"]})
            out.append(op)
            where = {}  # nothing merges back past a rename
            continue
        key = op.key
        earlier = where.pop(key, None)
        if earlier is not None:
            before, out[earlier] = out[earlier], None
            assert before is not None
            merged = _merge(before, op)
            if merged is None:
                continue
            op = merged
        where[key] = len(out)
        out.append(op)
    return [op for op in out if op is not None]


def _merge(before: Op, after: Op) -> Op | None:
    """One operation doing what ``before`` then ``after`` do (None: nothing at all)."""
    if before.kind in ("tag", "untag"):
        return None if before.kind != after.kind else before
    if before.kind == "own_add":
        if after.kind == "own_delete":
            return None
        if after.kind == "own_edit":
            data = dict(before.args["data"], contents=after.args["text"])
            return Op("own_add", {**before.args, "data": data})
    return after


class Outbox:
    """The pending operations of one team library and member, in ``folder``.

    The file is JSON Lines, one operation a line as queued: :meth:`add` appends a line and
    fsyncs (a change costs one small write however long the outbox is); reading folds the
    lines through :func:`coalesce`. A line cut short by a crash (its call never returned)
    is dropped when the file is read, and the file is then rewritten whole (atomically), as
    it is after :meth:`done` and when it holds many more lines than pending operations.

    Two processes of the same member (two app windows) share the file: every change to it
    is made under an advisory lock (``outbox.lock``) and starts from what the file holds
    then, so neither rewrites away what the other queued.
    """

    def __init__(self, folder: Path) -> None:
        """Read the outbox in ``folder`` (none yet: empty)."""
        self.path = folder / OUTBOX_FILE
        self._ops: list[Op] = []
        self._lines = 0
        self._seen: tuple[int, int, int] | None = None
        with self._locked(create=False):
            if not self._read():
                with contextlib.suppress(OSError):  # appending after a cut line would glue on
                    self._rewrite(self._ops)

    @property
    def ops(self) -> list[Op]:
        """The pending operations, oldest first (what another process of the same member
        queued meanwhile included)."""
        if self._stamp() != self._seen:
            with self._locked(create=False):
                self._read()
        return self._ops

    def _stamp(self) -> tuple[int, int, int] | None:
        """What tells the file changed since it was last read or written here."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    @contextlib.contextmanager
    def _locked(self, create: bool = True) -> Iterator[None]:
        """Hold the outbox's lock (a no-op where there is no folder yet and ``create`` is
        False, or where the system has no advisory locks)."""
        if fcntl is None or (not create and not self.path.parent.is_dir()):
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.parent / LOCK_FILE, "ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _read(self) -> bool:
        """Fold the file's lines into :attr:`ops`; False when a line had to be dropped."""
        self._ops, self._lines, self._seen = [], 0, self._stamp()
        try:
            raw = read_regular_bytes(self.path)
        except FileNotFoundError:
            return True
        except OSError:
            return True  # unreadable: a disk problem, left for the user to see
        clean = raw.endswith(b"\n") or not raw
        lines: list[Op] = []
        for line in raw.splitlines():
            try:
                item = json.loads(line)
                op = Op(item["kind"], dict(item["args"]))
            except (ValueError, KeyError, TypeError):
                clean = False
                continue
            if op.kind in KINDS:
                lines.append(op)
        self._ops, self._lines = fold(lines), len(lines)
        return clean

    def __len__(self) -> int:
        return len(self.ops)

    def add(self, op: Op) -> None:
        """Queue ``op`` (merged with a pending one on the same thing); on disk, fsynced,
        when this returns."""
        with self._locked():
            if self._stamp() != self._seen:
                self._read()
            ops = coalesce(self._ops, op)
            if self._lines > 2 * len(ops) + 100:
                self._rewrite(ops)
                return
            new = not self.path.exists()
            with open(self.path, "ab") as handle:
                handle.write(_line(op))
                handle.flush()
                os.fsync(handle.fileno())
            if new:
                fsync_folder(self.path.parent)
            self._ops, self._lines, self._seen = ops, self._lines + 1, self._stamp()

    def done(self, sent: list[Op]) -> None:
        """The operations in ``sent`` reached the server: take them out. One queued again
        meanwhile by another process (so changed) is no longer equal to what was sent,
        and stays."""
        with self._locked():
            if self._stamp() != self._seen:
                self._read()
            left = list(self._ops)
            for op in sent:
                with contextlib.suppress(ValueError):
                    left.remove(op)
            self._rewrite(left)

    def _rewrite(self, ops: list[Op]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, b"".join(_line(op) for op in ops))
        self._ops, self._lines, self._seen = ops, len(ops), self._stamp()


def _line(op: Op) -> bytes:
    return json.dumps(op.to_dict(), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def send(connection: psycopg.Connection[Any], op: Op) -> None:
    """Do ``op`` on the server as the connecting member; doing it twice changes nothing
    the second time (see the module)."""
    a = op.args
    if op.kind == "tag":
        store.add_tags(connection, a["doc"], a["ann"], [a["tag"]])
    elif op.kind == "untag":
        store.remove_tags(connection, a["doc"], a["ann"], [a["tag"]])
    elif op.kind == "note":
        if store.own_note(connection, a["doc"], a["ann"]) != a["text"]:
            store.set_note(connection, a["doc"], a["ann"], a["text"])
    elif op.kind == "own_add":
        store.add_own(connection, a["doc"], a["ann"], a["data"])
    elif op.kind == "own_edit":
        found = store.own_record(connection, a["doc"], a["ann"])
        if found is not None and found[1].get("contents") != a["text"]:
            store.set_own_contents(connection, a["doc"], a["ann"], a["text"])
    elif op.kind == "own_delete":
        store.delete_own(connection, a["doc"], a["ann"])
    elif op.kind == "mark":
        store.mark_question(connection, a["doc"], a["ann"], a["status"], a["answer"])
    elif op.kind == "unmark":
        store.clear_question(connection, a["doc"], a["ann"])
    elif op.kind == "rename":
        rename(connection, a["old"], a["new"])


def rename(connection: psycopg.Connection[Any], old: str, new: str) -> list[tuple[str, str]]:
    """Rename the member's tag ``old`` to ``new`` in one transaction; returns the
    (document, annotation) pairs it was on."""
    with connection.transaction():
        rows = [(doc, ann) for doc, ann in connection.execute(
            "SELECT doc, annotation FROM kantlijn.tags WHERE tag_key = %s "
            "AND member = current_user", (old.casefold(),)).fetchall()]
        for doc, ann in rows:
            store.remove_tags(connection, doc, ann, [old])
            store.add_tags(connection, doc, ann, [new])
    return rows
