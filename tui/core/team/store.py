"""The SQL of what members write: tags, notes, own annotations, question marks.

Each row carries its member (the column defaults to ``current_user``; row-level security
refuses any other), so these functions never name a member when writing. A tag is a row per
(document, annotation, tag, member): two members tagging at once never lose each other's
change. A note is a new version per edit, the latest of each member being theirs; earlier
versions stay. Each writing function returns what it changed, so the caller can build the
inverse for undo.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg



def spellings(connection: psycopg.Connection[Any], keys: Iterable[str] | None = None
              ) -> dict[str, str]:
    """Casefolded tag -> the spelling first used in the team library (for ``keys`` only)."""
    where, args = ("WHERE tag_key = ANY(%s) ", (list(keys),)) if keys is not None else ("", ())
    found = connection.execute(
        f"SELECT DISTINCT ON (tag_key) tag_key, tag FROM kantlijn.tags {where}"
        "ORDER BY tag_key, at, tag", args
    ).fetchall()
    return {key: tag for key, tag in found}


def add_tags(connection: psycopg.Connection[Any], doc: str, ann: str, tags: list[str]
             ) -> list[str]:
    """Add the member's tags (in the team's first spelling); returns those newly added."""
    known = spellings(connection, [t.casefold() for t in tags])
    added: list[str] = []
    with connection.transaction():
        for tag in tags:
            spelling = known.setdefault(tag.casefold(), tag)
            done = connection.execute(
                "INSERT INTO kantlijn.tags (doc, annotation, tag, tag_key) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT DO NOTHING", (doc, ann, spelling, spelling.casefold()),
            ).rowcount
            if done:
                added.append(spelling)
    return added


def remove_tags(connection: psycopg.Connection[Any], doc: str, ann: str, tags: list[str]
                ) -> list[str]:
    """Remove the member's own tags (any case); returns those removed."""
    removed = connection.execute(
        "DELETE FROM kantlijn.tags WHERE doc = %s AND annotation = %s AND tag_key = ANY(%s) "
        "AND member = current_user RETURNING tag",
        (doc, ann, [t.casefold() for t in tags]),
    ).fetchall()
    return [row[0] for row in removed]


def tag_members(connection: psycopg.Connection[Any], doc: str, ann: str
                ) -> list[tuple[str, str]]:
    """``(tag, member)`` on one annotation, oldest first (tags in the team's spelling)."""
    return [(tag, member) for tag, member in connection.execute(
        "SELECT (SELECT s.tag FROM kantlijn.tags s WHERE s.tag_key = t.tag_key "
        "ORDER BY s.at, s.tag LIMIT 1), t.member FROM kantlijn.tags t "
        "WHERE t.doc = %s AND t.annotation = %s ORDER BY t.at, t.tag", (doc, ann),
    ).fetchall()]


def set_note(connection: psycopg.Connection[Any], doc: str, ann: str, text: str | None) -> None:
    """Write a new version of the member's note (None: the note removed)."""
    connection.execute(
        "INSERT INTO kantlijn.notes (doc, annotation, text) VALUES (%s, %s, %s)",
        (doc, ann, text),
    )


def own_note(connection: psycopg.Connection[Any], doc: str, ann: str) -> str | None:
    """The member's current note on an annotation, or None."""
    row = connection.execute(
        "SELECT text FROM kantlijn.notes WHERE doc = %s AND annotation = %s "
        "AND member = current_user ORDER BY version DESC LIMIT 1", (doc, ann),
    ).fetchone()
    return row[0] if row else None


LATEST_NOTES = (
    "SELECT doc, annotation, member, text FROM (SELECT DISTINCT ON (doc, annotation, member) "
    "doc, annotation, member, text, version FROM kantlijn.notes {where} "
    "ORDER BY doc, annotation, member, version DESC) latest WHERE text IS NOT NULL "
    "ORDER BY version"
)
"""Every member's current note (``{where}``: a fixed condition or nothing)."""


