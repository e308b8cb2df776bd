"""One member's change applied to a synced copy in memory, as the server would apply it.

:func:`apply` is what :class:`~tui.core.team.copy_view.CopyView` does with an
:class:`~tui.core.team.outbox.Op` typed offline (and with each pending operation replayed on
a copy read from disk). It follows the server's rules: a member removes only their own tags,
changes only their own notes, annotations and question marks.
"""

from __future__ import annotations

from typing import Any

from tui.core.team.outbox import Op
from tui.core.team.synced_copy import SyncedCopy


def apply(copy: SyncedCopy, member: str, op: Op) -> list[Op]:
    """Apply ``op`` as ``member``; returns the operations that undo it."""
    a = op.args
    if op.kind in ("tag", "untag"):
        return _tag(copy, member, a["doc"], a["ann"], a["tag"], op.kind == "tag")
    if op.kind == "note":
        return _note(copy, member, a["doc"], a["ann"], a["text"])
    if op.kind in ("own_add", "own_edit", "own_delete"):
        return _own(copy, member, op)
    if op.kind in ("mark", "unmark"):
        return _mark(copy, member, a["doc"], a["ann"], a.get("status"), a.get("answer"))
    if op.kind == "rename":
        return _rename(copy, member, a["old"], a["new"])
    return []


def _tag(copy: SyncedCopy, member: str, doc: str, ann: str, tag: str, add: bool) -> list[Op]:
    key = tag.casefold()
    mine = [row for row in copy.tags if row[0] == doc and row[1] == ann
            and row[2].casefold() == key and row[3] == member]
    args = {"doc": doc, "ann": ann, "tag": tag}
    if add and not mine:
        spelling = next((row[2] for row in copy.tags if row[2].casefold() == key), tag)
        copy.tags.append([doc, ann, spelling, member])
        return [Op("untag", args)]
    if not add and mine:
        copy.tags = [row for row in copy.tags if row not in mine]
        return [Op("tag", {**args, "tag": mine[0][2]})]
    return []


def _note(copy: SyncedCopy, member: str, doc: str, ann: str, text: str | None) -> list[Op]:
    before = next((row[3] for row in copy.notes
                   if row[0] == doc and row[1] == ann and row[2] == member), None)
    if before == text:
        return []
    copy.notes = [row for row in copy.notes
                  if not (row[0] == doc and row[1] == ann and row[2] == member)]
    if text is not None:
        copy.notes.append([doc, ann, member, text])
    return [Op("note", {"doc": doc, "ann": ann, "text": before})]


def _own(copy: SyncedCopy, member: str, op: Op) -> list[Op]:
    doc, ann = op.args["doc"], op.args["ann"]
    index = next((i for i, row in enumerate(copy.own) if row[0] == doc and row[1] == ann),
                 None)
    found: list[Any] | None = copy.own[index] if index is not None else None
    if op.kind == "own_add":
        if found is not None:
            return []
        copy.own.append([doc, ann, member, dict(op.args["data"])])
        return [Op("own_delete", {"doc": doc, "ann": ann})]
    if found is None or found[2] != member:
        return []
    if op.kind == "own_delete":
        del copy.own[index]  # type: ignore[arg-type]
        return [Op("own_add", {"doc": doc, "ann": ann, "data": found[3]})]
    previous = found[3].get("contents")
    if previous == op.args["text"]:
        return []
    found[3] = dict(found[3], contents=op.args["text"])
    return [Op("own_edit", {"doc": doc, "ann": ann, "text": previous})]


def _mark(copy: SyncedCopy, member: str, doc: str, ann: str, status: str | None,
          answer: str | None) -> list[Op]:
    mine = next((row for row in copy.questions
                 if row[0] == doc and row[1] == ann and row[2] == member), None)
    before = (mine[3], mine[4]) if mine else None
    after = (status, answer) if status is not None else None
    if before == after:
        return []
    copy.questions = [row for row in copy.questions if row is not mine]
    if after is not None:
        copy.questions.append([doc, ann, member, status, answer])  # the latest mark
    args = {"doc": doc, "ann": ann}
    if before is None:
        return [Op("unmark", args)]
    return [Op("mark", {**args, "status": before[0], "answer": before[1]})]


def _rename(copy: SyncedCopy, member: str, old: str, new: str) -> list[Op]:
    pairs = [(row[0], row[1]) for row in copy.tags
             if row[2].casefold() == old.casefold() and row[3] == member]
    if not pairs:
        return []
    for doc, ann in pairs:
        _tag(copy, member, doc, ann, old, add=False)
        _tag(copy, member, doc, ann, new, add=True)
    return [Op("rename", {"old": new, "new": old})]
