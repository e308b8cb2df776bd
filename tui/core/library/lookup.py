"""What the user types, found in the library: a document by file, path seen or hash prefix,
and an annotation by the id ``kantlijn extract`` prints.

The :class:`~tui.core.library.library.Library` answers these questions through the functions
here; they only read, so they need the library's TinyDB, id directory and cache, nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path

from tinydb import Query, TinyDB

from tui.core.errors import KantlijnError
from tui.core.files import file_sha256
from tui.core.library import operations as ops
from tui.core.library.cache import ExtractionCache
from tui.core.library.ids import IdDirectory
from tui.core.library.records import DocumentRecord, by_hash_prefix
from tui.core.library.surface import LibrarySurface

_Q = Query()


def document(db: TinyDB, sha256: str) -> DocumentRecord | None:
    """The record of the document with exactly this hash."""
    found = db.table(ops.DOCUMENTS).get(_Q.sha256 == sha256)
    return DocumentRecord.from_dict(dict(found)) if found is not None else None


def find_document(db: TinyDB, path_or_hash: str | os.PathLike[str]) -> DocumentRecord | None:
    """A document by file (hashed, so a renamed copy is found), path seen, or hash prefix.

    Raises:
        KantlijnError: a hash prefix fits several documents.
    """
    text = str(path_or_hash)
    candidate = Path(text).expanduser()
    if candidate.is_file():
        return document(db, file_sha256(candidate))
    records = [DocumentRecord.from_dict(dict(d)) for d in db.table(ops.DOCUMENTS).all()]
    resolved = str(candidate.resolve())
    for record in records:
        if resolved in record.paths:
            return record
    return by_hash_prefix(text, lambda p: [r for r in records if r.sha256.startswith(p)])


def holders(db: TinyDB, ids: IdDirectory, cache: ExtractionCache,
            annotation_id: str) -> list[str]:
    """Hashes of the documents holding ``annotation_id`` (from the PDF, or the user's own)."""
    known = [d["sha256"] for d in db.table(ops.DOCUMENTS).all()]
    found = ids.holders(annotation_id, known, cache)
    # The user's own, tagged and noted annotations: known even without ids.json or cache.
    for table in (ops.OWN, ops.ANNOTATIONS):
        found += [r["doc"] for r in db.table(table).search(_Q.id == annotation_id)
                  if r["doc"] not in found and r["doc"] in known]
    return found


def resolve_annotation_id(library: LibrarySurface, annotation_id: str,
                          doc: str | None = None) -> tuple[str, str]:
    """``(document hash, annotation id)`` for an id as ``kantlijn extract`` prints it.

    Args:
        library: where to look.
        annotation_id: the id.
        doc: a file, a path seen, or a hash (prefix) to look in; all documents if None.

    Raises:
        KantlijnError: the document or id is unknown, or the id is in several documents.
    """
    if doc is not None:
        record = library.find_document(doc)
        if record is None:
            raise KantlijnError(f"{doc} is not in the library (kantlijn import FILE)")
        if record.sha256 not in library.holders(annotation_id):
            raise KantlijnError(f"no annotation {annotation_id} in {record.label}")
        return record.sha256, annotation_id
    found = library.holders(annotation_id)
    if not found:
        raise KantlijnError(
            f"no annotation {annotation_id} in the library (kantlijn extract FILE shows ids)"
        )
    if len(found) > 1:
        labels = ", ".join(library.label(sha) for sha in found[:3])
        raise KantlijnError(
            f"annotation {annotation_id} is in {len(found)} documents ({labels}); "
            "add --doc FILE|HASH"
        )
    return found[0], annotation_id
