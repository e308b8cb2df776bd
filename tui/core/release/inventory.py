"""The inventory list (*inventarislijst*): from a spreadsheet, a CSV file or a PDF table.

A missing ID column or a file that is not what its name says is a one-line error; the rows
themselves are read by :mod:`inventory_rows` whatever the source.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.errors import UnreadableError
from tui.core.release.inventory_pdf import read_pdf_inventory
from tui.core.release.inventory_rows import inventory_from_rows
from tui.core.release.model import Inventory
from tui.core.release.spreadsheet import read_rows

#: File suffixes read as an inventory spreadsheet.
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv"})


def read_inventory(path: Path) -> Inventory:
    """The inventory in ``path`` (``.xlsx``, ``.csv`` or a PDF of the table).

    Raises:
        UnreadableError: the file cannot be read, is not what its name says, or has no
            document ID column (the message names the headers it does have).
    """
    if path.suffix.lower() == ".pdf":
        found = read_pdf_inventory(path)
        if found is None:
            raise UnreadableError(f"{path}: no inventory table with a document ID column")
        return found
    return inventory_from_rows(read_rows(path), str(path))
