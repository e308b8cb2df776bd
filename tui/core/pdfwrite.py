"""A minimal, deterministic PDF writer: positioned text and real annotations.

Used for the bundled sample release, the test fixtures and the benchmarks. It draws text
in the standard Helvetica fonts (WinAnsiEncoding, with an explicit /Widths array) and
remembers where every character went, so annotations can be placed exactly over a phrase::

    doc = PdfDocument(title="Voorbeeld")
    page = doc.new_page()
    doc.paragraph(page, "Hiervoor zijn al aanwijzingen.", x=70, y=760, width=330)
    boxes = doc.layout.find("al aanwijzingen")
    doc.annotate(PdfAnnot("Highlight", page, boxes=boxes, author="Nobel, J.N.J."))
    doc.write("out.pdf")

The same input always gives the same bytes: there are no timestamps and the file /ID is a
hash of the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tui.core.pdfwrite_fonts import (
    FIRST_CHAR,
    FONT_RESOURCES,
    LAST_CHAR,
    FontName,
    char_offsets,
    encode_winansi,
    text_width,
    widths_array,
    winansi_text,
)

PAGE_WIDTH = 595.0
PAGE_HEIGHT = 842.0

Box = tuple[int, float, float, float, float]
"""``(page, x0, y0, x1, y1)``: a 1-based page number and a rectangle on it."""

Colour = tuple[float, float, float]

#: Put this character in drawn text to leave a redacted gap (see :meth:`PdfDocument.text`).
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


def pdf_date(value: str | datetime | None) -> str | None:
    """A PDF date string, Dutch local time with its UTC offset.

    Accepts a datetime or Acrobat's summary form ``"7-2-2025 12:48:35"``;
    ``"Onbepaald"``, empty or None give None (no date).
    """
    if value is None or (isinstance(value, str) and value.strip() in ("", "Onbepaald")):
        return None
    when = value if isinstance(value, datetime) else _parse_dutch(value)
    hours = 2 if _summer_time(when) else 1
    return when.strftime("D:%Y%m%d%H%M%S") + f"+{hours:02d}'00'"


def _parse_dutch(text: str) -> datetime:
    for form in ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), form)
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def _summer_time(when: datetime) -> bool:
    """Central European Summer Time: last Sunday of March to last Sunday of October."""

    def last_sunday(month: int) -> datetime:
        day = datetime(when.year, month + 1, 1) - timedelta(days=1)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    start = last_sunday(3).replace(hour=2)
    end = last_sunday(10).replace(hour=3)
    return start <= when < end


@dataclass
class PdfAnnot:
    """One annotation to write.

    ``boxes`` (from :meth:`Layout.find`) give /QuadPoints for markup and redactions and
    default the /Rect to their union. ``reply_to`` names the /NM of the annotation this
    one answers (written as /IRT); ``reply_type`` ``"Group"`` writes /RT /Group.
    """

    subtype: str
    page: int
    rect: tuple[float, float, float, float] | None = None
    boxes: list[Box] = field(default_factory=list)
    contents: str | None = None
    author: str | None = None
    subject: str | None = None
    date: str | datetime | None = None
    color: Colour | None = None
    name: str | None = None
    """/NM; given a stable default from its position in the document when None."""
    icon: str | None = None
    """/Name of a sticky note (``Comment``, ``Note``, ...)."""
    popup: bool = False
    reply_to: str | None = None
    reply_type: str | None = None
    overlay_text: str | None = None
    ink: list[list[tuple[float, float]]] = field(default_factory=list)
    default_appearance: str = "0 0 0 rg /Helv 9 Tf"
    intent: str | None = None
    """/IT, e.g. ``FreeTextTypewriter`` for Acrobat's "Add text" tool."""
    interior: Colour | None = None


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)
    annots: list[PdfAnnot] = field(default_factory=list)
    font: tuple[str, float] | None = None


