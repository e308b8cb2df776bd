"""The exact text under a markup annotation (highlight, underline, strike-out, squiggly).

A glyph belongs to the quote when at least half of its width lies inside one quad and its
vertical middle (baseline + 0.3 x font size) lies inside that quad's height, as pdfannots does.
The quote joins lines with one space, joins words hyphenated at a line end and collapses
whitespace; every other character is the document's own (curly quotes stay curly, an
ellipsis stays one character): matching a quote against other text may normalise, the
quote itself does not. The spans say which characters of which lines were marked, so the UI
can colour exactly those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.model import Glyph, Line, PageText, Quad, Rect, Span

_SPACES = re.compile(r"\s+")


def quad_boxes(quads: Sequence[Sequence[float]]) -> list[Rect]:
    """One axis-aligned box per quad, whatever the order of its four corners."""
    boxes: list[Rect] = []
    for quad in quads:
        if len(quad) < 8:
            continue
        xs, ys = quad[0:8:2], quad[1:8:2]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _inside(glyph: Glyph, box: Rect) -> bool:
    x0, y0, x1, y1 = box
    middle = (glyph.y0 + glyph.y1) / 2
    if not y0 <= middle <= y1:
        return False
    width = glyph.x1 - glyph.x0
    if width <= 0:
        return x0 <= glyph.x0 <= x1
    overlap = min(glyph.x1, x1) - max(glyph.x0, x0)
    return overlap >= 0.5 * width


def marked_spans(page: PageText, boxes: Sequence[Rect]) -> list[Span]:
    """The runs of characters the boxes cover, in reading order, as :class:`Span` objects."""
    spans: list[Span] = []
    for index, line in enumerate(page.lines):
        rect = line.rect
        if rect is None or not any(_overlaps(rect, box) for box in boxes):
            continue
        start = None
        for i, glyph in enumerate(line.glyphs):
            hit = any(_inside(glyph, box) for box in boxes)
            if hit and start is None:
                start = i
            elif not hit and start is not None:
                spans.append(Span(page.number, index, start, i))
                start = None
        if start is not None:
            spans.append(Span(page.number, index, start, len(line.glyphs)))
    trimmed = [_trim(page.lines[s.line], s) for s in spans]
    return [s for s in trimmed if s.end > s.start]


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _trim(line: Line, span: Span) -> Span:
    """Drop spaces at the ends of a span (an inserted space is never worth colouring)."""
    start, end = span.start, span.end
    while start < end and line.text[start].isspace():
        start += 1
    while end > start and line.text[end - 1].isspace():
        end -= 1
    return Span(span.page, span.line, start, end)


def join_spans(page: PageText, spans: Sequence[Span], *, join_hyphens: bool = True) -> str:
    """The quote text of ``spans``: runs joined with one space, line-end hyphens joined."""
    text = ""
    previous_line = None
    for span in spans:
        part = page.lines[span.line].text[span.start : span.end]
        if not text:
            text = part
        elif (join_hyphens and span.line != previous_line and _hyphenated(text)
              and part[:1].isalpha()):
            text = text[:-1] + part
        else:
            text = text + " " + part
        previous_line = span.line
    return normalise_quote(text)


def _hyphenated(text: str) -> bool:
    """True when ``text`` ends in a word broken by a hyphen ("infor-")."""
    return len(text) >= 2 and text[-1] in "-\u00ad" and text[-2].isalpha()


def normalise_quote(text: str) -> str:
    """Collapse whitespace and strip; every other character stays as the document has it."""
    return _SPACES.sub(" ", text).strip()


def quote_for(page: PageText, quads: Sequence[Quad] | Sequence[Sequence[float]],
              rect: Rect | None = None, *, join_hyphens: bool = True) -> tuple[str, list[Span]]:
    """The text a markup annotation covers on ``page`` and where it stands.

    Args:
        page: the page's text (from :func:`tui.core.pdf.content_walk.extract_page_text`).
        quads: the annotation's ``/QuadPoints`` split into groups of eight numbers.
        rect: the annotation's ``/Rect``, used when there are no quads.
        join_hyphens: join a word hyphenated at a line end ("infor-" + "mation").

    Returns:
        The quote (``""`` when nothing is covered) and the spans of marked characters.
    """
    boxes = quad_boxes(quads)
    if not boxes and rect is not None:
        x0, y0, x1, y1 = rect
        boxes = [(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]
    if not boxes:
        return "", []
    spans = marked_spans(page, boxes)
    return join_spans(page, spans, join_hyphens=join_hyphens), spans
