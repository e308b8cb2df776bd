"""A team library when its server goes away: the synced copy, the outbox, sending it.

Run from the repository root::

    .venv/bin/python tests/benchmarks/team_offline.py           # 1,000 documents x 100 ids
    .venv/bin/python tests/benchmarks/team_offline.py --quick   # 50 documents x 100 ids

The script starts a server of its own (``initdb`` + ``pg_ctl`` on a Unix socket, as the
tests do), adds synthetic documents with one in ten annotations tagged and one in fifty
noted by alice, and prints:

1. taking the synced copy whole (at the first start, or after many changes) and its size on
   disk; catching it up after one change (what ``refresh`` does in the app);
2. the server stopped: opening read-only from that copy, and reading the listing and one
   document's tags and notes from it;
3. ``--ops`` tags queued while offline, each on disk (fsynced) before the call returns:
   p50/p95 per change;
4. the server started: ``reconnect()`` sending the outbox, changes per second; every queued
   change is then checked on the server (0 lost).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def _extraction(number: int, per_doc: int) -> object:
    from tui.core.model import Annotation, DocumentInfo, Extraction, Line, PageText

    pages = max(1, (per_doc + 9) // 10)
    return Extraction(
        document=DocumentInfo(path=f"nota-{number}.pdf", sha256=f"{number:064x}", pages=pages,
                              title=f"Nota {number}"),
        pages=[PageText(number=n, lines=[Line(text=f"line on page {n}")])
               for n in range(1, pages + 1)],
        annotations=[Annotation(id=f"p{1 + i // 10}-a{i + 1}", kind="text", subtype="Text",
                                page=1 + i // 10, rect=(72.0, 700.0, 90.0, 712.0),
                                author="Reviewer", contents=f"comment {i}")
                     for i in range(per_doc)],
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="50 documents, 200 changes")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--ops", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="profile sending the outbox")
    options = parser.parse_args()
    if options.quick:
        options.docs, options.ops = 50, 200

    from postgres_server import server_or_exit

    home = Path(tempfile.mkdtemp(prefix="kantlijn-offline-bench-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    for server in server_or_exit():  # stopped at the end, also on SIGTERM
        _run(server, home, options)


def _run(server: object, home: Path, options: argparse.Namespace) -> None:
    from tui.core.team.connection import connect
    from tui.core.team.library import TeamLibrary
    from tui.core.team.schema import initialize

    database = server.new_database()  # type: ignore[attr-defined]
    with connect(server.uri(database)) as connection:  # type: ignore[attr-defined]
        initialize(connection, database)
    server.admin_execute("CREATE ROLE alice LOGIN PASSWORD 'alice-pw' IN ROLE "  # type: ignore[attr-defined]
                         "kantlijn_member")
    pgpass = home / "pgpass"
    pgpass.write_text("*:*:*:alice:alice-pw\n")
    pgpass.chmod(0o600)
    os.environ["PGPASSFILE"] = str(pgpass)
    uri = server.uri(database, "alice")  # type: ignore[attr-defined]

    with TeamLibrary.open(uri) as alice:
        alice.add_documents((_extraction(n, options.per_doc), f"/nowhere/{n}.pdf")
                            for n in range(1, options.docs + 1))
        alice.connection.execute(
            "INSERT INTO kantlijn.tags (doc, annotation, tag, tag_key) SELECT d.sha256, "
            "'p' || (1 + i / 10) || '-a' || (i + 1), 'tag' || (i %% 7), 'tag' || (i %% 7) "
            "FROM kantlijn.documents d, generate_series(0, %s - 1, 10) i", (options.per_doc,))
        alice.connection.execute(
            "INSERT INTO kantlijn.notes (doc, annotation, text) SELECT d.sha256, "
            "'p' || (1 + i / 10) || '-a' || (i + 1), 'notitie ' || i "
            "FROM kantlijn.documents d, generate_series(0, %s - 1, 50) i", (options.per_doc,))
    tags = options.docs * len(range(0, options.per_doc, 10))
    print(f"team library: {options.docs} documents x {options.per_doc} annotation ids, "
          f"{tags} tags, {options.docs * len(range(0, options.per_doc, 50))} notes")

    library = TeamLibrary.open_for_app(uri)
    library.refresh()
    started = time.perf_counter()
    library.save_copy(whole=True)
    took = time.perf_counter() - started
    size = (library.folder / "synced.json").stat().st_size
    caught = []
    with TeamLibrary.open(uri) as other:  # another session of the member's
        for n in range(20):
            other.tag(f"{1 + n:064x}", "p1-a1", f"elders-{n}")
            started = time.perf_counter()
            library.refresh()
            caught.append(time.perf_counter() - started)
    print(f"synced copy: taken whole and written in {_ms(took)}, {size / 1e6:.1f} MB on "
          f"disk; caught up after one change (refresh) in {_ms(statistics.median(caught))} "
          "(median of 20)")
    library.close()

    server.halt()  # type: ignore[attr-defined]
    started = time.perf_counter()
    offline = TeamLibrary.open_for_app(uri)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    listing = offline.documents()
    listed = time.perf_counter() - started
    doc = listing[0].sha256
    started = time.perf_counter()
    offline.annotation_data(doc)
    read = time.perf_counter() - started
    print(f"server stopped: read-only from the copy in {_ms(opened)}; listing of "
          f"{len(listing)} in {_ms(listed)}; one document's tags and notes in {_ms(read)}")
    offline.close()

    server.resume()  # type: ignore[attr-defined]
    library = TeamLibrary.open_for_app(uri)
    docs = [d.sha256 for d in library.documents()]
    server.halt()  # type: ignore[attr-defined]
    library.tags_of(docs[0], "p1-a1")  # notices the server is gone
    each = []
    for n in range(options.ops):
        started = time.perf_counter()
        library.tag(docs[n % len(docs)], "p1-a2", f"offline-{n}")
        each.append(time.perf_counter() - started)
    quantiles = statistics.quantiles(each, n=20)
    print(f"{options.ops} tags queued offline (each fsynced before it returns): "
          f"p50 {_ms(quantiles[9])}, p95 {_ms(quantiles[18])}; waiting {library.waiting}")

    server.resume()  # type: ignore[attr-defined]
    started = time.perf_counter()
    if options.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        back = profile.runcall(library.reconnect)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    else:
        back = library.reconnect()
    sent = time.perf_counter() - started
    row = library.connection.execute(
        "SELECT count(*) FROM kantlijn.tags WHERE tag LIKE 'offline-%%'").fetchone()
    present = int(row[0]) if row else 0
    print(f"reconnect: {back}, outbox sent in {sent:.2f} s "
          f"({options.ops / sent:.0f} changes/s, with a new synced copy); "
          f"on the server {present} of {options.ops}, {options.ops - present} lost")
    library.close()


if __name__ == "__main__":
    main()
