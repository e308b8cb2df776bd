"""Cutting a comment-summary text file into pages, each with its raw text and entries.

Acrobat's "Overzicht van opmerkingen" (document and comments) follows each page's text with
that page's comments, or with "Deze pagina bevat geen opmerkingen." when it has none. A
text/Markdown conversion keeps that order, so the heuristics are:

* a page ends after its block of summary entries, or at a no-comments marker;
* a run of three or more empty lines is also a page break the conversion left, unless
  what follows belongs to the current page's summary (a ``---`` rule, a footnote, an entry
  header, or a stray comment number);
* an entry's text is the lines after its header: table rows (tab-separated conversions),
  or lines up to the next separator (``---``, ``<hr/>``, a lone ``-``); the block ends at
  two empty lines, at a line that is clearly page text (a heading, a list item, a side
  block label) or, for tables, at the first line that is not a row;
* a few short lines between the end of a block and the next page break are text the
  conversion lifted out of a text box: they become the text of the block's (empty)
  FreeText entry;
* "Pagina: N" lines before entries (a comments-only summary) start page N.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.summary.entries import RawEntry, kind_of, parse_header

NO_COMMENTS = re.compile(
    r"^(?:Deze pagina bevat geen opmerkingen|This page contains no comments|"
    r"No comments on this page|There are no comments on this page)\.?$",
    re.IGNORECASE,
)
SUMMARY_TITLE = re.compile(
    r"^#*\s*(?:Overzicht van opmerkingen|Samenvatting van opmerkingen|Summary of comments)"
    r"(?:\s+(?:bij|op|on|for)\s+(?P<title>.+))?$",
    re.IGNORECASE,
)
PAGE_LABEL = re.compile(r"^(?:Pagina|Page)\s*:?\s*(\d+)\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|<hr\s*/?>|-)$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(?:<sup>\d+</sup>|\d{1,2}\s)")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
SIDE_LABELS = re.compile(
    r"^\**(?:Datum|Onze referentie|Uw referentie|Kenmerk|Opgesteld door|Tweede contactpersoon|"
    r"Uiterlijk bij|Bijlage\(n\)|Bijlagen|Directie|Volgnummer|Contactpersoon)\**\s*:?\s*$",
    re.IGNORECASE,
)
_PAGE_TEXT_START = re.compile(r"^(?:#|\*\*|- \S.{20,}|\d+\.\s+\S.{20,})")
_SHORT = 100
_MAX_STRAY_LINES = 3


@dataclass(slots=True)
class RawPage:
    """One page as cut from the file: raw text lines and the entries after them."""

    number: int
    text: list[str] = field(default_factory=list)
    entries: list[RawEntry] = field(default_factory=list)


@dataclass(slots=True)
class _Cutter:
    """State while walking the file's lines."""

    pages: list[RawPage] = field(default_factory=list)
    page: RawPage = field(default_factory=lambda: RawPage(1))
    in_summary: bool = False
    stray: list[str] = field(default_factory=list)
    empty_run: int = 0
    title: str | None = None

    def close_page(self, *, stray_is_box_text: bool = True) -> None:
        """End the current page; stray lines become box text or start the next page."""
        carry = self._take_stray(stray_is_box_text)
        if self.page.text or self.page.entries:
            self.pages.append(self.page)
        self.page = RawPage(len(self.pages) + 1, text=carry)
        self.in_summary = False

    def _take_stray(self, as_box_text: bool) -> list[str]:
        """Give lines after an entry block to its empty FreeText; return what is left."""
        lines, self.stray = self.stray, []
        target = _empty_freetext(self.page.entries)
        if lines and as_box_text and target is not None and len(lines) <= _MAX_STRAY_LINES:
            target.content.extend(lines)
            return []
        return lines

    def skip_to(self, number: int) -> None:
        """Start page ``number`` (a "Pagina: N" label), keeping pages in between empty."""
        if self.page.entries or self.page.text:
            self.close_page()
        while self.page.number < number:
            self.pages.append(self.page)
            self.page = RawPage(len(self.pages) + 1)


