"""Where a generated document's text went: lines as drawn, and phrase look-up for annotations."""

from __future__ import annotations

from dataclasses import dataclass, field

from tools.pdfgen.fonts import FontName, char_offsets, winansi_text

Box = tuple[int, float, float, float, float]
"""``(page, x0, y0, x1, y1)``: a 1-based page number and a rectangle on it."""

Colour = tuple[float, float, float]

#: Put this character in drawn text to leave a redacted gap (see :meth:`PdfBuilder.text`).
REDACTED = "\ue000"

#: How far a text box reaches below and above the baseline, as a fraction of the size.
BOX_BELOW = 0.22
BOX_ABOVE = 0.90


@dataclass(slots=True)
class PlacedLine:
    """One line of text as drawn: one ``Tj`` (or ``TJ`` when it has gaps) per line.

    A redacted gap stands in ``text`` as one space whose width is in ``gaps``
    (character index -> width in points).
    """

    page: int
    x: float
    y: float
    """Baseline."""
    text: str
    font: FontName
    size: float
    gaps: dict[int, float] = field(default_factory=dict)

    @property
    def width(self) -> float:
        """Advance width of the whole line in points."""
        return self.offsets()[-1]

    def offsets(self, end: int | None = None) -> list[float]:
        """Left edges of characters ``text[:end]`` relative to ``x``, plus the end."""
        offsets = char_offsets(self.text[:end], self.font, self.size)
        if not self.gaps:
            return offsets
        shifted = [0.0]
        for index in range(len(offsets) - 1):
            advance = self.gaps.get(index, offsets[index + 1] - offsets[index])
            shifted.append(shifted[-1] + advance)
        return shifted

    def span_box(self, start: int, end: int) -> Box:
        """The box over characters ``text[start:end]`` of this line."""
        offsets = self.offsets(end)
        return (
            self.page,
            round(self.x + offsets[start], 3),
            round(self.y - BOX_BELOW * self.size, 3),
            round(self.x + offsets[end], 3),
            round(self.y + BOX_ABOVE * self.size, 3),
        )

    def gap_boxes(self) -> list[Box]:
        """The boxes of the redacted gaps on this line, left to right."""
        return [self.span_box(index, index + 1) for index in sorted(self.gaps)]


@dataclass
class Layout:
    """Where every line was drawn, in drawing order per page."""

    lines: list[PlacedLine] = field(default_factory=list)
    _by_page: dict[int, list[PlacedLine]] = field(default_factory=dict, repr=False)

    def add(self, line: PlacedLine) -> None:
        """Record a drawn line."""
        self.lines.append(line)
        self._by_page.setdefault(line.page, []).append(line)

    def page_lines(self, page: int) -> list[PlacedLine]:
        """The lines drawn on ``page`` (1-based), in drawing order."""
        return list(self._by_page.get(page, []))

    def gaps(self, page: int) -> list[Box]:
        """The redacted gaps on ``page`` in reading order."""
        return [box for line in self._by_page.get(page, []) for box in line.gap_boxes()]

    def find(self, phrase: str, *, page: int | None = None, occurrence: int = 0) -> list[Box]:
        """Boxes (one per line) of the ``occurrence``-th match of ``phrase``.

        The phrase may wrap across lines: lines of a page are joined with one space and
        runs of whitespace in the phrase match one space. Raises ``LookupError`` when the
        phrase is not on the page(s).
        """
        wanted = " ".join(winansi_text(phrase).split())
        pages = [page] if page is not None else sorted(self._by_page)
        seen = 0
        for number in pages:
            lines = self.page_lines(number)
            joined, starts = _join(lines)
            at = joined.find(wanted)
            while at >= 0:
                if seen == occurrence:
                    return _boxes(lines, starts, at, at + len(wanted))
                seen += 1
                at = joined.find(wanted, at + 1)
        raise LookupError(f"phrase not drawn: {phrase!r}")

    def line_box(self, text: str, *, page: int | None = None) -> Box:
        """The box of the first line containing ``text``."""
        for line in self.lines:
            if (page is None or line.page == page) and text in line.text:
                return line.span_box(0, len(line.text))
        raise LookupError(f"no line contains {text!r}")


def _join(lines: list[PlacedLine]) -> tuple[str, list[int]]:
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        parts.append(line.text)
        pos += len(line.text) + 1
    return " ".join(parts), starts


def _boxes(lines: list[PlacedLine], starts: list[int], begin: int, end: int) -> list[Box]:
    boxes: list[Box] = []
    for line, start in zip(lines, starts, strict=True):
        lo = max(begin, start) - start
        hi = min(end, start + len(line.text)) - start
        # Skip the joining space and blanks at the edges: the quad covers visible text only.
        while lo < hi and line.text[lo] == " ":
            lo += 1
        while hi > lo and line.text[hi - 1] == " ":
            hi -= 1
        if lo < hi:
            boxes.append(line.span_box(lo, hi))
    return boxes


def union(boxes: list[Box]) -> tuple[float, float, float, float]:
    """The rectangle around all ``boxes`` (their page numbers are ignored)."""
    return (
        min(b[1] for b in boxes),
        min(b[2] for b in boxes),
        max(b[3] for b in boxes),
        max(b[4] for b in boxes),
    )


def quad(box: Box) -> tuple[float, float, float, float, float, float, float, float]:
    """The /QuadPoints entry Acrobat writes for a box: top-left, top-right, bottom-left,
    bottom-right."""
    _, x0, y0, x1, y1 = box
    return (x0, y1, x1, y1, x0, y0, x1, y0)
