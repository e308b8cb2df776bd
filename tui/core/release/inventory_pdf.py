"""An inventory printed as a table in a PDF, read back from the positions of its words.

A table's cells come out of a page as words on rows. The header row says where each column
starts (its cells' left edges); every word below goes to the column it starts in; a row
whose ID cell is empty continues the row above (a wrapped name). The table goes on over the
following pages while they hold rows of it (the header repeated, or rows whose judgement
reads as one).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.model import Glyph, PageText
from tui.core.release.columns import columns_of, is_header
from tui.core.release.inventory_rows import inventory_from_rows
from tui.core.release.judgements import normalise_judgement
from tui.core.release.model import JUDGEMENTS, Inventory

if TYPE_CHECKING:
    from pypdf import PdfReader

#: At most this many pages of a PDF are looked at for an inventory table.
MAX_PAGES = 400
#: A document number in a table cell: digits, perhaps a short prefix ("D.114", "A-12",
#: "VWS-WOO-195461").
_DOCNR = re.compile(
    r"^(?:(?:[a-z]{2,8}[-_])?wo[ob][-_]|[a-z]{1,4}[.\-]?\s?)?\d[\w.\-/]{0,15}$", re.IGNORECASE
)
# A printed header line mentions a number column and a judgement or grounds column.
_HEADER_HINT = re.compile(r"\b(?:id|documentnummer|documentnr|nr|nummer)\b.*"
                          r"\b(?:beoordeling|grond|besluit)|\b(?:beoordeling|grond)\w*\b.*"
                          r"\b(?:id|documentnummer|documentnr|nr)\b", re.IGNORECASE)


@dataclass(slots=True)
class Word:
    """A word on the page and where it stands (PDF user space)."""

    text: str
    x0: float
    x1: float
    y: float
    height: float


def looks_like_header(page: PageText) -> bool:
    """A cheap test on a page's text (no positions needed): may it hold the table's header?"""
    return any(_HEADER_HINT.search(line.text) for line in page.lines)


def words(page: PageText) -> list[Word]:
    """The page's words with their boxes (needs the lines' glyphs).

    A word also ends where its letters stand apart: two cells printed close together may
    come out of the page as one run without a space ("VWS-WOO-195461FW:").
    """
    found: list[Word] = []
    for line in page.lines:
        if len(line.glyphs) != len(line.text):
            continue
        start = None
        for index, char in enumerate([*line.text, " "]):
            apart = start is not None and not char.isspace() and _apart(line.glyphs, index)
            if start is not None and (char.isspace() or apart):
                glyphs = line.glyphs[start:index]
                y0, y1 = min(g.y0 for g in glyphs), max(g.y1 for g in glyphs)
                found.append(Word(line.text[start:index], glyphs[0].x0, glyphs[-1].x1,
                                  (y0 + y1) / 2, y1 - y0))
                start = None
            if not char.isspace() and start is None:
                start = index
    return found


def _apart(glyphs: list[Glyph], index: int) -> bool:
    """True when glyph ``index`` stands well clear of the one before it (a cell's gap)."""
    before, glyph = glyphs[index - 1], glyphs[index]
    return glyph.x0 - before.x1 > 0.25 * max(glyph.y1 - glyph.y0, before.y1 - before.y0, 1.0)


def visual_rows(page: PageText) -> list[list[Word]]:
    """Words grouped by the row they stand on, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words(page), key=lambda w: -w.y):
        if rows and abs(rows[-1][0].y - word.y) <= 0.5 * max(word.height, rows[-1][0].height):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _cells(row: list[Word]) -> list[tuple[str, float]]:
    """Words joined into cells where the gap between them is wider than a space."""
    cells: list[tuple[str, float]] = []
    last: Word | None = None
    for word in row:
        if last is not None and word.x0 - last.x1 <= 0.6 * max(word.height, 1.0):
            text, x0 = cells[-1]
            cells[-1] = (f"{text} {word.text}", x0)
        else:
            cells.append((word.text, word.x0))
        last = word
    return cells


def _header(row: list[Word]) -> list[tuple[str, float]] | None:
    """The row's header cells and where each starts, when the row is a header."""
    for cells in (_cells(row), [(w.text, w.x0) for w in row]):
        if is_header([text for text, _ in cells]):
            return cells
    return None


class _Table:
    """Columns from a header row; rows of cells fed to it page by page."""

    def __init__(self, header: list[tuple[str, float]]) -> None:
        self.header = [text for text, _ in header]
        self.starts = [x for _, x in header]
        self.columns = columns_of(self.header)
        self.rows: list[list[str]] = []
        self.pages: list[int] = []

    def row_of(self, row: list[Word]) -> list[str]:
        cells = [""] * len(self.starts)
        for word in row:
            index = max((i for i, x in enumerate(self.starts) if x <= word.x0 + 2.0), default=0)
            cells[index] = f"{cells[index]} {word.text}".strip()
        return cells

    def feed(self, rows: list[list[Word]], page: int) -> int:
        """Add the table rows among ``rows``; returns how many new rows were found."""
        id_column = self.columns["docnr"]
        added = 0
        for row in rows:
            cells = self.row_of(row)
            if is_header(cells) or _header(row) is not None:
                continue
            if _DOCNR.match(cells[id_column]):
                self.rows.append(cells)
                self.pages.append(page)
                added += 1
            elif self.rows and self.pages[-1] == page and not cells[id_column]:
                previous = self.rows[-1]
                for index, text in enumerate(cells):
                    if text:
                        previous[index] = f"{previous[index]} {text}".strip()
        return added

    def continues_on(self, rows: list[list[Word]]) -> bool:
        """True when a page without a header goes on with this table."""
        cells = [self.row_of(row) for row in rows]
        ids = [c for c in cells if _DOCNR.match(c[self.columns["docnr"]])]
        if len(ids) < 1:
            return False
        judged = self.columns.get("judgement")
        if judged is None:
            return len(ids) >= 2 and len(ids) >= 0.5 * len(cells)
        good = sum(1 for c in ids if normalise_judgement(c[judged]) in JUDGEMENTS)
        return good >= max(1, 0.6 * len(ids))


def read_table(pages: Iterable[PageText], *, first_page_only: bool = False
               ) -> tuple[_Table, int, int] | None:
    """The inventory table over ``pages`` (with glyphs): the table, its first and last page.

    With ``first_page_only`` the table must start on the first page given (the caller knows
    where its header is); otherwise the first page with a header starts it.
    """
    table: _Table | None = None
    first = last = 0
    for page in pages:
        rows = visual_rows(page)
        header = next((h for row in rows if (h := _header(row)) is not None), None)
        if table is None:
            if header is None:
                if first_page_only:
                    return None
                continue
            table, first = _Table(header), page.number
        elif header is None and not table.continues_on(rows):
            break
        elif header is not None and columns_of([t for t, _ in header]) != table.columns:
            break  # another table
        if header is not None:
            below = [r for r in rows if r[0].y < _y_of(rows, header)]
            table.feed(below, page.number)
        else:
            table.feed(rows, page.number)
        last = page.number
    if table is None or not table.rows:
        return None
    return table, first, last


def _y_of(rows: list[list[Word]], header: list[tuple[str, float]]) -> float:
    for row in rows:
        if _header(row) == header:
            return row[0].y - 0.1
    return float("inf")


def inventory_from_pages(pages: Iterable[PageText], source: str, *,
                         first_page_only: bool = False) -> Inventory | None:
    """The inventory printed on ``pages`` (with glyphs), or None when they hold none."""
    found = read_table(pages, first_page_only=first_page_only)
    if found is None:
        return None
    table, first, last = found
    rows = [table.header, *table.rows]
    inventory = inventory_from_rows(rows, source, where=[first, *table.pages])
    inventory.first_page, inventory.last_page = first, last
    return inventory


def read_pdf_inventory(path: Path, password: str | None = None) -> Inventory | None:
    """The inventory table printed in the PDF at ``path``, or None when it holds none."""
    with closing(pdf_pages(path, range(MAX_PAGES), password)) as pages:
        return inventory_from_pages(pages, str(path))


def pdf_pages(path: Path, numbers: Iterable[int], password: str | None = None,
              reader: PdfReader | None = None) -> Generator[PageText, None, None]:
    """Pages (0-based ``numbers``, those the file has) with their glyphs, one at a time;
    read with ``reader`` when the file is open already."""
    from tui.core.pdf import opening
    from tui.core.pdf.content_walk import extract_page_text
    from tui.core.pdf.fonts import FontCache
    from tui.core.pdf.log import pypdf_warnings

    warnings: list[str] = []
    wanted = list(numbers)
    with pypdf_warnings(warnings):
        reader = reader or opening.open_pdf(path, password)
        # The count the file declares, when it covers the pages wanted: counting them all
        # walks the whole page tree (a tenth of a second at 1,000 pages) for the first few.
        count = opening.declared_page_count(reader)
        if count is None or count <= max(wanted, default=-1):
            count = opening.page_count(reader, warnings)
        fonts = FontCache()
        for number in wanted:
            if not 0 <= number < count:
                continue
            try:
                opening.pdf_pages(reader)[number]
            except IndexError:
                return  # fewer pages than the file declares
            yield extract_page_text(reader, number, fonts, warnings)

