"""The extraction cache, kept apart from the library: one file per document hash.

``library.json`` -> ``library.d/cache/<sha256>.jsonl`` holds
``Extraction.to_dict(include_pages=True)`` so a known document opens without parsing. The
file is JSON Lines, so one page can be read without parsing the rest (a 1,000-page document
caches to ~11 MB, half a second of JSON): a *head* line (cache and model versions, the
document, nota's, warnings, the page numbers and the byte length of every following line),
then one line per page holding the page's text and the comments on it (with their place in
the document's list), then one line for comments on no cached page. A cache file is written
once, atomically; it is *stale* when it was written by another kantlijn version, cache layout
or model schema, and then the document is read again (user data survives that: see
``tui.core.library.operations.rematch``).

``library.d/ids.json`` maps each document hash to its annotation ids, so an id typed on the
command line is resolved without opening every cache. It is rewritten only when documents are
added, never when the user tags something.
"""

from __future__ import annotations

import contextlib
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from tui import __version__
from tui.core.errors import os_problem
from tui.core.files import NotRegularFileError, open_regular
from tui.core.library.atomic_file import (
    BrokenFileError,
    atomic_write_bytes,
    atomic_write_json,
    move_aside,
    read_json_object,
)
from tui.core.library.cache_lines import decode
from tui.core.model import SCHEMA_VERSION, Extraction, PageText, annotation_to_dict

CACHE_SCHEMA = 4
"""Bump when the cache layout, or what extraction puts in it, changes; older caches are then
ignored and rebuilt. 3: page text with marks on their lines, drop caps, one-byte CMaps and
right-to-left runs in logical order; redactions with ``applied`` and the words under them.
4: pages without a text layer read by OCR (a scan cached before had empty pages)."""


def cache_dir_for(library: Path) -> Path:
    """The folder beside ``library`` that holds its caches (``library.json`` -> ``library.d``)."""
    return library.with_name(library.stem + ".d")


