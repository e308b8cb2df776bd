"""What is printed inside a burned-in black box: its Woo ground, light on dark.

Tesseract reads dark text on a light ground; a code printed in white in a redaction box is
lost in the page's OCR. Each black box that shows light pixels is cut out of the page
image and turned negative; the page's cut-outs are read together, and the words are placed
where they stand, so
:mod:`tui.core.pdf.flattened` finds the code in the box as on a text PDF.
"""

from __future__ import annotations

import re

from tui.core.model import Rect
from tui.core.ocr import engine
from tui.core.ocr.engine import Word
from tui.core.ocr.render import Bitmap
from tui.core.pdf.flattened import MIN_BOX
from tui.core.pdf.shapes import Fill

#: Boxes taller than this (points) are not a line's redaction: a whole blacked-out block.
MAX_LABEL_HEIGHT = 40.0
#: A pixel lighter than this inside a box is part of something printed in it.
LIGHT = 160
#: Blank pixels put around the cut-out: Tesseract misreads text touching the image edge.
MARGIN = 10
_NEGATIVE = bytes(255 - value for value in range(256))
_UNDOTTED = re.compile(r"5[.,]?1[.,]?([12])[.,]?([a-i])")


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
    """The boxes' cut-outs stacked into one image and read at once (one engine start per
    page, not per box); each word goes back to the box whose band it stands in."""
    cuts = [(cut, rect) for rect in labelled if (cut := _cut_out(grey, rect)) is not None]
    if not cuts:
        return []
    width = max(cut[0].width for cut, _ in cuts)
    rows: list[bytes] = []
    bands: list[tuple[int, int, int, int]] = []  # top and bottom in the stack, left, top
    for (negative, left, top), _ in cuts:
        bands.append((len(rows), len(rows) + negative.height, left, top))
        pad = b"\xff" * (width - negative.width)
        rows.extend(negative.data[y * negative.width : (y + 1) * negative.width] + pad
                    for y in range(negative.height))
    stack = Bitmap(width, len(rows), 1, b"".join(rows), grey.frame)
    read = engine.read_bitmap(stack).words  # a few lines of codes: never near the limit
    words: list[Word] = []
    for word in read:
        middle = word.top + word.height / 2
        for index, (upper, lower, left, top) in enumerate(bands):
            if upper <= middle < lower:
                words.append(Word(_dotted(word.text), word.left - MARGIN + left,
                                  word.top - upper - MARGIN + top, word.width, word.height,
                                  word.confidence, block + index, 1, 1))
                break
    return words


def _dotted(text: str) -> str:
    """A code whose dots the engine lost ("512a": the dots are a pixel at this size) with
    them back: inside a redaction box, digits and a letter are a ground code."""
    match = _UNDOTTED.fullmatch(text)
    return f"5.1.{match[1]}{match[2]}" if match else text


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
