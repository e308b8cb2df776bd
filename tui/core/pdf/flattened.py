"""Comments burned into a page: filled boxes, printed ground codes and number markers.

A Woo release is usually published flattened: no annotation is left in the file. What was a
highlight is a coloured box under its words; a redaction is a black box over the removed
words, often with the Woo ground printed in or beside it ("5.1.2e"), or — in a scan — only
that code in the OCR text; and when Acrobat summarised the comments, a small number beside
each mark refers to its entry on the summary page (:mod:`tui.core.pdf.published`).

This module reads those from one page while its glyphs are at hand:

* :func:`burned_marks` turns boxes and printed codes into highlight and redaction
  :class:`~tui.core.model.Annotation` objects (their quotes and spans come from the same
  :func:`~tui.core.pdf.pages.mark_text` as live ones) and takes the printed ground codes
  out of the reading text, so the line reads "landen █████ specifiek" as it does for a live
  redaction; small coloured boxes beside the text are kept as icons (a sticky note's);
* the small numbers are found by :func:`tui.core.pdf.markers.find_markers`.

Boxes that coincide with a live annotation are left alone: the annotation says more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.anchoring.grounds import printed_code
from tui.core.anchoring.quotes import marked_spans, quad_boxes
from tui.core.model import Annotation, Glyph, Line, PageText, Quad, Rect
from tui.core.pdf.annotations import derived_id
from tui.core.pdf.markers import Marker, typical_height
from tui.core.pdf.redactions import PLACEHOLDER
from tui.core.pdf.shapes import RGB, Fill

#: Boxes smaller than this (points) either way are rules, bullets or specks, not marks.
MIN_BOX = 5.0
#: A box covering more than this share of the page is a background, not a mark.
MAX_PAGE_SHARE = 0.25
#: A highlight box is at most this many times as tall as the text it covers.
MAX_HIGHLIGHT_LINES = 2.5
#: A page painting more filled shapes than this is a drawing (a map, a chart): its shapes
#: are not looked at, only its printed ground codes.
MAX_FILLS = 2000
#: A sticky note's icon is at most this big (points) either way.
MAX_ICON = 40.0
#: Ids of burned-in marks count from here (live annotations count their /Annots position).
_FIRST_POSITION = 1000

# A ground code with its lid letter, as a scan's OCR prints it where words were removed.
_CODE_HINT = re.compile(r"5\s*\.\s*[1lI|]\s*\.\s*[12lI|]\s*\.?\s*[a-i¢€éëàä]", re.IGNORECASE)
# Words before a code that make it a citation in a sentence, not a printed mark.
_CITING = frozenset({
    "artikel", "art", "art.", "lid", "grond", "van", "onder", "sub", "en", "of", "zie",
    "woo", "wob", "conform", "ex",
})


@dataclass(slots=True)
class FlatPage:
    """What one page shows of comments burned into it."""

    number: int
    marks: list[Annotation] = field(default_factory=list)
    """Highlights and redactions found in filled boxes and printed ground codes."""
    markers: list[Marker] = field(default_factory=list)
    icons: list[Rect] = field(default_factory=list)
    """Small coloured boxes not over text: where a sticky note's icon was drawn."""


def burned_marks(page: PageText, fills: Sequence[Fill], live: Sequence[Annotation]) -> FlatPage:
    """Highlights and redactions burned into ``page`` (quotes and spans not yet set).

    Printed ground codes are taken out of the page's lines here, so call this before the
    page's quotes are computed.
    """
    taken = [box for a in live for box in (quad_boxes(a.quads) or ([a.rect] if a.rect else []))]
    area = page.width * page.height
    black: list[Rect] = []
    coloured: list[Fill] = []
    for rect, colour in fills if len(fills) <= MAX_FILLS else ():
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        if width < MIN_BOX or height < MIN_BOX or width * height > MAX_PAGE_SHARE * area:
            continue
        if any(_mostly_inside(rect, box) for box in taken):
            continue
        if max(colour) <= 0.2:
            black.append(rect)
        elif _is_marker_colour(colour):
            coloured.append((rect, colour))
    flat = FlatPage(page.number)
    flat.marks.extend(_redactions(page, black))
    over_text = [(rect, colour) for rect, colour in coloured if _over_text(page, rect)]
    flat.marks.extend(_highlights(over_text))
    flat.icons = [rect for rect, _ in coloured
                  if (rect, _) not in over_text and max(rect[2] - rect[0], rect[3] - rect[1])
                  <= MAX_ICON]
    for position, mark in enumerate(flat.marks, start=_FIRST_POSITION):
        mark.page = page.number
        mark.id = derived_id(page.number, mark.subtype, mark.rect, position)
    return flat


