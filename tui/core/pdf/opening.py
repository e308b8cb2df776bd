"""Opening a PDF safely: clear one-line errors for missing, broken and encrypted files.

Everything pypdf may raise on a damaged file (PdfReadError, ValueError, RecursionError on
cyclic structures, ...) becomes :class:`UnreadableError`; a password problem becomes
:class:`EncryptedError`. The page tree is read by a walk of its own, with a stack (no
recursion), that survives cycles (a node on the path walked is not entered again) and
malformed ``/Kids``, and stops at the document's page budget: a tree listing one page
100,000 times costs 10,000 steps, not a list of 100,000 page objects.

Flattening the whole page tree costs about 0.23 s per 1,000 pages, so a single page asked
for before the whole list is needed (page 1, for a quick first paint) is found by walking
``/Kids`` straight down to it, steered by each node's ``/Count``; anything unexpected on
that path falls back to the full (tolerant) flattening.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from tui.core.errors import EncryptedError, UnreadableError, readable_file
from tui.core.pdf.budget import MAX_DOCUMENT_PAGES
from tui.core.pdf.object_sizes import guard_object_sizes
from tui.core.pdf.reader import BoundedReader
from tui.core.text import clean_line

#: Stop walking a page tree after this many nodes (a fuzzed tree can be huge or cyclic).
MAX_PAGE_TREE_NODES = 200_000
#: Page tree nodes deeper than this are not entered (real trees are a few levels deep).
MAX_PAGE_TREE_DEPTH = 64
#: The direct walk to one page gives up below this depth (then the tree is flattened).
MAX_DIRECT_DEPTH = 64
#: Attributes a page inherits from its ancestors in the page tree (PDF 32000-1, 7.7.3.4).
INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
#: The most bytes one stream may decompress to (pypdf's own default is 75 MB): a page's
#: content, a font or a CMap is far smaller; a decompression bomb stops here.
MAX_STREAM_BYTES = 16_000_000
_STREAM_LIMITS = ("zlib_maximum_output_length", "lzw_maximum_output_length",
                  "run_length_maximum_output_length", "brotli_maximum_output_length",
                  "array_based_stream_maximum_output_length", "maximum_declared_stream_length")


def limit_decompression() -> None:
    """Lower pypdf's decompression limits to :data:`MAX_STREAM_BYTES` for this thread.

    pypdf 7 keeps its limits per execution context (a thread has its own), so this runs
    wherever pages are read; it costs an attribute read once the limits are set.
    """
    try:
        from pypdf import get_configuration, overwrite_configuration
    except ImportError:  # pypdf < 7: its limits are module constants, 75 MB
        return
    current = get_configuration()
    if getattr(current, _STREAM_LIMITS[0], 0) > MAX_STREAM_BYTES:
        names = [name for name in _STREAM_LIMITS if hasattr(current, name)]
        overwrite_configuration(None, **dict.fromkeys(names, MAX_STREAM_BYTES))


PYPDF_REPAIR_BYTES = 1_000_000
"""Up to this size, a file whose bounded repair finds no page tree is given to pypdf's own
repair too (it parses every object of the file: bounded by the file's size)."""


def open_pdf(path: str | Path, password: str | None = None) -> PdfReader:
    """Open ``path`` with pypdf (``strict=False``, its repairs of a broken file bounded:
    :class:`BoundedReader`), decrypting it when needed.

    Files whose user password is empty open without asking.

    Raises:
        UnreadableError: the file is missing, not a PDF, or too broken to read.
        EncryptedError: the file needs a password and none (or a wrong one) was given.
    """
    limit_decompression()
    file = readable_file(Path(path))
    if not _has_pdf_header(file):  # zeros or junk: refused before pypdf reads it all
        raise UnreadableError(f"{file}: not a PDF")
    try:
        reader: PdfReader = BoundedReader(file, strict=False)
        guard_object_sizes(reader)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on damaged input
        raise UnreadableError(_unreadable_message(file, exc)) from exc
    if encrypted:
        _decrypt(reader, file, password)
    try:
        _check_catalog(reader, file)
    except UnreadableError:
        # The bounded repair found no page tree. A small file may still give one to pypdf's
        # own repair, which parses every object: cheap at this size, never for a big file.
        if encrypted or file.stat().st_size > PYPDF_REPAIR_BYTES:
            raise
        reader = _pypdf_repaired(file)
        _check_catalog(reader, file)
    return reader


def _pypdf_repaired(file: Path) -> PdfReader:
    try:
        reader = PdfReader(file, strict=False)
        guard_object_sizes(reader)
    except Exception as exc:  # pypdf raises many types on damaged input
        raise UnreadableError(_unreadable_message(file, exc)) from exc
    return reader


def page_count(reader: PdfReader, warnings: list[str] | None = None) -> int:
    """The number of pages, read from the page tree as well as it can be read (flattens it)."""
    return len(pdf_pages(reader, warnings))


def declared_page_count(reader: PdfReader) -> int | None:
    """The page count the file declares (``/Root/Pages/Count``): cheap, but not verified.

    None when it is missing or implausible; :func:`page_count` gives the real count.
    """
    try:
        root = _resolve(reader.trailer["/Root"])
        top = _resolve(root.get("/Pages")) if isinstance(root, DictionaryObject) else None
        count = _resolve(top.get("/Count")) if isinstance(top, DictionaryObject) else None
    except Exception:
        return None
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 10_000_000:
        return None
    return int(count)


def pdf_pages(reader: PdfReader, warnings: list[str] | None = None) -> PageList:
    """The page dictionaries in order, read by :func:`walk_page_tree`.

    Never raises: a tree that cannot be read at all gives an empty sequence. The tree is
    flattened only when the whole list is needed (``len``, iteration, slices); one page
    asked for before that is reached directly. When the walk met a broken tree, a note
    saying so goes to ``warnings`` (once per list), as soon as the tree is flattened.
    """
    limit_decompression()
    pages = _PAGE_LISTS.get(reader)
    if pages is None:
        pages = _PAGE_LISTS[reader] = PageList(reader)
    pages.tell(warnings)
    return pages


class PageList(Sequence[DictionaryObject]):
    """A reader's pages: single pages reached directly, the full list flattened on demand."""

    def __init__(self, reader: PdfReader) -> None:
        """Pages of ``reader`` (held weakly: the list lives in a cache keyed by the reader)."""
        self._reader = weakref.ref(reader)
        self._all: Sequence[DictionaryObject] | None = None
        self._note: str | None = None
        self._direct: dict[int, DictionaryObject] = {}
        self._listeners: list[list[str]] = []

    def tell(self, warnings: list[str] | None) -> None:
        """Have the note on a broken tree (if the walk meets one) go to ``warnings``."""
        if warnings is None:
            return
        if self._all is None:
            self._listeners.append(warnings)
        elif self._note is not None and self._note not in warnings:
            warnings.append(self._note)

    def flatten(self) -> Sequence[DictionaryObject]:
        """Every page, in order (flattening the tree once)."""
        if self._all is None:
            reader = self._reader()
            if reader is None:
                return []
            self._all, problem = walk_page_tree(reader)
            if problem is not None:
                self._note = f"broken page tree ({problem}); found {len(self._all)} page(s)"
            for warnings in self._listeners:
                self.tell(warnings)
            self._listeners.clear()
            self._direct.clear()
        return self._all

    def __len__(self) -> int:
        return len(self.flatten())

    def __iter__(self) -> Iterator[DictionaryObject]:
        return iter(self.flatten())

    @overload
    def __getitem__(self, index: int) -> DictionaryObject: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[DictionaryObject]: ...

    def __getitem__(self, index: int | slice) -> DictionaryObject | Sequence[DictionaryObject]:
        if isinstance(index, int) and index >= 0 and self._all is None:
            page = self._direct.get(index)
            reader = self._reader()
            if page is None and reader is not None:
                page = _walk_to_page(reader, index)
            if page is not None:
                self._direct[index] = page
                return page
        return self.flatten()[index]


_PAGE_LISTS: weakref.WeakKeyDictionary[PdfReader, PageList] = weakref.WeakKeyDictionary()


def _walk_to_page(reader: PdfReader, index: int) -> DictionaryObject | None:
    """Page ``index`` (0-based) reached through ``/Kids`` by ``/Count``, with what it inherits.

    None when anything on the way is not as the PDF standard says (the caller then
    flattens the whole tree, tolerantly).
    """
    try:
        root = reader.trailer["/Root"].get_object()
        if not isinstance(root, DictionaryObject):
            return None
        item = root["/Pages"]
        inherit: dict[str, PdfObject] = {}
        for _ in range(MAX_DIRECT_DEPTH):
            node = item.get_object()
            if not isinstance(node, DictionaryObject):
                return None
            if node.get("/Type") != "/Pages":
                return _page_object(reader, item, node, inherit) if index == 0 else None
            inherit.update((key, node[key]) for key in INHERITABLE if key in node)
            found = _kid_holding(node, index)
            if found is None:
                return None
            item, index = found
    except Exception:  # a damaged tree: the tolerant full walk deals with it
        return None
    return None


def _kid_holding(node: DictionaryObject, index: int) -> tuple[PdfObject, int] | None:
    """The kid of a ``/Pages`` node holding page ``index`` and the index within it."""
    kids = node["/Kids"].get_object()
    if not isinstance(kids, ArrayObject):
        return None
    for kid in kids:
        target = kid.get_object()
        if not isinstance(target, DictionaryObject):
            return None
        declared = target.get("/Count") if target.get("/Type") == "/Pages" else None
        declared = declared.get_object() if declared is not None else None
        if target.get("/Type") == "/Page":
            count = 1
        elif isinstance(declared, int) and not isinstance(declared, bool) and declared >= 0:
            count = int(declared)
        else:
            return None
        if index < count:
            return kid, index
        index -= count
    return None


def _page_object(
    reader: PdfReader, item: PdfObject, node: DictionaryObject, inherit: dict[str, PdfObject]
) -> DictionaryObject | None:
    """A page as pypdf's flattening makes it: its own entries plus the inherited ones."""
    if node.get("/Type") != "/Page" or not isinstance(item, IndirectObject):
        return None
    return _leaf(reader, item, node, inherit)


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
    """True when ``%PDF`` stands in the first kilobyte, where readers look for it."""
    try:
        with file.open("rb") as handle:
            return b"%PDF" in handle.read(1024)
    except OSError:
        return False


def walk_page_tree(reader: PdfReader) -> tuple[list[DictionaryObject], str | None]:
    """The pages in order, each with what it inherits, and what was wrong with the tree
    (None when nothing was). Never raises; at most :data:`MAX_DOCUMENT_PAGES` pages."""
    try:
        root = _resolve(reader.trailer["/Root"])
        top = root.raw_get("/Pages") if isinstance(root, DictionaryObject) else None
    except Exception:
        return [], "no page tree"
    pages: list[DictionaryObject] = []
    problems: list[str] = []
    # One frame per node on the path walked: its kids, the next kid, what it hands down.
    frames: list[tuple[list[PdfObject], list[int], dict[str, PdfObject], object]] = []
    on_path: set[object] = set()
    item: PdfObject | None = top
    inherit: dict[str, PdfObject] = {}
    nodes = 0
    while len(pages) < MAX_DOCUMENT_PAGES and nodes < MAX_PAGE_TREE_NODES:
        if item is not None:
            nodes += 1
            _enter(reader, item, inherit, pages, problems, frames, on_path)
        if not frames:
            break
        kids, index, inherit, key = frames[-1]
        if index[0] >= len(kids):
            frames.pop()
            on_path.discard(key)
            item = None
            continue
        item = kids[index[0]]
        index[0] += 1
    if len(pages) >= MAX_DOCUMENT_PAGES and frames:
        problems.append(f"over {MAX_DOCUMENT_PAGES:,} pages; the rest skipped")
    return pages, "; ".join(dict.fromkeys(problems)) or None


def _enter(reader: PdfReader, item: PdfObject, inherit: dict[str, PdfObject],
           pages: list[DictionaryObject], problems: list[str],
           frames: list[tuple[list[PdfObject], list[int], dict[str, PdfObject], object]],
           on_path: set[object]) -> None:
    """Take one node of the page tree: a page is added, a ``/Pages`` node pushed."""
    node = _resolve(item)
    if not isinstance(node, DictionaryObject):
        problems.append("a kid that is not a page")
        return
    key: object = (item.idnum, item.generation) if isinstance(item, IndirectObject) else id(node)
    kids = _resolve(node.get("/Kids"))
    if kids is None and node.get("/Type") != "/Pages":
        pages.append(_leaf(reader, item, node, inherit))
        return
    if key in on_path:
        problems.append("a node that contains itself")
        return
    if len(frames) >= MAX_PAGE_TREE_DEPTH:
        problems.append(f"nested over {MAX_PAGE_TREE_DEPTH} deep")
        return
    handed = dict(inherit)
    handed.update((k, node.raw_get(k)) for k in INHERITABLE if k in node)
    kid_list = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids else []
    frames.append((kid_list, [0], handed, key))
    on_path.add(key)


def _leaf(reader: PdfReader, item: PdfObject, node: DictionaryObject,
          inherit: dict[str, PdfObject]) -> DictionaryObject:
    """A page as pypdf's flattening makes it: its own entries plus the inherited ones."""
    page = PageObject(reader, item if isinstance(item, IndirectObject) else None)
    page.update(node)
    for key, value in inherit.items():
        if key not in page:
            page[NameObject(key)] = value
    return page


def _resolve(obj: PdfObject | None) -> PdfObject | None:
    """Follow an indirect reference; None when it cannot be read."""
    try:
        return obj.get_object() if isinstance(obj, IndirectObject) else obj
    except Exception:
        return None