def _empty_freetext(entries: list[RawEntry]) -> RawEntry | None:
    for entry in entries:
        if kind_of(entry.subject) == "freetext" and not "".join(entry.content).strip():
            return entry
    return None


def _is_row(line: str) -> bool:
    return line.startswith("\t") or line.rstrip(" ").endswith("\t")


def _looks_like_page_text(line: str) -> bool:
    stripped = line.strip()
    return bool(_PAGE_TEXT_START.match(stripped)) or bool(SIDE_LABELS.match(stripped))


def _belongs_to_summary(line: str) -> bool:
    """True for what may follow a gap and still be the current page's summary."""
    stripped = line.strip()
    return bool(
        _SEPARATOR.match(stripped)
        or _FOOTNOTE.match(stripped)
        or _BARE_NUMBER.match(stripped)
        or parse_header(stripped)
    )


def _content_line(entry: RawEntry, line: str, after_blank: bool) -> bool:
    """Whether a text line inside an entry block is that entry's text."""
    if entry.closed:
        return False
    if entry.table_style:
        return _is_row(line)
    if _looks_like_page_text(line):
        return False
    # After an empty line, a long line is the page's text resuming.
    return not (after_blank and entry.content and len(line.strip()) > _SHORT)


def _summary_line(cut: _Cutter, raw: str, stripped: str) -> bool:
    """Handle a line inside an entry block; False when the block has ended."""
    entry = cut.page.entries[-1]
    if _SEPARATOR.match(stripped.rstrip("\t ")):
        if entry.content:
            entry.closed = True
        return True
    if cut.stray:
        if len(cut.stray) < _MAX_STRAY_LINES and len(stripped) <= _SHORT \
                and not _looks_like_page_text(stripped):
            cut.stray.append(stripped)
            return True
        cut.stray.append(stripped)
        cut.close_page(stray_is_box_text=False)
        return True
    if _content_line(entry, raw, after_blank=cut.empty_run > 0):
        entry.content.append(raw.strip("\t ").replace("\t", " ").strip())
        return True
    if len(stripped) <= _SHORT and not _looks_like_page_text(stripped):
        cut.stray.append(stripped)
        return True
    return False


def cut_pages(lines: list[str]) -> tuple[list[RawPage], str | None]:
    """The pages of a summary file (see the module docstring), and its document title."""
    cut = _Cutter()
    for raw in lines:
        stripped = raw.strip()
        if not stripped:
            # Only truly empty lines count: lines of spaces are layout inside a page.
            if raw == "":
                cut.empty_run += 1
                if cut.in_summary and cut.empty_run >= 2:
                    cut.close_page()
            else:
                cut.empty_run = 0
            continue
        gap, cut.empty_run = cut.empty_run, 0
        _walk(cut, raw, stripped, gap)
    cut.close_page()
    if cut.page.text:
        cut.pages.append(cut.page)
    return cut.pages, cut.title


def _walk(cut: _Cutter, raw: str, stripped: str, gap: int) -> None:
    """Handle one non-empty line."""
    header = parse_header(stripped)
    if header is not None:
        if cut.stray and cut.page.entries:
            # Text between two entries is the earlier entry's, whatever it looks like.
            cut.page.entries[-1].content.extend(cut.stray)
            cut.stray = []
        cut.page.entries.append(header)
        cut.in_summary = True
        return
    if NO_COMMENTS.match(stripped):
        cut.close_page()
        return
    title = SUMMARY_TITLE.match(stripped)
    if title:
        cut.title = cut.title or (title.group("title") or "").strip() or None
        return
    label = PAGE_LABEL.match(stripped)
    if label:
        if cut.page.entries:
            cut.skip_to(int(label.group(1)))
        return
    if cut.in_summary and _summary_line(cut, raw, stripped):
        return
    gap_break = gap >= 3 and cut.page.text and not _belongs_to_summary(stripped)
    if cut.in_summary or gap_break:
        cut.close_page()
    cut.page.text.append(raw.rstrip())
