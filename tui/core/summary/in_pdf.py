"""Acrobat's comment summary printed inside a PDF: which pages it is, and their entries.

A Woo release is published as Acrobat's "Overzicht van opmerkingen" output: the flattened
document with pages that list each page's comments in the grammar of
:mod:`tui.core.summary.entries` ("Nummer: 1  Auteur: ...  Onderwerp: ...  Datum: ...",
then the comment's text). Three layouts occur:

* document and comments on separate pages: each document page is followed by the page(s)
  listing its comments, or saying "Deze pagina bevat geen opmerkingen.";
* all comments at the end, under "Pagina: N" headings;
* comments only: no document pages at all.

A page is a summary page when the grammar opens it: the summary's title, a "Pagina: N"
heading, the no-comments sentence or an entry header comes first (after a title), so a
memo that quotes "Nummer:" somewhere is still read as text. "Pagina: N" means the N-th
document page; without it, entries belong to the document page before them.

The text layer of a summary page may split a header into columns (its fields stand far
apart), so lines are first joined again into rows by their height on the page. An entry's
text keeps its own line breaks: a row that ends well before the right margin, where the
next row's first word would still have fitted, ends a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.model import PageText, Rect
from tui.core.summary.entries import SUBJECT_KINDS, RawEntry, parse_header
from tui.core.summary.pages import NO_COMMENTS, PAGE_LABEL, SUMMARY_TITLE

#: A line that starts like an entry header; when it does not parse, the entry is torn.
_HEADER_START = re.compile(r"^\W*(?:Nummer|Number)\s*:?\s*\d+\b", re.IGNORECASE)
#: Rows a continued summary page may open with before its first header.
_CONTINUED_ROWS = 3
#: A page whose first lines have none of the summary's words is not looked at further.
_FIRST_LINES = 10
# Every way a summary page can open holds one of these words, or a line that is a page label
# ("Pagina: 4"): its title, its "no comments" line or an entry's header. The word "pagina"
# inside a line proves nothing: ordinary pages print "Pagina 1 van 5" in a header or footer.
# Plain substring tests: a case-blind regex over every line of a 2,000-page release costs more.
_SUMMARY_WORDS = ("nummer", "number", "auteur", "author", "onderwerp", "subject", "overzicht",
                  "samenvatting", "summary", "opmerkingen", "comments")
_NR = re.compile(r"\bnr\b")
#: Points of slack when deciding whether a word would have fitted on the row before.
_FIT_SLACK = 3.0


@dataclass(slots=True)
class Row:
    """Lines printed at one height of a summary page, joined left to right."""

    text: str
    rect: Rect | None
    line: int
    """Index of the row's first line in the page's lines."""


@dataclass(slots=True)
class PrintedEntry:
    """One entry read from a summary page, and where it was printed."""

    entry: RawEntry
    printed_page: int
    printed_line: int
    page: int | None = None
    """The document page (1-based, in the file) it belongs to; None when unknown."""


@dataclass(slots=True)
class PrintedSummary:
    """The comment summary found in a document's pages."""

    summary_pages: list[int] = field(default_factory=list)
    entries: list[PrintedEntry] = field(default_factory=list)
    title: str | None = None


@dataclass(slots=True)
class _Reader:
    """State while reading the summary pages in order."""

    document_pages: list[int]
    warnings: list[str]
    summary: PrintedSummary = field(default_factory=PrintedSummary)
    label: int | None = None
    last_document_page: int | None = None
    current: PrintedEntry | None = None
    rows: list[Row] = field(default_factory=list)
    right: float = 0.0
    torn: int | None = None
    """The page of an entry whose header did not parse, while its text is gathered."""


def read_printed_summary(pages: list[PageText], warnings: list[str]) -> PrintedSummary | None:
    """The summary printed in ``pages``, or None when no page is a summary page."""
    rows = {page.number: join_rows(page) for page in pages if _may_be_summary(page)}
    summary_pages: set[int] = set()
    previous = False
    for page in pages:
        previous = page.number in rows and _is_summary_page(rows[page.number], previous)
        if previous:
            summary_pages.add(page.number)
    if not summary_pages:
        return None
    reader = _Reader([p.number for p in pages if p.number not in summary_pages], warnings)
    for page in pages:
        if page.number in summary_pages:
            _read_page(reader, page, rows[page.number])
        else:
            _close(reader)
            reader.last_document_page, reader.label = page.number, None
    _close(reader)
    reader.summary.summary_pages = sorted(summary_pages)
    return reader.summary


def _may_be_summary(page: PageText) -> bool:
    """A quick look at the first lines, so ordinary pages cost next to nothing."""
    return any(_has_summary_word(line.text) for line in page.lines[:_FIRST_LINES])


def _has_summary_word(text: str) -> bool:
    low = text.lower()
    return (any(word in low for word in _SUMMARY_WORDS) or ("nr" in low and bool(_NR.search(low)))
            or bool(PAGE_LABEL.match(text.strip())))