class ExtractionCache:
    """Cached extractions by document hash, with a small in-memory LRU of loaded ones."""

    def __init__(self, folder: Path, keep_in_memory: int = 3,
                 notices: list[str] | None = None,
                 read_again: Callable[[str], Extraction | None] | None = None,
                 repairs: bool = True) -> None:
        """The caches in ``folder``/cache. With ``read_again`` (see
        :mod:`tui.core.library.reread`), a document whose cache is missing, stale or damaged
        is read again from its file by :meth:`load` and cached anew."""
        self.folder = folder / "cache"
        self._memory: OrderedDict[str, Extraction] = OrderedDict()
        self._keep = keep_in_memory
        self._notices = notices if notices is not None else []
        """Receives a line for each damaged cache file moved aside."""
        self._read_again = read_again
        self._repairs = repairs
        """Damaged files are moved aside; False in a helper process, which hands such
        documents back to the process that repairs (see :meth:`looking_only`)."""

    def looking_only(self) -> ExtractionCache:
        """A cache of the same files that only reads them: a file that is missing or damaged
        is left as it is and not read again from its document."""
        return ExtractionCache(self.folder.parent, keep_in_memory=0, repairs=False)

    def path(self, sha256: str) -> Path:
        """The cache file of one document."""
        return self.folder / f"{sha256}.jsonl"

    def save(self, extraction: Extraction, memory_only: bool = False,
             encoded: bytes | None = None) -> None:
        """Write the cache file of ``extraction`` (atomically) and keep it in memory.

        An extraction that came out of this cache is not written again; ``memory_only``
        (a read-only library) writes nothing; ``encoded`` is the file's bytes when a worker
        made them already (:func:`encode`), so the caller's thread only writes them. A cache
        file that cannot be written (a full disk) is derived data: that is said in a notice,
        and the document will be read from its file again next time.
        """
        sha = extraction.document.sha256
        if self._memory.get(sha) is extraction:
            return
        if memory_only:
            self._remember(extraction)
            return
        try:
            atomic_write_bytes(self.path(sha), encoded or encode(extraction))
        except OSError as error:
            self._notices.append(
                f"the text of document {sha[:12]} could not be cached ({os_problem(error)}); "
                "it will be read from its file again next time")
            self._remember(extraction)
            return
        with contextlib.suppress(OSError):  # the single-JSON cache of kantlijn < CACHE_SCHEMA 2
            (self.folder / f"{sha}.json").unlink(missing_ok=True)
        self._remember(extraction)

    def has(self, sha256: str) -> bool:
        """True when a fresh cache of the document is there (reads only its head)."""
        if sha256 in self._memory:
            return True
        try:
            with open_regular(self.path(sha256)) as handle:
                return _read_head(handle) is not None
        except OSError:
            return False

    def load(self, sha256: str, with_pages: bool | str = True) -> Extraction | None:
        """The cached extraction, or None when missing, unreadable or stale (and, with
        ``read_again``, the document could not be read again from its file).

        Without ``with_pages`` the page text is left out (an export of comments needs none,
        and building a thousand pages' lines is most of the time a load takes); with
        ``"text"`` the lines hold their text only, no boxes (what the search index needs).
        """
        extraction = self._load_cached(sha256, with_pages)
        if extraction is None and self._read_again is not None:
            extraction = self._read_again(sha256)
            if extraction is not None:
                self.save(extraction)
        return extraction

    def _load_cached(self, sha256: str, with_pages: bool | str) -> Extraction | None:
        if sha256 in self._memory:
            self._memory.move_to_end(sha256)
            return self._memory[sha256]
        try:
            with open_regular(self.path(sha256)) as handle:
                first = handle.readline()
                head = _head_of(first)
                body = handle.read()
        except NotRegularFileError:
            if self._repairs:
                self._set_aside(sha256, "not a regular file")
            return None
        except OSError:
            return None
        extraction = decode(head, body, with_pages) if head is not None else None
        if extraction is None and self._repairs and (head is not None or not _stale(first)):
            self._set_aside(sha256, "cut short or damaged")
        if extraction is not None and with_pages is True:
            self._remember(extraction)
        return extraction

    def _set_aside(self, sha256: str, why: str) -> None:
        """Move a damaged cache file aside (never overwrite it) and say so."""
        try:
            aside = move_aside(self.path(sha256))
        except OSError:
            return
        self._notices.append(f"the cached text of document {sha256[:12]} was {why}; moved "
                             f"it aside to {aside.name} and read the document again")

    def load_page(self, sha256: str, number: int) -> Extraction | None:
        """The cached document with only page ``number`` and the comments on it, or None.

        Reads the head and that one page's line: enough to paint the page at once.
        """
        if sha256 in self._memory:
            return _one_page(self._memory[sha256], number)
        try:
            with open_regular(self.path(sha256)) as handle:
                head = _read_head(handle)
                return _page_from_file(head, handle, number) if head is not None else None
        except OSError:
            return None

    def _remember(self, extraction: Extraction) -> None:
        self._memory[extraction.document.sha256] = extraction
        self._memory.move_to_end(extraction.document.sha256)
        while len(self._memory) > self._keep:
            self._memory.popitem(last=False)


def _dumps(data: Any) -> bytes:
    # JSON escapes newlines inside strings, so one value is always one line.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def encode(extraction: Extraction, page_lines: list[bytes] | None = None) -> bytes:
    """The JSON Lines form: head, one line per page, a line for comments on no page.

    ``page_lines`` are the page lines made already (:func:`encode_pages` over every page,
    in parts, by worker processes); else they are made here.
    """
    data = extraction.to_dict(include_pages=False)
    if page_lines is None:
        page_lines = encode_pages(extraction, 0, len(extraction.pages))
    numbers = {page.number for page in extraction.pages}
    loose = [[index, annotation_to_dict(annotation)]
             for index, annotation in enumerate(extraction.annotations)
             if annotation.page not in numbers]
    data.pop("annotations")
    if extraction.summary_pages:
        data["summary_pages"] = [asdict(p) for p in extraction.summary_pages]
    lines = [*page_lines, _dumps({"annotations": loose})]
    head = {
        "cache_schema": CACHE_SCHEMA,
        "model_schema": SCHEMA_VERSION,
        "kantlijn": __version__,
        "extraction": data,
        "page_numbers": [page.number for page in extraction.pages],
        "annotation_count": len(extraction.annotations),
        "line_bytes": [len(line) for line in lines],
    }
    if extraction.ocr_skipped:
        head["ocr_skipped"] = list(extraction.ocr_skipped)
    return b"".join([_dumps(head), *lines])  # one copy of the lines, not two (a long document)


