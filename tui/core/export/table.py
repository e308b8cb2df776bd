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
from collections.abc import Iterator

from tui.core.escape import csv_cell
from tui.core.export.records import Export, ExportItem
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
    for document in export.documents(progress):
        head: list[object] = [document.title, document.file_name, document.record.sha256]
        writer.writerows(_cells(_row(head, item) + (_team_cells(item) if team else []))
                         for item in document.items)
        yield _take(buffer)
    for row in releases_rows(export):
        writer.writerow([csv_cell(v) for v in row])
        yield _take(buffer)


def _cells(row: list[object]) -> list[str]:
    """The row's cells as :func:`~tui.core.escape.csv_cell` makes them; plain text that
    starts with a letter or digit (most cells) is taken as it is, without the call."""
    return [v if v.__class__ is str and v.isascii() and v.isprintable()
            and (not v or v[0].isalnum()) else csv_cell(v)
            for v in row]


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _row(head: list[object], item: ExportItem) -> list[object]:
    """One item's row; ``head`` is its document's title, file name and hash."""
    annotation = item.annotation
    nota = item.nota
    anchor = annotation.anchor
    passage = annotation.quote if annotation.is_markup or annotation.is_own else (
        anchor.text if anchor else None)
    applied = "" if annotation.kind != "redaction" or annotation.applied is None else (
        "yes" if annotation.applied else "no")
    return [
        *head, nota.index if nota else "", nota.title if nota else "", annotation.page,
        annotation.kind, annotation.author, annotation.date, passage,
        annotation.contents, "; ".join(item.tags), item.note, annotation.ground, applied,
        "yes" if item.revealed else "", "yes" if item.own else "", annotation.id,
        annotation.in_reply_to,
        f"{head[1]}#page={annotation.page}",
    ]


def _team_cells(item: ExportItem) -> list[object]:
    writers = item.writers
    if writers is None:
        return ["", ""]
    tags = "; ".join(f"{tag}: {', '.join(members)}" for tag, members in writers.tags)
    return [tags, writers.made_by]