def join_rows(page: PageText) -> list[Row]:
    """The page's lines joined into rows by their height on the page, top to bottom."""
    placed = [(i, line.rect, line.text) for i, line in enumerate(page.lines) if line.text.strip()]
    rows: list[list[tuple[int, Rect | None, str]]] = []
    for item in sorted(placed, key=lambda it: (-(it[1] or (0, 0, 0, 0))[3], it[0])):
        rect = item[1]
        last = rows[-1][0][1] if rows else None
        if rect is not None and last is not None and _same_height(rect, last):
            rows[-1].append(item)
        else:
            rows.append([item])
    return [_row(items) for items in rows]


def _same_height(a: Rect, b: Rect) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def _row(items: list[tuple[int, Rect | None, str]]) -> Row:
    items.sort(key=lambda it: (it[1] or (0, 0, 0, 0))[0])
    rects = [r for _, r, _ in items if r is not None]
    rect = (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects)) if rects else None
    text = " ".join(" ".join(t.split()) for _, _, t in items)
    return Row(text, rect, min(i for i, _, _ in items))


def _is_summary_page(rows: list[Row], after_summary: bool) -> bool:
    """Whether the summary grammar opens the page (see the module docstring)."""
    texts = [row.text for row in rows]
    index = 1 if texts and SUMMARY_TITLE.match(texts[0]) else 0
    while index < len(texts) and PAGE_LABEL.match(texts[index]):
        index += 1
    rest = texts[index:]
    if rest and (NO_COMMENTS.match(rest[0]) or _header(rest, 0)[0] is not None):
        return True
    # A long entry's text may run on to the next page, before that page's first header.
    head = rest[: _CONTINUED_ROWS + 1]
    return (after_summary or index > 0) and any(
        _header(head, i)[0] is not None for i in range(1, len(head))
    )


def _header(texts: list[str], index: int) -> tuple[RawEntry | None, int]:
    """The header at ``texts[index]`` and how many rows it takes (two when it was torn)."""
    entry = parse_header(texts[index])
    if entry is None and index + 1 < len(texts) and _HEADER_START.match(texts[index]):
        entry = parse_header(texts[index] + " " + texts[index + 1])
        return entry, 2
    return entry, 1


def _read_page(reader: _Reader, page: PageText, rows: list[Row]) -> None:
    reader.right = page.width - min((r.rect[0] for r in rows if r.rect), default=0.0)
    texts = [row.text for row in rows]
    skip = False
    for index, row in enumerate(rows):
        if skip:
            skip = False
            continue
        text = row.text
        if title := SUMMARY_TITLE.match(text):
            reader.summary.title = reader.summary.title or (title.group("title") or "").strip()
        elif label := PAGE_LABEL.match(text):
            _close(reader)
            reader.label = int(label.group(1))
        elif NO_COMMENTS.match(text):
            _close(reader)
        elif (header := _header(texts, index))[0] is not None:
            _close(reader)
            entry, skip = header[0], header[1] == 2
            reader.current = PrintedEntry(entry, page.number, row.line, _target(reader, page))
        elif _HEADER_START.match(text):
            _close(reader)
            reader.torn = page.number
            reader.rows = [row]
        elif reader.current is not None or reader.torn is not None:
            reader.rows.append(row)
        else:
            reader.warnings.append(f"page {page.number}: text on a summary page outside any"
                                   f" entry: {text!r}")


def _target(reader: _Reader, page: PageText) -> int | None:
    """The document page the entries being read belong to."""
    if reader.label is None:
        return reader.last_document_page if reader.document_pages else page.number
    if not reader.document_pages:  # comments only: the summary is all there is
        return page.number
    if 1 <= reader.label <= len(reader.document_pages):
        return reader.document_pages[reader.label - 1]
    return None


def _close(reader: _Reader) -> None:
    """Finish the entry being read: its text, and whether it can be placed."""
    current, rows = reader.current, reader.rows
    reader.current, reader.rows = None, []
    if reader.torn is not None:
        text = " / ".join(row.text for row in rows)
        reader.warnings.append(f"page {reader.torn}: summary entry not understood: {text!r}")
        reader.torn = None
        return
    if current is None:
        return
    current.entry.content = _content_lines(rows, reader.right)
    entry = current.entry
    if current.page is None:
        text = " ".join(entry.content)
        reader.warnings.append(
            f"page {current.printed_page}: summary entry {entry.number} is for page"
            f" {reader.label}, which the document does not have: {text!r}"
        )
        return
    if " ".join(entry.subject.lower().split()) not in SUBJECT_KINDS:
        reader.warnings.append(
            f"page {current.printed_page}: summary entry {entry.number} has an unknown subject"
            f" {entry.subject!r} (read as a note)"
        )
    reader.summary.entries.append(current)


def _content_lines(rows: list[Row], right: float) -> list[str]:
    """The entry's text: rows wrapped by the printout joined, its own line breaks kept."""
    lines: list[str] = []
    for index, row in enumerate(rows):
        if index and not _ends_line(rows[index - 1], row, right):
            lines[-1] += " " + row.text
        else:
            lines.append(row.text)
    return lines


def _ends_line(row: Row, following: Row, right: float) -> bool:
    """True when ``row`` ended by a line break: the next row's first word would have fitted."""
    if row.rect is None or following.rect is None or not following.text:
        return True
    word = following.text.split()[0]
    width = following.rect[2] - following.rect[0]
    needed = width * (len(word) + 1) / max(len(following.text), 1)
    return row.rect[2] + needed < right - _FIT_SLACK
