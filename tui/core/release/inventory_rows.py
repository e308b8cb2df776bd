"""Inventory rows as read from any source (a spreadsheet's cells, a PDF table's columns):
columns found by their headers (:mod:`columns`), judgements normalised (:mod:`judgements`),
grounds read as codes (:mod:`tui.core.anchoring.ground_lists`); a document number listed
twice is a finding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.core.anchoring.ground_lists import ground_list
from tui.core.anchoring.notas import iso_nota_date
from tui.core.errors import UnreadableError
from tui.core.release.columns import field_of, header_row, headers_seen
from tui.core.release.judgements import normalise_judgement
from tui.core.release.model import Finding, Inventory, InventoryRow, docnr_key
from tui.core.text import clean_line

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def inventory_from_rows(rows: Sequence[Sequence[str]], source: str,
                        where: Sequence[int] | None = None) -> Inventory:
    """The inventory in ``rows`` (cells as text, the header somewhere near the top).

    ``where`` gives each row's place to cite (a PDF's page); default: its row number.

    Raises:
        UnreadableError: no row near the top names a document ID column.
    """
    found = header_row(rows)
    if found is None:
        seen = headers_seen(rows)
        listed = ", ".join(f'"{h}"' for h in seen[:12]) if seen else "none"
        raise UnreadableError(f"{source}: no document ID column (headers found: {listed})")
    start, columns = found
    inventory = Inventory(source=source, headers=[clean_line(str(c)).strip()
                                                  for c in rows[start] if str(c).strip()])
    for index in range(start + 1, len(rows)):
        row = _row(rows[index], columns, where[index] if where else index + 1)
        if row is not None:
            inventory.rows.append(row)
    inventory.findings.extend(duplicates(inventory.rows))
    return inventory


def _row(cells: Sequence[str], columns: dict[str, int], place: int) -> InventoryRow | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return " ".join(clean_line(str(cells[index])).split())

    docnr = cell("docnr")
    if not docnr or field_of(docnr) == "docnr":  # empty, or the header repeated
        return None
    grounds = ground_list(cell("grounds"))
    return InventoryRow(
        docnr=docnr[:-2] if docnr.endswith(".0") and docnr[:-2].isdigit() else docnr,
        name=cell("name"), date=_date(cell("date")),
        judgement=normalise_judgement(cell("judgement")),
        grounds=list(grounds.codes), reasons=list(grounds.reasons),
        explanation=cell("explanation"), suspended=cell("suspended"), link=cell("link"),
        related=cell("related"), row=place,
    )


def _date(text: str) -> str | None:
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return match.group(0)
    return iso_nota_date(text) or text


def duplicates(rows: Sequence[InventoryRow]) -> list[Finding]:
    """A finding per document number the list names more than once."""
    counts = Counter(docnr_key(r.docnr) for r in rows)
    findings = []
    for key, count in counts.items():
        if count > 1:
            places = [r.row for r in rows if docnr_key(r.docnr) == key]
            first = next(r for r in rows if docnr_key(r.docnr) == key)
            findings.append(Finding(
                "duplicate-id", first.docnr, None,
                f"document {first.docnr} is listed {count} times in the inventory "
                f"(rows {', '.join(map(str, places))}); the first row counts",
            ))
    return findings
