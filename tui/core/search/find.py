"""Finding a phrase in a document's pages the way a reader types it.

A PDF breaks its text into lines wherever the layout wants, so a phrase the user looks
for often runs onto the next line, sometimes with the word itself split by a hyphen
("infor-" / "matie"). The find therefore works on one text per page (its lines joined by
line breaks) and matches the query loosely: case-insensitive, any run of whitespace in
the query matches any whitespace including a line break, a line-end hyphen may split any
word, and accents are optional when the query has none ("beinvloeding" finds
"beïnvloeding"). Each match comes back as spans, one per line it touches.

The folded page texts (lower case, accents stripped or kept) are built once per page and
kept, with a map from each folded character back to its place in the page, so that a
query over a thousand pages is one regular-expression scan.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tui.core.model import PageText, Span

# Typographic variants that should compare equal (as in tui.core.anchoring.find_text).
_TYPOGRAPHIC = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PAGE_BREAK = "\x00"
"""Between pages in the joined text; a query never contains it, so no match spans pages."""
_HYPHEN_BREAK = r"(?:-[^\S\n]*\n\s*)?"
"""A word split at a line end: the hyphen, the break and the next line's indent."""


@lru_cache(maxsize=4096)
def _fold_char(char: str, strip_accents: bool) -> str:
    """One non-ASCII character as compared: typographic variants unified, lower case, NFD."""
    char = _TYPOGRAPHIC.get(char, char)
    decomposed = unicodedata.normalize("NFD", char.casefold())
    if strip_accents:
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return decomposed


@dataclass(slots=True)
class _Folded:
    """A folded text and the way back from its positions to the original's.

    The folded text is cut into segments: ASCII runs map one to one, a non-ASCII character
    folds to a segment of its own (possibly empty or longer than one character).
    """

    text: str
    starts: list[int] = field(default_factory=list)
    """Where each segment starts in the folded text."""
    origins: list[int] = field(default_factory=list)
    """Where each segment starts in the original text."""
    runs: list[bool] = field(default_factory=list)
    """True for a one-to-one ASCII run, False for one folded character."""

    def original(self, position: int) -> int:
        """The original offset of folded character ``position``."""
        index = bisect_right(self.starts, position) - 1
        if self.runs[index]:
            return self.origins[index] + position - self.starts[index]
        return self.origins[index]


def _fold(text: str, strip_accents: bool) -> _Folded:
    """``text`` folded for comparison, with the offset map back (see :class:`_Folded`)."""
    lowered = text.lower()
    folds = {c: _fold_char(c, strip_accents) for c in set(lowered) if not c.isascii()}
    if len(lowered) != len(text) or any(len(piece) != 1 for piece in folds.values()):
        return _fold_by_segments(text, strip_accents)
    # Usual case: every character folds to exactly one, so offsets stay as they are.
    # A few str.replace calls are much faster than str.translate with a dict.
    for char, piece in folds.items():
        if piece != char:
            lowered = lowered.replace(char, piece)
    return _Folded(lowered, [0], [0], [True])


def _fold_by_segments(text: str, strip_accents: bool) -> _Folded:
    """:func:`_fold` for text where some character folds to none or to several."""
    parts: list[str] = []
    folded = _Folded("")
    length = 0
    done = 0
    for hit in _NON_ASCII.finditer(text):
        at = hit.start()
        if at > done:
            folded.starts.append(length)
            folded.origins.append(done)
            folded.runs.append(True)
            parts.append(text[done:at].lower())
            length += at - done
        piece = _fold_char(hit.group(), strip_accents)
        folded.starts.append(length)
        folded.origins.append(at)
        folded.runs.append(False)
        parts.append(piece)
        length += len(piece)
        done = at + 1
    folded.starts.append(length)
    folded.origins.append(done)
    folded.runs.append(True)
    parts.append(text[done:].lower())
    folded.text = "".join(parts)
    return folded


