"""What an export holds: per document, the selected comments with the user's tags and notes.

:func:`select` turns a query (the search language; empty: the whole library) into
:class:`ExportDocument` s, one document at a time, so an export of a large library never
holds more than one document's extraction. Items come in reading order (page, then the line
of the passage they are about); a document's own annotations (the user's) are among them.
From a team library each item also says who wrote on it (:class:`Writers`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tui.core.anchoring.withheld import NOTHING, Reveal, has_withheld, withhold
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.records import DocumentRecord
from tui.core.library.reread import reader_for
from tui.core.library.surface import LibrarySurface
from tui.core.model import Annotation, Extraction, Nota, Progress
from tui.core.release.store import ReleaseStore, StoredRelease
from tui.core.search.library_search import LibrarySearch
from tui.core.search.query import Query, parse

if TYPE_CHECKING:
    from tui.core.team.writers import Written

"""``progress(done, total)`` in documents."""


@dataclass(frozen=True, slots=True)
class Writers:
    """Who wrote on one comment of a team library (a library file has one writer: none)."""

    tags: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each tag with the members who put it there."""
    notes: tuple[tuple[str, str], ...] = ()
    """Each member's note: (member, note)."""
    made_by: str | None = None
    """The member whose own highlight or comment this is."""

    @classmethod
    def of(cls, written: Written) -> Writers:
        """From what the team library says (:mod:`tui.core.team.writers`)."""
        return cls(tuple((tag, tuple(members)) for tag, members in written.tags.items()),
                   tuple(written.notes.items()), written.made_by)


@runtime_checkable
class TeamWriters(Protocol):
    """A library with several writers that says who wrote what (a team library)."""

    member: str

    def written(self) -> dict[tuple[str, str], Written]:
        """(document, id) -> the members' tags, notes and own annotations on it."""


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One selected annotation and what the user added to it."""

    annotation: Annotation
    tags: tuple[str, ...] = ()
    note: str | None = None
    nota: Nota | None = None
    revealed: bool = False
    """True when this item shows words still under a redaction mark (asked for: ``--reveal``,
    or ``r`` in the app); otherwise they stand as a block."""
    writers: Writers | None = None
    """In a team library: who wrote the tags, notes and own annotation (None: a file)."""

    @property
    def own(self) -> bool:
        """True for the user's own highlight or comment."""
        return self.annotation.is_own


@dataclass(slots=True)
class ExportDocument:
    """One document of an export: its record, its extraction and the selected items."""

    record: DocumentRecord
    extraction: Extraction
    items: list[ExportItem] = field(default_factory=list)
    _replies: dict[str, list[Annotation]] | None = field(default=None, repr=False,
                                                         compare=False)
    """Replies by the id they answer, oldest first: made on first use, once a document (a
    scan of every annotation per item would make a large document's export quadratic)."""

    @property
    def file_name(self) -> str:
        """The PDF's (or summary's) file name, for citations."""
        path = self.record.path or self.extraction.document.path
        return path.rsplit("/", 1)[-1] if path else self.record.sha256[:12]

    @property
    def title(self) -> str:
        """The document's title, else its file name."""
        return self.record.title or self.extraction.document.title or self.file_name

    def replies_to(self, annotation_id: str) -> list[Annotation]:
        """Every reply to ``annotation_id`` in the document (selected or not), oldest first."""
        if self._replies is None:
            replies: dict[str, list[Annotation]] = {}
            for a in self._all():
                if a.in_reply_to is not None:
                    replies.setdefault(a.in_reply_to, []).append(a)
            for answers in replies.values():
                answers.sort(key=lambda a: a.date or "")
            self._replies = replies
        return list(self._replies.get(annotation_id, ()))

    def _all(self) -> list[Annotation]:
        return self.extraction.annotations


