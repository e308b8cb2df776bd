"""A one-line snippet of a hit with the words the query looks for marked.

Matching ignores case and accents the way the index does ("beinvloeding" marks
"beïnvloeding"), and a word marks every indexed word it starts (the last word typed is a
prefix). The marks are :data:`MARK_START` and :data:`MARK_END`, control characters that
cleaned text never holds, so a renderer can style them without reading any markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MARK_START = "\x02"
MARK_END = "\x03"
CONTEXT_WORDS = 5
"""Words kept before the first match."""
MAX_CHARS = 160

_WORD = re.compile(r"\w+", re.UNICODE)


def _folded_with_map(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded (lower case, no accents) and, per folded character, its source index
    (None: the same index, as for ASCII text, where folding is lower-casing)."""
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if not unicodedata.combining(part):
                folded.append(part)
                where.append(index)
    return "".join(folded), where


Looked = tuple[str, bool]
"""A word or phrase looked for, and whether its last word is a prefix."""


def _terms(words: Iterable[Looked]) -> tuple[set[str], set[str]]:
    """The folded tokens looked for: whole words, and prefixes."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    for text, prefix in words:
        tokens = _WORD.findall(_folded_with_map(text)[0])
        if prefix and tokens:
            prefixes.add(tokens.pop())
        whole.update(tokens)
    return whole, prefixes


def _pattern(whole: set[str], prefixes: set[str]) -> re.Pattern[str] | None:
    """One expression for every word looked for: a whole word, or a word a prefix starts."""
    parts = [re.escape(w) for w in sorted(whole, key=len, reverse=True)]
    parts += [re.escape(p) + r"\w*" for p in sorted(prefixes, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b") if parts else None


def marked_spans(text: str, words: Iterable[Looked]) -> list[tuple[int, int]]:
    """``(start, end)`` in ``text`` of every word the query looks for."""
    return _spans(text, _pattern(*_terms(words)))


def _spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    folded, where = _folded_with_map(text)
    if where is None:
        return [m.span() for m in pattern.finditer(folded)]
    return [(where[m.start()], where[m.end() - 1] + 1) for m in pattern.finditer(folded)
            if m.end() > m.start()]


class Snippets:
    """Makes the snippets of one query's hits (the words are folded once)."""

    def __init__(self, words: Iterable[Looked]) -> None:
        """Mark ``words`` (see :meth:`tui.core.search.query.Query.words`)."""
        self.pattern = _pattern(*_terms(words))

    def make(self, texts: Iterable[str]) -> str:
        """A one-line snippet: the first of ``texts`` with a match (else the first non-empty
        one), shortened around the first match, matches marked."""
        first = ""
        for raw in texts:
            if not raw or not raw.strip():
                continue
            text = " ".join(raw.split())
            first = first or text
            spans = _spans(text, self.pattern)
            if spans:
                return _cut_and_mark(text, spans)
        return _shorten(first, 0)


def _cut_and_mark(text: str, spans: list[tuple[int, int]]) -> str:
    start = _window_start(text, spans[0][0])
    shown = _shorten(text, start)
    offset = start - (1 if start > 0 else 0)  # a position in text, minus this, is one in shown
    visible_end = min(len(text), start + MAX_CHARS) - offset
    pieces: list[str] = []
    cursor = 0
    for lo, hi in spans:
        lo, hi = lo - offset, hi - offset
        if lo < cursor or lo < 0 or hi > visible_end:
            continue
        pieces += [shown[cursor:lo], MARK_START, shown[lo:hi], MARK_END]
        cursor = hi
    pieces.append(shown[cursor:])
    return "".join(pieces)


def _window_start(text: str, first: int) -> int:
    """Where to start so that a few words before the first match stay in view."""
    starts = [m.start() for m in _WORD.finditer(text[:first])]
    return starts[-CONTEXT_WORDS] if len(starts) > CONTEXT_WORDS else 0


def _shorten(text: str, start: int) -> str:
    shown = text[start : start + MAX_CHARS]
    if start > 0:
        shown = "…" + shown
    if start + MAX_CHARS < len(text):
        shown += "…"
    return shown
