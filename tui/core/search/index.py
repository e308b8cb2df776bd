"""The search index: SQLite FTS5 over every comment, tag, note and page line of the library.

It is derived data in ``library.d/search.sqlite``, rebuilt when it is missing, corrupt or
from an older schema, and brought up to date by :meth:`LibraryIndex.sync` when the library's
generation counter differs from the one the index was built at. A sync compares the library
with the index (documents, the user's own annotations, tags and notes) and changes only
what differs, so after one tag it touches one row. A team library's index follows the
server's change sequence instead, reading only what the changes touched
(:mod:`tui.core.search.following`); both write through :mod:`tui.core.search.rows`. Use one
:class:`LibraryIndex` per thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection
from contextlib import suppress
from pathlib import Path
from typing import Any

from tui.core.anchoring.withheld import withhold
from tui.core.library.cache import ExtractionCache, cache_dir_for
from tui.core.library.surface import OwnRow
from tui.core.model import Annotation, Extraction, Progress
from tui.core.search import rows
from tui.core.search.build import APART_FROM, add_documents
from tui.core.search.following import ChangesSnapshot, Key, catch_up
from tui.core.search.members import Members, sync_members, sync_members_of
from tui.core.search.releases import sync_release_parts
from tui.core.search.schema import (
    BULK_FROM,
    FILE_NAME,
    FTS_SETTINGS,
    FTS_TABLES,
    INDEX_NAMES,
    INDEXES,
    PAGE_SIZE,
    SCHEMA,
    TABLES,
)
from tui.core.search.snapshot import LibrarySnapshot, UserData


def index_path(library_path: Path) -> Path:
    """Where the index of the library at ``library_path`` lives."""
    return cache_dir_for(library_path) / FILE_NAME


class LibraryIndex:
    """The search index of one library (a file, or a team library's copy on this machine)."""

    def __init__(self, path: Path, cache: ExtractionCache, in_memory: bool = False,
                 apart_from: int = APART_FROM) -> None:
        """Open (or create) the index at ``path``; a broken or outdated one starts over.

        ``cache`` gives the extractions of documents to index; ``in_memory`` builds the
        index in memory only, leaving the file alone (it cannot be used); from
        ``apart_from`` new documents a second process decodes their caches.
        """
        self.path = path
        self.apart_from = apart_from
        self.cache = cache
        self._in_memory = in_memory
        self.rebuilt_because: str | None = None
        """Why the index was started over (None: it was fine or new)."""
        self.reads = 0
        """How many documents' extractions this index read from the cache."""
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
        for table in FTS_TABLES:  # the option's name is a value, not SQL: the table's is ours
            for option, value in FTS_SETTINGS.items():
                db.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (option, value))
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('schema', ?), ('generation', '-1'), "
                   "('documents', '-1')", (SCHEMA,))
        db.commit()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False)
        db.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file only: then WAL fixes it
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

    @property
    def change_at(self) -> str:
        """When the team library's change :attr:`generation` was made ('' : unknown)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'change_at'").fetchone()
        return str(row[0]) if row else ""

    @property
    def spellings(self) -> dict[str, str]:
        """A team library's tag spellings as the index shows them."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'spellings'").fetchone()
        return dict(json.loads(row[0])) if row else {}

    def set_meta(self, **values: str) -> None:
        """Remember what the index reflects (``generation``, ``documents``, ...)."""
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def is_current(self, snapshot: LibrarySnapshot | ChangesSnapshot) -> bool:
        """True when the index reflects the library as ``snapshot`` shows it."""
        return self.generation == snapshot.generation

    def load(self, sha: str) -> Extraction | None:
        """A document's extraction with its page text, from the cache (counted in
        :attr:`reads`: following a team library reads only the documents added)."""
        self.reads += 1
        return self.cache.load(sha, with_pages="text")

    # --- keeping up with the library -----------------------------------------------------

    def sync(self, snapshot: LibrarySnapshot | ChangesSnapshot,
             progress: Progress | None = None) -> int:
        """Bring the index up to date with ``snapshot``; returns how many rows changed.

        Documents are added in batches that each commit (:mod:`tui.core.search.build`):
        another connection finds what is in so far, and a sync that is killed is continued
        by the next one. ``progress(done, total)`` counts the library's documents in the
        index after each batch.
        """
        if isinstance(snapshot, ChangesSnapshot):
            return catch_up(self, snapshot)
        if snapshot.rebuild is None and self.is_current(snapshot):
            with self.db:  # a release may be recorded after its documents came
                return sync_release_parts(self.db, snapshot.releases)
        db = self.db
        if snapshot.rebuild is not None:
            with db:  # marked never built: a rebuild that is killed is continued, not redone
                self._clear()
                self.set_meta(generation="-1", documents="-1")
            self.rebuilt_because = snapshot.rebuild
        added = 0 if snapshot.documents is None else self._sync_documents(snapshot, progress)
        with db:
            changed = added + self.sync_own(snapshot.own) + self.sync_user_data(snapshot.user)
            changed += self.sync_statuses(snapshot.statuses)
            changed += sync_members(db, snapshot.members, snapshot.me)
            changed += sync_release_parts(db, snapshot.releases)
            self.set_meta(generation=str(snapshot.generation),
                          documents=str(snapshot.documents_generation),
                          change_at=snapshot.change_at)  # '' when the snapshot did not say
            if snapshot.spellings is not None:
                self.set_meta(spellings=json.dumps(snapshot.spellings))
        if added:  # the planner picks indexes by how the data looks (a sample is enough)
            db.execute("PRAGMA analysis_limit=1000")
            db.execute("ANALYZE")
        return changed

    def _clear(self) -> None:
        """Empty every table in this transaction (the file stays: other connections to it
        see the new index once it is committed)."""
        for table in ("docs", "ann", "ann_fts", "ann_tag", "ann_by", "line"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("INSERT INTO line_fts(line_fts) VALUES ('delete-all')")
        self.db.execute("DELETE FROM meta WHERE key IN ('change_at', 'spellings')")

    def _sync_documents(self, snapshot: LibrarySnapshot, progress: Progress | None) -> int:
        assert snapshot.documents is not None
        db = self.db
        indexed = {r[0] for r in db.execute("SELECT doc FROM docs")}
        wanted = snapshot.documents
        gone = indexed - set(wanted)
        with db:
            for sha in gone:
                rows.remove_document(db, sha)
        kept = len(indexed) - len(gone)
        jobs = [(sha, place, label) for place, (sha, label) in enumerate(wanted.items())
                if sha not in indexed]
        # Inserting into the row indexes row by row is slow; making them again over a big
        # index that gains a few documents is slower.
        if len(jobs) >= max(BULK_FROM, kept):
            with db:
                for name in INDEX_NAMES:
                    db.execute(f"DROP INDEX IF EXISTS {name}")

        def done(count: int) -> None:
            if progress is not None:
                progress(kept + count, len(wanted))

        apart = add_documents(db, jobs, self.load, self.cache.folder.parent, done,
                              self.apart_from)
        self.reads += apart  # (not in one statement: self.load counts the others meanwhile)
        with db:  # also after a build that was killed between dropping and making them
            for statement in filter(str.strip, INDEXES.split(";")):
                db.execute(statement)
        return len(jobs) + len(gone)

    def _indexed(self, sql: str, keys: Collection[Key] | None) -> list[tuple[Any, ...]]:
        """Rows of ``SELECT ... FROM ann WHERE <condition>``, or of the ``keys`` only."""
        if keys is None:
            return self.db.execute(sql).fetchall()
        sql = sql.split(" WHERE ")[0] + " WHERE doc = ? AND id = ?"
        return [row for key in keys for row in self.db.execute(sql, key)]

    def sync_own(self, own_rows: list[OwnRow], keys: Collection[Key] | None = None) -> int:
        """Index the own annotations ``own_rows`` (of ``keys`` only, when given); the
        others are taken out."""
        own = {rid: (doc, ann) for rid, doc, ann, mine in self._indexed(
            "SELECT rid, doc, id, own FROM ann WHERE own = 1", keys) if mine}
        marks = ",".join("?" * len(own))
        contents = dict(self.db.execute(
            f"SELECT rowid, contents FROM ann_fts WHERE rowid IN ({marks})", list(own)))
        indexed = {(*own[rid], contents.get(rid, "")): rid for rid in own}
        # Keyed by contents too: an own comment whose text was edited is indexed again.
        wanted = {(doc, a.id, a.contents or ""): (doc, a) for doc, a in own_rows}
        gone = [rid for key, rid in indexed.items() if key not in wanted]
        rows.delete_annotation_rows(self.db, gone)
        new = [value for key, value in wanted.items() if key not in indexed]
        orders = dict(self.db.execute("SELECT doc, ord FROM docs")) if new else {}
        withheld = {r[0] for r in self.db.execute("SELECT doc FROM docs WHERE withheld = 1")}
        for doc, annotation in new:
            if doc in withheld:
                annotation = self._withheld_own(doc, annotation)
            rows.insert_annotations(self.db, doc, [annotation], own=True,
                                    order=orders.get(doc, 0))
        return len(gone) + len(new)

    def _withheld_own(self, doc: str, annotation: Annotation) -> Annotation:
        """The user's own highlight or comment with any words still under a redaction mark
        of its document withheld, as the document's own comments are."""
        extraction = self.load(doc)
        if extraction is None:
            return annotation
        own = Extraction(extraction.document, extraction.pages, extraction.notas,
                         [*extraction.annotations, annotation])
        return withhold(own).annotations[-1]

    def sync_user_data(self, user: UserData, keys: Collection[Key] | None = None) -> int:
        """Give every comment (of ``keys`` only, when given) its tags and note in ``user``."""
        indexed = {
            (doc, ann): (json.loads(tags), note)
            for doc, ann, tags, note in self._indexed(
                # Two selects, not one OR: each is served by its partial index.
                "SELECT doc, id, tags, note FROM ann WHERE has_tag = 1 UNION "
                "SELECT doc, id, tags, note FROM ann WHERE has_note = 1", keys)
            if keys is None or tags != "[]" or note is not None
        }
        changed = 0
        for key in set(indexed) | set(user):
            tags, note = user.get(key, ([], None))
            if indexed.get(key, ([], None)) != (tags, note):
                changed += rows.set_user_data(self.db, key[0], key[1], tags, note)
        return changed

    def sync_statuses(self, statuses: dict[Key, str], keys: Collection[Key] | None = None
                      ) -> int:
        """Give every question (of ``keys`` only, when given) its mark in ``statuses``."""
        indexed = {(doc, ann): status for doc, ann, status in self._indexed(
            "SELECT doc, id, status FROM ann WHERE status IS NOT NULL", keys)
            if status is not None}
        changed = [(statuses.get(key), *key) for key in set(indexed) | set(statuses)
                   if indexed.get(key) != statuses.get(key)]
        self.db.executemany("UPDATE ann SET status = ? WHERE doc = ? AND id = ?", changed)
        return len(changed)

    def sync_members(self, members: Members, keys: Collection[Key]) -> int:
        """Give the comments of ``keys`` their members in ``members``."""
        return sync_members_of(self.db, members, keys)
