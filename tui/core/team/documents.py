"""Documents on the team server: keyed by content hash, each stored once.

A document's extraction (nota's, comments, quotes, anchors, page text) is stored once as
compressed JSON, so a member can read and search the comments of a document someone else
imported without the PDF; the PDF itself is stored once too (``kantlijn.files``), so any
member can open it. Adding a known hash changes nothing.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.anchoring.threads import comment_threads
from tui.core.files import file_sha256
from tui.core.model import SCHEMA_VERSION as MODEL_SCHEMA
from tui.core.model import Extraction

if TYPE_CHECKING:
    import psycopg

Row = tuple[Any, ...]
COLUMNS = "sha256, title, file_name, pages, source, notas, comments, added"
"""The listing columns of ``kantlijn.documents`` (not the extraction: it is large)."""


def encode(extraction: Extraction) -> bytes:
    """The stored form of an extraction: its JSON with page text, compressed."""
    data = extraction.to_dict(include_pages=True)
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def decode(blob: bytes) -> Extraction:
    """An extraction back from :func:`encode`'s form."""
    return Extraction.from_dict(json.loads(zlib.decompress(blob)))


def put(connection: psycopg.Connection[Any], extraction: Extraction, path: Path | None) -> bool:
    """Add a document (and its PDF, when ``path`` is that PDF) unless its hash is known;
    True when it was new. The PDF is read only when the server does not have it yet."""
    info = extraction.document
    notas = [{"index": n.index, "title": n.title, "first_page": n.first_page,
              "last_page": n.last_page} for n in extraction.notas]
    file_name = path.name if path is not None else Path(info.path or "").name
    with connection.transaction():
        added = connection.execute(
            "INSERT INTO kantlijn.documents (sha256, title, file_name, pages, source, notas, "
            "comments, annotation_ids, model_schema, extraction) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING",
            (info.sha256, info.title, file_name, info.pages, info.source, json.dumps(notas),
             len(comment_threads(extraction)), [a.id for a in extraction.annotations],
             MODEL_SCHEMA, encode(extraction)),
        ).rowcount
        if path is not None and info.source != "summary" and not has_file(connection, info.sha256):
            content = path.read_bytes()
            if file_sha256(path) == info.sha256:
                connection.execute(
                    "INSERT INTO kantlijn.files (sha256, content) VALUES (%s, %s) "
                    "ON CONFLICT (sha256) DO NOTHING", (info.sha256, content))
    return bool(added)


def has_file(connection: psycopg.Connection[Any], sha256: str) -> bool:
    """True when the server holds the PDF of the document."""
    return connection.execute(
        "SELECT 1 FROM kantlijn.files WHERE sha256 = %s", (sha256,)
    ).fetchone() is not None


def pdf_bytes(connection: psycopg.Connection[Any], sha256: str) -> bytes | None:
    """The PDF of a document as stored on the server, or None."""
    row = connection.execute(
        "SELECT content FROM kantlijn.files WHERE sha256 = %s", (sha256,)
    ).fetchone()
    return bytes(row[0]) if row else None


def extraction(connection: psycopg.Connection[Any], sha256: str) -> Extraction | None:
    """The stored extraction of a document, or None when the server does not know it."""
    row = connection.execute(
        "SELECT extraction FROM kantlijn.documents WHERE sha256 = %s", (sha256,)
    ).fetchone()
    return decode(bytes(row[0])) if row else None


def rows(connection: psycopg.Connection[Any], where: str = "", args: tuple[Any, ...] = ()
         ) -> list[Row]:
    """Listing rows (:data:`COLUMNS`), oldest first; ``where`` is a fixed SQL condition."""
    clause = f" WHERE {where}" if where else ""
    return connection.execute(
        f"SELECT {COLUMNS} FROM kantlijn.documents{clause} ORDER BY added, sha256", args
    ).fetchall()


def holders(connection: psycopg.Connection[Any], annotation_id: str) -> list[str]:
    """Hashes of the documents holding ``annotation_id``: from the PDF, or a member's own."""
    found = connection.execute(
        "SELECT sha256 FROM kantlijn.documents WHERE annotation_ids @> ARRAY[%s] "
        "UNION SELECT doc FROM kantlijn.own_annotations WHERE id = %s",
        (annotation_id, annotation_id),
    ).fetchall()
    return sorted(row[0] for row in found)


def holds(connection: psycopg.Connection[Any], doc: str, annotation_id: str) -> bool:
    """True when document ``doc`` holds ``annotation_id`` (its own or a member's)."""
    return doc in holders(connection, annotation_id)