def _is_marker_colour(colour: RGB) -> bool:
    """A highlighter's colour: neither white nor a shade of grey."""
    return min(colour) < 0.9 and max(colour) - min(colour) >= 0.25


def _mostly_inside(rect: Rect, box: Rect) -> bool:
    overlap = _overlap_area(rect, box)
    return overlap >= 0.5 * (rect[2] - rect[0]) * (rect[3] - rect[1])


def _overlap_area(a: Rect, b: Rect) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


# --- redactions ------------------------------------------------------------------------------


def _redactions(page: PageText, boxes: list[Rect]) -> list[Annotation]:
    """A redaction per black box over the text, and per ground code printed on its own."""
    area = _text_area(page.lines)
    typical = typical_height(page)
    found: list[Annotation] = []
    for box in boxes:
        if area is None or _overlap_area(box, area) <= 0 or not _redaction_like(page, box,
                                                                                typical):
            continue  # a black bar in a margin, a bullet, a chart's bars: decoration
        ground = _take_label(page, box)
        found.append(_redaction(page.number, box, ground))
    for box, ground in _take_printed_codes(page):
        found.append(_redaction(page.number, box, ground))
    if found:
        page.lines = [line for line in page.lines if line.text.strip()]
    return found


def _redaction(page: int, box: Rect, ground: str | None) -> Annotation:
    x0, y0, x1, y1 = box
    quad: Quad = (x0, y1, x1, y1, x0, y0, x1, y0)
    return Annotation(id="", kind="redaction", subtype="Redact", page=page, rect=box,
                      quads=[quad], color="#000000", ground=ground)


def _redaction_like(page: PageText, box: Rect, typical: float) -> bool:
    """A box that hides text: over words, in a line's gap, or a line's height and wide.

    Bars of a chart or bullets stand beside the text and are not as wide as a word.
    """
    height = box[3] - box[1]
    for line in page.lines:
        rect = line.rect
        if rect is None or not _overlaps(rect, (box[0] - height, box[1], box[2] + height, box[3])):
            continue
        overlap = min(rect[3], box[3]) - max(rect[1], box[1])
        if overlap >= 0.5 * (rect[3] - rect[1]) or any(_inside(g, box) for g in line.glyphs):
            return True
    return 0.6 * typical <= height <= 2.0 * typical and box[2] - box[0] >= 2 * height


def _text_area(lines: list[Line]) -> Rect | None:
    rects = [line.rect for line in lines if line.rect is not None]
    if not rects:
        return None
    return (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))


def _take_label(page: PageText, box: Rect) -> str | None:
    """The ground printed in the box (or just beside it), removed from the lines."""
    inside = [(line, [i for i, g in enumerate(line.glyphs) if _inside(g, box)])
              for line in page.lines if line.rect is not None and _overlaps(line.rect, box)]
    inside = [(line, hits) for line, hits in inside if any(not line.text[i].isspace()
                                                           for i in hits)]
    if inside:
        codes = [printed_code("".join(line.text[i] for i in hits)) for line, hits in inside]
        if not all(codes):
            return None  # words under the box: it covers text that is still there
        for line, hits in inside:
            _remove(line, set(hits))
        return codes[0]
    return _take_beside(page, box)


def _take_beside(page: PageText, box: Rect) -> str | None:
    """A ground code on the box's line within an em or so of its left or right edge."""
    for line in page.lines:
        rect = line.rect
        if rect is None or not (rect[1] < box[3] and box[1] < rect[3]):
            continue
        reach = 1.5 * (rect[3] - rect[1])
        for start, end in _tokens(line.text):
            glyphs = line.glyphs[start:end]
            gap = max(glyphs[0].x0 - box[2], box[0] - glyphs[-1].x1)
            if gap <= reach and (code := printed_code(line.text[start:end])):
                _remove(line, set(range(start, end)))
                return code
    return None


def _take_printed_codes(page: PageText) -> list[tuple[Rect, str]]:
    """Ground codes standing on their own in the text (a scan's OCR of a burned-in mark)."""
    found: list[tuple[Rect, str]] = []
    for line in page.lines:
        while line.glyphs and _CODE_HINT.search(line.text):
            taken = _take_one_code(line)
            if taken is None:
                break
            found.append(taken)
    return found


