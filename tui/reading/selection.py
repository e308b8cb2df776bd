"""The keyboard text selection (``v``) over page lines: caret moves, the selected spans, quote.

Pure (no Textual): a :class:`Selection` holds where the selection started and the caret; a
move gives a new one (:func:`move` says where the caret goes), and the range between the two
turns into :class:`~tui.core.model.Span` s and the quoted text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tui.core.model import PageText, Span
from tui.core.text import clean_line

MOVES = ("left", "right", "word", "word_end", "back", "down", "up", "start", "end")
"""What :func:`move` understands."""


@dataclass(frozen=True, slots=True, order=True)
class Caret:
    """A character position: ``col`` on line ``line`` of page ``page``."""

    page: int
    line: int
    col: int


class LineIndex:
    """The document's lines in reading order, for moving between them."""

    def __init__(self, pages: Mapping[int, PageText]) -> None:
        """Index the lines of ``pages`` (page number -> text)."""
        self.pages = pages
        self.keys = [(n, i) for n in sorted(pages) for i in range(len(pages[n].lines))]
        self._order = {key: pos for pos, key in enumerate(self.keys)}

    def text(self, page: int, line: int) -> str:
        """The text of one line."""
        return self.pages[page].lines[line].text

    def neighbour(self, page: int, line: int, step: int) -> tuple[int, int] | None:
        """The line ``step`` lines away (skipping empty lines), or None past either end."""
        pos = self._order.get((page, line))
        if pos is None:
            return None
        pos += step
        while 0 <= pos < len(self.keys):
            if self.text(*self.keys[pos]).strip():
                return self.keys[pos]
            pos += step
        return None


def _last(text: str) -> int:
    return max(0, len(text) - 1)


def _word_forward(index: LineIndex, caret: Caret) -> Caret:
    text = index.text(caret.page, caret.line)
    col = caret.col
    while col < len(text) and not text[col].isspace():
        col += 1
    while col < len(text) and text[col].isspace():
        col += 1
    if col < len(text):
        return Caret(caret.page, caret.line, col)
    nxt = index.neighbour(caret.page, caret.line, 1)
    if nxt is None:
        return Caret(caret.page, caret.line, _last(text))
    first = index.text(*nxt)
    return Caret(*nxt, len(first) - len(first.lstrip()))


def _word_end(index: LineIndex, caret: Caret) -> Caret:
    """The last character of this word, or of the next one when already at a word's end
    (vim's ``e``), continuing on the next line at the end of this one."""
    text = index.text(caret.page, caret.line)
    col = caret.col + 1
    while col < len(text) and text[col].isspace():
        col += 1
    if col >= len(text):
        nxt = index.neighbour(caret.page, caret.line, 1)
        if nxt is None:
            return Caret(caret.page, caret.line, _last(text))
        text, caret = index.text(*nxt), Caret(*nxt, 0)
        col = len(text) - len(text.lstrip())
    while col + 1 < len(text) and not text[col + 1].isspace():
        col += 1
    return Caret(caret.page, caret.line, col)


def _word_back(index: LineIndex, caret: Caret) -> Caret:
    text = index.text(caret.page, caret.line)
    col = caret.col - 1
    while col >= 0 and text[col].isspace():
        col -= 1
    if col < 0:
        prev = index.neighbour(caret.page, caret.line, -1)
        if prev is None:
            return Caret(caret.page, caret.line, 0)
        text, caret = index.text(*prev), Caret(*prev, len(index.text(*prev)))
        col = len(text.rstrip()) - 1
    while col > 0 and not text[col - 1].isspace():
        col -= 1
    return Caret(caret.page, caret.line, max(0, col))


def move(index: LineIndex, caret: Caret, how: str) -> Caret:
    """The caret after one move ``how`` (one of :data:`MOVES`)."""
    text = index.text(caret.page, caret.line)
    if how == "left":
        return Caret(caret.page, caret.line, max(0, caret.col - 1))
    if how == "right":
        return Caret(caret.page, caret.line, min(_last(text), caret.col + 1))
    if how == "start":
        return Caret(caret.page, caret.line, 0)
    if how == "end":
        return Caret(caret.page, caret.line, _last(text))
    if how == "word":
        return _word_forward(index, caret)
    if how == "word_end":
        return _word_end(index, caret)
    if how == "back":
        return _word_back(index, caret)
    step = 1 if how == "down" else -1
    target = index.neighbour(caret.page, caret.line, step)
    if target is None:
        return caret
    return Caret(*target, min(caret.col, _last(index.text(*target))))


def selected_spans(index: LineIndex, a: Caret, b: Caret) -> list[Span]:
    """The spans from ``a`` to ``b`` (either order), both characters included."""
    first, last = min(a, b), max(a, b)
    spans: list[Span] = []
    pos = index.keys.index((first.page, first.line))
    for page, line in index.keys[pos:]:
        text = index.text(page, line)
        start = first.col if (page, line) == (first.page, first.line) else 0
        end = last.col + 1 if (page, line) == (last.page, last.line) else len(text)
        end = min(end, len(text))
        if start < end:
            spans.append(Span(page, line, start, end))
        if (page, line) == (last.page, last.line):
            break
    return spans


def quote_of(index: LineIndex, spans: list[Span]) -> str:
    """The selected text: each line's part stripped, lines joined with a space."""
    parts = [clean_line(index.text(s.page, s.line)[s.start : s.end]).strip() for s in spans]
    return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Selection:
    """A keyboard selection under way: from where it started to the caret, over ``lines``.

    The one state of the selection: the reader changes it by its moves, the page view draws
    :meth:`spans` and the caret, the user's highlight or comment takes :meth:`quote`.
    """

    lines: LineIndex = field(compare=False, hash=False)
    start: Caret
    caret: Caret

    @classmethod
    def begin(cls, lines: LineIndex, at: tuple[int, int]) -> Selection | None:
        """A selection of one character at the first text of line ``at`` (page, line) or of
        the first line below it with text; None when there is no text from there on."""
        key = at
        if key not in lines.keys or not lines.text(*key).strip():
            found = next((k for k in lines.keys if k >= key and lines.text(*k).strip()), None)
            if found is None:
                return None
            key = found
        text = lines.text(*key)
        caret = Caret(*key, len(text) - len(text.lstrip()))
        return cls(lines, caret, caret)

    def moved(self, how: str) -> Selection:
        """The selection with the caret moved ``how`` (one of :data:`MOVES`)."""
        return Selection(self.lines, self.start, move(self.lines, self.caret, how))

    def restarted(self) -> Selection:
        """The selection started again where the caret is (a selection may begin mid-line)."""
        return Selection(self.lines, self.caret, self.caret)

    def spans(self) -> list[Span]:
        """The selected spans, one per line, in reading order."""
        return selected_spans(self.lines, self.start, self.caret)

    def quote(self) -> str:
        """The selected text (lines joined with a space)."""
        return quote_of(self.lines, self.spans())
