"""``kantlijn search QUERY``: find comments, tags, notes and page text across the library.

One line per hit (``ID  DOC  p.N  kind  snippet``; the ids work with ``tag`` and ``note``),
or ``--json``. Exit 0 with hits, 1 with none (a word that is not in the library but near
one that is gets "did you mean …?" on stderr), 2 for a query that does not parse. Words still
under a redaction mark are withheld unless ``--reveal`` asks for them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.commands import Command, warn

if TYPE_CHECKING:
    from tui.core.search.copies import CopyRef
    from tui.core.search.results import Hit
    from tui.core.search.shown import ShownHits

BOLD, PLAIN = "\x1b[1m", "\x1b[22m"


def _configure(parser: argparse.ArgumentParser) -> None:
    from tui.core.search.query import SYNTAX_HINT

    parser.add_argument("query", nargs="+", metavar="QUERY", help=f"what to find: {SYNTAX_HINT}")
    parser.add_argument("--json", action="store_true", help="hits as JSON (the extract schema)")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits")
    parser.add_argument("--scope", choices=("comments", "text", "all"), default="comments",
                        help="comments (default), the page text of every document, or both")
    parser.add_argument("--reveal", action="store_true",
                        help="show the words still under redaction marks that were not applied")


def _run(args: argparse.Namespace) -> int:
    from tui.core.errors import KantlijnError
    from tui.core.library.opener import open_library
    from tui.core.search.library_search import LibrarySearch
    from tui.core.search.query import QueryError, parse
    from tui.core.search.shown import ShownHits
    from tui.core.text import clean_line

    try:
        query = parse(" ".join(args.query))
    except QueryError as error:
        raise KantlijnError(f"query: {error}", exit_code=2) from None
    with open_library(args.library) as library:
        for notice in library.notices:
            warn(notice)
        search = LibrarySearch(library)
        try:
            search.sync(_progress() if sys.stderr.isatty() else None)
            groups = search.grouped(query, args.scope)
            grouped = groups.page(0, max(1, args.limit))
            hits = [group.hit for group in grouped]
            copies = [group.copies for group in grouped]
            total = groups.total()
            nearest = None if hits else search.did_you_mean(query, args.scope)
        finally:
            search.close()
        if search.problem is not None:
            warn(f"the search index cannot be used ({search.problem}); searched a copy "
                 "built in memory")
        shown = ShownHits(library, reveal=args.reveal)
        hits = [shown.hit(hit, query) for hit in hits]
        if args.json:
            print(json.dumps(_as_json(shown, hits, total, copies), ensure_ascii=False,
                             indent=2))
        else:
            _print_lines(hits, total)
    if nearest is not None:
        print(f"did you mean {clean_line(nearest)}?", file=sys.stderr)
    return 0 if hits else 1


def _progress() -> Any:
    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rindexing {done}/{total} documents", end=end, file=sys.stderr, flush=True)

    return report


def _print_lines(hits: list[Hit], total: int) -> None:
    from tui.core.search.results import MARK_END, MARK_START
    from tui.core.text import clean_line

    marks = (BOLD, PLAIN) if sys.stdout.isatty() else ("", "")
    for hit in hits:
        snippet = clean_line(hit.snippet.replace(MARK_START, "\0").replace(MARK_END, "\1"))
        snippet = snippet.replace("\0", marks[0]).replace("\1", marks[1])
        ident = hit.annotation or f"line:{hit.page}:{hit.line}"
        print(f"{ident}  {hit.doc[:12]}  p.{hit.page}  {hit.kind}  {snippet}")
    if total > len(hits):
        print(f"… {total - len(hits)} more (--limit N shows more)", file=sys.stderr)
    if not hits:
        print("no hits", file=sys.stderr)


def _as_json(shown: ShownHits, hits: list[Hit], total: int,
             copies: list[tuple[CopyRef, ...]]) -> dict[str, Any]:
    from tui.core.model import annotation_to_dict
    from tui.core.search.results import MARK_END, MARK_START

    found: list[dict[str, Any]] = []
    for hit, refs in zip(hits, copies, strict=True):
        item: dict[str, Any] = {
            "document": {"sha256": hit.doc, "title": hit.title, "file": hit.file,
                         "apart": hit.apart},
            "score": round(abs(hit.score), 4), "page": hit.page,
            "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
        }
        annotation = shown.annotation(hit)
        if annotation is not None:
            item.update(annotation_to_dict(annotation))
            item.update({"tags": list(hit.tags), "note": hit.note})
            item["copies"] = [ref.to_dict() for ref in refs]
        elif hit.annotation is None:
            item.update({"kind": "text", "line": hit.line})
        found.append(item)
    return {"schema": 1, "total": total, "withheld_words": "included" if shown.reveal
            else "withheld", "hits": found}


COMMANDS = {
    "search": Command("find comments, tags, notes and page text in the library", _configure,
                      _run),
}
