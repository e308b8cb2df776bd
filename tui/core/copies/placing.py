"""The user's own annotations on one copy, placed on another by their passage.

An own highlight or comment stands on words of its copy (its spans). On another copy of the
release those words may be on another page (a published copy prints a summary after every
page) or gone (a new version changed them). It is placed where the same words stand with the
most of the words around them agreeing (its ``TextQuoteSelector``); one whose words are not
there cannot be placed and is orphaned.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui.core.copies.selectors import CONTEXT, QuoteSelector, TextStream
from tui.core.model import Anchor, Annotation, Extraction, Span

_WORD = re.compile(r"\w+")


def selector_of(annotation: Annotation, stream: TextStream) -> QuoteSelector:
    """The passage an own annotation stands on in its copy."""
    anchor = annotation.anchor
    spans = annotation.spans or (anchor.spans if anchor else [])
    return stream.selector(list(spans), annotation.page, anchor.line if anchor else None)


def place(annotation: Annotation, source: TextStream, target: Extraction,
          stream: TextStream) -> Annotation | None:
    """``annotation`` (made on the copy ``source`` reads) as it stands on ``target`` (whose
    words ``stream`` reads), or None when its passage is not there."""
    selector = selector_of(annotation, source)
    if not selector.exact:
        return None
    size = len(selector.exact)
    best: tuple[float, int] | None = None
    for start in range(len(stream.words) - size + 1):
        if tuple(stream.words[start:start + size]) != selector.exact:
            continue
        found = stream.selector_at(start, start + size)
        agree = _edges(selector, found)
        if best is None or agree > best[0]:
            best = (agree, start)
    if best is None:
        return None
    spans = _spans(stream, best[1], best[1] + size)
    if not spans:
        return None
    first = spans[0]
    line = target_line(target, first)
    anchor = Anchor(text=line, page=first.page, line=first.line, via="quote", spans=spans)
    return replace(annotation, page=first.page, spans=spans, rect=None, quads=[],
                   anchor=anchor)


def target_line(extraction: Extraction, span: Span) -> str:
    """The text of the line a span is on."""
    for page in extraction.pages:
        if page.number == span.page and span.line < len(page.lines):
            return page.lines[span.line].text
    return ""


def _edges(first: QuoteSelector, second: QuoteSelector) -> float:
    before = sum(1 for a, b in zip(first.prefix[::-1], second.prefix[::-1], strict=False)
                 if a == b)
    after = sum(1 for a, b in zip(first.suffix, second.suffix, strict=False) if a == b)
    return (before + after) / (2 * CONTEXT)


def _spans(stream: TextStream, start: int, end: int) -> list[Span]:
    """Character spans, one per line, of words ``start`` to ``end`` of ``stream``."""
    spans: list[Span] = []
    for index in range(start, end):
        page, line, begin, finish = stream.places[index]
        if spans and (spans[-1].page, spans[-1].line) == (page, line):
            spans[-1] = Span(page, line, spans[-1].start, finish)
        else:
            spans.append(Span(page, line, begin, finish))
    return spans
