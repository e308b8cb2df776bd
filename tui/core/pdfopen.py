"""Opening a PDF safely: clear one-line errors for missing, broken and encrypted files.

Everything pypdf may raise on a damaged file (PdfReadError, ValueError, RecursionError on
cyclic structures, ...) becomes :class:`UnreadableError`; a password problem becomes
:class:`EncryptedError`. The page tree is read with a fallback walk that survives cycles and
malformed ``/Kids``, so a file whose page tree pypdf rejects still gives its pages.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from tui.core.errors import EncryptedError, UnreadableError
from tui.core.text import clean_line

#: Stop walking a page tree after this many nodes (a fuzzed tree can be huge or cyclic).
MAX_PAGE_TREE_NODES = 200_000

_FALLBACK_PAGES: weakref.WeakKeyDictionary[PdfReader, tuple[list[DictionaryObject], str]] = (
    weakref.WeakKeyDictionary()
)


def open_pdf(path: str | Path, password: str | None = None) -> PdfReader:
    """Open ``path`` with pypdf (``strict=False``), decrypting it when needed.

    Files whose user password is empty open without asking.

    Raises:
        UnreadableError: the file is missing, not a PDF, or too broken to read.
        EncryptedError: the file needs a password and none (or a wrong one) was given.
    """
    file = Path(path)
    if not file.exists():
        raise UnreadableError(f"{file}: no such file")
    if not file.is_file():
        raise UnreadableError(f"{file}: not a file")
    try:
        reader = PdfReader(file, strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on damaged input
        raise UnreadableError(_unreadable_message(file, exc)) from exc
    if encrypted:
        _decrypt(reader, file, password)
    _check_catalog(reader, file)
    return reader


def page_count(reader: PdfReader, warnings: list[str] | None = None) -> int:
    """The number of pages, read from the page tree as well as it can be read."""
    return len(pdf_pages(reader, warnings))


def pdf_pages(reader: PdfReader, warnings: list[str] | None = None) -> Sequence[DictionaryObject]:
    """The page dictionaries in order; a tolerant walk when pypdf rejects the tree.

    Never raises: a tree that cannot be read at all gives an empty sequence. When the
    fallback walk is used, a note saying so goes to ``warnings`` (once per list).
    """
    cached = _FALLBACK_PAGES.get(reader)
    if cached is None:
        try:
            len(reader.pages)  # flattens the tree; raises on cycles and bad /Kids
            return reader.pages
        except Exception as exc:
            pages = _walk_page_tree(reader)
            note = f"broken page tree ({clean_line(str(exc))[:80]}); found {len(pages)} page(s)"
            cached = _FALLBACK_PAGES[reader] = (pages, note)
    pages, note = cached
    if warnings is not None and note not in warnings:
        warnings.append(note)
    return pages


def _decrypt(reader: PdfReader, file: Path, password: str | None) -> None:
    attempts = ["" if password is None else password, ""]
    try:
        for attempt in attempts:
            if reader.decrypt(attempt) != PasswordType.NOT_DECRYPTED:
                return
    except DependencyError as exc:
        raise UnreadableError(
            f"{file}: its encryption (AES) needs the 'cryptography' package"
        ) from exc
    except Exception as exc:
        raise UnreadableError(_unreadable_message(file, exc)) from exc
    if password is None:
        raise EncryptedError(f"{file} is encrypted; use --password")
    raise EncryptedError(f"{file}: wrong password")


def _check_catalog(reader: PdfReader, file: Path) -> None:
    try:
        root = reader.trailer["/Root"].get_object()
        pages = root.get("/Pages") if isinstance(root, DictionaryObject) else None
        pages = pages.get_object() if pages is not None else None
    except Exception as exc:
        raise UnreadableError(_unreadable_message(file, exc)) from exc
    if not isinstance(pages, DictionaryObject):
        raise UnreadableError(f"{file}: not a readable PDF (no page tree)")


def _unreadable_message(file: Path, exc: BaseException) -> str:
    # pypdf's parse errors end in a dump of raw bytes after " @": not useful to a reader.
    detail = clean_line(str(exc)).split(" @")[0].strip()[:100] or type(exc).__name__
    if isinstance(exc, RecursionError):
        detail = "nested too deeply"
    if not _has_pdf_header(file):
        return f"{file}: not a PDF"
    return f"{file}: not a readable PDF ({detail})"


def _has_pdf_header(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            return b"%PDF" in handle.read(1024)
    except OSError:
        return False


def _walk_page_tree(reader: PdfReader) -> list[DictionaryObject]:
    """Depth-first walk of ``/Pages`` that skips cycles and accepts a lone kid."""
    try:
        root = _resolve(reader.trailer["/Root"])
        top = _resolve(root.get("/Pages")) if isinstance(root, DictionaryObject) else None
    except Exception:
        return []
    pages: list[DictionaryObject] = []
    seen: set[object] = set()
    stack: list[PdfObject | None] = [top]
    while stack and len(seen) < MAX_PAGE_TREE_NODES:
        item = stack.pop()
        node = _resolve(item)
        key = (item.idnum, item.generation) if isinstance(item, IndirectObject) else id(node)
        if not isinstance(node, DictionaryObject) or key in seen or id(node) in seen:
            continue
        seen.update((key, id(node)))
        kids = _resolve(node.get("/Kids"))
        if kids is None and node.get("/Type") != "/Pages":
            pages.append(node)
            continue
        kid_list = list(kids) if isinstance(kids, ArrayObject) else [kids]
        stack.extend(reversed(kid_list))
    return pages


def _resolve(obj: PdfObject | None) -> PdfObject | None:
    """Follow an indirect reference; None when it cannot be read."""
    try:
        return obj.get_object() if isinstance(obj, IndirectObject) else obj
    except Exception:
        return None
