"""Finding a phrase in a document's pages the way a reader types it.

A PDF breaks its text into lines wherever the layout wants, so a phrase the user looks
for often runs onto the next line, sometimes with the word itself split by a hyphen
("infor-" / "matie"). The find therefore works on one text per page (its lines joined by
line breaks) and matches the query loosely: case-insensitive, any run of whitespace in
the query matches any whitespace including a line break, a line-end hyphen may split any
word, and accents are optional when the query has none ("beinvloeding" finds
"beïnvloeding"). Each match comes back as spans, one per line it touches.

The folded pages (lower case, accents stripped or kept) are joined into one text, built
once and kept, with a map from each folded character back to its place in the page where
one is needed, so that a query over a thousand pages is one regular-expression scan. A
long document is scanned in steps that tell how far they are and can be stopped, and the
matches come back compactly (:mod:`tui.core.search.found`): a find over a 10,000-page
document with 110,000 matches takes about 1 MB beside the folded text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate

from tui.core.model import PageText, Span
from tui.core.search.found import MAX_KEPT, Found, Match

__all__ = ["MAX_KEPT", "Found", "Match", "SearchIndex", "find_in_pages", "query_pattern",
           "text_contains"]

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
    folds to a segment of its own (possibly empty or longer than one character). The map is
    kept in arrays (9 bytes a segment), as a page of such characters has one for each.
    """

    text: str
    starts: array[int] = field(default_factory=lambda: array("I"))
    """Where each segment starts in the folded text."""
    origins: array[int] = field(default_factory=lambda: array("I"))
    """Where each segment starts in the original text."""
    runs: bytearray = field(default_factory=bytearray)
    """1 for a one-to-one ASCII run, 0 for one folded character."""

    @property
    def one_to_one(self) -> bool:
        """True when every folded character stands where it stood in the original."""
        return len(self.runs) == 1 and self.runs[0] == 1 and self.origins[0] == 0

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
    return _Folded(lowered, array("I", [0]), array("I", [0]), bytearray([1]))


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
            folded.runs.append(1)
            parts.append(text[done:at].lower())
            length += at - done
        piece = _fold_char(hit.group(), strip_accents)
        folded.starts.append(length)
        folded.origins.append(at)
        folded.runs.append(0)
        parts.append(piece)
        length += len(piece)
        done = at + 1
    folded.starts.append(length)
    folded.origins.append(done)
    folded.runs.append(1)
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


Progress = Callable[[int, int], None]
"""Told ``(done, total)`` steps of a find as it goes."""
Cancelled = Callable[[], bool]
"""Asked between steps: True stops the find (it then returns None)."""

LINE_STARTS_KEPT = 64
"""Pages whose line starts are kept (the pages whose matches were asked for last)."""

PAGES_PER_STEP = 200
"""Pages a find prepares or scans between two looks at ``cancelled`` and ``progress`` (a
few milliseconds of work: a newer query stops an older one at once)."""


def _never() -> bool:
    return False


def _ignore(done: int, total: int) -> None:
    pass


@dataclass(slots=True)
class _Joined:
    """Every folded page in one text, for one way of folding (accents stripped or kept)."""

    strip: bool
    text: str
    starts: list[int]
    """Where each page starts in :attr:`text`."""
    numbers: list[int]
    """The page number of each page, in order."""