class PdfDocument:
    """A document being built page by page; call :meth:`write` (or :meth:`to_bytes`) last."""

    def __init__(
        self,
        *,
        title: str | None = None,
        producer: str = "kantlijn pdfwrite",
        author: str | None = None,
        compress: bool = True,
    ) -> None:
        self.title = title
        self.producer = producer
        self.author = author
        self.compress = compress
        self.layout = Layout()
        self.outlines: list[tuple[str, int]] = []
        self._pages: list[_Page] = []

    @property
    def page_count(self) -> int:
        """How many pages the document has so far."""
        return len(self._pages)

    def new_page(self) -> int:
        """Add an empty A4 page; returns its 1-based number."""
        self._pages.append(_Page())
        return len(self._pages)

    def text(
        self,
        page: int,
        x: float,
        y: float,
        text: str,
        *,
        font: FontName = "Helvetica",
        size: float = 10.0,
        gap: float = 40.0,
    ) -> PlacedLine:
        """Draw one line with its baseline at ``(x, y)``; returns where it went.

        Each :data:`REDACTED` character in ``text`` leaves a blank ``gap`` points wide (the
        content stream then has one ``TJ`` with a spacing number there).
        """
        parts = [winansi_text(part) for part in text.split(REDACTED)]
        target = self._pages[page - 1]
        if target.font != (font, size):
            target.ops.append(f"/{FONT_RESOURCES[font]} {pdf_number(size)} Tf".encode())
            target.font = (font, size)
        position = f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm ".encode()
        if len(parts) == 1:
            target.ops.append(position + _literal(encode_winansi(parts[0])) + b" Tj")
            placed = PlacedLine(page, x, y, parts[0], font, size)
        else:
            shift = f" {pdf_number(-gap * 1000.0 / size)} ".encode()
            runs = shift.join(_literal(encode_winansi(part)) for part in parts)
            target.ops.append(position + b"[" + runs + b"] TJ")
            gaps: dict[int, float] = {}
            at = 0
            for part in parts[:-1]:
                at += len(part)
                gaps[at] = gap
                at += 1
            placed = PlacedLine(page, x, y, " ".join(parts), font, size, gaps)
        self.layout.add(placed)
        return placed

    def paragraph(
        self,
        page: int,
        text: str,
        *,
        x: float,
        y: float,
        width: float,
        font: FontName = "Helvetica",
        size: float = 10.0,
        leading: float | None = None,
        indent: float = 0.0,
        gap: float = 40.0,
    ) -> tuple[list[PlacedLine], float]:
        """Word-wrap ``text`` into ``width`` starting with a baseline at ``y``.

        Lines after the first start ``indent`` points further right (a hanging indent for
        list items). Returns the lines drawn and the baseline for the next line.
        """
        step = leading if leading is not None else size * 1.3
        placed: list[PlacedLine] = []
        lines = wrap(text, width, font, size, indent=indent, gap=gap)
        for number, line in enumerate(lines):
            placed.append(
                self.text(
                    page, x + (indent if number else 0.0), y, line, font=font, size=size, gap=gap
                )
            )
            y -= step
        return placed, y

    def fill_box(
        self, page: int, rect: tuple[float, float, float, float], colour: Colour = (0.0, 0.0, 0.0)
    ) -> None:
        """Paint a filled rectangle (e.g. the black box of an applied redaction)."""
        x0, y0, x1, y1 = rect
        r, g, b = colour
        target = self._pages[page - 1]
        # Painting happens outside the text object; it is closed and reopened around it.
        numbers = " ".join(pdf_number(v) for v in (r, g, b))
        box = " ".join(pdf_number(v) for v in (x0, y0, x1 - x0, y1 - y0))
        target.ops.append(f"ET q {numbers} rg {box} re f Q BT".encode())
        target.font = None

    def annotate(self, annot: PdfAnnot) -> str:
        """Add an annotation to its page; returns its /NM."""
        target = self._pages[annot.page - 1]
        if annot.name is None:
            annot.name = f"kantlijn-{annot.page:04d}-{len(target.annots) + 1:03d}"
        target.annots.append(annot)
        return annot.name

    def outline(self, title: str, page: int) -> None:
        """Add a top-level bookmark to ``page``."""
        self.outlines.append((title, page))

    def to_bytes(self) -> bytes:
        """The finished PDF file."""
        from tui.core.pdfwrite_serial import serialise

        return serialise(self)

    def write(self, path: str | Path) -> Path:
        """Write the PDF to ``path``; returns the path."""
        target = Path(path)
        target.write_bytes(self.to_bytes())
        return target

    def page_ops(self, page: int) -> list[bytes]:
        """The content operators drawn on ``page`` so far (for the serialiser)."""
        return self._pages[page - 1].ops

    def page_annots(self, page: int) -> list[PdfAnnot]:
        """The annotations on ``page`` (for the serialiser)."""
        return self._pages[page - 1].annots


def wrap(
    text: str,
    width: float,
    font: FontName = "Helvetica",
    size: float = 10.0,
    *,
    indent: float = 0.0,
    gap: float = 40.0,
) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` points.

    Lines after the first get ``width - indent``. A word longer than a line stands alone.
    :data:`REDACTED` characters are kept and count ``gap`` points each.
    """
    words = [REDACTED.join(winansi_text(p) for p in w.split(REDACTED)) for w in text.split()]
    lines: list[str] = []
    current = ""
    for word in words:
        limit = width - (indent if lines else 0.0)
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate, font, size, gap=gap) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def measure(
    text: str, font: FontName = "Helvetica", size: float = 10.0, *, gap: float = 40.0
) -> float:
    """Advance width in points of ``text`` as :meth:`PdfDocument.text` would draw it."""
    parts = text.split(REDACTED)
    return sum(text_width(winansi_text(p), font, size) for p in parts) + gap * (len(parts) - 1)


_ESCAPES = {
    ord("("): b"\\(",
    ord(")"): b"\\)",
    ord("\\"): b"\\\\",
    ord("\r"): b"\\r",
    ord("\n"): b"\\n",
}


_NEEDS_ESCAPE = re.compile(rb"[()\\\r\n]")


def _literal(data: bytes) -> bytes:
    if not _NEEDS_ESCAPE.search(data):
        return b"(" + data + b")"
    return b"(" + b"".join(_ESCAPES.get(c, bytes([c])) for c in data) + b")"


_NUMBER = re.compile(r"\.?0+$")


def pdf_number(value: float) -> str:
    """A compact, deterministic number: at most 3 decimals, no trailing zeros."""
    if abs(value) < 0.0005:
        return "0"
    text = f"{value:.3f}"
    return _NUMBER.sub("", text)


__all__ = [
    "FIRST_CHAR",
    "LAST_CHAR",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "REDACTED",
    "Box",
    "Layout",
    "PdfAnnot",
    "PdfDocument",
    "PlacedLine",
    "measure",
    "pdf_date",
    "pdf_number",
    "quad",
    "union",
    "widths_array",
    "wrap",
]
