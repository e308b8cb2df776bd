"""What the search index needs to know of the library, copied at one moment.

The library is not thread-safe; the index is built in a worker thread. So the caller takes a
:class:`LibrarySnapshot` where the library lives (a cheap copy of small records: document
labels, tags, notes, own annotations) and hands it to the index.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.core.library.library import Library
from tui.core.model import Annotation

UserData = dict[tuple[str, str], tuple[list[str], str | None]]
"""(document, annotation id) -> (tags, note)."""


@dataclass(slots=True)
class LibrarySnapshot:
    """The library's searchable state: generation, documents, own annotations, tags, notes."""

    generation: int
    documents: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Document hash -> (title, file name), in the order they were added."""
    own: list[tuple[str, Annotation]] = field(default_factory=list)
    user: UserData = field(default_factory=dict)

    @classmethod
    def of(cls, library: Library) -> LibrarySnapshot:
        """Copy what the index needs from ``library``."""
        documents: dict[str, tuple[str, str]] = {}
        for record in library.document_records():
            name = os.path.basename(record.paths[0]) if record.paths else ""
            documents[record.sha256] = (record.title or name or record.sha256[:12], name)
        user = {(doc, ann): (tags, note) for doc, ann, tags, note in library.user_data()}
        return cls(library.generation, documents, library.all_own_annotations(), user)
