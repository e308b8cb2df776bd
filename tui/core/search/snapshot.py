"""What the search index needs to know of the library, copied at one moment.

The library is not thread-safe; the index is built in a worker thread. So the caller takes a
:class:`LibrarySnapshot` where the library lives (a cheap copy of small records: document
labels, tags, notes, own annotations) and hands it to the index.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.core.library.records import DocumentRecord
from tui.core.library.surface import LibrarySurface
from tui.core.model import Annotation
from tui.core.search.members import Members, members_of
from tui.core.search.releases import ReleasePart, release_parts

UserData = dict[tuple[str, str], tuple[list[str], str | None]]
"""(document, annotation id) -> (tags, note)."""


@dataclass(slots=True)
class LibrarySnapshot:
    """The library's searchable state: generation, documents, own annotations, tags, notes."""

    generation: int
    documents_generation: int = 0
    documents: dict[str, tuple[str, str, str]] | None = None
    """Document hash -> (title, file name, source), in the order they were added; None when
    the index already holds the same documents (see :meth:`of`)."""
    own: list[tuple[str, Annotation]] = field(default_factory=list)
    user: UserData = field(default_factory=dict)
    statuses: dict[tuple[str, str], str] = field(default_factory=dict)
    """(document, annotation id) -> ``open`` or ``answered``, for questions marked."""
    members: Members = field(default_factory=dict)
    me: str | None = None
    """The member a team library is opened as (see :mod:`tui.core.search.members`)."""
    releases: list[ReleasePart] = field(default_factory=list)
    """The pages of each document of a release (see :mod:`tui.core.search.releases`)."""
    change_at: str = ""
    """A team library: when its change ``generation`` was made (see
    :mod:`tui.core.search.following`)."""
    spellings: dict[str, str] | None = None
    """A team library: casefolded tag -> the team's spelling."""
    rebuild: str | None = None
    """Why the index starts over before taking this snapshot (None: it compares)."""

    @classmethod
    def of(cls, library: LibrarySurface, indexed_documents: int | None = None) -> LibrarySnapshot:
        """Copy what the index needs from ``library`` (``indexed_documents`` None: with
        every document, to build the index anew).

        When the index already reflects ``indexed_documents`` (the library's documents
        counter when it last synced) and no document came or went since, the documents are
        not copied (a tag then costs a few milliseconds, not a pass over every document).
        """
        same = indexed_documents == library.documents_generation
        records, user_rows, own = library.searchable(documents=not same)
        documents: dict[str, tuple[str, str, str]] | None = None if same else {}
        for record in records:
            assert documents is not None
            documents[record.sha256] = label_of(record)
        user = {(doc, ann): (tags, note) for doc, ann, tags, note in user_rows}
        statuses = {key: state[0] for key, state in library.questions.states().items()}
        return cls(library.generation, library.documents_generation, documents, own, user,
                   statuses, *members_of(library), releases=release_parts(library.path))


def label_of(record: DocumentRecord) -> tuple[str, str, str]:
    """A document's title (else file name, else start of hash), file name and source."""
    name = os.path.basename(record.paths[0]) if record.paths else ""
    return record.title or name or record.sha256[:12], name, record.source