def _has_accents(query: str) -> bool:
    decomposed = unicodedata.normalize("NFD", query)
    return any(unicodedata.combining(c) for c in decomposed)


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The regular expression a (folded) query becomes; None when there is nothing to find."""
    words = _CONTROL.sub(" ", query).split()
    if not words:
        return None
    strip = not _has_accents(query)
    parts: list[str] = []
    for word in words:
        chars = list(_fold(word, strip).text)
        pieces = []
        for index, char in enumerate(chars):
            pieces.append(re.escape(char))
            if index + 1 < len(chars):
                # A hyphen the user typed may itself fall at the line end.
                pieces.append(r"(?:\n\s*)?" if char == "-" else _HYPHEN_BREAK)
        parts.append("".join(pieces))
    return re.compile(r"\s+".join(parts))


@dataclass(frozen=True, slots=True)
class Match:
    """One find result: the text it covers, one span per line (a phrase may wrap)."""

    spans: tuple[Span, ...]

    @property
    def page(self) -> int:
        """The page the match starts on."""
        return self.spans[0].page

    @property
    def line(self) -> int:
        """The line the match starts on."""
        return self.spans[0].line

    @property
    def start(self) -> int:
        """Where the match starts on its first line."""
        return self.spans[0].start


class SearchIndex:
    """The pages of a document prepared for repeated finds.

    Pages are given as ``(page number, line texts)``; each is folded once, when first
    searched, and kept for the next query.
    """

    def __init__(self, pages: Iterable[tuple[int, Sequence[str]]] = ()) -> None:
        """Index ``pages`` (in reading order)."""
        self._lines: dict[int, tuple[str, ...]] = {
            number: tuple(lines) for number, lines in pages
        }
        self._folded: dict[tuple[int, bool], _Folded] = {}
        self._joined: dict[bool, tuple[str, list[int], list[int]]] = {}
        self._starts: dict[int, list[int]] = {}

    def find(self, query: str) -> list[list[Span]]:
        """Every match of ``query``, in reading order, each as its spans (one per line)."""
        pattern = query_pattern(query)
        if pattern is None:
            return []
        strip = not _has_accents(query)
        text, page_starts, numbers = self._joined_text(strip)
        found: list[list[Span]] = []
        for hit in pattern.finditer(text):
            index = bisect_right(page_starts, hit.start()) - 1
            base = page_starts[index]
            spans = self._spans(numbers[index], strip, hit.start() - base, hit.end() - base)
            if spans:
                found.append(spans)
        return found

    def _joined_text(self, strip: bool) -> tuple[str, list[int], list[int]]:
        """All folded pages in one text, with where each page starts and its number."""
        joined = self._joined.get(strip)
        if joined is None:
            numbers = sorted(self._lines)
            starts: list[int] = []
            parts: list[str] = []
            at = 0
            for number in numbers:
                starts.append(at)
                part = self._page(number, strip).text
                parts.append(part)
                at += len(part) + len(_PAGE_BREAK)
            joined = (_PAGE_BREAK.join(parts), starts, numbers)
            self._joined[strip] = joined
        return joined

    def _page(self, number: int, strip: bool) -> _Folded:
        folded = self._folded.get((number, strip))
        if folded is None:
            folded = _fold("\n".join(self._lines[number]), strip)
            self._folded[(number, strip)] = folded
        return folded

    def _spans(self, number: int, strip: bool, start: int, end: int) -> list[Span]:
        """Spans on page ``number`` covering folded characters ``start`` .. ``end - 1``."""
        folded = self._page(number, strip)
        first, last = folded.original(start), folded.original(end - 1) + 1
        lines = self._lines[number]
        starts = self._line_starts(number)
        spans: list[Span] = []
        line = bisect_right(starts, first) - 1
        while line < len(lines) and starts[line] < last:
            offset = starts[line]
            lo, hi = max(first, offset), min(last, offset + len(lines[line]))
            if lo < hi:
                spans.append(Span(page=number, line=line, start=lo - offset, end=hi - offset))
            line += 1
        return spans

    def _line_starts(self, number: int) -> list[int]:
        """Where each line of page ``number`` starts in its joined text."""
        starts = self._starts.get(number)
        if starts is None:
            starts, at = [], 0
            for text in self._lines[number]:
                starts.append(at)
                at += len(text) + 1
            self._starts[number] = starts
        return starts


def find_in_pages(pages: Sequence[PageText], query: str) -> list[list[Span]]:
    """Every match of ``query`` in ``pages``, in reading order, as spans (one per line).

    Case-insensitive; whitespace matches any whitespace including a line break; a word may
    be split by a hyphen at a line end; accents are optional when the query has none.
    For repeated finds over the same pages keep a :class:`SearchIndex` instead.
    """
    return SearchIndex((p.number, [line.text for line in p.lines]) for p in pages).find(query)


def text_contains(text: str, query: str) -> bool:
    """True when ``query`` occurs in ``text`` the way the find matches it (case, accents,
    spacing): for the short texts beside the page, such as comments, tags and notes."""
    pattern = query_pattern(query)
    return bool(pattern and pattern.search(_fold(text, not _has_accents(query)).text))