@dataclass(frozen=True, slots=True)
class Selection:
    """What to export: a query in the search language (empty: everything)."""

    query: str = ""

    def parsed(self) -> Query:
        """The query, parsed (raises :class:`~tui.core.search.query.QueryError`)."""
        return parse(self.query)


@dataclass(slots=True)
class Export:
    """A selection ready to write: the documents it covers, read one at a time."""

    cache: ExtractionCache
    query: str
    records: list[DocumentRecord]
    """The documents with something selected (known before any is read)."""
    wanted: set[tuple[str, str]] | None
    user: dict[tuple[str, str], tuple[list[str], str | None]]
    """(document, annotation id) -> (tags, note), copied when selected: reading the
    documents (in a worker thread) never touches the library itself."""
    own: dict[str, list[Annotation]]
    exported_at: str = field(default_factory=lambda: exported_at())
    progress: Progress | None = None
    """Told as each document is read (the app's progress bar)."""
    with_pages: bool | str = True
    """Read the page text too (Web Annotations quote the words around a passage): as
    :meth:`~tui.core.library.cache.ExtractionCache.load` takes it (``"text"``: the lines'
    text only)."""
    reveal: Reveal = NOTHING
    """Whose withheld words to show (:mod:`tui.core.anchoring.withheld`); by default the
    words under a redaction that was not applied stand as a block in every text."""
    documents_read: int = 0
    items_read: int = 0
    missing: list[DocumentRecord] = field(default_factory=list)
    """Selected documents that could not be read (no usable cache, and their file is gone,
    changed or unreadable): the writer says which, never leaves them out silently."""
    releases: list[StoredRelease] = field(default_factory=list)
    """The Woo releases the selected documents belong to: each format adds their inventory
    and findings after the documents."""
    writers: dict[tuple[str, str], Writers] | None = None
    """A team library: (document, id) -> who wrote on it (None: a library file)."""
    me: str | None = None
    """A team library: the member exporting."""

    def document(self, record: DocumentRecord) -> ExportDocument | None:
        """``record``'s document with its selected items, read from the cache (or again
        from its file); None, and ``record`` added to :attr:`missing`, when it cannot be
        read."""
        sha = record.sha256
        extraction = self.cache.load(sha, with_pages=self.with_pages)
        if extraction is None:
            self.missing.append(record)
            return None
        if not self.with_pages and has_withheld(extraction.annotations):
            # The page text tells exactly which words of each passage are withheld.
            extraction = self.cache.load(sha, with_pages="text") or extraction
        annotations = [*extraction.annotations, *self.own.get(sha, [])]
        raw = Extraction(extraction.document, extraction.pages, extraction.notas,
                         annotations, extraction.warnings)
        withheld = withhold(raw)
        full = withhold(raw, self.reveal.shown_in(sha)) if self.reveal else withheld
        hidden = {a.id: a for a in withheld.annotations} if full is not withheld else {}
        items = []
        notas: dict[tuple[int | None, int], Nota | None] = {}  # by (nota, page): one scan each
        wanted, user, team = self.wanted, self.user, self.writers  # looked up once a document
        for a in full.annotations:
            key = (sha, a.id)
            if wanted is not None and key not in wanted:
                continue
            tags, note = user.get(key, _NO_USER)
            shown = hidden.get(a.id, a) if hidden else a
            revealed = shown is not a and shown != a  # it shows what is withheld otherwise
            writers = None if team is None else team.get(key, _NO_WRITERS)
            place = (a.nota, a.page)
            if place not in notas:
                notas[place] = _nota_of(extraction.notas, a)
            items.append(ExportItem(a, tuple(tags), note, notas[place], revealed, writers))
        items.sort(key=_item_order)
        return ExportDocument(record, full, items)

    def documents(self, progress: Progress | None = None) -> Iterator[ExportDocument]:
        """Each document with its items, read from the library's cache as it is needed
        (counted in :attr:`documents_read` and :attr:`items_read`)."""
        tell = progress or self.progress
        for done, record in enumerate(self.records, start=1):
            exported = self.document(record)
            if tell is not None:
                tell(done, len(self.records))
            if exported is not None and exported.items:
                self.documents_read += 1
                self.items_read += len(exported.items)
                yield exported


