"""What a page of a combined release says about itself: its document number and whether it
stands in for removed pages.

A combined PDF prints each document's number on its pages, in a line or box at the top or
bottom: ``1234``, ``Doc. 12``, ``D.114``, ``Document 12``, ``ID 1234``. Pages taken out are
replaced by one page saying so: "De volgende 6 pagina's zijn verwijderd i.v.m. dubbel".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from tui.core.model import Line, PageText
from tui.core.text import clean_line

#: The band at the top and the bottom of a page where a document number is printed.
BAND = 0.12
#: Without positions, this many lines at either end of the page.
EDGE_LINES = 2

_PREFIXED = re.compile(
    r"(?:^|\s)(?:document(?:nummer|nr\.?)?|doc\.?\s*(?:nr\.?)?|docnr\.?|d\.|id)\s*[:.]?\s*"
    r"(\d{1,7})(?=\s|$)",
    re.IGNORECASE,
)
_BARE = re.compile(r"^\s*(\d{1,7})\s*$")
_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
          "zeven": 7, "acht": 8, "negen": 9, "tien": 10}
_REMOVED = re.compile(
    r"\bde\s+volgende\s+(?:(\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+)?"
    r"pagina(?:'s|’s|s)?\s+(?:zijn|is|worden|wordt)\s+(?:verwijderd|weggelaten|niet\s+"
    r"openbaar\s+gemaakt|onttrokken)\s*[,:]?\s*(.*)",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class Stamp:
    """A document number printed on a page; ``prefixed`` when a word says what it is."""

    docnr: str
    prefixed: bool


def edge_lines(page: PageText) -> list[Line]:
    """The page's lines in the top and bottom bands (or its first and last lines)."""
    lines = [line for line in page.lines if line.text.strip()]
    placed = [line for line in lines if line.rect is not None]
    if not placed:
        return lines[:EDGE_LINES] + lines[-EDGE_LINES:]
    top, bottom = page.height * (1 - BAND), page.height * BAND
    return [line for line in placed
            if line.rect is not None and (line.rect[1] >= top or line.rect[3] <= bottom)]


def page_stamp(page: PageText, known: Collection[str] = ()) -> Stamp | None:
    """The document number printed at the top or bottom of ``page``, if any.

    A number with a word before it (``Doc. 12``, ``ID 1234``) counts always. A bare number
    counts when it is one of the ``known`` numbers (the inventory's, as
    :func:`~tui.core.release.model.docnr_key`), or when nothing is known and it has three
    digits or more — a page number at the foot of a page is not a document number.
    """
    bare: Stamp | None = None
    for line in edge_lines(page):
        text = clean_line(line.text)
        match = _PREFIXED.search(text)
        if match:
            return Stamp(str(int(match.group(1))), True)
        match = _BARE.match(text)
        if match and bare is None:
            number = str(int(match.group(1)))
            if number in known if known else len(match.group(1)) >= 3:
                bare = Stamp(number, False)
    return bare


def removed_pages(page: PageText) -> tuple[int | None, str] | None:
    """``(count, reason)`` when the page stands in for removed pages, else None."""
    if not any("volgende" in line.text.lower() for line in page.lines):
        return None  # what every such page says; most pages are not one
    text = " ".join(clean_line(line.text) for line in page.lines)
    match = _REMOVED.search(" ".join(text.split()))
    if not match:
        return None
    written = (match.group(1) or "").lower()
    count = int(written) if written.isdigit() else _WORDS.get(written)
    if count is None and not written:
        count = 1  # "De volgende pagina is verwijderd"
    reason = match.group(2).strip(" .;:")
    return count, reason
