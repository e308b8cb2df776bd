"""The outbox file on its own (no server): what it keeps, merges and survives."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from tui.core.team.outbox import Op, Outbox, coalesce, fold

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
    again.done(again.ops[:2])
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


def test_two_windows_of_one_member_keep_each_others_changes(tmp_path: Path) -> None:
    first, second = Outbox(tmp_path), Outbox(tmp_path)
    first.add(_tag("tag", "uit-een"))
    second.add(_tag("tag", "uit-twee", "c2"))
    assert first.ops == second.ops == [_tag("tag", "uit-een"), _tag("tag", "uit-twee", "c2")]
    first.done([_tag("tag", "uit-een")])  # first sent its own; second's stays queued
    assert Outbox(tmp_path).ops == second.ops == [_tag("tag", "uit-twee", "c2")]


WINDOW = """
import sys
from pathlib import Path
from tui.core.team.outbox import Op, Outbox
folder, name = Path(sys.argv[1]), sys.argv[2]
outbox = Outbox(folder)
for n in range(50):
    outbox.add(Op("tag", {"doc": "a" * 64, "ann": name, "tag": f"{name}-{n}"}))
    for kind in ("tag", "untag") * 2:  # cancels out: lines pile up and the file is rewritten
        outbox.add(Op(kind, {"doc": "a" * 64, "ann": name + "-flip", "tag": "weg"}))
"""


def test_two_processes_queueing_at_once_lose_nothing(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    runs = [subprocess.Popen([sys.executable, "-c", WINDOW, str(tmp_path), name], cwd=root)
            for name in ("een", "twee")]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    tags = {op.args["tag"] for op in Outbox(tmp_path).ops}
    assert tags == {f"{name}-{n}" for name in ("een", "twee") for n in range(50)}


def test_reading_a_long_outbox_folds_it_as_queueing_did() -> None:
    chooser = random.Random(7)
    ops = [chooser.choices([
        lambda: _tag(chooser.choice(["tag", "untag"]), chooser.choice("abcX"),
                     chooser.choice(["c1", "c2"])),
        lambda: Op("note", {"doc": DOC, "ann": chooser.choice(["c1", "c2"]),
                            "text": str(chooser.random())}),
        lambda: Op("rename", {"old": chooser.choice("abx"), "new": chooser.choice("abc")}),
    ], weights=[8, 3, 1])[0]() for _ in range(2_000)]
    one_by_one: list[Op] = []
    for op in ops:
        one_by_one = coalesce(one_by_one, op)
    assert fold(ops) == one_by_one
