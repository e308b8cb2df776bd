"""The user's library: documents by content hash and what the user wrote about them.

Usage::

    with Library.open() as library:          # flushes once when the block ends
        record = library.add_document(extraction, path)
        library.tag(record.sha256, "p2-a1", "follow-up")

What the user writes (tags, notes, own annotations, reading positions) lives in one small
TinyDB file; extractions live apart in per-document caches (:mod:`tui.core.library.cache`),
so persisting a tag never rewrites megabytes. Changes apply in memory at once (with undo:
:mod:`tui.core.library.history`) and :meth:`Library.flush` writes them atomically, under a
cross-process lock, merged with whatever another kantlijn wrote (see ``library_file``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import Query, TinyDB

from tui.core.copies.book import CopyBook
from tui.core.errors import KantlijnError
from tui.core.library import lookup
from tui.core.library import operations as ops
from tui.core.library.cache import ExtractionCache, IdIndex, cache_dir_for
from tui.core.library.history import ChangeHistory
from tui.core.library.ids import IdDirectory
from tui.core.library.library_file import LibraryFile
from tui.core.library.question_book import QuestionBook
from tui.core.library.records import (
    DocumentRecord,
    DocumentSummary,
    Place,
    Position,
    now_iso,
)
from tui.core.library.searches import SearchHistory
from tui.core.library.surface import OwnRow, UserRow
from tui.core.model import (
    OWN_ID_PREFIX,
    Annotation,
    Extraction,
    annotation_from_dict,
    annotation_to_dict,
)
from tui.core.paths import library_path
from tui.core.text import MAX_NOTE_LENGTH, user_text

_Q = Query()


class Library:
    """The library file plus its caches. Open with :meth:`open`; not thread-safe."""

    def __init__(self, path: Path) -> None:
        """Use :meth:`open`."""
        self.path = path
        self.notices: list[str] = []
        """Things the user must be told (e.g. a broken library moved aside)."""
        self.cache = ExtractionCache(cache_dir_for(path), notices=self.notices)
        self._ids = IdDirectory(IdIndex(cache_dir_for(path)))
        self._file = LibraryFile(path, self._ids, self.notices)
        self.searches = SearchHistory(self._file)
        self._history = ChangeHistory(self._file)
        self.questions = QuestionBook(self._history, self._file)
        self.copies = CopyBook(self._history, self._file, self.cache)  # copies of one release
        self.on_flush: list[Callable[[Library], None]] = []  # see flush()

    # -- opening, reading back, writing -------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Library:
        """Open (or start) the library at ``path`` (default :func:`tui.core.paths.library_path`).

        A file that does not parse is moved aside and reported in :attr:`notices`.

        Raises:
            KantlijnError: the file is from a newer kantlijn, or cannot be read at all.
        """
        library = cls(library_path(path))
        library._file.load()
        return library

    @property
    def read_only(self) -> bool:
        """True when the library file cannot be written (changes last this session only)."""
        return self._file.read_only

    @property
    def _db(self) -> TinyDB:
        return self._file.db

    def flush(self) -> None:
        """Write pending changes under the lock, merged onto the file as it is now; then
        call every :attr:`on_flush` listener (so the search index follows each change)."""
        self._file.flush()
        for listener in self.on_flush:
            listener(self)

    def refresh(self) -> bool:
        """Pick up what another process wrote (keeping our pending changes); True if any."""
        return self._file.refresh()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.flush()

    def _apply(
        self, op: ops.Op, undo_as: str | None = None, searchable: bool = True,
        documents: bool = False,
    ) -> None:
        self._history.apply(op, undo_as, searchable, documents)

    @property
    def generation(self) -> int:
        """A counter that every change to documents, tags, notes or own annotations bumps."""
        return ops.counter_of(self._db, "generation")

    @property
    def documents_generation(self) -> int:
        """A counter that every document added or removed bumps."""
        return ops.counter_of(self._db, "documents")

    def undo(self) -> str | None:
        """Undo the last tag/note/own-annotation change; returns what was undone (in the
        user's words, e.g. "delete your comment on p. 9"), or None."""
        return self._history.undo()

    def redo(self) -> str | None:
        """Do again what the last :meth:`undo` took back; returns what, or None."""
        return self._history.redo()

    # -- documents ----------------------------------------------------------------------

    def add_document(self, extraction: Extraction, path: str | os.PathLike[str]) -> DocumentRecord:
        """Remember a document just read from ``path`` and cache its extraction.

        A known hash gains ``path`` among its paths; a re-extraction keeps tags and notes on
        the same annotations (by id, else by page + rect + quote).
        """
        return self.add_documents([(extraction, path)])[0]

    def add_documents(
        self, items: Iterable[tuple[Extraction, str | os.PathLike[str]]]
    ) -> list[DocumentRecord]:
        """:meth:`add_document` for many documents at once (one bulk insert)."""
        records: list[DocumentRecord] = []
        for extraction, path in (items := list(items)):
            self.cache.save(extraction, memory_only=self._file.read_only)
            sha = extraction.document.sha256
            self._ids.add(sha, (a.id for a in extraction.annotations))
            records.append(DocumentRecord.from_extraction(extraction, str(Path(path).resolve())))
            places = {a.id: Place.of(a) for a in extraction.annotations}
            self._apply(ops.rematch(sha, places))
        self._apply(ops.put_documents(records), documents=True)
        self.copies.join([extraction for extraction, _ in items])
        return [self.document(r.sha256) or r for r in records]

    def cached_extraction(self, sha256: str) -> Extraction | None:
        """The cached extraction of a known document, or None (then read the file again)."""
        return self.cache.load(sha256)

    def cached_page(self, sha256: str, page: int) -> Extraction | None:
        """A document with only page ``page`` and its comments (fast), or None."""
        return self.cache.load_page(sha256, page)

    def has_cached(self, sha256: str) -> bool:
        """True when the document's extraction is cached (and fresh): it opens without parsing."""
        return self.cache.has(sha256)

    def document(self, sha256: str) -> DocumentRecord | None:
        """The record of the document with exactly this hash."""
        return lookup.document(self._db, sha256)

    def find_document(self, path_or_hash: str | os.PathLike[str]) -> DocumentRecord | None:
        """A document by file, path seen, or hash prefix (:func:`lookup.find_document`)."""
        return lookup.find_document(self._db, path_or_hash)

    def mark_opened(self, sha256: str) -> None:
        """Note that the user opened a document now."""
        self._apply(ops.mark_opened(sha256, now_iso()), searchable=False)

    def documents(self) -> list[DocumentSummary]:
        """Every document, most recently opened (then added) first."""
        return ops.document_summaries(self._db)

    # -- tags and notes -----------------------------------------------------------------

    def tag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Add tags to an annotation; returns its tags afterwards."""
        clean = ops.clean_tags(tags)
        place = self._place(doc, annotation_id)
        self._apply(
            ops.add_tags(doc, annotation_id, clean, place),
            undo_as=f"tag {', '.join(clean)} on {self._what(doc, annotation_id, place)}",
        )
        return self.tags_of(doc, annotation_id)

    def untag(self, doc: str, annotation_id: str, *tags: str) -> list[str]:
        """Remove tags (any case) from an annotation; returns its tags afterwards."""
        clean = ops.clean_tags(tags)
        what = self._what(doc, annotation_id, self._place(doc, annotation_id))
        self._apply(
            ops.remove_tags(doc, annotation_id, clean),
            undo_as=f"remove tag {', '.join(clean)} from {what}",
        )
        return self.tags_of(doc, annotation_id)

    def tags_of(self, doc: str, annotation_id: str) -> list[str]:
        """The tags on one annotation, in the order they were added."""
        record = ops.annotation_record(self._db, doc, annotation_id)
        return list(record["tags"]) if record else []

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag (case-insensitive, first spelling) with how many annotations carry it."""
        counts: dict[str, int] = {}
        spellings = ops.tag_spellings(self._db)
        for record in self._db.table(ops.ANNOTATIONS).all():
            for tag in record.get("tags", []):
                key = spellings[tag.casefold()]
                counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag everywhere; onto an existing tag, the two merge."""
        new = ops.clean_tags([new])[0]
        self._apply(ops.rename_tag(old, new), undo_as=f"rename tag {old} to {new}")

    def set_note(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Set the note on an annotation (None or empty: remove it); see ``user_text``."""
        text = user_text(text, "note", MAX_NOTE_LENGTH).strip() if text else None
        place = self._place(doc, annotation_id)
        self._apply(
            ops.set_note(doc, annotation_id, text, place),
            undo_as=f"your note on {self._what(doc, annotation_id, place)}",
        )

    def note_of(self, doc: str, annotation_id: str) -> str | None:
        """The note on an annotation, or None."""
        record = ops.annotation_record(self._db, doc, annotation_id)
        return record.get("note") if record else None

    def annotation_data(self, doc: str) -> dict[str, dict[str, Any]]:
        """Annotation id -> ``{"tags": [...], "note": str | None}`` for one document."""
        return self.copies.annotation_data(doc)  # with what was written on its copies

    def _what(self, doc: str, annotation_id: str, place: Place) -> str:
        """An annotation as undo names it: "the comment on p. 9", "your highlight on p. 3"."""
        where = f" on p. {place.page}" if place.page else ""
        own = next((a for a in self.own_annotations(doc) if a.id == annotation_id), None)
        if own is not None:
            return f"your {own.own_kind}{where}"
        return f"the comment{where}"

    def _place(self, doc: str, annotation_id: str) -> Place:
        record = ops.annotation_record(self._db, doc, annotation_id)
        if record is not None:
            return Place(record.get("page"), record.get("rect"), record.get("quote"))
        extraction = self.cache.load(doc)
        for annotation in extraction.annotations if extraction else []:
            if annotation.id == annotation_id:
                return Place.of(annotation)
        for own in self.own_annotations(doc):
            if own.id == annotation_id:
                return Place.of(own)
        if self._ids.holds(doc, annotation_id):
            return Place(None, None, None)
        raise KantlijnError(f"no annotation {annotation_id} in {self.label(doc)}")

    # -- the user's own annotations and reading position ------------------------------

    def add_own_annotation(self, doc: str, annotation: Annotation, keep_id: bool = False) -> str:
        """Store one of the user's own highlights/comments; returns its id: a new one, or
        with ``keep_id`` (notes imported from another library) the one it has."""
        own = keep_id and annotation.is_own
        new_id = annotation.id if own else f"{OWN_ID_PREFIX}{uuid.uuid4().hex[:8]}"
        stored = replace(annotation, id=new_id, author=annotation.author or "me")
        record = {"id": new_id, "annotation": annotation_to_dict(stored), "created": now_iso()}
        self._apply(ops.add_own(doc, record),
                    undo_as=f"your {stored.own_kind} on p. {stored.page}")
        return new_id

    def delete_own_annotation(self, doc: str, annotation_id: str) -> None:
        """Delete one of the user's own annotations."""
        what = self._what(doc, annotation_id, self._place(doc, annotation_id))
        self._apply(ops.delete_own(doc, annotation_id), undo_as=f"delete {what}")

    def edit_own_annotation(self, doc: str, annotation_id: str, text: str | None) -> None:
        """Change the text of one of the user's own comments (empty: none)."""
        text = user_text(text, "comment", MAX_NOTE_LENGTH).strip() if text else None
        what = self._what(doc, annotation_id, self._place(doc, annotation_id))
        self._apply(ops.set_own_contents(doc, annotation_id, text), undo_as=f"edit {what}")

    def remove_document(self, sha256: str) -> None:
        """Forget a document and everything the user wrote on it; the file is not touched.

        Not undoable: the app asks first. Its copies keep what the user wrote on them.
        """
        self.copies.forget(sha256)
        self._apply(ops.remove_document(sha256), documents=True)

    def searchable(
        self, documents: bool = True
    ) -> tuple[list[DocumentRecord], list[UserRow], list[OwnRow]]:
        """What a search index holds: the document records in the order added (none unless
        ``documents``), ``(document, id, tags, note)`` of every tagged or noted annotation,
        and ``(document, annotation)`` of the user's own annotations."""
        db = self._db
        table = db.table(ops.DOCUMENTS).all() if documents else []
        records = [DocumentRecord.from_dict(dict(d)) for d in table]
        user = self.copies.user_rows()  # on every copy they show on
        own = [(r["doc"], annotation_from_dict(r["annotation"])) for r in db.table(ops.OWN).all()]
        return records, user, own

    def own_annotations(self, doc: str) -> list[Annotation]:
        """The user's own annotations on a document, oldest first."""
        return self.copies.own_annotations(doc)  # with those made on its copies, placed

    def set_position(self, doc: str, page: int, line: int = 0, nota: int | None = None) -> None:
        """Remember where the user is reading (not part of undo)."""
        self._apply(ops.set_position(doc, page, line, nota), searchable=False)

    def position(self, doc: str) -> Position | None:
        """Where the user was reading, or None."""
        found = self._db.table(ops.POSITIONS).get(_Q.doc == doc)
        if found is None:
            return None
        return Position(int(found["page"]), int(found.get("line", 0)), found.get("nota"))

    # -- resolving ids typed by the user ------------------------------------------------

    def resolve_annotation_id(self, annotation_id: str, doc: str | None = None) -> tuple[str, str]:
        """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it, in
        ``doc`` or any document (:func:`lookup.resolve_annotation_id`)."""
        return lookup.resolve_annotation_id(self, annotation_id, doc)

    def holders(self, annotation_id: str) -> list[str]:
        """Hashes of the documents holding ``annotation_id`` (from the PDF, or the user's own)."""
        return lookup.holders(self._db, self._ids, self.cache, annotation_id)

    def label(self, sha256: str) -> str:
        """A short name for a document: its title or file, else the start of its hash."""
        record = self.document(sha256)
        return record.label if record else sha256[:12]
