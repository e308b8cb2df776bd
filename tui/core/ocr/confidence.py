"""How sure OCR was of each comment: the mean confidence of the lines it was read from.

A comment from a printed summary page was read from that page's lines; a mark on a scanned
page covers lines of it (its spans, else its anchor's line). Comments on text pages keep
None.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.model import Annotation, Line, PageText

#: Summary lines shorter than this say too little to tell whose comment they belong to.
_MIN_LINE = 4


def assign(annotations: list[Annotation], pages: list[PageText],
           summary_pages: list[PageText]) -> None:
    """Set ``confidence`` on every comment read from OCR'd text."""
    by_number = {page.number: page for page in pages}
    summary = [line for page in summary_pages if page.ocr for line in page.lines
               if line.confidence is not None and len(line.text.strip()) >= _MIN_LINE]
    for annotation in annotations:
        found = _from_summary(annotation, summary) if summary else []
        page = by_number.get(annotation.page)
        if not found and page is not None and page.ocr:
            found = _from_page(annotation, page)
        if found:
            annotation.confidence = round(sum(found) / len(found), 3)


def _from_summary(annotation: Annotation, lines: Iterable[Line]) -> list[float]:
    contents = " ".join((annotation.contents or "").split())
    if not contents:
        return []
    return [line.confidence for line in lines
            if line.confidence is not None and " ".join(line.text.split()) in contents]


def _from_page(annotation: Annotation, page: PageText) -> list[float]:
    indexes = {span.line for span in annotation.spans}
    if not indexes and annotation.anchor is not None and annotation.anchor.page == page.number:
        indexes = {annotation.anchor.line}
    chosen = [page.lines[i] for i in sorted(indexes) if 0 <= i < len(page.lines)]
    values = [line.confidence for line in chosen or page.lines if line.confidence is not None]
    return values
