"""``kantlijn team init URI`` and ``kantlijn team push URI``: set up a team library in
PostgreSQL, and copy a local library's work into one.

``init`` (run as the database's owner) creates the schema, or brings it up to date, and the
group role ``kantlijn_member``; a schema newer than this kantlijn is refused untouched.
``push`` copies the documents, tags, notes, own annotations and question marks of the local
library (``--library PATH``, default the usual file) as the connecting member; pushing again
changes nothing. Neither queues anything: a server that cannot be reached is one line and
exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from tui.commands import Command


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create (or update) the team library's schema")
    init.add_argument("uri", metavar="URI", help="postgresql://HOST/DB (no password in it)")
    push = actions.add_parser("push", help="copy this library's work into a team library")
    push.add_argument("uri", metavar="URI", help="postgresql://HOST/DB (no password in it)")
    push.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS,
                      help="the library file to copy (default: the usual one)")


def _run(args: argparse.Namespace) -> int:
    from tui.core.errors import KantlijnError
    from tui.core.team.connection import is_team_uri

    if not is_team_uri(args.uri):
        raise KantlijnError(f"{args.uri} is not a team library URI: give postgresql://HOST/DB")
    return _init(args.uri) if args.action == "init" else _push(args)


def _init(uri: str) -> int:
    from tui.core.team.connection import connect, where
    from tui.core.team.schema import MEMBER_ROLE, initialize

    with connect(uri) as connection:
        report = initialize(connection, where(uri))
    if report.before == report.after:
        print(f"the team library at {where(uri)} is up to date (schema version {report.after})")
    else:
        done = "created" if report.before == 0 else f"updated from version {report.before}"
        print(f"the team library at {where(uri)} is {done} (schema version {report.after})")
    if report.role_created:
        print(f"role {MEMBER_ROLE} created")
    print(f"add a member: CREATE ROLE name LOGIN IN ROLE {MEMBER_ROLE};", file=sys.stderr)
    return 0


def _push(args: argparse.Namespace) -> int:
    from tui.core.errors import KantlijnError
    from tui.core.library.library import Library
    from tui.core.team.connection import is_team_uri
    from tui.core.team.library import TeamLibrary
    from tui.core.team.push import push
    from tui.core.text import counted

    if is_team_uri(args.library):
        raise KantlijnError("team push copies a library file: give its path with --library")
    live = sys.stderr.isatty()

    def tell(done: int, total: int) -> None:
        if live:
            print(f"\rpushing {done}/{total} documents", end="\n" if done == total else "",
                  file=sys.stderr, flush=True)

    with Library.open(args.library) as local, TeamLibrary.open(args.uri) as team:
        for notice in local.notices:
            print(f"kantlijn: warning: {notice}", file=sys.stderr)
        report = push(local, team, tell)
    for label in report.skipped:
        print(f"kantlijn: warning: {label}: its text is no longer on this machine (import "
              "the PDF again, then push again)", file=sys.stderr)
    print(f"pushed to {team.where} as {team.member}: "
          f"{counted(report.documents, 'new document')} "
          f"({report.known_documents} there already), {counted(report.tags, 'tag')}, "
          f"{counted(report.notes, 'note')}, {report.own} own annotations, "
          f"{counted(report.questions, 'question mark')}"
          + ("" if report.changed else " — nothing new"))
    return 1 if report.skipped else 0


COMMANDS = {
    "team": Command("a team library in PostgreSQL: team init URI, team push URI", _configure,
                    _run),
}