def note_history(connection: psycopg.Connection[Any], doc: str, ann: str
                 ) -> list[tuple[int, str, str | None, Any]]:
    """Every version of every member's note on an annotation: (version, member, text, at)."""
    return [tuple(row) for row in connection.execute(
        "SELECT version, member, text, at FROM kantlijn.notes WHERE doc = %s "
        "AND annotation = %s ORDER BY version", (doc, ann),
    ).fetchall()]


def add_own(connection: psycopg.Connection[Any], doc: str, ann: str, data: dict[str, Any]) -> bool:
    """Store one of the member's own annotations; False when the id is taken already."""
    return bool(connection.execute(
        "INSERT INTO kantlijn.own_annotations (doc, id, annotation) VALUES (%s, %s, %s) "
        "ON CONFLICT (doc, id) DO NOTHING", (doc, ann, json.dumps(data)),
    ).rowcount)


def own_record(connection: psycopg.Connection[Any], doc: str, ann: str
               ) -> tuple[str, dict[str, Any]] | None:
    """``(member, annotation data)`` of an own annotation, or None."""
    row = connection.execute(
        "SELECT member, annotation FROM kantlijn.own_annotations WHERE doc = %s AND id = %s",
        (doc, ann),
    ).fetchone()
    return (row[0], dict(row[1])) if row else None


def delete_own(connection: psycopg.Connection[Any], doc: str, ann: str) -> bool:
    """Delete one of the member's own annotations; False when none was theirs."""
    return bool(connection.execute(
        "DELETE FROM kantlijn.own_annotations WHERE doc = %s AND id = %s "
        "AND member = current_user", (doc, ann),
    ).rowcount)


def set_own_contents(connection: psycopg.Connection[Any], doc: str, ann: str,
                     text: str | None) -> bool:
    """Change the text of one of the member's own annotations; False when not theirs."""
    return bool(connection.execute(
        "UPDATE kantlijn.own_annotations SET annotation = jsonb_set(annotation, '{contents}', "
        "to_jsonb(%s::text)), changed = now() WHERE doc = %s AND id = %s "
        "AND member = current_user", (text, doc, ann),
    ).rowcount)


def mark_question(connection: psycopg.Connection[Any], doc: str, ann: str, status: str,
                  answer: str | None) -> None:
    """The member's mark on a question: open or answered, with an answer note."""
    connection.execute(
        "INSERT INTO kantlijn.questions (doc, annotation, status, answer) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (doc, annotation, member) DO UPDATE SET status = excluded.status, "
        "answer = excluded.answer, at = now() WHERE (kantlijn.questions.status, "
        "kantlijn.questions.answer) IS DISTINCT FROM (excluded.status, excluded.answer)",
        (doc, ann, status, answer),
    )


def clear_question(connection: psycopg.Connection[Any], doc: str, ann: str) -> None:
    """Take the member's mark off a question."""
    connection.execute(
        "DELETE FROM kantlijn.questions WHERE doc = %s AND annotation = %s "
        "AND member = current_user", (doc, ann),
    )


def own_question(connection: psycopg.Connection[Any], doc: str, ann: str
                 ) -> tuple[str, str | None] | None:
    """The member's own mark on a question, or None."""
    row = connection.execute(
        "SELECT status, answer FROM kantlijn.questions WHERE doc = %s AND annotation = %s "
        "AND member = current_user", (doc, ann),
    ).fetchone()
    return (row[0], row[1]) if row else None


def question_states(connection: psycopg.Connection[Any], doc: str | None
                    ) -> dict[tuple[str, str], tuple[str, str | None, str]]:
    """(document, id) -> (status, answer, member) of the latest mark on each question."""
    where, args = ("WHERE doc = %s ", (doc,)) if doc else ("", ())
    found = connection.execute(
        "SELECT DISTINCT ON (doc, annotation) doc, annotation, status, answer, member "
        f"FROM kantlijn.questions {where}ORDER BY doc, annotation, at DESC", args,
    ).fetchall()
    return {(d, a): (s, answer, m) for d, a, s, answer, m in found}
