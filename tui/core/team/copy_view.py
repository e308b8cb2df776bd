"""Reading a team library while its server is away: the last synced copy, with the member's
own pending changes (the outbox) applied on top.

:class:`CopyView` answers the reading questions of
:class:`~tui.core.team.reading.TeamReading` from a :class:`~tui.core.team.synced_copy.
SyncedCopy` in memory, and :meth:`CopyView.apply` makes one :class:`~tui.core.team.outbox.Op`
visible at once (returning the operations that undo it), so a member sees what they typed
offline before the server has it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tui.core.errors import KantlijnError
from tui.core.files import file_sha256
from tui.core.library.cache import ExtractionCache
from tui.core.library.records import DocumentRecord, DocumentSummary, by_hash_prefix
from tui.core.library.surface import OwnRow, UserRow
from tui.core.model import Annotation, Extraction, annotation_from_dict
from tui.core.team.outbox import Op
from tui.core.team.synced_copy import SyncedCopy


class CopyView:
    """A team library read from its synced copy (see the module); not thread-safe."""

    def __init__(self, copy: SyncedCopy, cache: ExtractionCache) -> None:
        """Read ``copy``; extractions come from ``cache`` only."""
        self.copy = copy
        self.member = copy.member
        self.cache = cache
        self.applied = 0
        """How many operations were applied on top of the copy (bumps :attr:`generation`)."""
        self._records = [DocumentRecord.from_dict(data) for data in copy.documents]
        self._spelled: tuple[int, dict[str, str]] = (-1, {})

    @property
    def generation(self) -> int:
        """The copy's change number plus the changes made on top of it."""
        return self.copy.seq + self.applied

    # -- documents ----------------------------------------------------------------------

    def records(self) -> list[DocumentRecord]:
        """Every document, in the order added."""
        return list(self._records)

    def document(self, sha256: str) -> DocumentRecord | None:
        """The record of the document with exactly this hash."""
        return next((r for r in self._records if r.sha256 == sha256), None)

    def find_document(self, path_or_hash: str | os.PathLike[str]) -> DocumentRecord | None:
        """A document by file (hashed) or hash prefix."""
        text = str(path_or_hash)
        candidate = Path(text).expanduser()
        if candidate.is_file():
            return self.document(file_sha256(candidate))
        return by_hash_prefix(text, lambda prefix: [
            r for r in self._records if r.sha256.startswith(prefix)])

    def label(self, sha256: str) -> str:
        """A short name for a document."""
        record = self.document(sha256)
        return record.label if record else sha256[:12]

    def documents(self) -> list[DocumentSummary]:
        """Every document with the team's tag, note and own-annotation counts, newest first."""
        tagged: dict[str, dict[str, set[str]]] = {}
        spelled = self._spellings()
        for doc, ann, tag, _ in self.copy.tags:
            tagged.setdefault(doc, {}).setdefault(spelled[tag.casefold()], set()).add(ann)
        tags = {doc: {t: len(anns) for t, anns in by.items()} for doc, by in tagged.items()}
        notes: dict[str, int] = {}
        for doc, _ in {(doc, ann) for doc, ann, _, _ in self.copy.notes}:
            notes[doc] = notes.get(doc, 0) + 1
        own: dict[str, int] = {}
        for doc, *_ in self.copy.own:
            own[doc] = own.get(doc, 0) + 1
        return [DocumentSummary.of(r, tags, notes, own) for r in reversed(self._records)]

    def cached_extraction(self, sha256: str) -> Extraction | None:
        """The document's extraction from the local cache, or None."""
        return self.cache.load(sha256)

    def cached_page(self, sha256: str, page: int) -> Extraction | None:
        """A document with only one page and its comments, from the local cache, or None."""
        return self.cache.load_page(sha256, page) if self.cache.has(sha256) else None

    def has_cached(self, sha256: str) -> bool:
        """True when the document is in the local cache."""
        return self.cache.has(sha256)

    def pdf_path(self, sha256: str) -> Path | None:
        """The local copy of the document's PDF, when it was fetched before."""
        record = self.document(sha256)
        local = Path(record.path) if record and record.path else None
        if local is None or not local.is_file() or file_sha256(local) != sha256:
            return None
        return local

    # -- tags, notes, own annotations, questions ------------------------------------------

    def _spellings(self) -> dict[str, str]:
        """Casefolded tag -> the team's first spelling (kept until the next change)."""
        if self._spelled[0] != self.applied:
            spelled: dict[str, str] = {}
            for _, _, tag, _ in self.copy.tags:
                spelled.setdefault(tag.casefold(), tag)
            self._spelled = (self.applied, spelled)
        return self._spelled[1]

    def tag_members(self, doc: str, ann: str) -> list[tuple[str, str]]:
        """``(tag, member)`` on one annotation, oldest first, in the team's spelling."""
        spelled = self._spellings()
        return [(spelled[t.casefold()], m) for d, a, t, m in self.copy.tags
                if d == doc and a == ann]

    def tags_of(self, doc: str, annotation_id: str) -> list[str]:
        """Every member's tags on one annotation (once each)."""
        return list(dict.fromkeys(tag for tag, _ in self.tag_members(doc, annotation_id)))

    def tags_by(self, doc: str, annotation_id: str) -> dict[str, list[str]]:
        """Tag -> the members who put it on the annotation."""
        found: dict[str, list[str]] = {}
        for tag, member in self.tag_members(doc, annotation_id):
            found.setdefault(tag, []).append(member)
        return found

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many annotations carry it."""
        spelled = self._spellings()
        on: dict[str, set[tuple[str, str]]] = {}
        for doc, ann, tag, _ in self.copy.tags:
            on.setdefault(spelled[tag.casefold()], set()).add((doc, ann))
        return sorted(((t, len(s)) for t, s in on.items()),
                      key=lambda item: (-item[1], item[0].casefold()))

    def notes_by(self, doc: str, annotation_id: str) -> dict[str, str]:
        """Member -> their current note on one annotation."""
        return {m: t for d, a, m, t in self.copy.notes if d == doc and a == annotation_id}

    def note_of(self, doc: str, annotation_id: str) -> str | None:
        """This member's note on an annotation, or None."""
        return self.notes_by(doc, annotation_id).get(self.member)

    def note_history(self, doc: str, annotation_id: str
                     ) -> list[tuple[int, str, str | None, Any]]:
        """Offline only the current notes are known (numbered from 1, time unknown)."""
        return [(n, m, t, None) for n, (m, t) in
                enumerate(self.notes_by(doc, annotation_id).items(), start=1)]

    def annotation_data(self, doc: str) -> dict[str, dict[str, Any]]:
        """As :meth:`TeamReading.annotation_data`."""
        data: dict[str, dict[str, Any]] = {}

        def entry(ann: str) -> dict[str, Any]:
            return data.setdefault(ann, {"tags": [], "note": None, "tags_by": {},
                                         "notes_by": {}})

        spelled = self._spellings()
        for d, ann, tag, member in self.copy.tags:
            if d == doc:
                item, shown = entry(ann), spelled[tag.casefold()]
                if shown not in item["tags"]:
                    item["tags"].append(shown)
                item["tags_by"].setdefault(shown, []).append(member)
        for d, ann, member, text in self.copy.notes:
            if d == doc:
                entry(ann)["notes_by"][member] = text
                if member == self.member:
                    entry(ann)["note"] = text
        return data

    def user_rows(self) -> list[UserRow]:
        """``(document, id, tags, note)`` of every tagged or noted annotation."""
        rows: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        spelled = self._spellings()
        for doc, ann, tag, _ in self.copy.tags:
            tags = rows.setdefault((doc, ann), ([], []))[0]
            if spelled[tag.casefold()] not in tags:
                tags.append(spelled[tag.casefold()])
        for doc, ann, member, text in self.copy.notes:
            rows.setdefault((doc, ann), ([], []))[1].append(f"{member}: {text}")
        return [(doc, ann, tags, "\n\n".join(notes) or None)
                for (doc, ann), (tags, notes) in rows.items()]

    def annotation_members(self) -> dict[tuple[str, str], list[str]]:
        """(document, annotation id) -> the members who tagged, noted or made it."""
        found: dict[tuple[str, str], set[str]] = {}
        for doc, ann, _, member in self.copy.tags:
            found.setdefault((doc, ann), set()).add(member)
        for doc, ann, member, _ in self.copy.notes:
            found.setdefault((doc, ann), set()).add(member)
        for doc, ann, member, _ in self.copy.own:
            found.setdefault((doc, ann), set()).add(member)
        return {key: sorted(members) for key, members in found.items()}

    def own_record(self, doc: str, ann: str) -> tuple[str, dict[str, Any]] | None:
        """``(member, annotation data)`` of an own annotation, or None."""
        return next(((m, dict(data)) for d, a, m, data in self.copy.own
                     if d == doc and a == ann), None)

    def own_rows(self) -> list[OwnRow]:
        """Every member's own annotations, oldest first."""
        return [(doc, annotation_from_dict(data)) for doc, _, _, data in self.copy.own]

    def own_annotations(self, doc: str) -> list[Annotation]:
        """Every member's own annotations on a document, oldest first."""
        return [annotation_from_dict(data) for d, _, _, data in self.copy.own if d == doc]

    def holders(self, annotation_id: str) -> list[str]:
        """Hashes of the documents holding ``annotation_id``."""
        found = {sha for sha, ids in self.copy.ids.items() if annotation_id in ids}
        found |= {doc for doc, ann, _, _ in self.copy.own if ann == annotation_id}
        return sorted(found)

    def question_marks(self, doc: str | None = None
                       ) -> dict[tuple[str, str], tuple[str, str | None, str]]:
        """(document, id) -> (status, answer, member) of the latest mark on each question."""
        return {(d, a): (status, answer, member) for d, a, member, status, answer
                in self.copy.questions if doc is None or d == doc}

    def resolve_annotation_id(self, annotation_id: str, doc: str | None = None
                              ) -> tuple[str, str]:
        """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it."""
        holders = self.holders(annotation_id)
        if doc is not None:
            record = self.find_document(doc)
            if record is None or record.sha256 not in holders:
                raise KantlijnError(f"no annotation {annotation_id} in {doc}")
            return record.sha256, annotation_id
        if len(holders) != 1:
            raise KantlijnError(f"annotation {annotation_id} is in {len(holders)} documents "
                                "of the synced copy; add --doc FILE|HASH")
        return holders[0], annotation_id

    # -- the member's changes, on top of the copy ----------------------------------------

    def apply(self, op: Op) -> list[Op]:
        """Make ``op`` visible here; returns the operations that undo it ([]: no change)."""
        from tui.core.team import copy_changes

        undo = copy_changes.apply(self.copy, self.member, op)
        self.applied += 1
        return undo
