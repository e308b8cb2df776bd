"""The user's verdict on the reviewer's questions: answered or open, with an answer note.

Kept in the library (table ``questions``) like tags and notes: undoable, replayed across
processes, and counted in the generation so the search index knows ``is:open`` changed.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from tui.core.copies.store import all_rows, canonical_key, rows_of
from tui.core.library.history import ChangeHistory
from tui.core.library.library_file import LibraryFile
from tui.core.library.operations import Op

QUESTIONS = "questions"
_Q = Query()

State = tuple[str, str | None]
"""(status: ``open`` or ``answered``, the user's answer note)."""


def _set(doc: str, ann: str, status: str, answer: str | None) -> Op:
    def op(db: TinyDB) -> Op:
        key_doc, key_id = canonical_key(db, doc, ann)  # one mark for every copy
        if (key_doc, key_id) != (doc, ann):
            return _set(key_doc, key_id, status, answer)(db) or _clear(key_doc, key_id)
        table = db.table(QUESTIONS)
        key = (_Q.doc == doc) & (_Q.id == ann)
        old = table.get(key)
        table.upsert({"doc": doc, "id": ann, "status": status, "answer": answer}, key)
        if old is None:
            return _clear(doc, ann)
        return _set(doc, ann, str(old["status"]), old.get("answer"))

    return op


def _clear(doc: str, ann: str) -> Op:
    def op(db: TinyDB) -> Op | None:
        db.table(QUESTIONS).remove((_Q.doc == doc) & (_Q.id == ann))
        return None

    return op


class QuestionBook:
    """Answered or open, per question (a question never marked is open)."""

    def __init__(self, history: ChangeHistory, file: LibraryFile) -> None:
        """Record changes through ``history`` into ``file``."""
        self._history = history
        self._file = file

    def mark(self, doc: str, ann: str, status: str, answer: str | None = None) -> None:
        """Mark question ``ann`` of ``doc`` open or answered, with an optional answer note."""
        note = answer.strip() if answer and answer.strip() else None
        self._history.apply(_set(doc, ann, status, note), undo_as=f"mark a question {status}")

    def states(self, doc: str | None = None) -> dict[tuple[str, str], State]:
        """(document, id) -> (status, answer) of every question marked (in ``doc`` only)."""
        db = self._file.db
        if doc:  # a linked copy shows the marks made on any copy
            return {(doc, ann): (str(r["status"]), r.get("answer"))
                    for ann, r in rows_of(db, QUESTIONS, doc)}
        return {(d, ann): (str(r["status"]), r.get("answer"))
                for d, ann, r in all_rows(db, QUESTIONS)}
