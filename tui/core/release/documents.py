"""One document of a release from its extraction (a whole file, or a page range of one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from tui.core.anchoring.ground_lists import ground_list
from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.model import Extraction
from tui.core.release.model import Placeholder, ReleaseDocument
from tui.core.release.stamps import removed_pages

T = TypeVar("T")


def page_ranges(extraction: Extraction, spans: list[tuple[int, int]]) -> list[Extraction]:
    """The pages ``first``..``last`` (numbers in the file) of ``extraction`` with their
    comments and nota's, numbered as in the file, for each ``(first, last)`` of ``spans``.

    One pass over the extraction: a combined release of 2,000 pages has hundreds of ranges,
    and filtering the whole file for each of them grew with their product."""
    pages = _by_page(extraction.pages, lambda p: p.number)
    annotations = _by_page(extraction.annotations, lambda a: a.page)
    summary_pages = _by_page(extraction.summary_pages, lambda p: p.number)
    return [
        Extraction(
            document=extraction.document,
            pages=_within(pages, first, last),
            notas=[n for n in extraction.notas if n.first_page <= last and n.last_page >= first],
            annotations=_within(annotations, first, last),
            warnings=[],
            summary_pages=_within(summary_pages, first, last),
        )
        for first, last in spans
    ]


def _by_page(items: Sequence[T], page_of: Callable[[T], int]) -> dict[int, list[tuple[int, T]]]:
    """``items`` with their positions, grouped by page number."""
    grouped: dict[int, list[tuple[int, T]]] = {}
    for position, item in enumerate(items):
        grouped.setdefault(page_of(item), []).append((position, item))
    return grouped


def _within(grouped: dict[int, list[tuple[int, T]]], first: int, last: int) -> list[T]:
    """The items on pages ``first``..``last``, in the order the extraction holds them."""
    if last - first + 1 > len(grouped):  # a wide range: look at the pages there are
        found = [pair for number, pairs in grouped.items() if first <= number <= last
                 for pair in pairs]
    else:
        found = [pair for number in range(first, last + 1) for pair in grouped.get(number, ())]
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]


def release_document(docnr: str, path: str, extraction: Extraction,
                     first_page: int = 1, page_offset: int = 0) -> ReleaseDocument:
    """What the document shows: its grounds (on redactions and in the notes that state
    them, and in placeholder pages' reasons), its redactions, comments and placeholders.

    Pages are counted within the document: its first page (``first_page`` in the file) is 1.
    ``page_offset`` is added to the extraction's page numbers to give the file's (when the
    document was read on its own from its range).
    """
    document = ReleaseDocument(docnr=docnr, path=path, first_page=first_page,
                               pages=len(extraction.pages), extraction=extraction,
                               page_offset=page_offset)
    shift = page_offset - first_page + 1
    found: dict[str, int] = {}
    for annotation in sorted(extraction.annotations, key=lambda a: a.page):
        if annotation.is_own:
            continue
        where = annotation.page + shift
        if annotation.kind == "redaction":
            document.redactions += 1
            document.redaction_pages.append(where)
            if annotation.ground in GROUND_LABELS:
                counts = document.redactions_by_ground
                counts[annotation.ground] = counts.get(annotation.ground, 0) + 1
        elif (annotation.contents or "").strip():
            document.comments += 1
        if annotation.ground in GROUND_LABELS and (
            annotation.kind in ("redaction", "note", "freetext")
        ):
            found.setdefault(annotation.ground, where)
    for page in extraction.pages:
        removed = removed_pages(page)
        if removed is None:
            continue
        count, reason = removed
        relative = page.number + shift
        document.placeholders.append(Placeholder(relative, count, reason))
        for code in ground_list(reason).codes:
            found.setdefault(code, relative)
    document.grounds_found = sorted(found, key=lambda code: (found[code], code))
    document.ground_pages = found
    return document
