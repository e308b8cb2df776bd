"""Team library on a local PostgreSQL server: two members at once, live latency, team push.

Run from the repository root::

    .venv/bin/python tests/benchmarks/team.py            # 2 members x 5,000 ops; push 1,000 x 100
    .venv/bin/python tests/benchmarks/team.py --quick    # 2 x 500 ops; push 50 x 100

The script starts a server of its own (as the tests do: ``initdb`` + ``pg_ctl`` on a Unix
socket in a temporary folder), sets up a team library with ``team init`` and members alice
and bob, and adds synthetic documents. Then:

1. two member processes each run ``--operations`` tag, untag and note operations on the same
   comments at once, journaling what each acknowledged operation left (a tag there or
   removed, the member's last note); afterwards the server must hold exactly that: 0 lost;
2. a third process, listening as bob (``LISTEN``, no polling), notes when each of alice's
   changes reaches it; the time from the change on the server to that moment is printed as
   p50/p95 (target p95 <= 1 s);
3. ``team push`` of a local library of ``--push-docs`` x ``--push-annotations`` (Dutch memo
   text as tests/benchmarks/search.py makes it; one in a hundred annotations tagged, one in
   five hundred noted), twice: the second adds nothing (target <= 60 s);
4. bob's machine follows that team library: its first index build, search per keystroke
   (p50/p95, target p95 <= 10 ms) beside the same library as a local file, the index
   catching up after one of alice's tags (and, for comparison, reading the whole library
   again), and alice's tag found by bob's search (NOTIFY, catch-up, query).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "benchmarks"))

MEMBERS = {"alice": "alice-bench-pw", "bob": "bob-bench-pw"}


def _extraction(number: int, per_doc: int) -> object:
    from tui.core.model import Annotation, DocumentInfo, Extraction, Line, Nota, PageText

    annotations = [
        Annotation(id=f"p{1 + i // 10}-a{i + 1}", kind="highlight", subtype="Highlight",
                   page=1 + i // 10, rect=(72.0, 700.0 - i, 300.0, 712.0 - i),
                   author="Reviewer", contents=f"comment {i} on document {number}",
                   quote=f"quoted passage {i}")
        for i in range(per_doc)
    ]
    pages = max(1, (per_doc + 9) // 10)
    return Extraction(
        document=DocumentInfo(path=f"nota-{number}.pdf", sha256=f"{number:064x}", pages=pages,
                              title=f"Nota {number}"),
        pages=[PageText(number=n, lines=[Line(text=f"line on page {n}")])
               for n in range(1, pages + 1)],
        notas=[Nota(index=1, title=f"Nota {number}", first_page=1, last_page=pages)],
        annotations=annotations,
    )


# -- the member processes -------------------------------------------------------------------


def _work(uri: str, member: str, operations: int, journal: Path) -> None:
    """One member: tags (names of their own), untags of their own tags, notes."""
    from tui.core.team.library import TeamLibrary

    with TeamLibrary.open(uri) as library:
        targets = [(r.sha256, a.id) for r in library.records()
                   for a in library.cached_extraction(r.sha256).annotations]  # type: ignore[union-attr]
        rng = random.Random(f"team-{member}")
        tags: dict[str, list[str]] = {}  # "doc ann" -> the member's tags there
        notes: dict[str, str] = {}
        started = time.perf_counter()
        for number in range(operations):
            doc, ann = rng.choice(targets)
            key = f"{doc} {ann}"
            roll = rng.random()
            if roll < 0.6:
                tag = f"{member}-{number % 40}"
                library.tag(doc, ann, tag, "gedeeld")
                have = tags.setdefault(key, [])
                have += [t for t in (tag, "gedeeld") if t not in have]
            elif roll < 0.8 and tags.get(key):
                tag = rng.choice(tags[key])
                library.untag(doc, ann, tag)
                tags[key].remove(tag)
            else:
                text = f"{member} {number}"
                library.set_note(doc, ann, text)
                notes[key] = text
        elapsed = time.perf_counter() - started
    journal.write_text(json.dumps({"tags": tags, "notes": notes, "seconds": elapsed}))


def _listen(uri: str, stop: Path, log: Path) -> None:
    """Bob's other process: when each change arrives (LISTEN), until the last one."""
    from tui.core.team.changes import ChangeFeed

    feed = ChangeFeed(uri)
    arrived: dict[int, float] = {}
    ready = log.with_suffix(".ready")
    ready.write_text("listening")
    try:
        while True:
            for number in feed.wait(timeout=0.5):
                arrived.setdefault(number, time.time())
            if stop.exists() and arrived and max(arrived) >= int(stop.read_text()):
                break
    finally:
        feed.close()
    log.write_text(json.dumps(arrived))