def _take_one_code(line: Line) -> tuple[Rect, str] | None:
    """The first code of the line that is a mark, not a citation, replaced by the placeholder.

    The code is all that is left of the mark (the black box is part of the scanned image),
    so the placeholder takes its place, one line high: the redaction covers it.
    """
    previous = ""
    for start, end in _tokens(line.text):
        token = line.text[start:end]
        code = printed_code(token)
        # Only codes with their lid letter: "5.2" or "5.1.5" on their own are as likely a
        # section number.
        if code and code[-1].isalpha() and previous.lower() not in _CITING:
            return _put_placeholder(line, start, end), code
        previous = token
    return None


def _put_placeholder(line: Line, start: int, end: int) -> Rect:
    """Replace ``text[start:end]`` by the placeholder over the same width; its box."""
    rect = line.rect or _box(line.glyphs[start:end])
    x0, x1 = line.glyphs[start].x0, line.glyphs[end - 1].x1
    step = (x1 - x0) / len(PLACEHOLDER)
    blocks = [Glyph(char, x0 + i * step, rect[1], x0 + (i + 1) * step, rect[3])
              for i, char in enumerate(PLACEHOLDER)]
    line.glyphs = line.glyphs[:start] + blocks + line.glyphs[end:]
    line.text = line.text[:start] + PLACEHOLDER + line.text[end:]
    line.box = None
    return (x0, rect[1], x1, rect[3])


def _tokens(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(r"\S+", text)]


def _remove(line: Line, indexes: set[int]) -> None:
    """Drop characters of a line (text and glyphs stay one to one)."""
    keep = [i for i in range(len(line.glyphs)) if i not in indexes]
    line.text = "".join(line.text[i] for i in keep)
    line.glyphs = [line.glyphs[i] for i in keep]
    line.box = None


def _inside(glyph: Glyph, box: Rect) -> bool:
    """The glyph stands in the box: its middle across, most of its height up and down.

    A number marker printed at the box's corner reaches out of it and does not count.
    """
    x = (glyph.x0 + glyph.x1) / 2
    height = glyph.y1 - glyph.y0
    within = min(glyph.y1, box[3]) - max(glyph.y0, box[1])
    return box[0] <= x <= box[2] and within >= 0.75 * height


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(glyphs: Sequence[Glyph]) -> Rect:
    return (min(g.x0 for g in glyphs), min(g.y0 for g in glyphs),
            max(g.x1 for g in glyphs), max(g.y1 for g in glyphs))


# --- highlights ------------------------------------------------------------------------------


def _highlights(fills: list[Fill]) -> list[Annotation]:
    """Coloured boxes over text, consecutive boxes of one colour on following lines joined."""
    groups: list[tuple[list[Rect], RGB]] = []
    for rect, colour in fills:
        if groups and groups[-1][1] == colour and _follows(groups[-1][0][-1], rect):
            groups[-1][0].append(rect)
        else:
            groups.append(([rect], colour))
    return [_highlight(rects, colour) for rects, colour in groups]


def _over_text(page: PageText, rect: Rect) -> bool:
    """The box lies under words, about one line of them tall, and they fill most of it."""
    spans = marked_spans(page, [rect])
    lines = [page.lines[index].rect for index in {s.line for s in spans}]
    heights = [r[3] - r[1] for r in lines if r is not None]
    if not heights or rect[3] - rect[1] > MAX_HIGHLIGHT_LINES * sum(heights):
        return False
    covered = sum(page.lines[s.line].glyphs[s.end - 1].x1 - page.lines[s.line].glyphs[s.start].x0
                  for s in spans)
    return covered >= 0.5 * (rect[2] - rect[0])


def _follows(previous: Rect, rect: Rect) -> bool:
    """``rect`` continues a highlight: on the same line, or on the line just below or above
    (boxes painted under the text may come in any order)."""
    gap = 0.6 * min(previous[3] - previous[1], rect[3] - rect[1])
    return _overlaps((-1e9, previous[1], 1e9, previous[3]), rect) or (
        0 <= previous[1] - rect[3] <= gap or 0 <= rect[1] - previous[3] <= gap
    )


def _highlight(rects: list[Rect], colour: RGB) -> Annotation:
    quads: list[Quad] = [(x0, y1, x1, y1, x0, y0, x1, y0) for x0, y0, x1, y1 in rects]
    rect = (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))
    hexa = "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in colour)
    return Annotation(id="", kind="highlight", subtype="Highlight", page=0, rect=rect,
                      quads=quads, color=hexa)
