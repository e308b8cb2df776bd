"""What :class:`~tui.core.team.library.TeamLibrary` reads from the server: documents, the
team's tags and notes with their members, own annotations, ids typed by the user.

Extractions come from the server once and then from the local cache (a folder per team
library on this machine): that cache is what the reader and the search index read.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.errors import KantlijnError
from tui.core.files import file_sha256
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.records import DocumentRecord, DocumentSummary, by_hash_prefix
from tui.core.library.surface import OwnRow, UserRow
from tui.core.model import Annotation, Extraction, annotation_from_dict
from tui.core.team import documents, store, touched, writers

if TYPE_CHECKING:
    import psycopg


class TeamReading:
    """The reading half of a team library (a mixin: the library sets the attributes)."""

    _connection: psycopg.Connection[Any]
    cache: ExtractionCache
    path: Path
    member: str

    # -- documents ----------------------------------------------------------------------

    def _document_record(self, row: tuple[Any, ...]) -> DocumentRecord:
        sha, title, file_name, pages, source, notas, comments, added = row
        local = cache_dir_for(self.path) / "files" / sha / (file_name or f"{sha[:12]}.pdf")
        return DocumentRecord(
            sha256=sha, paths=[str(local)] if source != "summary" else [], title=title,
            pages=pages, source=source, notas=list(notas), comments=comments,
            added=added.replace(microsecond=0).isoformat(),
        )

    def records(self) -> list[DocumentRecord]:
        """Every document on the server, in the order added."""
        return [self._document_record(row) for row in documents.rows(self._connection)]

    def document(self, sha256: str) -> DocumentRecord | None:
        """The record of the document with exactly this hash."""
        found = documents.rows(self._connection, "sha256 = %s", (sha256,))
        return self._document_record(found[0]) if found else None

    def find_document(self, path_or_hash: str | os.PathLike[str]) -> DocumentRecord | None:
        """A document by file (hashed) or hash prefix (at least six characters).

        Raises:
            KantlijnError: a hash prefix fits several documents.
        """
        text = str(path_or_hash)
        candidate = Path(text).expanduser()
        if candidate.is_file():
            return self.document(file_sha256(candidate))
        return by_hash_prefix(text, lambda prefix: [
            self._document_record(row)
            for row in documents.rows(self._connection, "sha256 LIKE %s", (prefix + "%",))])

    def label(self, sha256: str) -> str:
        """A short name for a document: its title or file, else the start of its hash."""
        record = self.document(sha256)
        return record.label if record else sha256[:12]

    def documents(self) -> list[DocumentSummary]:
        """Every document with the team's tag, note and own-annotation counts, newest first."""
        tags: dict[str, dict[str, int]] = {}
        spelled = store.spellings(self._connection)
        for doc, key, count in self._connection.execute(
            "SELECT doc, tag_key, count(DISTINCT annotation) FROM kantlijn.tags "
            "GROUP BY doc, tag_key"
        ).fetchall():
            tags.setdefault(doc, {})[spelled.get(key, key)] = count
        notes: dict[str, int] = {}
        noted = {(doc, ann) for doc, ann, _, _ in
                 self._connection.execute(store.LATEST_NOTES.format(where=""))}
        for doc, _ in noted:
            notes[doc] = notes.get(doc, 0) + 1
        own = dict(self._connection.execute(
            "SELECT doc, count(*) FROM kantlijn.own_annotations GROUP BY doc").fetchall())
        return [DocumentSummary.of(record, tags, notes, own)
                for record in reversed(self.records())]

    # -- extractions ----------------------------------------------------------------------

    def cached_extraction(self, sha256: str) -> Extraction | None:
        """The document's extraction: from the local cache, else from the server (then
        cached here), else None."""
        found = self.cache.load(sha256)
        if found is not None:
            return found
        fetched = documents.extraction(self._connection, sha256)
        if fetched is not None:
            self.cache.save(fetched)
        return fetched

    def cached_page(self, sha256: str, page: int) -> Extraction | None:
        """A document with only page ``page`` and its comments, or None."""
        if not self.cache.has(sha256) and self.cached_extraction(sha256) is None:
            return None
        return self.cache.load_page(sha256, page)

    def has_cached(self, sha256: str) -> bool:
        """True when the document opens without parsing: cached here, or on the server."""
        return self.cache.has(sha256) or self.document(sha256) is not None

    def pdf_path(self, sha256: str) -> Path | None:
        """A local copy of the document's PDF from the server (fetched once), or None."""
        record = self.document(sha256)
        if record is None or record.path is None:
            return None
        local = Path(record.path)
        if not local.is_file() or file_sha256(local) != sha256:
            content = documents.pdf_bytes(self._connection, sha256)
            if content is None:
                return None
            from tui.core.files import atomic_write_bytes

            atomic_write_bytes(local, content)
        return local

    # -- the team's tags, notes and own annotations -------------------------------------

    def tags_of(self, doc: str, annotation_id: str) -> list[str]:
        """Every member's tags on one annotation (once each, the team's spelling)."""
        seen: dict[str, str] = {}
        for tag, _ in store.tag_members(self._connection, doc, annotation_id):
            seen.setdefault(tag.casefold(), tag)
        return list(seen.values())

    def tags_by(self, doc: str, annotation_id: str) -> dict[str, list[str]]:
        """Tag -> the members who put it on the annotation."""
        found: dict[str, list[str]] = {}
        for tag, member in store.tag_members(self._connection, doc, annotation_id):
            found.setdefault(tag, []).append(member)
        return found

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag of the team with how many annotations carry it."""
        spelled = store.spellings(self._connection)
        counted = self._connection.execute(
            "SELECT tag_key, count(DISTINCT (doc, annotation)) FROM kantlijn.tags "
            "GROUP BY tag_key").fetchall()
        pairs = [(spelled.get(key, key), count) for key, count in counted]
        return sorted(pairs, key=lambda item: (-item[1], item[0].casefold()))

    def note_of(self, doc: str, annotation_id: str) -> str | None:
        """This member's note on an annotation, or None."""
        return store.own_note(self._connection, doc, annotation_id)

    def notes_by(self, doc: str, annotation_id: str) -> dict[str, str]:
        """Member -> their current note on one annotation."""
        rows = self._connection.execute(
            store.LATEST_NOTES.format(where="WHERE doc = %s AND annotation = %s"),
            (doc, annotation_id)).fetchall()
        return {member: text for _, _, member, text in rows}

    def note_history(self, doc: str, annotation_id: str
                     ) -> list[tuple[int, str, str | None, Any]]:
        """Every version of every member's note: (version, member, text, time)."""
        return store.note_history(self._connection, doc, annotation_id)

    def annotation_data(self, doc: str) -> dict[str, dict[str, Any]]:
        """Annotation id -> ``{"tags", "note"}`` (this member's note) plus ``"tags_by"``
        (tag -> members) and ``"notes_by"`` (member -> note) of the whole team."""
        data: dict[str, dict[str, Any]] = {}

        def entry(ann: str) -> dict[str, Any]:
            return data.setdefault(ann, {"tags": [], "note": None, "tags_by": {},
                                         "notes_by": {}})

        spelled = store.spellings(self._connection)
        for ann, key, member in self._connection.execute(
            "SELECT annotation, tag_key, member FROM kantlijn.tags WHERE doc = %s "
            "ORDER BY at, tag", (doc,)
        ).fetchall():
            item = entry(ann)
            tag = spelled.get(key, key)
            if tag not in item["tags"]:
                item["tags"].append(tag)
            item["tags_by"].setdefault(tag, []).append(member)
        for _, ann, member, text in self._connection.execute(
            store.LATEST_NOTES.format(where="WHERE doc = %s"), (doc,)
        ).fetchall():
            item = entry(ann)
            item["notes_by"][member] = text
            if member == self.member:
                item["note"] = text
        return data

    def user_rows(self) -> list[UserRow]:
        """``(document, id, tags, note)`` of every tagged or noted annotation; the note is
        every member's, each line opened by the member's name."""
        rows: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        spelled = store.spellings(self._connection)
        for doc, ann, key in self._connection.execute(
            "SELECT doc, annotation, tag_key FROM kantlijn.tags ORDER BY at, tag"
        ).fetchall():
            tags = rows.setdefault((doc, ann), ([], []))[0]
            if spelled.get(key, key) not in tags:
                tags.append(spelled.get(key, key))
        for doc, ann, member, text in self._connection.execute(
            store.LATEST_NOTES.format(where="")
        ).fetchall():
            rows.setdefault((doc, ann), ([], []))[1].append(f"{member}: {text}")
        return [(doc, ann, tags, "\n\n".join(notes) or None)
                for (doc, ann), (tags, notes) in rows.items()]

    def annotation_members(self) -> dict[tuple[str, str], list[str]]:
        """(document, annotation id) -> the members who tagged it, have a note on it or
        made it (their own annotation), for ``by:NAME``."""
        found: dict[tuple[str, str], set[str]] = {}
        rows = self._connection.execute(
            "SELECT doc, annotation, member FROM kantlijn.tags UNION "
            "SELECT doc, id, member FROM kantlijn.own_annotations UNION "
            "SELECT doc, annotation, member FROM (" + store.LATEST_NOTES.format(where="")
            + ") noted").fetchall()
        for doc, ann, member in rows:
            found.setdefault((doc, ann), set()).add(member)
        return {key: sorted(members) for key, members in found.items()}

    def own_record(self, doc: str, ann: str) -> tuple[str, dict[str, Any]] | None:
        """``(member, annotation data)`` of an own annotation, or None."""
        return store.own_record(self._connection, doc, ann)

    def question_marks(self, doc: str | None = None
                       ) -> dict[tuple[str, str], tuple[str, str | None, str]]:
        """(document, id) -> (status, answer, member) of the latest mark on each question."""
        return store.question_states(self._connection, doc)

    def touched(self, keys: Collection[tuple[str, str]]) -> touched.Touched:
        """What the search index needs of the annotations ``keys`` (see :mod:`.touched`)."""
        return touched.read(self._connection, keys)

    def written(self) -> dict[tuple[str, str], writers.Written]:
        """(document, id) -> which members put each tag there, each member's note, who made
        it (an own annotation): what an export names (see :mod:`.writers`)."""
        return writers.written(self._connection)

    def tag_spellings(self) -> dict[str, str]:
        """Casefolded tag -> the team's spelling of it (the first one used)."""
        return store.spellings(self._connection)

    def own_rows(self) -> list[OwnRow]:
        """``(document, annotation)`` of every member's own annotations, oldest first."""
        return [(doc, annotation_from_dict(data)) for doc, data in self._connection.execute(
            "SELECT doc, annotation FROM kantlijn.own_annotations ORDER BY created, id"
        ).fetchall()]

    def own_annotations(self, doc: str) -> list[Annotation]:
        """Every member's own annotations on a document, oldest first."""
        return [annotation_from_dict(row[0]) for row in self._connection.execute(
            "SELECT annotation FROM kantlijn.own_annotations WHERE doc = %s "
            "ORDER BY created, id", (doc,)).fetchall()]

    # -- ids typed by the user ------------------------------------------------------------

    def holders(self, annotation_id: str) -> list[str]:
        """Hashes of the documents holding ``annotation_id``."""
        return documents.holders(self._connection, annotation_id)

    def resolve_annotation_id(self, annotation_id: str, doc: str | None = None) -> tuple[str, str]:
        """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it.

        Raises:
            KantlijnError: the document or id is unknown, or the id is in several documents.
        """
        holders = self.holders(annotation_id)
        if doc is not None:
            record = self.find_document(doc)
            if record is None:
                raise KantlijnError(f"{doc} is not in the team library (kantlijn import FILE)")
            if record.sha256 not in holders:
                raise KantlijnError(f"no annotation {annotation_id} in {record.label}")
            return record.sha256, annotation_id
        if not holders:
            raise KantlijnError(f"no annotation {annotation_id} in the team library "
                                "(kantlijn extract FILE shows ids)")
        if len(holders) > 1:
            labels = ", ".join(self.label(sha) for sha in holders[:3])
            raise KantlijnError(f"annotation {annotation_id} is in {len(holders)} documents "
                                f"({labels}); add --doc FILE|HASH")
        return holders[0], annotation_id

