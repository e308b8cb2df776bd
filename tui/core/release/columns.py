"""Finding an inventory's columns by their headers, on whichever row near the top holds them.

Published inventories name their columns in many ways and orders: *Document ID*, *ID*,
*Documentnummer*, *documentnr*; *Documentnaam* or *Document*; *Datum*; *Beoordeling*;
*Beoordelingsgrond* or *grond*; *Toelichting*; *Opgeschort*; *Publieke link*; *Gerelateerd
ID*. :func:`header_row` finds the row that names them and which column holds which field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.text import clean_line

#: How many rows from the top a header may stand (a title and notes may come first).
HEADER_ROWS = 15

# Header -> field, checked in order (the first pattern that matches the whole header wins).
_HEADERS: tuple[tuple[str, str], ...] = (
    (r"gerelateerd(?:e)?\s*(?:document\s*)?(?:id|nr\.?|nummer)s?|related\s*ids?", "related"),
    (r"(?:document\s*)?id|documentnummer|document\s*nummer|documentnr\.?|doc\.?\s*nr\.?"
     r"|docnr\.?|nr\.?|nummer|kenmerk\s*document|document\s*id", "docnr"),
    (r"document\s*naam|documentnaam|naam(?:\s+document)?|document|omschrijving|titel"
     r"|onderwerp|beschrijving", "name"),
    (r"datum(?:\s+document)?|document\s*datum|date", "date"),
    (r"beoordelings?\s*grond(?:en)?|weigerings?\s*grond(?:en)?|grond(?:en)?|uitzonderings?"
     r"\s*grond(?:en)?|wettelijke\s+grond(?:slag)?|grondslag", "grounds"),
    (r"beoordeling|besluit|oordeel|openbaarmaking|status", "judgement"),
    (r"toelichting|opmerking(?:en)?|motivering", "explanation"),
    (r"opgeschort|opschorting", "suspended"),
    (r"publieke?\s*link|link|url|vindplaats", "link"),
)
_HEADER_PATTERNS = tuple((re.compile(pattern), name) for pattern, name in _HEADERS)


def field_of(header: str) -> str | None:
    """The field a header names (``"Document ID"`` -> ``"docnr"``), or None."""
    text = " ".join(clean_line(header).lower().replace("_", " ").split()).strip(" :.*")
    if not text:
        return None
    for pattern, name in _HEADER_PATTERNS:
        if pattern.fullmatch(text):
            return name
    return None


def columns_of(cells: Sequence[str]) -> dict[str, int]:
    """Field -> column index of a header row (the first column naming a field wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = field_of(cell)
        if name and name not in found:
            found[name] = index
    return found


def is_header(cells: Sequence[str]) -> bool:
    """True when the row names a document number and at least one other field."""
    found = columns_of(cells)
    return "docnr" in found and len(found) >= 2


def header_row(rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int]] | None:
    """The index of the header row among the first rows, and its columns; None if none."""
    for index, cells in enumerate(rows[:HEADER_ROWS]):
        if is_header(cells):
            return index, columns_of(cells)
    return None


def headers_seen(rows: Sequence[Sequence[str]]) -> list[str]:
    """The non-empty cells of the row near the top that looks most like a header."""
    best: list[str] = []
    for cells in rows[:HEADER_ROWS]:
        texts = [" ".join(clean_line(str(c)).split()) for c in cells if str(c).strip()]
        known = sum(1 for t in texts if field_of(t))
        if known > sum(1 for t in best if field_of(t)) or (not best and texts):
            best = texts
    return best
