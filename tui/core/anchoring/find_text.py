"""Locating a passage (a highlight's quote, a comment's words) in a page's text.

Quotes come from other tools (a comment summary, a PDF's markup) and rarely match the page
text character for character: line breaks fall elsewhere, spaces are doubled or lost
("vandiscriminatie"), the case differs ("hiervoor" / "Hiervoor"), and a word at either end
may be missing or replaced by a stray comment number. The search therefore compares the
texts with all whitespace removed, first exactly, then ignoring case, then with up to two
words dropped from either end of the quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.model import Span

# Typographic variants that should compare equal.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_MAX_DROPPED_WORDS = 2
_MIN_CORE_CHARS = 8


@dataclass(slots=True)
class _Stream:
    """Page text without whitespace, with each character's (line, offset) in the page."""

    chars: str
    where: list[tuple[int, int]]


def _stream(lines: Sequence[str], first_line: int) -> _Stream:
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    for index in range(first_line, len(lines)):
        for offset, char in enumerate(lines[index].translate(_FOLD)):
            if not char.isspace():
                chars.append(char)
                where.append((index, offset))
    return _Stream("".join(chars), where)


def _compact(text: str) -> str:
    return "".join(text.translate(_FOLD).split())


def _spans(stream: _Stream, start: int, end: int, page: int) -> list[Span]:
    """Spans (one per line) covering stream characters ``start`` .. ``end - 1``."""
    spans: list[Span] = []
    for line, offset in stream.where[start:end]:
        if spans and spans[-1].line == line:
            spans[-1].end = offset + 1
        else:
            spans.append(Span(page=page, line=line, start=offset, end=offset + 1))
    return spans


def _search(stream: _Stream, needle: str) -> int:
    """Position of ``needle`` in the stream: exact first, then case-insensitive."""
    found = stream.chars.find(needle)
    if found < 0:
        found = stream.chars.casefold().find(needle.casefold())
    return found


def find_text(
    lines: Sequence[str], quote: str, *, page: int = 1, first_line: int = 0
) -> list[Span] | None:
    """Where ``quote`` stands in ``lines`` (one page's line texts), as spans per line.

    Tolerates line breaks and whitespace differences, case differences, and up to two
    missing or changed words at either end of the quote (then the spans cover the part
    that was found). Returns None when the quote is not on the page.
    """
    words = quote.split()
    if not words:
        return None
    stream = _stream(lines, first_line)
    # Case folding keeps the length of ordinary (Latin) text, so positions found in the
    # folded stream are valid in the original one; guard anyway.
    if len(stream.chars.casefold()) != len(stream.chars):
        stream = _Stream(stream.chars.casefold(), stream.where)
    for drop_start in range(min(_MAX_DROPPED_WORDS, len(words) - 1) + 1):
        for drop_end in range(min(_MAX_DROPPED_WORDS, len(words) - 1 - drop_start) + 1):
            core = _compact(" ".join(words[drop_start : len(words) - drop_end]))
            if (drop_start or drop_end) and len(core) < _MIN_CORE_CHARS:
                continue
            found = _search(stream, core)
            if found >= 0:
                end = found + len(core)
                # Keep what still matches of the dropped words ("Zweden)" -> "Zweden").
                for char in _compact(" ".join(words[len(words) - drop_end :])).casefold():
                    if end >= len(stream.chars) or stream.chars[end].casefold() != char:
                        break
                    end += 1
                return _spans(stream, found, end, page)
    return None


def find_all_text(lines: Sequence[str], quote: str, *, page: int = 1) -> list[list[Span]]:
    """Every place where the whole of ``quote`` stands in ``lines`` (whitespace-tolerant).

    Case-sensitive matches come first, then the other case-insensitive ones; matches do
    not overlap.
    """
    needle = _compact(quote)
    if not needle:
        return []
    stream = _stream(lines, 0)
    found: list[int] = []
    for haystack, key in ((stream.chars, needle), (stream.chars.casefold(), needle.casefold())):
        if len(haystack) != len(stream.chars):
            continue
        at = haystack.find(key)
        while at >= 0:
            if all(abs(at - other) >= len(key) for other in found):
                found.append(at)
            at = haystack.find(key, at + 1)
    return [_spans(stream, at, at + len(needle), page) for at in found]


def span_text(lines: Sequence[str], spans: Sequence[Span]) -> str:
    """The text the spans cover, lines joined with a space."""
    return " ".join(lines[s.line][s.start : s.end] for s in spans)
