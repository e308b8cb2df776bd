"""A release as one combined PDF: the letter, the inventory's pages, then the documents.

The inventory is the table whose header names a document number column (read from its pages'
word positions). Each document starts at a page printing its number at the top or bottom
(:mod:`stamps`); pages without a number belong to the document before them; the letter is
what comes before the first document, the inventory's own pages belong to no document.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.model import Extraction
from tui.core.release.inventory_pdf import inventory_from_pages, looks_like_header, pdf_pages
from tui.core.release.model import Inventory, docnr_key
from tui.core.release.stamps import page_stamp

if TYPE_CHECKING:
    from pypdf import PdfReader


@dataclass(slots=True)
class Split:
    """A combined PDF cut into its parts (page numbers as in the file)."""

    inventory: Inventory
    letter: list[int] = field(default_factory=list)
    documents: list[tuple[str, int, int]] = field(default_factory=list)
    """(document number, first page, last page), in the order they come."""


def find_inventory(path: Path, extraction: Extraction,
                   password: str | None = None) -> Inventory | None:
    """The inventory printed in the combined PDF, or None when it holds no such table."""
    for page in extraction.pages:  # usually after the letter; some releases put it last
        if not looks_like_header(page):
            continue
        numbers = range(page.number - 1, extraction.document.pages)
        with closing(pdf_pages(path, numbers, password)) as pages:  # stops where it ends
            inventory = inventory_from_pages(pages, str(path), first_page_only=True)
        if inventory is not None:
            return inventory
    return None


PEEK_PAGES = 12
"""A combined release prints its inventory within this many pages of its start (after the
letter); :func:`looks_combined` looks no further."""


def looks_combined(path: Path, password: str | None = None,
                   reader: PdfReader | None = None) -> bool:
    """True when one of the PDF's first pages may hold an inventory's header (read without
    reading the whole file; with ``reader`` when it is open already); False for anything
    that cannot be read that way."""
    from tui.core.errors import KantlijnError

    try:
        with closing(pdf_pages(path, range(PEEK_PAGES), password, reader)) as pages:
            return any(looks_like_header(page) for page in pages)
    except (KantlijnError, OSError, ValueError):
        return False


def split_combined(extraction: Extraction, inventory: Inventory) -> Split:
    """The letter's pages and each document's page range.

    A document runs up to the page before the next document (or the inventory, or the end
    of the file), so the comment summary pages printed after its last page go with it.
    """
    split = Split(inventory)
    known = {docnr_key(row.docnr) for row in inventory.rows}
    first_inv, last_inv = inventory.first_page or 0, inventory.last_page or 0
    pages = [p for p in extraction.pages if not first_inv <= p.number <= last_inv]
    stamps = [page_stamp(page, known) for page in pages]
    if any(s is not None and s.prefixed for s in stamps):
        # The release prints "ID 1234" or "Doc. 12": a bare number is a page number.
        stamps = [s if s is not None and s.prefixed else None for s in stamps]
    starts: list[tuple[str, int]] = []
    for page, stamp in zip(pages, stamps, strict=True):
        if stamp is not None and not stamp.prefixed and stamp.docnr == str(page.number):
            stamp = None  # the page's own number in the file
        if stamp is not None and (not starts or starts[-1][0] != stamp.docnr):
            starts.append((stamp.docnr, page.number))
        elif not starts:
            split.letter.append(page.number)
    ends = [first for _, first in starts[1:]] + [extraction.document.pages + 1] if starts else []
    for (docnr, first), end in zip(starts, ends, strict=True):
        if first < first_inv < end:
            end = first_inv
        split.documents.append((docnr, first, end - 1))
    return split
