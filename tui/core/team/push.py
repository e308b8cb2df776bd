"""``kantlijn team push``: a local library's work copied into a team library.

Documents go by hash (their extraction and PDF stored once), the user's tags, notes, own
annotations and question marks by document hash and annotation id, written as the member
who pushes. What the team library has already is left alone, so pushing twice changes
nothing the second time. Rows go in bulk (one round trip per batch), one transaction per
document, so a push of a large library is minutes at most and a broken connection loses no
more than the document being sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.library.surface import LibrarySurface
from tui.core.model import Annotation, annotation_to_dict
from tui.core.team import documents, store
from tui.core.team.library import TeamLibrary
from tui.core.team.schema import CHANGE_LOCK


@dataclass(slots=True)
class PushReport:
    """What a push added (documents known already are counted apart)."""

    documents: int = 0
    known_documents: int = 0
    tags: int = 0
    notes: int = 0
    own: int = 0
    questions: int = 0
    skipped: list[str] = field(default_factory=list)
    """Documents whose text this machine no longer has (not cached, the PDF gone)."""

    @property
    def changed(self) -> bool:
        """True when the push added anything."""
        return any((self.documents, self.tags, self.notes, self.own, self.questions))


Tell = Callable[[int, int], None]


def push(local: LibrarySurface, team: TeamLibrary, tell: Tell | None = None) -> PushReport:
    """Copy ``local``'s documents and the user's work on them into ``team``."""
    report = PushReport()
    records, user_rows, own_rows = local.searchable()
    tags_of: dict[str, list[tuple[str, list[str], str | None]]] = {}
    for doc, ann, tags, note in user_rows:
        tags_of.setdefault(doc, []).append((ann, tags, note))
    own_of: dict[str, list[Annotation]] = {}
    for doc, annotation in own_rows:
        own_of.setdefault(doc, []).append(annotation)
    marks = local.questions.states()
    connection = team.connection
    spellings = store.spellings(connection)
    known = {row[0] for row in connection.execute("SELECT sha256 FROM kantlijn.documents")}
    for done, record in enumerate(records, 1):
        sha = record.sha256
        # A document the server has is not read here at all (its text is there already).
        extraction = None if sha in known else local.cached_extraction(sha)
        if extraction is None and sha not in known:
            report.skipped.append(record.label)
            continue
        path = Path(record.path) if record.path else None
        with connection.transaction():
            connection.execute(f"SELECT pg_advisory_xact_lock({CHANGE_LOCK})")
            if extraction is not None and documents.put(
                    connection, extraction, path if path and path.is_file() else None):
                report.documents += 1
            else:
                report.known_documents += 1
            report.own += _own(connection, sha, own_of.get(sha, []), team.member)
            report.tags += _tags(connection, sha, tags_of.get(sha, []), spellings)
            report.notes += _notes(connection, sha, tags_of.get(sha, []))
            report.questions += _questions(
                connection, sha, {a: s for (d, a), s in marks.items() if d == sha})
        if tell is not None:
            tell(done, len(records))
    return report


def _own(connection: Any, doc: str, annotations: list[Annotation], member: str) -> int:
    rows = [(doc, a.id, json.dumps(annotation_to_dict(a), ensure_ascii=False))
            for a in annotations]
    if not rows:
        return 0
    have = {row[0] for row in connection.execute(
        "SELECT id FROM kantlijn.own_annotations WHERE doc = %s", (doc,)).fetchall()}
    fresh = [row for row in rows if row[1] not in have]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO kantlijn.own_annotations (doc, id, annotation) VALUES (%s, %s, %s) "
            "ON CONFLICT (doc, id) DO NOTHING", fresh)
    return len(fresh)


def _tags(connection: Any, doc: str, rows: list[tuple[str, list[str], str | None]],
          spellings: dict[str, str]) -> int:
    have = {(ann, key) for ann, key in connection.execute(
        "SELECT annotation, tag_key FROM kantlijn.tags WHERE doc = %s AND member = current_user",
        (doc,)).fetchall()}
    fresh: list[tuple[str, str, str, str]] = []
    for ann, tags, _ in rows:
        for tag in tags:
            spelling = spellings.setdefault(tag.casefold(), tag)
            if (ann, spelling.casefold()) not in have:
                have.add((ann, spelling.casefold()))
                fresh.append((doc, ann, spelling, spelling.casefold()))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO kantlijn.tags (doc, annotation, tag, tag_key) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING", fresh)
    return len(fresh)


def _notes(connection: Any, doc: str, rows: list[tuple[str, list[str], str | None]]) -> int:
    current = {ann: text for _, ann, _, text in connection.execute(
        store.LATEST_NOTES.format(where="WHERE doc = %s AND member = current_user"), (doc,))}
    fresh = [(doc, ann, note) for ann, _, note in rows if note and current.get(ann) != note]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO kantlijn.notes (doc, annotation, text) VALUES (%s, %s, %s)", fresh)
    return len(fresh)


def _questions(connection: Any, doc: str, marks: dict[str, tuple[str, str | None]]) -> int:
    changed = 0
    for ann, (status, answer) in marks.items():
        if store.own_question(connection, doc, ann) != (status, answer):
            store.mark_question(connection, doc, ann, status, answer)
            changed += 1
    return changed
