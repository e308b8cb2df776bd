"""Tie every comment to the passage it is about.

Markup (highlight, underline, ...) anchors to its own quote. A comment that marks no text — a
FreeText in the margin, a sticky note, a caret, ink, a redaction, a stamp — anchors to the markup
it overlaps or stands level with, else to the nearest text line: first a line in the same
vertical band, then the closest by distance. Reviewers put margin comments level with the
sentence they mean, so the vertical band decides before horizontal distance.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Anchor, Annotation, Line, PageText, Rect, Span

# How far (points) above or below a markup's box a comment may sit and still count as level
# with it: about one line of body text.
_LEVEL_SLACK = 6.0


def anchor_page(annotations: list[Annotation], page: PageText) -> None:
    """Anchor the annotations of one page (markup first, so comments can ride on it)."""
    markup = [a for a in annotations if a.is_markup and a.spans]
    for annotation in annotations:
        if annotation.is_markup:
            annotation.anchor = _own_quote(annotation, page)
    for annotation in annotations:
        if not annotation.is_markup and annotation.in_reply_to is None:
            annotation.anchor = _comment_anchor(annotation, markup, page)


def _own_quote(annotation: Annotation, page: PageText) -> Anchor | None:
    if annotation.spans:
        return Anchor(
            text=annotation.quote or "",
            page=page.number,
            line=annotation.spans[0].line,
            via="quote",
            spans=list(annotation.spans),
        )
    if annotation.rect is None:
        return None
    return _line_anchor(annotation.rect, page)


def _comment_anchor(
    annotation: Annotation, markup: list[Annotation], page: PageText
) -> Anchor | None:
    if annotation.kind == "redaction" and annotation.spans:
        first = annotation.spans[0]
        return Anchor(
            text=page.lines[first.line].text.strip(),
            page=page.number,
            line=first.line,
            via="line",
            spans=list(annotation.spans),
        )
    rect = annotation.rect
    if rect is None:
        return None
    if annotation.kind == "redaction":
        # About the words it covers, not a highlight that happens to be level.
        return _line_anchor(rect, page, in_text=True)
    target = _level_markup(rect, markup)
    if target is not None:
        return markup_anchor(target)
    return _line_anchor(rect, page)


def markup_anchor(markup: Annotation) -> Anchor:
    """An anchor on the passage ``markup`` (with spans) marks, for a comment beside it."""
    return Anchor(
        text=markup.quote or "",
        page=markup.page,
        line=markup.spans[0].line,
        via="markup",
        annotation=markup.id,
        spans=list(markup.spans),
    )


def _level_markup(rect: Rect, markup: Iterable[Annotation]) -> Annotation | None:
    """The markup whose box overlaps ``rect`` most, or stands level with it."""
    best: Annotation | None = None
    best_key: tuple[float, float] | None = None
    for candidate in markup:
        box = _markup_box(candidate)
        if box is None:
            continue
        gap = _vertical_gap(rect, box)
        if gap > _LEVEL_SLACK:
            continue
        # Prefer the smallest vertical gap, then the closest horizontally.
        key = (gap, _horizontal_gap(rect, box))
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def _markup_box(annotation: Annotation) -> Rect | None:
    if annotation.quads:
        xs = [v for q in annotation.quads for v in q[0::2]]
        ys = [v for q in annotation.quads for v in q[1::2]]
        return (min(xs), min(ys), max(xs), max(ys))
    return annotation.rect


def _line_anchor(rect: Rect, page: PageText, *, in_text: bool = False) -> Anchor | None:
    index = nearest_line(rect, page.lines, in_text=in_text)
    if index is None:
        return None
    line = page.lines[index]
    return Anchor(
        text=line.text.strip(),
        page=page.number,
        line=index,
        via="line",
        spans=[Span(page.number, index, 0, len(line.text))],
    )


def nearest_line(rect: Rect, lines: list[Line], *, in_text: bool = False) -> int | None:
    """Index of the line ``rect`` is about, or None when no line has geometry.

    A comment in the margin is about the line level with it, however short that line is;
    with none level, the nearest line above or below (then the closest sideways). A mark
    inside the text (``in_text``, e.g. a redaction over removed words) is about the nearest
    line of its own column, so a memo's side block keeps its own marks.
    """
    placed = [
        (index, box)
        for index, line in enumerate(lines)
        if (box := line.rect) is not None and line.text.strip()
    ]
    if in_text:
        same_column = [(i, b) for i, b in placed if _horizontal_gap(rect, b) == 0.0]
        if same_column:
            return min(
                same_column, key=lambda item: (_vertical_gap(rect, item[1]), item[0])
            )[0]
    if not placed:
        return None
    return min(
        placed,
        key=lambda item: (
            _vertical_gap(rect, item[1]),
            _horizontal_gap(rect, item[1]),
            -_overlap(rect, item[1]),
        ),
    )[0]


def _vertical_gap(a: Rect, b: Rect) -> float:
    return max(0.0, max(a[1], b[1]) - min(a[3], b[3]))


def _horizontal_gap(a: Rect, b: Rect) -> float:
    return max(0.0, max(a[0], b[0]) - min(a[2], b[2]))


def _overlap(a: Rect, b: Rect) -> float:
    return max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
