"""The release as it is published: flattened pages, each followed by its comment summary.

A Woo release reaches the public as Acrobat's "Overzicht van opmerkingen" in the layout
"document and comments on separate pages": every annotation is burned into its page and a
page listing that page's comments follows it. This module draws that version of a page from
the same annotations :mod:`build_sample` writes as live ones, so both samples carry the same
comments at the same places:

* a highlight becomes a coloured box under its words;
* a redaction is the black box the page already has, with the Woo ground printed in it when
  the page's note states one;
* a FreeText is printed where its box was, in its colour;
* a sticky note leaves its icon, a small yellow box;
* beside each mark a small number refers to its entry on the summary page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tools.pdfgen.document import PdfAnnot, PdfBuilder, measure, wrap
from tools.pdfgen.layout import Box, Colour

MARKER_SIZE = 6.0
MARKER_COLOUR: Colour = (0.8, 0.0, 0.0)
LABEL_SIZE = 6.0
WHITE: Colour = (1.0, 1.0, 1.0)
ICON_COLOUR: Colour = (0.9, 0.7, 0.0)
ICON_FILL: Colour = (1.0, 0.9, 0.3)

#: A drawn text box reaches this far below / above its baseline, as a fraction of the size
#: (tools.pdfgen.layout BOX_BELOW / BOX_ABOVE).
_BELOW, _ABOVE = 0.22, 0.90
#: Markers stand half a line above the mark's baseline: a row of their own when read.
_RAISE = 0.65

LEFT = 70.0
TOP = 790.0
BOTTOM = 50.0
ENTRY_WIDTH = 455.0
NO_COMMENTS = "Deze pagina bevat geen opmerkingen."


@dataclass(frozen=True)
class Entry:
    """One comment as the summary page lists it (number, author, subject, date, text)."""

    number: int
    author: str
    subject: str
    date: str
    text: str


def flatten(doc: PdfBuilder, page: int, marks: Sequence[tuple[Entry, PdfAnnot]],
            ground: str | None, size: float) -> None:
    """Burn the annotations of ``page`` into its content, each with its number beside it.

    ``ground`` (a Woo code such as ``5.1.2b``) is printed in the page's redaction boxes;
    ``size`` is the page's body text size.
    """
    for entry, annot in marks:
        if annot.subtype == "Highlight":
            for box in annot.boxes:
                doc.fill_box(page, box[1:], annot.color or (1.0, 1.0, 0.0), behind=True)
            _marker_above(doc, page, annot.boxes[0], entry.number)
        elif annot.subtype == "Redact":
            for box in annot.boxes if ground else ():
                _label(doc, page, box, ground or "")
            _redaction_marker(doc, page, annot.boxes[0], entry.number)
        elif annot.subtype == "FreeText":
            _print_free_text(doc, page, annot, entry.number)
        else:
            _note(doc, page, annot, entry.number, size)


def _size_of(box: Box) -> float:
    """The font size of the text a box from :meth:`Layout.find` covers."""
    return (box[4] - box[2]) / (_BELOW + _ABOVE)


def _marker(doc: PdfBuilder, page: int, x: float, baseline: float, number: int) -> None:
    doc.text(page, x, baseline, str(number), size=MARKER_SIZE, colour=MARKER_COLOUR,
             record=False)


def _marker_above(doc: PdfBuilder, page: int, box: Box, number: int) -> None:
    """The number at the top-left corner of a mark, raised between its line and the next."""
    size = _size_of(box)
    baseline = box[2] + (_BELOW + _RAISE) * size
    _marker(doc, page, box[1], baseline, number)


def _redaction_marker(doc: PdfBuilder, page: int, box: Box, number: int) -> None:
    """After a box that ends its line (a side block's value), else above its corner.

    A side block's label stands just above its value, too close for a raised number.
    """
    for line in doc.layout.page_lines(page):
        if line.gaps and max(line.gaps) == len(line.text) - 1 and box in line.gap_boxes()[-1:]:
            _marker(doc, page, box[3] + 2, line.y, number)
            return
    _marker_above(doc, page, box, number)


def _label(doc: PdfBuilder, page: int, box: Box, text: str) -> None:
    """The ground printed in white in the middle of a redaction box."""
    _, x0, y0, x1, _ = box
    width = measure(text, size=LABEL_SIZE)
    baseline = y0 + _BELOW * _size_of(box)
    doc.text(page, (x0 + x1 - width) / 2, baseline, text, size=LABEL_SIZE, colour=WHITE,
             record=False)


def _print_free_text(doc: PdfBuilder, page: int, annot: PdfAnnot, number: int) -> None:
    """The FreeText's words where its box was, the number after its first line."""
    assert annot.rect is not None
    x0, _, _, y1 = annot.rect
    typewriter = annot.intent == "FreeTextTypewriter"
    size, step = (11.0, 13.0) if typewriter else (8.0, 10.0)
    colour: Colour = (0.0, 0.0, 0.0) if typewriter else (0.0, 0.0, 1.0)
    text = annot.contents or ""
    if typewriter:
        lines = text.split("\n") if text else []
    else:
        lines = wrap(text, _box_width(annot) - 8, size=size)
    # A stamp above the page's text ("Staatssecretaris besproken ...") is printed from the
    # left margin, over the addressee, as in the release, not across the side block.
    x = LEFT if y1 > TOP + 30 else x0 + 4
    baseline = y1 - _ABOVE * size - 2
    for index, line in enumerate(lines):
        doc.text(page, x, baseline - index * step, line, size=size, colour=colour, record=False)
    after = x + measure(lines[0], size=size) + 2 if lines else x
    _marker(doc, page, after, baseline, number)


def _box_width(annot: PdfAnnot) -> float:
    assert annot.rect is not None
    return annot.rect[2] - annot.rect[0]


def _note(doc: PdfBuilder, page: int, annot: PdfAnnot, number: int, size: float) -> None:
    """A sticky note's icon outline, its number inside it, raised like the others."""
    assert annot.rect is not None
    x0, y0, x1, y1 = annot.rect
    doc.fill_box(page, (x0, y0, x1, y1), ICON_FILL, behind=True)
    doc.stroke_box(page, (x0 + 0.5, y0 + 0.5, x1 - 0.5, y1 - 0.5), ICON_COLOUR, width=0.8)
    # The icon's top is level with the top of the line it is beside.
    baseline = y1 - (_ABOVE - _RAISE) * size
    _marker(doc, page, x0 + 3, baseline, number)


def summary_pages(doc: PdfBuilder, entries: Sequence[Entry], *, heading: str | None) -> None:
    """The page(s) listing one document page's comments, as Acrobat words them in Dutch.

    ``heading`` (the summary's title) opens the first summary page of the document, with
    the page label Acrobat writes under it.
    """
    page = doc.new_page()
    y = TOP
    if heading is not None:
        doc.text(page, LEFT, y, heading, font="Helvetica-Bold", size=12)
        doc.text(page, LEFT, y - 20, "Pagina: 1", font="Helvetica-Bold", size=10)
        y -= 40
    if not entries:
        doc.text(page, LEFT, y, NO_COMMENTS, size=10)
        return
    for entry in entries:
        lines = [line for part in entry.text.split("\n") if part
                 for line in wrap(part, ENTRY_WIDTH - 12, size=9)]
        if y - 12 - 11 * len(lines) < BOTTOM:
            page, y = doc.new_page(), TOP
        header = (f"Nummer: {entry.number}    Auteur: {entry.author}    "
                  f"Onderwerp: {entry.subject}    Datum: {entry.date}")
        doc.text(page, LEFT, y, header, font="Helvetica-Bold", size=9)
        y -= 12
        for line in lines:
            doc.text(page, LEFT + 12, y, line, size=9)
            y -= 11
        y -= 7
