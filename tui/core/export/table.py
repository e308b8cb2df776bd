"""Export as CSV: one row per annotation (RFC 4180, UTF-8), for spreadsheets and teams.

``applied`` says of each redaction whether it was applied (``no``: the words are still in
the file; they stand as a block unless revealed); ``revealed`` is ``yes`` on a row that
shows such words because the export was asked to. Cells are safe to open: a value a
spreadsheet would run as a formula is neutralised (:func:`~tui.core.escape.csv_cell`);
``excel`` adds a byte-order mark so Excel reads the file as UTF-8. From a team library two
columns follow: ``tags_by`` (each tag with its members) and ``member`` (whose own
highlight or comment); the ``note`` cell holds every member's note, each opened by its name.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator

from tui.core.escape import csv_cell
from tui.core.export.parallel import rendered
from tui.core.export.records import Export, ExportDocument, ExportItem
from tui.core.export.releases import releases_rows
from tui.core.model import Progress

COLUMNS = (
    "document", "file", "sha256", "nota", "nota_title", "page", "kind", "author", "date",
    "passage", "contents", "tags", "note", "ground", "applied", "revealed", "mine", "id",
    "in_reply_to", "citation",
)
TEAM_COLUMNS = ("tags_by", "member")
"""Added for a team library: ``woo: alice, bob; vraag: bob``, and whose own annotation."""
BOM = "\ufeff"


def write_csv(export: Export, progress: Progress | None = None, excel: bool = False
              ) -> Iterator[str]:
    """The CSV export, a document's rows at a time (a header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    team = export.writers is not None
    writer.writerow(COLUMNS + TEAM_COLUMNS if team else COLUMNS)
    yield (BOM if excel else "") + _take(buffer)

    def rows(document: ExportDocument) -> list[str]:
        file_name = document.file_name
        # The document's cells, made safe once: its title, file name and hash, and the
        # start of every citation (what follows it, a page number, needs nothing).
        head = [csv_cell(document.title), csv_cell(file_name), csv_cell(document.record.sha256)]
        cite = csv_cell(f"{file_name}#page=")
        writer.writerows(
            [*head, *_cells(_row(item)), f"{cite}{item.annotation.page}",
             *(_cells(_team_cells(item)) if team else ())]
            for item in document.items)
        return [_take(buffer)]

    yield from rendered(export, rows, progress)
    for row in releases_rows(export):
        writer.writerow([csv_cell(v) for v in row])
        yield _take(buffer)


_FORMULA_CELL = re.compile("\n[-=+@]")
"""A cell that starts as a formula would (after a line break: cells are joined by them)."""


def _cells(row: list[object]) -> list[str]:
    """The row's cells as :func:`~tui.core.escape.csv_cell` makes them. The whole row is
    looked at once: most rows need nothing (all text, printable, composed, no formula),
    and then each cell is as it is, no cell looked at alone."""
    try:
        joined = " ".join(row)  # type: ignore[arg-type]  # TypeError: a cell is no text
    except TypeError:
        return [csv_cell(v) for v in row]
    # Printable: no control character (a tab or carriage return), bidi mark, BOM or lone
    # surrogate, which csv_cell removes or replaces; a space joins as a composed character.
    if (joined.isprintable() and (joined.isascii() or unicodedata.is_normalized("NFC", joined))
            and _FORMULA_CELL.search("\n" + "\n".join(row)) is None):  # type: ignore[arg-type]
        return row  # type: ignore[return-value]
    return [csv_cell(v) for v in row]


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _row(item: ExportItem) -> list[object]:
    """One item's cells between its document's (title, file name, hash) and its citation
    (no value given as an empty cell, as :func:`~tui.core.escape.csv_cell` makes it)."""
    annotation = item.annotation
    nota = item.nota
    anchor = annotation.anchor
    passage = annotation.quote if annotation.is_markup or annotation.is_own else (
        anchor.text if anchor else None)
    applied = "" if annotation.kind != "redaction" or annotation.applied is None else (
        "yes" if annotation.applied else "no")
    author, date, contents = annotation.author, annotation.date, annotation.contents
    note, ground, reply = item.note, annotation.ground, annotation.in_reply_to
    return [
        str(nota.index) if nota else "", nota.title if nota else "", str(annotation.page),
        annotation.kind, "" if author is None else author, "" if date is None else date,
        "" if passage is None else passage, "" if contents is None else contents,
        "; ".join(item.tags), "" if note is None else note, "" if ground is None else ground,
        applied, "yes" if item.revealed else "", "yes" if item.own else "", annotation.id,
        "" if reply is None else reply,
    ]


def _team_cells(item: ExportItem) -> list[object]:
    writers = item.writers
    if writers is None:
        return ["", ""]
    tags = "; ".join(f"{tag}: {', '.join(members)}" for tag, members in writers.tags)
    return [tags, "" if writers.made_by is None else writers.made_by]
