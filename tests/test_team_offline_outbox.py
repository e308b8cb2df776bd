"""The outbox file on its own (no server): what it keeps, merges and survives."""

from __future__ import annotations

from pathlib import Path

from tui.core.team.outbox import Op, Outbox, coalesce

DOC = "a" * 64


def _tag(kind: str, tag: str, ann: str = "c1") -> Op:
    return Op(kind, {"doc": DOC, "ann": ann, "tag": tag})


def test_each_change_is_on_disk_when_add_returns_and_a_cut_line_is_dropped(
    tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path)
    outbox.add(_tag("tag", "een"))
    outbox.add(Op("note", {"doc": DOC, "ann": "c1", "text": "notitie"}))
    assert [op.kind for op in Outbox(tmp_path).ops] == ["tag", "note"]
    with open(outbox.path, "ab") as handle:  # killed halfway through writing a third
        handle.write(b'{"kind":"tag","args":{"doc":')
    again = Outbox(tmp_path)
    assert [op.kind for op in again.ops] == ["tag", "note"]
    again.add(_tag("tag", "twee"))  # not glued onto the cut line
    assert [op.args.get("tag") for op in Outbox(tmp_path).ops] == ["een", None, "twee"]
    again.done(2)
    assert Outbox(tmp_path).ops == [_tag("tag", "twee")]


def test_one_pending_change_per_thing() -> None:
    note = lambda text: Op("note", {"doc": DOC, "ann": "c1", "text": text})  # noqa: E731
    pending: list[Op] = []
    for op in (_tag("tag", "x"), note("een"), note("twee"), _tag("untag", "X"),
               _tag("untag", "weg"), _tag("tag", "weg")):
        pending = coalesce(pending, op)
    assert pending == [note("twee")]  # added then removed, removed then added: nothing
    own = {"doc": DOC, "ann": "me-1"}
    pending = coalesce([Op("own_add", {**own, "data": {"id": "me-1", "contents": "a"}})],
                       Op("own_edit", {**own, "text": "b"}))
    assert pending == [Op("own_add", {**own, "data": {"id": "me-1", "contents": "b"}})]
    assert coalesce(pending, Op("own_delete", own)) == []


def test_a_tag_added_offline_then_renamed_is_sent_under_its_new_name() -> None:
    pending = coalesce([_tag("tag", "x"), _tag("untag", "x", "c2")],
                       Op("rename", {"old": "x", "new": "y"}))
    assert pending == [_tag("tag", "y"), _tag("untag", "x", "c2"),
                       Op("rename", {"old": "x", "new": "y"})]
    # past a rename nothing merges: removing y now is a change of its own
    assert coalesce(pending, _tag("untag", "y"))[-1] == _tag("untag", "y")
