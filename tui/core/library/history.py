"""Applying changes to the library file, with undo, redo and the generation counters.

Every change goes through :meth:`ChangeHistory.apply`: the operation is applied (and kept for
the next flush), the counters derived data watches are bumped — ``generation`` for anything a
search can see, ``documents`` when documents come or go — and, when it has a description,
its inverse is kept for :meth:`ChangeHistory.undo`.
"""

from __future__ import annotations

from tui.core.library import operations as ops
from tui.core.library.library_file import LibraryFile

UNDO_DEPTH = 200


class ChangeHistory:
    """The changes made through one library object, for undo and redo."""

    def __init__(self, file: LibraryFile) -> None:
        """Apply changes to ``file``."""
        self._file = file
        self._undo: list[tuple[str, ops.Op]] = []
        self._redo: list[tuple[str, ops.Op]] = []

    def apply(
        self, op: ops.Op, undo_as: str | None = None, searchable: bool = True,
        documents: bool = False,
    ) -> None:
        """Apply ``op``; ``undo_as`` (the user's words for it) makes it undoable."""
        inverse = self._run(op, searchable, documents)
        if undo_as is not None and inverse is not None:
            self._undo.append((undo_as, inverse))
            del self._undo[:-UNDO_DEPTH]
            self._redo.clear()  # a new change: what was undone cannot come back any more

    def _run(self, op: ops.Op, searchable: bool = True, documents: bool = False) -> ops.Op | None:
        inverse = self._file.apply(op)
        if searchable:
            self._file.apply(ops.bump("generation"))
        if documents:
            self._file.apply(ops.bump("documents"))
        return inverse

    def undo(self) -> str | None:
        """Undo the last undoable change; returns what was undone (in the user's words, e.g.
        "delete your comment on p. 9"), or None."""
        if not self._undo:
            return None
        description, inverse = self._undo.pop()
        again = self._run(inverse)
        if again is not None:
            self._redo.append((description, again))
        return description

    def redo(self) -> str | None:
        """Do again what the last :meth:`undo` took back; returns what, or None."""
        if not self._redo:
            return None
        description, op = self._redo.pop()
        inverse = self._run(op)
        if inverse is not None:
            self._undo.append((description, inverse))
        return description
