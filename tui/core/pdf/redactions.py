"""Where redaction marks fall in the page text.

A Woo release marks withheld passages with Redact annotations. Over text that is still
there, the mark's spans are the characters it covers (the reader blacks them out until asked
to show them) and its quote is those words, with ``applied`` False: the file still holds
them, and a dossier must be able to count such leaks. Over a gap — the words already removed,
the line closed up around a wide space — there is nothing to cover, so a placeholder of block
characters is put into the line at the gap; readers see "landen █████ specifiek" instead of
a silent double space, and the mark is ``applied``. This runs while the page still has its
per-character boxes, before quotes are computed, so every span stays aligned.
"""

from __future__ import annotations

from tui.core.anchoring.quotes import join_spans, quad_boxes
from tui.core.model import Annotation, Glyph, Line, PageText, Rect, Span

PLACEHOLDER = "█████"
"""What stands in the text where a redaction mark covers a gap."""


def place_redactions(redactions: list[Annotation], page: PageText) -> None:
    """Set ``spans`` of each redaction on ``page``, inserting placeholders over gaps."""
    boxes = {id(r): _boxes(r) for r in redactions}
    for redaction in redactions:
        for box in boxes[id(redaction)]:
            index = _line_at(page, box)
            if index is not None and not _covered(page.lines[index], box):
                _insert_placeholder(page.lines[index], box)
    for redaction in redactions:
        redaction.spans = [
            span
            for box in boxes[id(redaction)]
            if (span := _span(page, box)) is not None
        ]
        words = " ".join(join_spans(page, redaction.spans).replace(PLACEHOLDER, " ").split())
        redaction.quote = words or None
        redaction.applied = not words


def _boxes(annotation: Annotation) -> list[Rect]:
    boxes = quad_boxes(annotation.quads)
    if not boxes and annotation.rect is not None:
        boxes = [annotation.rect]
    return boxes


def _line_at(page: PageText, box: Rect) -> int | None:
    """Index of the line whose height the box covers most (at least half of it)."""
    best, best_share = None, 0.5
    for index, line in enumerate(page.lines):
        rect = line.rect
        if rect is None or not line.glyphs:
            continue
        height = rect[3] - rect[1]
        overlap = min(rect[3], box[3]) - max(rect[1], box[1])
        if height > 0 and overlap / height >= best_share and _near(rect, box):
            best, best_share = index, overlap / height
    return best


def _near(rect: Rect, box: Rect) -> bool:
    """The box lies within, or just beside, the line horizontally."""
    slack = (rect[3] - rect[1]) * 2
    return box[0] <= rect[2] + slack and box[2] >= rect[0] - slack


def _covered(line: Line, box: Rect) -> list[int]:
    """Indexes of the visible characters whose middle lies inside the box."""
    return [
        index
        for index, glyph in enumerate(line.glyphs)
        if not glyph.char.isspace() and box[0] <= (glyph.x0 + glyph.x1) / 2 <= box[2]
    ]


def _insert_placeholder(line: Line, box: Rect) -> None:
    glyphs = line.glyphs
    at = sum(1 for g in glyphs if (g.x0 + g.x1) / 2 < box[0])
    # Replace the spaces standing in the gap by " █████ ", boxes spread over the gap.
    start, end = at, at
    while start > 0 and glyphs[start - 1].char.isspace():
        start -= 1
    while end < len(glyphs) and glyphs[end].char.isspace():
        end += 1
    left = glyphs[start - 1].x1 if start > 0 else box[0]
    right = glyphs[end].x0 if end < len(glyphs) else box[2]
    y0, y1 = _height(glyphs, start, end)
    text = (" " if start > 0 else "") + PLACEHOLDER + (" " if end < len(glyphs) else "")
    step = max(right - left, 0.0) / len(text)
    inserted = [
        Glyph(char, left + i * step, y0, left + (i + 1) * step, y1) for i, char in enumerate(text)
    ]
    line.glyphs = glyphs[:start] + inserted + glyphs[end:]
    line.text = line.text[:start] + text + line.text[end:]
    line.box = None


def _height(glyphs: list[Glyph], start: int, end: int) -> tuple[float, float]:
    neighbour = glyphs[start - 1] if start > 0 else glyphs[min(end, len(glyphs) - 1)]
    return neighbour.y0, neighbour.y1


def _span(page: PageText, box: Rect) -> Span | None:
    index = _line_at(page, box)
    if index is None:
        return None
    covered = _covered(page.lines[index], box)
    if not covered:
        return None
    return Span(page.number, index, covered[0], covered[-1] + 1)
