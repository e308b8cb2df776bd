"""Cutting text out of a page's lines while the spans that point into them stay right.

A published release prints things into its pages that are not reading text: the number
beside each comment, the words of a FreeText in the margin. Taking them out shifts the
characters after them, and a line that ends up empty goes; every span that points into the
page (a highlight's words, a redaction's placeholder) is moved along.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Annotation, Line, PageText, Span


class PageEdits:
    """Cuts in one page's lines, keeping the spans of ``annotations`` on the same words."""

    def __init__(self, page: PageText, annotations: Iterable[Annotation]) -> None:
        """Edit ``page``; ``annotations`` are those whose spans point into it."""
        self.page = page
        self.annotations = list(annotations)

    def _spans(self) -> list[list[Span]]:
        # Anchors are placed after the page is edited; an anchor may share Span objects
        # with its markup, which must move once.
        return [a.spans for a in self.annotations]

    def cut(self, line: int, start: int, end: int) -> None:
        """Remove ``text[start:end]`` of line ``line`` with the blanks that separated it."""
        text = self.page.lines[line].text
        while end < len(text) and text[end].isspace():
            end += 1
        if end == len(text):
            while start > 0 and text[start - 1].isspace():
                start -= 1
        if start >= end:
            return
        self.page.lines[line].text = text[:start] + text[end:]
        width = end - start
        for spans in self._spans():
            for span in spans:
                if span.line == line:
                    span.start = _moved(span.start, start, end, width)
                    span.end = _moved(span.end, start, end, width)
            spans[:] = [s for s in spans if s.end > s.start]

    def drop_empty_lines(self) -> None:
        """Remove lines left without text; spans on later lines move up."""
        lines = self.page.lines
        new_index: dict[int, int] = {}
        kept: list[Line] = []
        for index, line in enumerate(lines):
            if line.text.strip():
                new_index[index] = len(kept)
                kept.append(line)
        if len(kept) == len(lines):
            return
        self.page.lines = kept
        for spans in self._spans():
            spans[:] = [s for s in spans if s.line in new_index]
            for span in spans:
                span.line = new_index[span.line]


def _moved(offset: int, start: int, end: int, width: int) -> int:
    """Where character offset ``offset`` stands after ``[start, end)`` was cut."""
    if offset <= start:
        return offset
    if offset < end:
        return start
    return offset - width
