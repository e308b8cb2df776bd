"""Turning a summary page's raw Markdown/HTML lines into readable page text.

Besides removing markup (headings, ``**``, ``*..*``, ``<b>``, ``<hr/>``, rules), this undoes
what the conversion mixed into the page from the comments:

* comment numbers: ``**Actieagenda integratie**<sup>9</sup>``, ``**2**``, ``- 11 **Een``,
  ``... samenhang** 12``, ``[redacted] 1``, `` <sup>1</sup> `` between words, and lines that
  are just a number. A number counts only when an entry on the page has it; footnote
  references (``ESS<sup>1</sup>``, glued to a word) stay, as a superscript digit. Where a
  number sat is remembered: it shows where that comment stands on the page;
* text of FreeText boxes copied into the page ("Welke dan? ..."): removed where it sits
  beside its comment number or fills whole lines;
* the side block (Datum, Onze referentie) repeated on a nota's later pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tui.core.anchoring.find_text import find_all_text
from tui.core.summary.entries import RawEntry, kind_of
from tui.core.summary.pages import SIDE_LABELS
from tui.core.text import clean_line

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|-|\*|<hr\s*/?>)$", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+")
_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])([^*]+?)(?<![\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_REPEATED_LABELS = re.compile(r"^(?:Datum|Onze referentie|Uw referentie|Kenmerk)$", re.IGNORECASE)
_NOTA = re.compile(r"^nota$", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")

# Stray comment numbers as the conversion writes them. Each pattern's group 1 is the number;
# the match is replaced by ``keep`` (the text around the number that must stay).
_INLINE_NUMBERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\*\*)<sup>(\d+)</sup>"), ""),
    (re.compile(r"(?<=\s)<sup>(\d+)</sup>\s+"), ""),
    (re.compile(r"\*\*(\d+)\*\*\s*"), ""),
    (re.compile(r"^(\s*[-*]\s+)(\d+)\s+(?=\*\*)"), "LIST"),
    (re.compile(r"(?:(?<=\*\*)|(?<=\]))\s+(\d+)\s*$"), ""),
)


@dataclass(slots=True)
class Position:
    """Where a comment's number or copied text sat in the cleaned page lines."""

    line: int
    trusted: bool
    """True when it sat inside a line of text (not as loose lines at the page's end)."""


@dataclass(slots=True)
class CleanPage:
    """A page's readable lines plus where the comments' numbers and copies sat."""

    lines: list[str]
    positions: dict[int, Position] = field(default_factory=dict)


def _strip_numbers(line: str, numbers: set[int], found: list[int]) -> str:
    """Remove stray comment numbers from one raw line, noting which ones were there."""
    for pattern, keep in _INLINE_NUMBERS:
        line = pattern.sub(_replacer(numbers, found, keep), line)
    return line


def _replacer(numbers: set[int], found: list[int], keep: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        digits = match.group(match.lastindex or 1)
        if int(digits) not in numbers:
            return match.group(0)
        found.append(int(digits))
        return match.group(1) if keep == "LIST" else keep

    return replace


def _markup_free(line: str) -> str:
    """One line without HTML tags or Markdown markup, whitespace collapsed."""
    line = _SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), line)
    line = _TAG.sub("", line)
    line = _HEADING.sub("", line.strip())
    line = line.replace("**", "").replace("__", "")
    line = _ITALIC.sub(r"\1", line)
    line = _ESCAPE.sub(r"\1", line)
    if line.startswith("* "):
        line = "- " + line[2:]
    return " ".join(clean_line(line).split())


def _first_pass(raw: list[str], numbers: set[int]) -> tuple[list[str | None], dict[int, Position]]:
    """Markup and stray numbers out; lines that end up empty become None."""
    lines: list[str | None] = []
    positions: dict[int, Position] = {}
    previous = ""
    for text in raw:
        stripped = text.strip()
        if not stripped or _RULE.match(stripped):
            lines.append(None)
            continue
        if stripped.isdigit() and int(stripped) in numbers and not SIDE_LABELS.match(previous):
            positions.setdefault(int(stripped), Position(len(lines), trusted=False))
            lines.append(None)
            continue
        found: list[int] = []
        cleaned = _markup_free(_strip_numbers(text, numbers, found))
        for number in found:
            positions.setdefault(number, Position(len(lines), trusted=True))
        lines.append(cleaned or None)
        previous = stripped
    return lines, positions


def _remove_copies(
    lines: list[str | None], entry: RawEntry, positions: dict[int, Position]
) -> None:
    """Delete the FreeText's words where the conversion copied them into the page."""
    content = " ".join(" ".join(entry.content).split())
    if not content:
        return
    texts = [line or "" for line in lines]
    number_at = positions.get(entry.number)
    for spans in find_all_text(texts, content):
        first, last = spans[0].line, spans[-1].line
        end_line = texts[last]
        while spans[-1].end < len(end_line) and _WORD_CHAR.match(end_line[spans[-1].end]):
            spans[-1].end += 1
        beside_number = number_at is not None and first - 1 <= number_at.line <= last + 1
        whole = all(not _WORD_CHAR.search(texts[s.line][: s.start] + texts[s.line][s.end :])
                    for s in spans)
        if not (beside_number or whole):
            continue
        for span in reversed(spans):
            text = texts[span.line]
            rest = " ".join((text[: span.start] + " " + text[span.end :]).split())
            lines[span.line] = rest if _WORD_CHAR.search(rest) else None
        if entry.number not in positions:
            positions[entry.number] = Position(first, trusted=not whole)
        return


def _drop_repeated_side_block(lines: list[str | None], seen_dates: set[str]) -> None:
    """Remove Datum / Onze referentie on a nota's later pages (a date seen before)."""
    texts = [line for line in lines if line]
    pairs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if line and _REPEATED_LABELS.match(line):
            value = next((i for i in range(index + 1, len(lines)) if lines[i]), None)
            if value is not None:
                pairs.append((index, value))
    dates = {lines[v] for i, v in pairs if (lines[i] or "").lower() == "datum"}
    is_first_page = any(_NOTA.match(t) for t in texts)
    if not is_first_page and dates & seen_dates:
        for label, value in pairs:
            lines[label] = lines[value] = None
    seen_dates.update(d for d in dates if d)


def clean_page(raw: list[str], entries: list[RawEntry], seen_dates: set[str]) -> CleanPage:
    """The readable text of one summary page (see the module docstring)."""
    numbers = {entry.number for entry in entries}
    lines, positions = _first_pass(raw, numbers)
    for entry in entries:
        if kind_of(entry.subject) == "freetext":
            _remove_copies(lines, entry, positions)
    _drop_repeated_side_block(lines, seen_dates)
    kept: list[str] = []
    new_index: list[int] = []
    for line in lines:
        new_index.append(len(kept))
        if line:
            kept.append(line)
    last = max(len(kept) - 1, 0)
    moved = {n: Position(min(new_index[p.line], last), p.trusted) for n, p in positions.items()}
    return CleanPage(kept, moved)