# -- the benchmark ----------------------------------------------------------------------------


def _team(server: object, folder: Path) -> tuple[str, dict[str, str]]:
    from tui.core.team.connection import connect
    from tui.core.team.schema import initialize

    database = server.new_database()  # type: ignore[attr-defined]
    with connect(server.uri(database)) as connection:  # type: ignore[attr-defined]
        initialize(connection, database)
    for member, password in MEMBERS.items():
        server.admin_execute(f"CREATE ROLE {member} LOGIN PASSWORD '{password}' "  # type: ignore[attr-defined]
                             "IN ROLE kantlijn_member")
    pgpass = folder / "pgpass"
    pgpass.write_text("".join(f"*:*:*:{m}:{p}\n" for m, p in MEMBERS.items()))
    pgpass.chmod(0o600)
    return database, {"PGPASSFILE": str(pgpass), "XDG_DATA_HOME": str(folder / "data")}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _members_at_once(server: object, database: str, env: dict[str, str], folder: Path,
                     operations: int) -> None:
    import os

    from tui.core.team import documents
    from tui.core.team.library import TeamLibrary

    uri = {m: server.uri(database, m) for m in MEMBERS}  # type: ignore[attr-defined]
    os.environ.update(env)
    with TeamLibrary.open(uri["alice"]) as alice:
        for number in range(20):
            documents.put(alice.connection, _extraction(number, 10), None)  # type: ignore[arg-type]
    stop, log = folder / "stop", folder / "arrived.json"
    listener = subprocess.Popen([sys.executable, __file__, "--listen", uri["bob"], str(stop),
                                 str(log)])
    while not log.with_suffix(".ready").exists():
        time.sleep(0.05)
    started = time.perf_counter()
    workers = [subprocess.Popen([sys.executable, __file__, "--work", uri[m], m,
                                 str(operations), str(folder / f"{m}.json")]) for m in MEMBERS]
    codes = [w.wait() for w in workers]
    wall = time.perf_counter() - started
    with TeamLibrary.open(uri["alice"]) as alice:
        stop.write_text(str(alice.generation))
        listener.wait()
        rows = alice.connection.execute(
            "SELECT doc, annotation, tag, member FROM kantlijn.tags").fetchall()
        notes = alice.connection.execute(
            "SELECT DISTINCT ON (doc, annotation, member) doc, annotation, member, text "
            "FROM kantlijn.notes ORDER BY doc, annotation, member, version DESC").fetchall()
        changes = alice.connection.execute(
            "SELECT seq, extract(epoch FROM at) FROM kantlijn.changes WHERE member = 'alice' "
            "AND kind <> 'documents'").fetchall()
    print(f"members at once: 2 x {operations} operations in {wall:.1f} s "
          f"(exit codes {codes})")
    lost = 0
    for member in MEMBERS:
        journal = json.loads((folder / f"{member}.json").read_text())
        want = {(*k.split(" "), t) for k, tags in journal["tags"].items() for t in tags}
        have = {(d, a, t) for d, a, t, m in rows if m == member}
        last = {(d, a): text for d, a, m, text in notes if m == member}
        wrong_notes = sum(last.get(tuple(k.split(" "))) != text  # type: ignore[arg-type]
                          for k, text in journal["notes"].items())
        missing, extra = len(want - have), len(have - want)
        lost += missing + extra + wrong_notes
        print(f"  {member}: {operations / journal['seconds']:.0f} ops/s; tags expected "
              f"{len(want)}, missing {missing}, unexpected {extra}; notes "
              f"{len(journal['notes'])}, wrong {wrong_notes}")
    print(f"  lost: {lost}")
    arrived = {int(k): v for k, v in json.loads(log.read_text()).items()}
    delays = [arrived[seq] - float(at) for seq, at in changes if seq in arrived]
    if delays:
        print(f"  alice's change seen by bob's listening process ({len(delays)} changes, "
              f"{len(changes) - len(delays)} not seen): p50 {1000 * statistics.median(delays):.1f}"
              f" ms, p95 {1000 * _percentile(delays, 0.95):.1f} ms, "
              f"max {1000 * max(delays):.1f} ms")


