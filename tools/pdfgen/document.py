"""A minimal, deterministic PDF writer: positioned text and real annotations.

Used for the bundled sample release, the test fixtures and the benchmarks. It draws text
in the standard Helvetica fonts (WinAnsiEncoding, with an explicit /Widths array) and
remembers where every character went, so annotations can be placed exactly over a phrase::

    doc = PdfBuilder(title="Voorbeeld")
    page = doc.new_page()
    doc.paragraph(page, "Hiervoor zijn al aanwijzingen.", x=70, y=760, width=330)
    boxes = doc.layout.find("al aanwijzingen")
    doc.annotate(PdfAnnot("Highlight", page, boxes=boxes, author="Nobel, J.N.J."))
    doc.write("out.pdf")

The same input always gives the same bytes: there are no timestamps and the file /ID is a
hash of the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.pdfgen.annotation import PdfAnnot
from tools.pdfgen.dates import pdf_date
from tools.pdfgen.fonts import (
    FIRST_CHAR,
    FONT_RESOURCES,
    LAST_CHAR,
    FontName,
    encode_winansi,
    text_width,
    widths_array,
    winansi_text,
)
from tools.pdfgen.layout import (
    REDACTED,
    Box,
    Colour,
    Layout,
    PlacedLine,
    quad,
    union,
)
from tools.pdfgen.serial import serialise
from tools.pdfgen.syntax import literal, pdf_number

PAGE_WIDTH = 595.0
PAGE_HEIGHT = 842.0


@dataclass
class _Page:
    ops: list[bytes] = field(default_factory=list)
    annots: list[PdfAnnot] = field(default_factory=list)
    font: tuple[str, float] | None = None


class PdfBuilder:
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
        colour: Colour | None = None,
        record: bool = True,
    ) -> PlacedLine:
        """Draw one line with its baseline at ``(x, y)``; returns where it went.

        Each :data:`REDACTED` character in ``text`` leaves a blank ``gap`` points wide (the
        content stream then has one ``TJ`` with a spacing number there). ``colour`` draws it
        in that fill colour (black otherwise); ``record=False`` keeps it out of
        :attr:`layout`, for marks printed over the page (numbers, labels) that phrase
        look-ups must not find.
        """
        parts = [winansi_text(part) for part in text.split(REDACTED)]
        target = self._pages[page - 1]
        if target.font != (font, size):
            target.ops.append(f"/{FONT_RESOURCES[font]} {pdf_number(size)} Tf".encode())
            target.font = (font, size)
        position = f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm ".encode()
        if colour is not None:
            position = _fill_colour(colour) + b" " + position
        if len(parts) == 1:
            shown = position + literal(encode_winansi(parts[0])) + b" Tj"
            target.ops.append(shown + (b" 0 g" if colour is not None else b""))
            placed = PlacedLine(page, x, y, parts[0], font, size)
        else:
            shift = f" {pdf_number(-gap * 1000.0 / size)} ".encode()
            runs = shift.join(literal(encode_winansi(part)) for part in parts)
            target.ops.append(position + b"[" + runs + b"] TJ")
            gaps: dict[int, float] = {}
            at = 0
            for part in parts[:-1]:
                at += len(part)
                gaps[at] = gap
                at += 1
            placed = PlacedLine(page, x, y, " ".join(parts), font, size, gaps)
            if colour is not None:
                target.ops[-1] += b" 0 g"
        if record:
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
        self,
        page: int,
        rect: tuple[float, float, float, float],
        colour: Colour = (0.0, 0.0, 0.0),
        *,
        behind: bool = False,
    ) -> None:
        """Paint a filled rectangle (e.g. the black box of an applied redaction).

        ``behind`` paints it before everything drawn on the page so far, as a flattened
        highlight lies under its words.
        """
        target = self._pages[page - 1]
        # Painting happens outside the text object; it is closed and reopened around it.
        op = b"ET q " + _fill_colour(colour) + b" " + _rect_operands(rect) + b" re f Q BT"
        if behind:
            target.ops.insert(0, op)
        else:
            target.ops.append(op)
            target.font = None

    def stroke_box(
        self, page: int, rect: tuple[float, float, float, float], colour: Colour, width: float = 1
    ) -> None:
        """Draw the outline of a rectangle (e.g. a flattened sticky note's icon)."""
        r, g, b = (pdf_number(v) for v in colour)
        op = f"ET q {r} {g} {b} RG {pdf_number(width)} w ".encode()
        self._pages[page - 1].ops.append(op + _rect_operands(rect) + b" re S Q BT")
        self._pages[page - 1].font = None

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


def _fill_colour(colour: Colour) -> bytes:
    return (" ".join(pdf_number(v) for v in colour) + " rg").encode()


def _rect_operands(rect: tuple[float, float, float, float]) -> bytes:
    x0, y0, x1, y1 = rect
    return " ".join(pdf_number(v) for v in (x0, y0, x1 - x0, y1 - y0)).encode()


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
    """Advance width in points of ``text`` as :meth:`PdfBuilder.text` would draw it."""
    parts = text.split(REDACTED)
    return sum(text_width(winansi_text(p), font, size) for p in parts) + gap * (len(parts) - 1)


__all__ = [
    "FIRST_CHAR",
    "LAST_CHAR",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "REDACTED",
    "Box",
    "Layout",
    "PdfAnnot",
    "PdfBuilder",
    "PlacedLine",
    "measure",
    "pdf_date",
    "pdf_number",
    "quad",
    "union",
    "widths_array",
    "wrap",
]
