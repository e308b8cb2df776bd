"""The user's searches, kept in the library: the recent ones and the ones saved by name.

Recent searches are offered again in the search input (up/down); saved ones are listed in
the command palette. Both are replayable operations like every other change to the library.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from tui.core.library.library_file import LibraryFile
from tui.core.library.operations import Op
from tui.core.library.records import now_iso

SEARCHES = "searches"
RECENT_KEPT = 30

_Q = Query()


def _remember(text: str, saved: bool) -> Op:
    def op(db: TinyDB) -> None:
        table = db.table(SEARCHES)
        found = table.get(_Q.query == text)
        keep_saved = bool(found and found.get("saved"))
        record = {"query": text, "used": now_iso(), "saved": saved or keep_saved}
        table.upsert(record, _Q.query == text)
        recent = sorted((r for r in table.all() if not r.get("saved")),
                        key=lambda r: r["used"], reverse=True)
        table.remove(doc_ids=[r.doc_id for r in recent[RECENT_KEPT:]])

    return op


class SearchHistory:
    """Recent and saved searches of one library file."""

    def __init__(self, file: LibraryFile) -> None:
        """Keep them in ``file`` (written with the library's next flush)."""
        self._file = file

    def remember(self, text: str) -> None:
        """Note that ``text`` was searched for (a blank query is not kept)."""
        if text.strip():
            self._file.apply(_remember(text.strip(), saved=False))

    def save(self, text: str) -> None:
        """Keep ``text`` among the saved searches."""
        if text.strip():
            self._file.apply(_remember(text.strip(), saved=True))

    def recent(self) -> list[str]:
        """Searches, most recently used first."""
        records = sorted(self._file.db.table(SEARCHES).all(), key=lambda r: r["used"],
                         reverse=True)
        return [r["query"] for r in records]

    def saved(self) -> list[str]:
        """Saved searches, in the order they were saved or last used."""
        return [r["query"] for r in self._file.db.table(SEARCHES).all() if r.get("saved")]


class SessionSearches:
    """Recent and saved searches kept for this session only (a team library: the server
    holds the team's work, not one member's search history)."""

    def __init__(self) -> None:
        """Start with none."""
        self._recent: list[str] = []
        self._saved: list[str] = []

    def remember(self, text: str) -> None:
        """Note that ``text`` was searched for (a blank query is not kept)."""
        text = text.strip()
        if text:
            self._recent = [text, *(q for q in self._recent if q != text)][:RECENT_KEPT]

    def save(self, text: str) -> None:
        """Keep ``text`` among the saved searches."""
        text = text.strip()
        if text and text not in self._saved:
            self._saved.append(text)
        self.remember(text)

    def recent(self) -> list[str]:
        """Searches, most recently used first."""
        return list(self._recent)

    def saved(self) -> list[str]:
        """Saved searches, in the order they were saved."""
        return list(self._saved)