def _memo(number: int, per_doc: int, words: list[str]) -> object:
    """tests/benchmarks/search.py's document with three lines a page."""
    from search import extraction

    from tui.core.model import Anchor

    memo = extraction(number, per_doc, words)
    pages = [replace(page, lines=page.lines[:3]) for page in memo.pages]
    annotations = [replace(a, anchor=Anchor(pages[a.page - 1].lines[i % 3].text, a.page, i % 3,
                                            "line"),
                           quote=pages[a.page - 1].lines[i % 3].text if a.quote else None)
                   for i, a in enumerate(memo.annotations)]
    return replace(memo, pages=pages, annotations=annotations)


def _local_library(folder: Path, docs: int, per_doc: int) -> object:
    """A library file of ``docs`` x ``per_doc`` annotations of Dutch memo text (as
    tests/benchmarks/search.py makes it, with three lines a page: storing page text is not
    what is measured), one in a hundred tagged, one in five hundred noted; built in memory,
    added in batches."""
    from search import vocabulary

    from tui.core.library.library import Library

    words = vocabulary()
    local = Library.open(folder / "local" / "library.json")
    for begin in range(0, docs, 100):
        batch = [_memo(10_000 + n, per_doc, words)  # apart from the 20 documents above
                 for n in range(begin, min(docs, begin + 100))]
        local.add_documents((e, e.document.path) for e in batch)
        for item in batch:
            sha = item.document.sha256
            for index, annotation in enumerate(item.annotations):
                if index % 100 == 0:
                    local.tag(sha, annotation.id, f"tag-{index % 7}", "follow-up")
                if index % 500 == 0:
                    local.set_note(sha, annotation.id, f"navragen bij de directie {index}")
    local.flush()
    return local


def _push(server: object, database: str, env: dict[str, str], folder: Path, docs: int,
          per_doc: int) -> object:
    import os

    from tui.core.team.library import TeamLibrary
    from tui.core.team.push import push

    os.environ.update(env)
    started = time.perf_counter()
    local = _local_library(folder, docs, per_doc)
    print(f"team push: local library of {docs} documents x {per_doc} annotations built in "
          f"{time.perf_counter() - started:.1f} s")
    uri = server.uri(database, "bob")  # type: ignore[attr-defined]
    for attempt in ("first", "second"):
        started = time.perf_counter()
        with TeamLibrary.open(uri) as team:
            report = push(local, team)  # type: ignore[arg-type]
        print(f"  {attempt} push: {time.perf_counter() - started:.1f} s — "
              f"{report.documents} documents, {report.tags} tags, {report.notes} notes"
              + ("" if report.changed else " (nothing new)") + " (target <= 60 s)")
    return local


def _keystroke_p95(search: object) -> tuple[float, float]:
    from search import keystrokes

    times = keystrokes(search)  # type: ignore[arg-type]
    return (1000 * statistics.median(times), 1000 * statistics.quantiles(times, n=20)[18])