def page_dict(page: PageText) -> dict[str, Any]:
    """``dataclasses.asdict(page)``, written out: asdict deep-copies every value on the way
    and took most of the time of caching a long document (2.8 s per 1,000 pages)."""
    return {
        "number": page.number, "width": page.width, "height": page.height,
        "lines": [
            {"text": line.text,
             "glyphs": [{"char": g.char, "x0": g.x0, "y0": g.y0, "x1": g.x1, "y1": g.y1}
                        for g in line.glyphs],
             "column": line.column,
             "box": None if line.box is None else list(line.box),
             "confidence": line.confidence, "unsure": list(line.unsure)}
            for line in page.lines
        ],
        "ocr": page.ocr,
    }


def encode_pages(extraction: Extraction, start: int, stop: int) -> list[bytes]:
    """The cache lines of pages ``start``..``stop - 1`` (indices into ``extraction.pages``),
    each with the comments on it and their place in the document's list."""
    wanted = {page.number for page in extraction.pages[start:stop]}
    on_page: dict[int, list[list[Any]]] = {}
    line_of = {page.number: index for index, page in enumerate(extraction.pages)}
    for index, annotation in enumerate(extraction.annotations):
        if annotation.page in wanted:
            on_page.setdefault(annotation.page, []).append(
                [index, annotation_to_dict(annotation)])
    return [
        _dumps({"page": page_dict(page),
                "annotations": on_page.get(page.number, [])
                if line_of[page.number] == start + offset else []})
        for offset, page in enumerate(extraction.pages[start:stop])
    ]


def _read_head(handle: IO[bytes]) -> dict[str, Any] | None:
    """The head line of a cache file when it is fresh and well formed, else None."""
    return _head_of(handle.readline())


def _stale(first: bytes) -> bool:
    """True when ``first`` is a well-formed head of another kantlijn's cache (not damage)."""
    try:
        head = json.loads(first)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(head, dict) and not is_fresh(head)


def _head_of(first: bytes) -> dict[str, Any] | None:
    """The head of a cache file from its first line, when fresh and well formed."""
    try:
        head = json.loads(first)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(head, dict) or not is_fresh(head):
        return None
    numbers, sizes = head.get("page_numbers"), head.get("line_bytes")
    if not isinstance(numbers, list) or not isinstance(sizes, list):
        return None
    if len(sizes) != len(numbers) + 1 or not isinstance(head.get("extraction"), dict):
        return None
    return head


def _page_from_file(head: dict[str, Any], handle: IO[bytes], number: int) -> Extraction | None:
    """Page ``number`` alone, read by seeking past the lines before it."""
    try:
        position = head["page_numbers"].index(number)
        handle.seek(sum(head["line_bytes"][:position]), 1)
        line = json.loads(handle.read(head["line_bytes"][position]))
        data = {**head["extraction"], "pages": [line["page"]],
                "annotations": [value for _, value in line["annotations"]]}
        return Extraction.from_dict(data)
    except (KeyError, TypeError, ValueError, IndexError, UnicodeDecodeError, RecursionError):
        return None


def _one_page(extraction: Extraction, number: int) -> Extraction | None:
    pages = [page for page in extraction.pages if page.number == number]
    if not pages:
        return None
    on_page = [a for a in extraction.annotations if a.page == number]
    return Extraction(document=extraction.document, pages=pages, notas=extraction.notas,
                      annotations=on_page, warnings=extraction.warnings)


def is_fresh(data: dict[str, Any]) -> bool:
    """True when a cache file was written by this kantlijn with the current layouts, and
    holds no pages left unread that OCR could read now (the document was read with
    ``--ocr never`` or before Tesseract was installed)."""
    return (
        data.get("cache_schema") == CACHE_SCHEMA
        and data.get("model_schema") == SCHEMA_VERSION
        and data.get("kantlijn") == __version__
        and not (data.get("ocr_skipped") and _ocr_can_run())
    )


def _ocr_can_run() -> bool:
    """True when OCR can run here (asked only of a cache with pages it did not read)."""
    from tui.core.ocr.pages import available  # the engine check: only for such a cache

    return available() is None


class IdIndex:
    """``ids.json``: annotation ids per document hash, for resolving a bare id."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "ids.json"

    def read(self) -> dict[str, list[str]]:
        """The whole index (empty when missing, broken or unreadable: the ids are then looked
        up in the caches)."""
        try:
            data = read_json_object(self.path)
        except (BrokenFileError, OSError):
            return {}
        return {k: list(v) for k, v in (data or {}).items() if isinstance(v, list)}

    def merge(self, additions: dict[str, list[str]]) -> None:
        """Add or replace the ids of some documents. Call with the library lock held."""
        if not additions:
            return
        index = self.read()
        index.update(additions)
        atomic_write_json(self.path, index)
