"""One document of a release from its extraction (a whole file, or a page range of one)."""

from __future__ import annotations

from tui.core.anchoring.ground_lists import ground_list
from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.model import Extraction
from tui.core.release.model import Placeholder, ReleaseDocument
from tui.core.release.stamps import removed_pages


def page_range(extraction: Extraction, first: int, last: int) -> Extraction:
    """The pages ``first``..``last`` (numbers in the file) of ``extraction`` with their
    comments and nota's, numbered as in the file."""
    def inside(number: int) -> bool:
        return first <= number <= last

    return Extraction(
        document=extraction.document,
        pages=[p for p in extraction.pages if inside(p.number)],
        notas=[n for n in extraction.notas if n.first_page <= last and n.last_page >= first],
        annotations=[a for a in extraction.annotations if inside(a.page)],
        warnings=[],
        summary_pages=[p for p in extraction.summary_pages if inside(p.number)],
    )


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
