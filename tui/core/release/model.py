"""The release as plain data: inventory rows, documents, placeholder pages and findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tui.core.model import Extraction

_WOO_PREFIX = re.compile(r"^(?:[a-z]{2,8}[-_])?wo[ob][-_](?=\d)", re.IGNORECASE)

#: The finding kinds, in the order a report lists them.
FINDING_KINDS: tuple[str, ...] = (
    "missing-document",
    "not-in-inventory",
    "redacted-but-public",
    "partly-public-without-redaction",
    "ground-not-in-inventory",
    "inventory-ground-not-found",
    "pages-removed",
    "duplicate-id",
    "unreadable-document",
)

#: The judgements, normalised (:mod:`tui.core.release.judgements`).
JUDGEMENTS: tuple[str, ...] = ("openbaar", "deels openbaar", "niet openbaar", "reeds openbaar")


@dataclass(slots=True)
class InventoryRow:
    """One row of the inventory list: a document as the decision lists it."""

    docnr: str
    name: str = ""
    date: str | None = None
    judgement: str | None = None
    """One of :data:`JUDGEMENTS`, or the cell as written when it is none of them."""
    grounds: list[str] = field(default_factory=list)
    """Ground codes (``"5.1.2e"``) in the order written."""
    reasons: list[str] = field(default_factory=list)
    """What the grounds cell says that is no ground (``"dubbel"``)."""
    explanation: str = ""
    suspended: str = ""
    link: str = ""
    related: str = ""
    row: int = 0
    """Where the row stands in its file (1-based row, or page for a PDF)."""


@dataclass(slots=True)
class Finding:
    """A gap between the inventory and the documents: what, which document, which page
    (1-based within the document; None for the document as a whole) and a sentence."""

    kind: str
    docnr: str | None
    page: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"kind": self.kind, "docnr": self.docnr, "page": self.page, "text": self.text}


@dataclass(slots=True)
class Inventory:
    """The inventory list: its rows, the file it came from, what was odd about it."""

    rows: list[InventoryRow] = field(default_factory=list)
    source: str = ""
    headers: list[str] = field(default_factory=list)
    """The headers as found (for a message when a column is missing)."""
    findings: list[Finding] = field(default_factory=list)
    first_page: int | None = None
    last_page: int | None = None
    """For an inventory printed in a combined PDF: its pages in the file."""

    def by_docnr(self) -> dict[str, InventoryRow]:
        """Rows by their document number (the first row of a duplicate number)."""
        found: dict[str, InventoryRow] = {}
        for row in self.rows:
            found.setdefault(docnr_key(row.docnr), row)
        return found


@dataclass(slots=True)
class Placeholder:
    """A page standing in for removed pages: "De volgende 6 pagina's zijn verwijderd …"."""

    page: int
    """1-based within the document."""
    count: int | None
    reason: str


@dataclass(slots=True)
class ReleaseDocument:
    """One document of the release as found: its number, file, pages and what it shows."""

    docnr: str
    path: str
    first_page: int = 1
    """Where it starts in its file (1 for a document of its own)."""
    pages: int = 0
    extraction: Extraction | None = None
    """Its pages and comments; None when it could not be read. A page number in it plus
    :attr:`page_offset` is the page in the file at :attr:`path`."""
    page_offset: int = 0
    """0 when the extraction is numbered as the file; ``first_page - 1`` when the document
    was read on its own from its page range."""
    grounds_found: list[str] = field(default_factory=list)
    ground_pages: dict[str, int] = field(default_factory=dict)
    """Ground -> the first page (within the document) where it is found."""
    redaction_pages: list[int] = field(default_factory=list)
    redactions: int = 0
    redactions_by_ground: dict[str, int] = field(default_factory=dict)
    """Ground -> how many redactions state it (redactions without a ground not counted)."""
    comments: int = 0
    placeholders: list[Placeholder] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class Release:
    """A Woo release: letter, inventory, documents and the findings between them."""

    title: str
    path: str
    form: str
    """``"folder"`` or ``"combined"``."""
    letter: str | None = None
    """The decision letter's file (folder) or its pages (``"1-3"``, combined)."""
    inventory: Inventory = field(default_factory=Inventory)
    documents: list[ReleaseDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def document(self, docnr: str) -> ReleaseDocument | None:
        """The document with this number, if the release holds it."""
        key = docnr_key(docnr)
        return next((d for d in self.documents if docnr_key(d.docnr) == key), None)


def docnr_key(docnr: str) -> str:
    """A document number compared as a number: ``"0012"``, ``"12"``, ``"12.0"`` and
    ``"VWS-WOO-12"`` (a ministry's Woo prefix) agree."""
    text = _WOO_PREFIX.sub("", docnr.strip())
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return str(int(text)) if text.isdigit() else text.casefold()
