"""A member's own highlights and comments in a team library: added, edited, deleted.

Mixed into :class:`~tui.core.team.library.TeamLibrary`. Each is stored once with its member
(row-level security lets only that member change it); every write is one step passed to
``_apply`` with the :class:`~tui.core.team.outbox.Op` the outbox keeps while offline.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.core.errors import KantlijnError
from tui.core.model import OWN_ID_PREFIX, Annotation, annotation_from_dict
from tui.core.model import annotation_to_dict as to_dict
from tui.core.team import store
from tui.core.team.outbox import Op
from tui.core.text import MAX_NOTE_LENGTH, user_text

if TYPE_CHECKING:
    import psycopg

    from tui.core.library.records import DocumentRecord

Undo = Callable[[], "Undo | None"]


class OwnAnnotationWrites:
    """The writing of own annotations (a mixin: the library sets the attributes)."""

    member: str
    where: str
    _connection: psycopg.Connection[Any]

    if TYPE_CHECKING:  # given by the library (stubs here would shadow them at run time)
        def _apply(self, step: Undo, undo_as: str, ops: list[Op]) -> None: ...
        def document(self, sha256: str) -> DocumentRecord | None: ...
        def own_record(self, doc: str, ann: str) -> tuple[str, dict[str, Any]] | None: ...
        def label(self, sha256: str) -> str: ...
        def _what(self, doc: str, ann: str) -> str: ...


    def add_own_annotation(self, doc: str, annotation: Annotation, keep_id: bool = False) -> str:
        """Store one of this member's highlights/comments (signed with the member's name);
        returns its id (with ``keep_id``, the one it has: adding it again changes nothing)."""
        own = keep_id and annotation.is_own
        new_id = annotation.id if own else f"{OWN_ID_PREFIX}{uuid.uuid4().hex[:8]}"
        stored = replace(annotation, id=new_id, author=annotation.author or self.member)
        if self.document(doc) is None:
            raise KantlijnError(f"{doc[:12]} is not in the team library at {self.where}")
        self._apply(lambda: self._own_step(doc, stored),
                    f"your {stored.own_kind} on p. {stored.page}",
                    [Op("own_add", {"doc": doc, "ann": new_id, "data": to_dict(stored)})])
        return new_id

    def _own_step(self, doc: str, annotation: Annotation) -> Undo | None:
        added = store.add_own(self._connection, doc, annotation.id, to_dict(annotation))
        return (lambda: self._delete_step(doc, annotation.id)) if added else None

    def _delete_step(self, doc: str, ann: str) -> Undo | None:
        found = store.own_record(self._connection, doc, ann)
        if found is None or not store.delete_own(self._connection, doc, ann):
            return None
        return lambda: self._own_step(doc, annotation_from_dict(found[1]))

    def _must_be_mine(self, doc: str, ann: str) -> None:
        found = self.own_record(doc, ann)
        if found is None:
            raise KantlijnError(f"no annotation {ann} of yours in {self.label(doc)}")
        if found[0] != self.member:
            raise KantlijnError(f"{ann} is {found[0]}'s: a member changes only their own "
                                "annotations")

    def delete_own_annotation(self, doc: str, annotation_id: str) -> None:
        """Delete one of this member's own annotations (another member's is refused)."""
        self._must_be_mine(doc, annotation_id)
        self._apply(lambda: self._delete_step(doc, annotation_id),
                    f"delete {self._what(doc, annotation_id)}",
                    [Op("own_delete", {"doc": doc, "ann": annotation_id})])

    def edit_own_annotation(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Change the text of one of this member's own comments."""
        text = user_text(text, "comment", MAX_NOTE_LENGTH).strip() if text else None
        self._must_be_mine(doc, annotation_id)
        self._apply(lambda: self._edit_step(doc, annotation_id, text),
                    f"edit {self._what(doc, annotation_id)}",
                    [Op("own_edit", {"doc": doc, "ann": annotation_id, "text": text})])

    def _edit_step(self, doc: str, ann: str, text: str | None) -> Undo | None:
        found = store.own_record(self._connection, doc, ann)
        if found is None or not store.set_own_contents(self._connection, doc, ann, text):
            return None
        previous = found[1].get("contents")
        return lambda: self._edit_step(doc, ann, previous)

