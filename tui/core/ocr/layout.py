"""Tesseract's words as the page-text model: lines of glyphs in PDF user space.

Each word goes to the same line builder as a text PDF's glyphs
(:func:`tui.core.pdf.reading_order.build_lines`), drawn on its Tesseract line's baseline at
that line's height, so rows, columns, spaces and reading order come out as for a text PDF.
Each line keeps the mean confidence of its words (0..1) and the words it was unsure of.
"""

from __future__ import annotations

from collections import defaultdict

from tui.core.model import Line, PageText
from tui.core.ocr.engine import Word
from tui.core.ocr.render import Frame
from tui.core.pdf.reading_order import build_lines
from tui.core.pdf.rows import DESCENT, RawGlyph
from tui.core.text import clean_line

#: Words read with less confidence than this (0..100) are noise: specks, rules, stamps.
MIN_WORD_CONFIDENCE = 20.0
#: Words read with less confidence than this (0..100) are ones the engine was unsure of:
#: the reader can point them out (a clean print reads at 90 and more).
UNSURE_CONFIDENCE = 75.0
#: A "word" of only these is the edge of a box or a rule, read as a letter.
_EDGES = "|¦"


def page_from_words(number: int, words: list[Word], frame: Frame) -> PageText:
    """Page ``number`` from its OCR words; lines with their confidence, ``ocr`` set."""
    by_line: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for word in words:
        text = clean_line(word.text).strip()
        if word.confidence >= MIN_WORD_CONFIDENCE and text.strip(_EDGES):
            by_line[(word.block, word.paragraph, word.line)].append(word)
    glyphs: list[RawGlyph] = []
    placed: list[tuple[float, float, float, str]] = []  # middle x, y, confidence, text
    for line_words in by_line.values():
        top = min(w.top for w in line_words)
        bottom = max(w.top + w.height for w in line_words)
        _, y0, _, y1 = frame.to_pdf(0, top, 0, bottom)
        size = max(y1 - y0, 1.0)
        base = y0 + DESCENT * size
        for word in line_words:
            left, _, right, _ = frame.to_pdf(word.left, top, word.left + word.width, bottom)
            text = clean_line(word.text).strip()
            glyphs.append((text, left, right, base, size))
            placed.append(((left + right) / 2, (y0 + y1) / 2, word.confidence / 100, text))
    lines = build_lines(glyphs, frame.width)
    _set_confidence(lines, placed)
    return PageText(number=number, width=frame.width, height=frame.height, lines=lines,
                    ocr=True)


def _set_confidence(lines: list[Line], placed: list[tuple[float, float, float, str]]) -> None:
    """Each line's mean word confidence and its unsure words: the words whose middle lies
    in its box."""
    for line in lines:
        rect = line.rect
        if rect is None:
            continue
        found = [(c, text) for x, y, c, text in placed
                 if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]]
        if found:
            line.confidence = round(sum(c for c, _ in found) / len(found), 3)
            line.unsure = [text for c, text in found
                           if c * 100 < UNSURE_CONFIDENCE and text in line.text]
