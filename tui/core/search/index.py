"""The search index: SQLite FTS5 over every comment, tag, note and page line of the library.

It is derived data in ``library.d/search.sqlite``, rebuilt when it is missing, corrupt or
from an older schema, and brought up to date by :meth:`LibraryIndex.sync` when the library's
generation counter differs from the one the index was built at. A sync compares the library
with the index (documents, the user's own annotations, tags and notes) and changes only
what differs, so after one tag it touches one row. Use one :class:`LibraryIndex` per thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from tui.core.anchoring.questions import asks
from tui.core.anchoring.withheld import collapse, has_withheld, is_withheld, withhold
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.model import Annotation, Extraction, Progress
from tui.core.search.members import sync_members
from tui.core.search.query import fold
from tui.core.search.releases import sync_release_parts
from tui.core.search.schema import BULK_FROM, FILE_NAME, INDEX_NAMES, INDEXES, SCHEMA, TABLES
from tui.core.search.snapshot import LibrarySnapshot, UserData


def index_path(library_path: Path) -> Path:
    """Where the index of the library at ``library_path`` lives."""
    return cache_dir_for(library_path) / FILE_NAME


class LibraryIndex:
    """The search index of one library file."""

    def __init__(self, path: Path, cache: ExtractionCache, in_memory: bool = False) -> None:
        """Open (or create) the index at ``path``; a broken or outdated one starts over.

        ``cache`` gives the extractions of documents to index; ``in_memory`` builds the
        index in memory only, leaving the file alone (it cannot be used).
        """
        self.path = path
        self.cache = cache
        self._in_memory = in_memory
        self.rebuilt_because: str | None = None
        self._lines_later = False
        """Why the index file was started over on opening (None: it was fine or new)."""
        self.db = self._open()

    @classmethod
    def for_library(cls, library_path: Path) -> LibraryIndex:
        """The index beside the library at ``library_path``."""
        return cls(index_path(library_path), ExtractionCache(cache_dir_for(library_path)))

    def start_over(self, reason: str) -> None:
        """Drop the index (it broke while in use) and start an empty one; sync fills it."""
        with suppress(sqlite3.Error):
            self.db.close()
        self._remove_files()
        self.db = self._open()
        self.rebuilt_because = reason

    def _open(self) -> sqlite3.Connection:
        try:
            if not self._in_memory:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self._in_memory and os.access(self.path.parent, os.W_OK):
                return self._open_file()
        except (OSError, sqlite3.OperationalError):
            pass
        # A folder that cannot be written (a read-only library): the index lives in memory
        # for this session, built by the same sync.
        db = sqlite3.connect(":memory:", check_same_thread=False)
        self._create(db)
        return db

    def _open_file(self) -> sqlite3.Connection:
        try:
            db = self._connect()
            schema = self._schema(db)
            if schema == SCHEMA:
                return db
            if schema is not None:
                self.rebuilt_because = "from an older kantlijn"
            db.close()
        except sqlite3.DatabaseError as error:
            self.rebuilt_because = f"unreadable ({error})"
        self._remove_files()
        db = self._connect()
        self._create(db)
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.executescript(TABLES)
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('schema', ?), ('generation', '-1'), "
                   "('documents', '-1')", (SCHEMA,))
        db.commit()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-65536")  # 64 MB: building inserts into big indexes
        return db

    @staticmethod
    def _schema(db: sqlite3.Connection) -> int | None:
        """The schema of the index in ``db``; None for an empty (new) database."""
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            return None if not tables else -1
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else -1

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with suppress(FileNotFoundError):
                Path(f"{self.path}{suffix}").unlink()

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    @property
    def generation(self) -> int:
        """The library generation the index reflects (-1: never built)."""
        return self._counter("generation")

    @property
    def documents_generation(self) -> int:
        """The library's documents counter the index reflects (-1: never built)."""
        return self._counter("documents")

    def _counter(self, name: str) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return int(row[0]) if row else -1

    def is_current(self, snapshot: LibrarySnapshot) -> bool:
        """True when the index reflects the library as ``snapshot`` shows it."""
        return self.generation == snapshot.generation

    # --- keeping up with the library -----------------------------------------------------

    def sync(self, snapshot: LibrarySnapshot, progress: Progress | None = None) -> int:
        """Bring the index up to date with ``snapshot``; returns how many rows changed."""
        if self.is_current(snapshot):  # a release may be recorded after its documents came
            with self.db:
                return sync_release_parts(self.db, snapshot.releases)
        db = self.db
        with db:
            added = 0 if snapshot.documents is None else self._sync_documents(snapshot, progress)
            changed = added + self._sync_own(snapshot) + self._sync_user_data(snapshot.user)
            changed += self._sync_statuses(snapshot.statuses)
            changed += sync_members(db, snapshot.members, snapshot.me)
            changed += sync_release_parts(db, snapshot.releases)
            db.executemany("UPDATE meta SET value = ? WHERE key = ?", [
                (str(snapshot.generation), "generation"),
                (str(snapshot.documents_generation), "documents"),
            ])
        if added:  # the planner picks indexes by how the data looks (a sample is enough)
            db.execute("PRAGMA analysis_limit=1000")
            db.execute("ANALYZE")
        return changed

    def _sync_documents(self, snapshot: LibrarySnapshot, progress: Progress | None) -> int:
        assert snapshot.documents is not None
        indexed = {r[0] for r in self.db.execute("SELECT doc FROM docs")}
        wanted = list(snapshot.documents)
        for gone in indexed - set(wanted):
            self._remove_document(gone)
        new = [sha for sha in wanted if sha not in indexed]
        bulk = len(new) >= BULK_FROM
        self._lines_later = not indexed and bulk  # a first build indexes the lines at once
        if bulk:  # inserting into eleven indexes row by row is most of a build's time
            for name in INDEX_NAMES:
                self.db.execute(f"DROP INDEX IF EXISTS {name}")
        for done, sha in enumerate(new, start=1):
            extraction = self.cache.load(sha, with_pages="text")
            label = snapshot.documents[sha]
            self._add_document(sha, wanted.index(sha), label, extraction)
            if progress is not None:
                progress(done, len(new))
        if bulk:  # one statement at a time: executescript would commit mid-sync
            for statement in filter(str.strip, INDEXES.split(";")):
                self.db.execute(statement)
        if self._lines_later:
            self.db.execute("INSERT INTO line_fts(line_fts) VALUES ('rebuild')")
            self._lines_later = False
        return len(new) + len(indexed - set(wanted))

    def _remove_document(self, sha: str) -> None:
        db = self.db
        rids = [r[0] for r in db.execute("SELECT rid FROM ann WHERE doc = ?", (sha,))]
        self._delete_annotation_rows(rids)
        lines = db.execute("SELECT rid, text FROM line WHERE doc = ?", (sha,)).fetchall()
        # An external-content index forgets a row when told its text.
        db.executemany("INSERT INTO line_fts(line_fts, rowid, text) VALUES ('delete', ?, ?)",
                       lines)
        db.execute("DELETE FROM line WHERE doc = ?", (sha,))
        db.execute("DELETE FROM docs WHERE doc = ?", (sha,))

    def _delete_annotation_rows(self, rids: list[int]) -> None:
        db = self.db
        db.executemany("DELETE FROM ann_fts WHERE rowid = ?", ((r,) for r in rids))
        db.executemany("DELETE FROM ann_tag WHERE rid = ?", ((r,) for r in rids))
        db.executemany("DELETE FROM ann_by WHERE rid = ?", ((r,) for r in rids))
        db.executemany("DELETE FROM ann WHERE rid = ?", ((r,) for r in rids))

    def _add_document(
        self, sha: str, order: int, label: tuple[str, str, str], extraction: Extraction | None
    ) -> None:
        title, name, source = label
        withheld = extraction is not None and has_withheld(extraction.annotations)
        self.db.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha, order, title, name, fold(f"{title} {name}"), int(withheld), source),
        )
        if extraction is None:  # no cache: the document is listed, its text is not searchable
            return
        # Words still under a redaction mark are never indexed: a search neither finds nor
        # shows them (the reader shows them only on request).
        extraction = withhold(extraction)
        self._insert_annotations(sha, extraction.annotations, own=False, order=order)
        self._insert_lines(sha, extraction, order)

    def _next_rid(self, table: str) -> int:
        return int(self.db.execute(f"SELECT coalesce(max(rid), 0) + 1 FROM {table}").fetchone()[0])

    def _insert_annotations(
        self, sha: str, annotations: Iterable[Annotation], own: bool, order: int
    ) -> None:
        first = self._next_rid("ann")
        rows: list[tuple[object, ...]] = []
        texts: list[tuple[object, ...]] = []
        for rid, annotation in enumerate(annotations, start=first):
            rows.append((rid, *_annotation_row(sha, annotation, own, order),
                         int(asks(annotation)), int(is_withheld(annotation))))
            quote, passage = _searchable_text(annotation)
            texts.append((rid, annotation.contents or "", quote, passage,
                          annotation.author or ""))
        self.db.executemany(
            "INSERT OR REPLACE INTO ann(rid, doc, id, kind, page, line, nota, date, ground_f,"
            " reply, own, author, author_f, ord, question, unapplied)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows)
        self.db.executemany(
            "INSERT INTO ann_fts(rowid, contents, quote, passage, tags, note, author)"
            " VALUES (?, ?, ?, ?, '', '', ?)", texts)

    def _insert_lines(self, sha: str, extraction: Extraction, order: int) -> None:
        nota_of = {
            page: nota.index for nota in extraction.notas
            for page in range(nota.first_page, nota.last_page + 1)
        }
        rid = self._next_rid("line")
        base = _position(order, 0, 0)  # as _position, for pages of fewer than 10,000 lines
        rows: list[tuple[object, ...]] = []
        for page in extraction.pages:
            for number, line in enumerate(page.lines):
                if not line.text.strip():
                    continue
                rows.append((rid, sha, page.number, number, nota_of.get(page.number),
                             base + page.number * 10_000 + number, collapse(line.text)))
                rid += 1
        self.db.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        if not self._lines_later:
            self.db.executemany("INSERT INTO line_fts(rowid, text) VALUES (?, ?)",
                                ((row[0], row[6]) for row in rows))

    def _sync_own(self, snapshot: LibrarySnapshot) -> int:
        own = {rid: (doc, ann) for rid, doc, ann in self.db.execute(
            "SELECT rid, doc, id FROM ann WHERE own = 1")}
        marks = ",".join("?" * len(own))
        contents = dict(self.db.execute(
            f"SELECT rowid, contents FROM ann_fts WHERE rowid IN ({marks})", list(own)))
        indexed = {(*own[rid], contents.get(rid, "")): rid for rid in own}
        # Keyed by contents too: an own comment whose text was edited is indexed again.
        wanted = {(doc, a.id, a.contents or ""): (doc, a) for doc, a in snapshot.own}
        gone = [rid for key, rid in indexed.items() if key not in wanted]
        self._delete_annotation_rows(gone)
        new = [value for key, value in wanted.items() if key not in indexed]
        orders = dict(self.db.execute("SELECT doc, ord FROM docs")) if new else {}
        withheld = {r[0] for r in self.db.execute("SELECT doc FROM docs WHERE withheld = 1")}
        for doc, annotation in new:
            if doc in withheld:
                annotation = self._withheld_own(doc, annotation)
            self._insert_annotations(doc, [annotation], own=True, order=orders.get(doc, 0))
        return len(gone) + len(new)

    def _withheld_own(self, doc: str, annotation: Annotation) -> Annotation:
        """The user's own highlight or comment with any words still under a redaction mark
        of its document withheld, as the document's own comments are."""
        extraction = self.cache.load(doc, with_pages="text")
        if extraction is None:
            return annotation
        own = Extraction(extraction.document, extraction.pages, extraction.notas,
                         [*extraction.annotations, annotation])
        return withhold(own).annotations[-1]

    def _sync_user_data(self, user: UserData) -> int:
        db = self.db
        indexed = {
            (doc, ann): (json.loads(tags), note)
            for doc, ann, tags, note in db.execute(
                # Two selects, not one OR: each is served by its partial index.
                "SELECT doc, id, tags, note FROM ann WHERE has_tag = 1 UNION "
                "SELECT doc, id, tags, note FROM ann WHERE has_note = 1")
        }
        changed = 0
        for key in set(indexed) | set(user):
            tags, note = user.get(key, ([], None))
            if indexed.get(key, ([], None)) != (tags, note):
                changed += self._set_user_data(key[0], key[1], tags, note)
        return changed

    def _sync_statuses(self, statuses: dict[tuple[str, str], str]) -> int:
        indexed = {(doc, ann): status for doc, ann, status in self.db.execute(
            "SELECT doc, id, status FROM ann WHERE status IS NOT NULL")}
        changed = [(statuses.get(key), *key) for key in set(indexed) | set(statuses)
                   if indexed.get(key) != statuses.get(key)]
        self.db.executemany("UPDATE ann SET status = ? WHERE doc = ? AND id = ?", changed)
        return len(changed)

    def _set_user_data(self, doc: str, ann: str, tags: list[str], note: str | None) -> int:
        db = self.db
        row = db.execute("SELECT rid FROM ann WHERE doc = ? AND id = ?", (doc, ann)).fetchone()
        if row is None:  # tagged in a document the index cannot read (no cache)
            return 0
        rid = row[0]
        db.execute("UPDATE ann SET tags = ?, note = ?, has_tag = ?, has_note = ? WHERE rid = ?",
                   (json.dumps(tags), note, int(bool(tags)), int(bool(note)), rid))
        db.execute("DELETE FROM ann_tag WHERE rid = ?", (rid,))
        db.executemany("INSERT INTO ann_tag VALUES (?, ?)", ((rid, fold(t)) for t in tags))
        old = db.execute("SELECT contents, quote, passage, author FROM ann_fts WHERE rowid = ?",
                         (rid,)).fetchone()
        db.execute("DELETE FROM ann_fts WHERE rowid = ?", (rid,))
        db.execute(
            "INSERT INTO ann_fts(rowid, contents, quote, passage, tags, note, author)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rid, old[0], old[1], old[2], " ".join(tags), note or "", old[3]),
        )
        return 1


def _searchable_text(annotation: Annotation) -> tuple[str, str]:
    """The quote and passage a search may find and show (already withheld: see
    :func:`~tui.core.anchoring.withheld.withhold`); a redaction's quote is no words."""
    quote = annotation.quote or ""
    anchor = annotation.anchor
    passage = anchor.text if anchor and anchor.text != quote else ""
    if annotation.kind == "redaction":
        quote = ""
    return quote, passage


def _position(order: int, page: int, line: int) -> int:
    """Document order as one number: the document's place in the library, page, line."""
    return (order * 100_000 + min(page, 99_999)) * 10_000 + min(line, 9_999)


def _annotation_row(
    sha: str, annotation: Annotation, own: bool, order: int
) -> tuple[object, ...]:
    anchor = annotation.anchor
    line = anchor.line if anchor else (annotation.spans[0].line if annotation.spans else 0)
    page = anchor.page if anchor else annotation.page
    return (
        sha, annotation.id, annotation.kind, annotation.page, line, annotation.nota,
        annotation.date, fold(annotation.ground) if annotation.ground else None,
        int(annotation.in_reply_to is not None), int(own), annotation.author,
        fold(annotation.author or ""), _position(order, page, line),
    )