class SearchIndex:
    """The pages of a document prepared for repeated finds.

    Pages are given as ``(page number, line texts)``. The first find folds them all into
    one text, kept for the next query; a query folded the other way (with accents where the
    last had none) folds them again, so only one folded copy of the document is kept. Of
    each page only the way back from folded offsets to the page's is kept, and only for a
    page where some character folds to none or to several (others map one to one).
    """

    def __init__(self, pages: Iterable[tuple[int, Sequence[str]]] = ()) -> None:
        """Index ``pages`` (in reading order)."""
        self._lines: dict[int, tuple[str, ...]] = {}
        self._maps: dict[tuple[int, bool], _Folded] = {}
        self._joined: _Joined | None = None
        self._starts: dict[int, list[int]] = {}
        for number, lines in pages:
            self.add(number, lines)

    def add(self, number: int, lines: Sequence[str]) -> None:
        """Index page ``number`` with the texts of its lines (before the first find)."""
        self._lines[number] = tuple(lines)

    @property
    def pages(self) -> int:
        """How many pages are indexed."""
        return len(self._lines)

    def find(self, query: str) -> list[list[Span]]:
        """Every match of ``query``, in reading order, each as its spans (one per line)."""
        found = self.scan(query)
        return [list(match.spans) for match in found] if found is not None else []

    def scan(self, query: str, progress: Progress = _ignore,
             cancelled: Cancelled = _never) -> Found | None:
        """The matches of ``query`` in reading order (None when ``cancelled`` stopped it).

        Works in steps of :data:`PAGES_PER_STEP` pages, telling ``progress`` each time; the
        pages are folded first when the last query did not fold them the same way.
        """
        pattern = query_pattern(query)
        if pattern is None:
            return Found([], [], partial(self._spans, True))
        strip = not _has_accents(query)
        steps = math.ceil(self.pages / PAGES_PER_STEP)
        joined = self._joined
        folding = joined is None or joined.strip != strip
        total = steps * (2 if folding else 1)
        if folding:
            joined = self._join(strip, progress, cancelled, total)
        if joined is None:
            return None
        found = Found(joined.starts, joined.numbers, partial(self._spans, strip))
        text, starts, ends = joined.text, found.starts, found.ends
        count = kept = 0
        for step in range(steps):
            if cancelled():
                return None
            progress(total - steps + step, total)
            first = step * PAGES_PER_STEP
            last = first + PAGES_PER_STEP
            # A match never runs over a page break, so a step scans whole pages on its own.
            end = joined.starts[last] if last < len(joined.starts) else len(text)
            for hit in pattern.finditer(text, joined.starts[first], end):
                count += 1
                if kept < MAX_KEPT:
                    at, to = hit.span()
                    starts.append(at)
                    ends.append(to)
                    kept += 1
        found.total = count
        progress(total, total)
        return found

    def _join(self, strip: bool, progress: Progress, cancelled: Cancelled,
              total: int) -> _Joined | None:
        """Fold every page (dropping the other way's folded text first)."""
        self._joined = None
        numbers = sorted(self._lines)
        starts: list[int] = []
        parts: list[str] = []
        at = 0
        for index, number in enumerate(numbers):
            if index % PAGES_PER_STEP == 0:
                if cancelled():
                    return None
                progress(index // PAGES_PER_STEP, total)
            starts.append(at)
            folded = _fold("\n".join(self._lines[number]), strip)
            if not folded.one_to_one:
                self._maps[(number, strip)] = _Folded("", folded.starts, folded.origins,
                                                     folded.runs)
            parts.append(folded.text)
            at += len(folded.text) + len(_PAGE_BREAK)
        self._joined = _Joined(strip, _PAGE_BREAK.join(parts), starts, numbers)
        return self._joined

    def _spans(self, strip: bool, number: int, start: int, end: int) -> list[Span]:
        """Spans on page ``number`` covering folded characters ``start`` .. ``end - 1``."""
        folded = self._maps.get((number, strip))
        first = folded.original(start) if folded else start
        last = (folded.original(end - 1) if folded else end - 1) + 1
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
        """Where each line of page ``number`` starts in its joined text (kept for the last
        pages asked: the matches drawn are on a few pages)."""
        starts = self._starts.get(number)
        if starts is None:
            if len(self._starts) >= LINE_STARTS_KEPT:
                self._starts.clear()
            starts = [0, *accumulate(len(text) + 1 for text in self._lines[number])][:-1]
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
