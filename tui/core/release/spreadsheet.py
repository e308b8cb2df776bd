"""Rows of text from an inventory spreadsheet: ``.xlsx`` (openpyxl) or ``.csv``.

A file is checked for being what its name says before it is parsed (an ``.xlsx`` is a zip
archive, a ``.csv`` is text), so a PDF or a web page saved under the wrong name is a one-line
error, not a parser's traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from tui.core.errors import UnreadableError, os_error_message
from tui.core.release.columns import HEADER_ROWS, header_row

#: At most this many rows are read (an inventory of a release has hundreds, not millions).
MAX_ROWS = 100_000
#: At most this many columns of a row are kept.
MAX_COLUMNS = 60
_ENCODINGS = ("utf-8-sig", "cp1252")
_DELIMITERS = (";", "\t", ",")


def read_rows(path: Path) -> list[list[str]]:
    """The rows of the first sheet (``.xlsx``) or of the file (``.csv``), cells as text.

    Raises:
        UnreadableError: the file cannot be read or is not what its name says.
    """
    try:
        head = path.read_bytes()[:8]
    except OSError as error:
        raise UnreadableError(os_error_message(path, error)) from error
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            raise UnreadableError(f"{path}: not a spreadsheet ({_what(head)}, not .xlsx)")
        return _xlsx_rows(path)
    if head.startswith(b"PK") or head.startswith(b"%PDF") or b"\0" in head:
        raise UnreadableError(f"{path}: not a CSV file ({_what(head)})")
    return _csv_rows(path)


def _what(head: bytes) -> str:
    if not head:
        return "an empty file"
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head.startswith(b"PK"):
        return "a zip archive"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel .xls file"
    if head.lstrip().lower().startswith((b"<!doc", b"<html", b"<?xml")):
        return "a web page or XML"
    return "text" if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head) else "data"


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise UnreadableError(f"{path}: not a readable .xlsx file ({error})") from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return []
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in values[:MAX_COLUMNS]])
            if len(rows) >= MAX_ROWS:
                break
        return rows
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise UnreadableError(f"{path}: not a readable .xlsx file ({error})") from error
    finally:
        book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableError(os_error_message(path, error)) from error
    text = next((t for t in (_decode(raw, e) for e in _ENCODINGS) if t is not None), None)
    if text is None:
        raise UnreadableError(f"{path}: not a text file")
    # The delimiter is the one whose rows near the top hold a header (a grounds cell may
    # itself hold commas or semicolons, so counting them can mislead).
    top = "\n".join(text.splitlines()[:HEADER_ROWS])
    delimiter = next((d for d in _DELIMITERS if header_row(_parse(top, d, path)) is not None),
                     None)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(top, "".join(_DELIMITERS)).delimiter
        except csv.Error:
            delimiter = ","
    return _parse(text, delimiter, path)


def _parse(text: str, delimiter: str, path: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(cells[:MAX_COLUMNS])
            if len(rows) >= MAX_ROWS:
                break
    except csv.Error as error:
        raise UnreadableError(f"{path}: not a readable CSV file ({error})") from error
    return rows


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None
