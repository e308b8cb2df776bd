"""What is printed inside a burned-in black box: its Woo ground, light on dark.

Tesseract reads dark text on a light ground; a code printed in white in a redaction box is
lost in the page's OCR. Each black box that shows light pixels is cut out of the page
image, turned negative and read as one line; its words are placed where they stand, so
:mod:`tui.core.pdf.flattened` finds the code in the box as on a text PDF.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tui.core.model import Rect
from tui.core.ocr import engine
from tui.core.ocr.engine import Word
from tui.core.ocr.render import Bitmap, write_pnm
from tui.core.pdf.flattened import MIN_BOX
from tui.core.pdf.shapes import Fill

#: Boxes taller than this (points) are not a line's redaction: a whole blacked-out block.
MAX_LABEL_HEIGHT = 40.0
#: A pixel lighter than this inside a box is part of something printed in it.
LIGHT = 160
#: Blank pixels put around the cut-out: Tesseract misreads text touching the image edge.
MARGIN = 10
_NEGATIVE = bytes(255 - value for value in range(256))


def with_labels(words: list[Word], grey: Bitmap, fills: list[Fill]) -> list[Word]:
    """The page's words with what the black boxes among ``fills`` hold read again.

    What the page's OCR made of a box (a code read as "{ER5.E1.S2bEE", or specks) is
    dropped: the box is read on its own, negative, one Tesseract block per box.
    """
    labelled = [rect for rect, colour in fills
                if max(colour) <= 0.2 and MIN_BOX <= rect[3] - rect[1] <= MAX_LABEL_HEIGHT
                and rect[2] - rect[0] >= 2 * MIN_BOX]
    if not labelled:
        return words
    frame = grey.frame
    kept = []
    for word in words:
        x0, y0, x1, y1 = frame.to_pdf(word.left, word.top, word.left + word.width,
                                      word.top + word.height)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if not any(r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in labelled):
            kept.append(word)
    block = max((word.block for word in words), default=0) + 1
    return kept + _label_words(grey, labelled, block)


def _label_words(grey: Bitmap, labelled: list[Rect], block: int) -> list[Word]:
    words: list[Word] = []
    with tempfile.TemporaryDirectory(prefix="kantlijn-ocr-") as folder:
        image = Path(folder) / "label.pgm"
        for rect in labelled:
            cut = _cut_out(grey, rect)
            if cut is None:
                continue
            negative, left, top = cut
            write_pnm(negative, image)
            for word in engine.read_words(image, single_line=True):
                words.append(Word(word.text, word.left - MARGIN + left,
                                  word.top - MARGIN + top, word.width, word.height,
                                  word.confidence, block, 1, 1))
            block += 1
    return words


def _cut_out(grey: Bitmap, rect: Rect) -> tuple[Bitmap, int, int] | None:
    """The box's pixels as a negative with a white margin; None when nothing is printed."""
    frame = grey.frame
    s = frame.scale
    left = max(0, int((rect[0] - frame.left) * s) + 2)
    right = min(grey.width, int((rect[2] - frame.left) * s) - 2)
    top = max(0, int((frame.bottom + frame.height - rect[3]) * s) + 2)
    bottom = min(grey.height, int((frame.bottom + frame.height - rect[1]) * s) - 2)
    if right - left < 4 or bottom - top < 4:
        return None
    rows = [grey.data[y * grey.width + left : y * grey.width + right] for y in range(top, bottom)]
    if not any(max(row) >= LIGHT for row in rows):
        return None
    width = right - left + 2 * MARGIN
    blank = b"\xff" * width
    pad = b"\xff" * MARGIN
    data = b"".join([blank * MARGIN, *(pad + row.translate(_NEGATIVE) + pad for row in rows),
                     blank * MARGIN])
    return Bitmap(width, bottom - top + 2 * MARGIN, 1, data, frame), left, top