def select(library: LibrarySurface, selection: Selection, reveal: Reveal = NOTHING) -> Export:
    """What ``selection`` takes from ``library`` (the search index is brought up to date);
    ``reveal`` says whose withheld words to show.

    Raises:
        QueryError: the query does not parse.
    """
    query = selection.parsed()
    wanted: set[tuple[str, str]] | None = None
    if not query.is_empty:
        search = LibrarySearch(library)
        try:
            search.sync()
            wanted = search.matching(query)
        finally:
            search.close()
    return Exportable.of(library).export(selection.query, wanted, reveal)


@dataclass(frozen=True, slots=True)
class Exportable:
    """What an export can take from a library, copied at one moment: the library is not
    thread-safe, an export is selected and written in a worker thread."""

    library_path: Path
    records: list[DocumentRecord]
    user: dict[tuple[str, str], tuple[list[str], str | None]]
    own: dict[str, list[Annotation]]
    releases: list[StoredRelease] = field(default_factory=list)
    writers: dict[tuple[str, str], Writers] | None = None
    me: str | None = None

    @classmethod
    def of(cls, library: LibrarySurface) -> Exportable:
        """Copy the documents' records, tags, notes and own annotations of ``library``, and
        its releases."""
        records, user_rows, own_rows = library.searchable()
        user = {(doc, ann): (tags, note) for doc, ann, tags, note in user_rows}
        own: dict[str, list[Annotation]] = {}
        for doc, annotation in own_rows:
            own.setdefault(doc, []).append(annotation)
        releases = ReleaseStore(library.path).all()
        if not isinstance(library, TeamWriters):
            return cls(library.path, records, user, own, releases)
        writers = {key: Writers.of(found) for key, found in library.written().items()}
        return cls(library.path, records, user, own, releases, writers, library.member)

    def export(self, query: str, wanted: set[tuple[str, str]] | None,
               reveal: Reveal = NOTHING) -> Export:
        """The export of the comments ``wanted`` (``(document, id)``; None: all) that
        ``query`` found; ``reveal`` says whose withheld words to show."""
        records = self.records
        if wanted is not None:
            selected_docs = {doc for doc, _ in wanted}
            records = [r for r in records if r.sha256 in selected_docs]
        # A cache of its own: the export may read in a worker thread while the app reads too.
        # A document whose cache is damaged or gone is read again from its file.
        cache = ExtractionCache(cache_dir_for(self.library_path), keep_in_memory=1,
                                read_again=reader_for({r.sha256: r.paths for r in records}))
        shas = {r.sha256 for r in records}
        releases = [r for r in self.releases if shas.intersection(r.members)]
        export = Export(cache, query, records, wanted, self.user, self.own, reveal=reveal,
                        releases=releases, writers=self.writers, me=self.me)
        if wanted is not None:  # documents the index could not read could hold matches too
            export.missing = [r for r in self.records
                              if r not in records and not cache.has(r.sha256)]
        return export


def _nota_of(notas: list[Nota], annotation: Annotation) -> Nota | None:
    return next((n for n in notas if n.holds(annotation)), None)


_NO_USER: tuple[list[str], str | None] = ([], None)
"""No tags, no note (never changed: only read)."""
_NO_WRITERS = Writers()


def _item_order(item: ExportItem) -> tuple[int, int, str]:
    return _reading_order(item.annotation)


def _reading_order(annotation: Annotation) -> tuple[int, int, str]:
    anchor = annotation.anchor
    line = anchor.line if anchor else (annotation.spans[0].line if annotation.spans else 0)
    return (anchor.page if anchor else annotation.page, line, annotation.date or "")


def exported_at() -> str:
    """Now, as the exports write it (ISO 8601 with the local offset)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
