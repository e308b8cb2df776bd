"""Reading a release from a folder or a combined PDF, and cross-checking it.

The one entry point is :func:`read_release`. Documents are read with the one way kantlijn
reads a document (:func:`tui.core.document.load`) or with a ``load`` function the caller
passes (the library's cache, say); a combined PDF is read once and cut into page ranges
(documents published with their comment summaries are read per range, :mod:`ranges`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from tui.core.errors import KantlijnError, UnreadableError
from tui.core.model import Extraction
from tui.core.release.combined import find_inventory, split_combined
from tui.core.release.crosscheck import cross_check
from tui.core.release.documents import page_ranges, release_document
from tui.core.release.folder import folder_parts, looks_like_release_folder
from tui.core.release.inventory import read_inventory
from tui.core.release.model import Inventory, Release, ReleaseDocument, docnr_key
from tui.core.release.ranges import read_ranges
from tui.core.text import clean_line

Loader = Callable[[Path], Extraction]
"""Reads one PDF into an extraction; raises :class:`KantlijnError` when it cannot."""


def _default_load(path: Path) -> Extraction:
    from tui.core.document import load

    return load(path)


def is_release_folder(path: Path) -> bool:
    """True for a folder that holds a release (an inventory, or PDFs named by number)."""
    return path.is_dir() and looks_like_release_folder(path)


def read_release(path: str | Path, load: Loader | None = None) -> Release:
    """The release at ``path``: a folder, or a combined PDF.

    Raises:
        UnreadableError: not a release (a folder without an inventory or documents, a PDF
            without an inventory table), or the inventory cannot be read.
    """
    target = Path(path).expanduser()
    loader = load or _default_load
    if target.is_dir():
        return read_folder(target, loader)
    extraction = loader(target)
    release = release_from_extraction(target, extraction)
    if release is None:
        raise UnreadableError(f"{path}: not a release (no inventory table with a document ID "
                              "column in it)")
    return release


def release_from_extraction(path: Path, extraction: Extraction,
                            password: str | None = None) -> Release | None:
    """The combined release in the PDF ``path`` already read into ``extraction``; None when
    the PDF holds no inventory table (it is a document, not a release)."""
    inventory = find_inventory(path, extraction, password)
    if inventory is None:
        return None
    split = split_combined(extraction, inventory)
    documents = _documents(path, extraction, split.documents, password)
    warnings = list(extraction.warnings)
    if not split.documents:
        warnings.append("no document number found at the top or bottom of any page")
    letter = f"{split.letter[0]}-{split.letter[-1]}" if split.letter else None
    title = clean_line(extraction.document.title or path.stem)
    release = Release(title=title, path=str(path), form="combined", letter=letter,
                      inventory=inventory, documents=documents, warnings=warnings)
    release.findings = cross_check(inventory, documents)
    return release


def _documents(path: Path, extraction: Extraction, ranges: list[tuple[str, int, int]],
               password: str | None = None) -> list[ReleaseDocument]:
    """The documents at their page ranges: cut from the whole file's extraction, or — for
    documents published with their comment summaries, which number their own pages — each
    read on its own (:mod:`ranges`)."""
    spans = [(first, last) for _, first, last in ranges]
    if extraction.document.source != "summary-pdf":
        return [release_document(docnr, str(path), cut, first) for (docnr, first, _), cut
                in zip(ranges, page_ranges(extraction, spans), strict=True)]
    documents = []
    with closing(read_ranges(path, spans, extraction.document, password)) as parts:
        for (docnr, first, _), part in zip(ranges, parts, strict=True):
            if isinstance(part, KantlijnError):
                documents.append(ReleaseDocument(docnr=docnr, path=str(path), first_page=first,
                                                 error=str(part)))
            else:
                documents.append(release_document(docnr, str(path), part, first, first - 1))
    return documents


def read_folder(folder: Path, load: Loader) -> Release:
    """The release in ``folder``: its inventory, letter and documents, cross-checked.

    Documents come from PDFs named by their number and, when a PDF named by none holds
    pages with document numbers printed on them (the documents pasted into one file, or
    a whole combined release), from its page ranges.
    """
    parts = folder_parts(folder)
    if not (parts.inventory or parts.documents or parts.others):
        raise UnreadableError(f"{folder}: not a release (no inventory .xlsx/.csv and no PDFs)")
    warnings: list[str] = []
    read = _Reader(load, warnings)
    inventory = _folder_inventory(parts.inventory, parts.others, read, warnings)
    if not inventory.rows and not parts.documents and not parts.inventory:
        raise UnreadableError(f"{folder}: not a release (no inventory and no PDFs named by "
                              "document number)")
    letter = next((p for p in parts.others if str(p) != inventory.source), None)
    documents = [_document(number, path, load) for number, path in parts.documents.items()]
    for number, path in parts.duplicates:
        warnings.append(f"{path.name}: a second file for document {number}, left out")
    documents += _pasted(parts.others, inventory, read, documents, warnings)
    title = read.title(letter) or folder.name
    release = Release(title=title, path=str(folder), form="folder",
                      letter=str(letter) if letter else None, inventory=inventory,
                      documents=documents, warnings=warnings)
    release.findings = cross_check(inventory, documents)
    return release


class _Reader:
    """Each PDF of a folder read at most once; what cannot be read becomes a warning."""

    def __init__(self, load: Loader, warnings: list[str]) -> None:
        self.load, self.warnings = load, warnings
        self.read: dict[Path, Extraction | None] = {}

    def __call__(self, path: Path) -> Extraction | None:
        if path not in self.read:
            try:
                self.read[path] = self.load(path)
            except KantlijnError as error:
                self.warnings.append(str(error))
                self.read[path] = None
        return self.read[path]

    def title(self, path: Path | None) -> str | None:
        extraction = self(path) if path is not None else None
        if extraction is None:
            return None
        return clean_line(extraction.document.title or "") or None


def _folder_inventory(sheets: list[Path], pdfs: list[Path], read: _Reader,
                      warnings: list[str]) -> Inventory:
    if sheets:
        for extra in sheets[1:]:
            warnings.append(f"{extra.name}: a second spreadsheet, left out")
        return read_inventory(sheets[0])
    for pdf in reversed(pdfs):  # the inventory PDF sorts last, the letter first
        extraction = read(pdf)
        found = find_inventory(pdf, extraction) if extraction is not None else None
        if found is not None:
            return found
    warnings.append("no inventory list found: every document is reported as not in it")
    return Inventory()


def _pasted(pdfs: list[Path], inventory: Inventory, read: _Reader,
            documents: list[ReleaseDocument], warnings: list[str]) -> list[ReleaseDocument]:
    """Documents found by their printed number in the PDFs named by no number."""
    have = {docnr_key(d.docnr) for d in documents}
    found: list[ReleaseDocument] = []
    for pdf in pdfs:
        extraction = read(pdf)
        if extraction is None:
            continue
        own = inventory if inventory.source == str(pdf) else Inventory(rows=inventory.rows)
        ranges = []
        for docnr, first, last in split_combined(extraction, own).documents:
            if docnr_key(docnr) in have:
                warnings.append(f"{pdf.name}: document {docnr} is also a file of its own, "
                                "left out")
                continue
            have.add(docnr_key(docnr))
            ranges.append((docnr, first, last))
        found += _documents(pdf, extraction, ranges)
    return found


def _document(number: str, path: Path, load: Loader) -> ReleaseDocument:
    try:
        extraction = load(path)
    except KantlijnError as error:
        return ReleaseDocument(docnr=number, path=str(path), error=_reason(str(error), path))
    except Exception as error:  # one broken document must not stop the release
        return ReleaseDocument(docnr=number, path=str(path),
                               error=f"{type(error).__name__}: {error}")
    return release_document(number, str(path), extraction)


def _reason(message: str, path: Path) -> str:
    """The error without the file's path in front (the finding names the document)."""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message