def _following(server: object, database: str, local: object, rounds: int) -> None:
    """Bob's machine follows the pushed library: search per keystroke beside the local
    library's, the index catching up after one of alice's tags, and alice's tag found by
    bob's search (LISTEN, catch-up, query)."""
    from tui.core.search.following import full_snapshot
    from tui.core.search.library_search import LibrarySearch
    from tui.core.team.changes import ChangeFeed
    from tui.core.team.library import TeamLibrary

    local_search = LibrarySearch(local)  # type: ignore[arg-type]
    local_search.sync()
    local_p50, local_p95 = _keystroke_p95(local_search)
    local_search.close()
    with TeamLibrary.open(server.uri(database, "bob")) as bob, \
            TeamLibrary.open(server.uri(database, "alice")) as alice:  # type: ignore[attr-defined]
        started = time.perf_counter()
        search = LibrarySearch(bob)
        search.sync()
        print(f"following the team library on bob's machine: first index build (extractions "
              f"fetched into the local cache) {time.perf_counter() - started:.1f} s")
        p50, p95 = _keystroke_p95(search)
        print(f"  search per keystroke: p50 {p50:.2f} ms, p95 {p95:.2f} ms; the same library "
              f"as a local file: p50 {local_p50:.2f} ms, p95 {local_p95:.2f} ms "
              "(target p95 <= 10 ms)")
        pushed = [r.sha256 for r in bob.records() if int(r.sha256, 16) >= 10_000]
        targets = [(sha, f"p{1 + i // 5}-a{i}") for i, sha in enumerate(pushed[:rounds])]
        catch_up, before = [], search.index.reads
        for doc, ann in targets:
            alice.tag(doc, ann, "catch-up")
            started = time.perf_counter()
            search.sync()
            catch_up.append(time.perf_counter() - started)
        reads = search.index.reads - before
        print(f"  index catch-up after one of alice's tags ({rounds} tags): median "
              f"{1000 * statistics.median(catch_up):.1f} ms, p95 "
              f"{1000 * _percentile(catch_up, 0.95):.1f} ms; documents read again: {reads}")
        alice.tag(*targets[0], "whole")
        started = time.perf_counter()
        search.index.sync(full_snapshot(bob, search.index))
        print(f"  the same by reading the whole library again: "
              f"{1000 * (time.perf_counter() - started):.1f} ms")
        feed = ChangeFeed(server.uri(database, "bob"))  # type: ignore[attr-defined]
        seen = []
        for doc, ann in targets:
            alice.tag(doc, ann, "live")
            started = time.perf_counter()
            for _ in range(12):  # a minute at most
                if feed.wait(timeout=5.0):
                    break
            search.sync()
            if (doc, ann) not in search.matching("tag:live"):
                print(f"  alice's tag on {ann} not found by bob's search")
            seen.append(time.perf_counter() - started)
        feed.close()
        print(f"  alice's tag found by bob's search (NOTIFY, catch-up, query): median "
              f"{1000 * statistics.median(seen):.1f} ms, p95 {1000 * _percentile(seen, 0.95):.1f}"
              " ms")
        search.close()


def main() -> None:
    """Run the benchmark (or, with --work/--listen, one of its member processes)."""
    if sys.argv[1:2] == ["--work"]:
        _work(sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
        return
    if sys.argv[1:2] == ["--listen"]:
        _listen(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 operations, push 50 x 100")
    parser.add_argument("--operations", type=int, default=5000, help="per member")
    parser.add_argument("--push-docs", type=int, default=1000)
    parser.add_argument("--push-annotations", type=int, default=100, help="per document")
    args = parser.parse_args()
    if args.quick:
        args.operations, args.push_docs = 500, 50
    from postgres_server import server_or_exit

    with tempfile.TemporaryDirectory(prefix="kantlijn-team-bench-") as name:
        for server in server_or_exit():  # stopped at the end, also on SIGTERM
            folder = Path(name)
            database, env = _team(server, folder)
            _members_at_once(server, database, env, folder, args.operations)
            local = _push(server, database, env, folder, args.push_docs,
                          args.push_annotations)
            _following(server, database, local, 20)


if __name__ == "__main__":
    main()
