"""Reading the comments a reviewer left on a PDF (its ``/Annots``) into the model.

Every entry is read on its own: a null, non-dictionary or failing entry becomes a warning
and the others still come out. Links, form fields, popups and unknown subtypes are not
comments; a popup's text goes to its parent when the parent has none.

Ids are the annotation's ``/NM`` when that is present and unique in the document, else
derived from page, subtype, rectangle and position in ``/Annots`` (stable across runs).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tui.core.anchoring.threads import ObjectRef, ThreadRef, resolve_threads
from tui.core.model import SUBTYPE_KINDS, Annotation, Rect
from tui.core.pdf.annotation_values import (
    color_of,
    comment_text,
    ink_of,
    line_text,
    quads_of,
    rect_of,
    resolve,
    rich_text,
)
from tui.core.pdf.bounds import MAX_COORDINATE
from tui.core.pdf.budget import DocumentBudget
from tui.core.pdf.dates import parse_pdf_date
from tui.core.pdf.opening import pdf_pages
from tui.core.text import clean_line


@dataclass(slots=True)
class AnnotationRecord:
    """One annotation as read, with what is needed to settle ids and threads later."""

    annotation: Annotation
    derived_id: str
    name: str | None
    """The ``/NM`` as written (None when absent or empty)."""
    ref: ThreadRef


def read_document_annotations(reader: PdfReader, warnings: list[str]) -> list[Annotation]:
    """All comments of the document in page order, ids settled and threads resolved."""
    records: list[AnnotationRecord] = []
    for index in range(len(pdf_pages(reader, warnings))):
        records.extend(read_page_records(reader, index, warnings))
    settle_ids(records)
    annotations = [r.annotation for r in records]
    resolve_threads(annotations, {r.annotation.id: r.ref for r in records}, warnings)
    return annotations


def read_annotations(reader: PdfReader, page_index: int, warnings: list[str],
                     budget: DocumentBudget | None = None) -> list[Annotation]:
    """The comments on one page (0-based ``page_index``), in ``/Annots`` order, at most as
    many as ``budget`` allows (see :func:`read_page_records`).

    Ids are unique on the page; use :func:`read_document_annotations` for ids that are
    unique in the whole document and for reply threads.
    """
    records = read_page_records(reader, page_index, warnings, budget)
    settle_ids(records)
    return [r.annotation for r in records]


def read_page_records(
    reader: PdfReader, page_index: int, warnings: list[str],
    budget: DocumentBudget | None = None,
) -> list[AnnotationRecord]:
    """The comments on one page with their ``/NM`` and object references.

    An annotation object listed more than once is read once; past the document's budget
    of annotations the rest are skipped (the budget says so, once), except redaction marks:
    those withhold words, so they are read up to :data:`MAX_PAGE_ENTRIES`.
    """
    page_number = page_index + 1
    allowed = MAX_PAGE_ENTRIES if budget is None else budget.annotations_left()
    entries, counted = _annots_entries(reader, page_index, warnings, allowed)
    if budget is not None:
        budget.spend_annotations(counted)
    popup_texts = _popup_texts(entries)
    records: list[AnnotationRecord] = []
    for position, (ref, obj) in enumerate(entries):
        if not isinstance(obj, DictionaryObject):
            warnings.append(
                f"page {page_number}: /Annots entry {position + 1} is not an annotation (skipped)"
            )
            continue
        try:
            record = _read_entry(obj, ref, page_number, position, popup_texts)
        except Exception as exc:  # one broken annotation must not hide the others
            reason = clean_line(str(exc))[:80] or type(exc).__name__
            warnings.append(f"page {page_number}: annotation {position + 1} skipped ({reason})")
            continue
        if record is None:
            continue
        if _drop_far_geometry(record.annotation):
            warnings.append(f"page {page_number}: annotation {position + 1}: a position far "
                            "off the page left out")
        records.append(record)
    return records


def _drop_far_geometry(annotation: Annotation) -> bool:
    """Leave out a rectangle, quads or ink points beyond any page (a damaged or crafted
    file's numbers); True when something was left out."""
    def near(values: tuple[float, ...] | list[float]) -> bool:
        return all(-MAX_COORDINATE <= v <= MAX_COORDINATE for v in values)

    dropped = False
    if annotation.rect is not None and not near(annotation.rect):
        annotation.rect, dropped = None, True
    quads = [q for q in annotation.quads if near(q)]
    ink = [[p for p in stroke if near(p)] for stroke in annotation.ink]
    if len(quads) != len(annotation.quads) or ink != annotation.ink:
        annotation.quads, annotation.ink, dropped = quads, [s for s in ink if s], True
    return dropped


Entry = tuple[ObjectRef | None, object]


#: /Annots entries looked at on one page, whatever the budget (a real page has far fewer).
MAX_PAGE_ENTRIES = 100_000


def _annots_entries(reader: PdfReader, page_index: int, warnings: list[str], allowed: int
                    ) -> tuple[list[Entry], int]:
    """The page's distinct ``/Annots`` entries, read: the first ``allowed`` of them and the
    redaction marks after those; with the number of entries that count against the budget
    (all but those redaction marks)."""
    try:
        page = pdf_pages(reader)[page_index]
        annots = resolve(page.get("/Annots"))
    except Exception as exc:
        warnings.append(f"page {page_index + 1}: cannot read its annotations ({exc})")
        return [], 0
    if annots is None:
        return [], 0
    if not isinstance(annots, ArrayObject):
        warnings.append(f"page {page_index + 1}: /Annots is not an array (ignored)")
        return [], 0
    entries: list[Entry] = []
    seen: set[ObjectRef] = set()
    repeated = counted = 0
    for position, item in enumerate(annots):
        if position >= MAX_PAGE_ENTRIES:
            break
        ref = _ref_of(item)
        if ref is not None:
            if ref in seen:
                repeated += 1
                continue
            seen.add(ref)
        if counted < allowed:
            entries.append((ref, resolve(item)))
        elif _may_be_redaction(reader, item):
            obj = resolve(item)
            if isinstance(obj, DictionaryObject) and _subtype(obj) == "Redact":
                entries.append((ref, obj))
                continue
        counted += 1
    if repeated:
        warnings.append(f"page {page_index + 1}: {repeated:,} repeated /Annots entries "
                        "read once")
    return entries, counted


def _may_be_redaction(reader: PdfReader, item: object) -> bool:
    """False when the entry is plainly not a redaction mark, told from the file's bytes
    without parsing it (then an entry past the budget costs a look, not a read)."""
    if isinstance(item, DictionaryObject):
        return _subtype(item) == "Redact"
    plain = getattr(reader, "plain_subtype", None)
    if not isinstance(item, IndirectObject) or plain is None:
        return True
    subtype = plain(item.idnum, item.generation)
    return subtype is None or subtype == "/Redact"


def _ref_of(item: object) -> ObjectRef | None:
    if isinstance(item, IndirectObject):
        return (item.idnum, item.generation)
    return None


def _popup_texts(entries: list[Entry]) -> dict[ObjectRef, str]:
    """Popup contents by their parent's reference (found via the popup's ``/Parent``)."""
    texts: dict[ObjectRef, str] = {}
    for _, obj in entries:
        if not isinstance(obj, DictionaryObject) or _subtype(obj) != "Popup":
            continue
        parent = _ref_of(obj.get("/Parent"))
        text = comment_text(obj.get("/Contents"))
        if parent is not None and text:
            texts.setdefault(parent, text)
    return texts


def _subtype(obj: DictionaryObject) -> str:
    value = resolve(obj.get("/Subtype"))
    return str(value).lstrip("/") if isinstance(value, str) else ""


def _read_entry(
    obj: DictionaryObject,
    ref: ObjectRef | None,
    page: int,
    position: int,
    popup_texts: dict[ObjectRef, str],
) -> AnnotationRecord | None:
    subtype = _subtype(obj)
    kind = SUBTYPE_KINDS.get(subtype)
    if kind is None:
        return None  # links, form fields, popups, unknown subtypes: not comments
    rect = rect_of(obj.get("/Rect"))
    derived = derived_id(page, subtype, rect, position)
    annotation = Annotation(
        id=derived,
        kind=kind,
        subtype=subtype,
        page=page,
        rect=rect,
        quads=quads_of(obj.get("/QuadPoints")),
        color=color_of(obj.get("/C")),
        author=line_text(obj.get("/T")),
        subject=line_text(obj.get("/Subj")),
        created=parse_pdf_date(resolve(obj.get("/CreationDate"))),
        modified=parse_pdf_date(resolve(obj.get("/M"))),
        contents=_contents(obj, ref, popup_texts),
        ink=ink_of(obj.get("/InkList")) if subtype == "Ink" else [],
    )
    if subtype == "Redact":
        _apply_overlay_text(annotation, obj)
    return AnnotationRecord(annotation, derived, line_text(obj.get("/NM")), _thread_ref(obj, ref))


def _contents(
    obj: DictionaryObject, ref: ObjectRef | None, popup_texts: dict[ObjectRef, str]
) -> str | None:
    text = comment_text(obj.get("/Contents")) or rich_text(obj.get("/RC"))
    if text:
        return text
    popup = resolve(obj.get("/Popup"))  # may be null (pdf.js annotation-text-without-popup)
    if isinstance(popup, DictionaryObject):
        text = comment_text(popup.get("/Contents"))
    return text or (popup_texts.get(ref) if ref else None)


def _apply_overlay_text(annotation: Annotation, obj: DictionaryObject) -> None:
    """Keep a redaction's ``/OverlayText`` (often the Woo ground, e.g. ``5.1.2e``)."""
    overlay = line_text(obj.get("/OverlayText"))
    if overlay is None:
        return
    annotation.ground = overlay
    if annotation.contents is None:
        annotation.contents = overlay


def _thread_ref(obj: DictionaryObject, ref: ObjectRef | None) -> ThreadRef:
    reply_type = resolve(obj.get("/RT"))
    return ThreadRef(obj=ref, irt=_ref_of(obj.get("/IRT")), group=reply_type == "/Group")


def derived_id(page: int, subtype: str, rect: Rect | None, position: int) -> str:
    """A stable id from page, subtype, rounded rectangle and position in ``/Annots``."""
    rounded = ",".join(f"{v:.0f}" for v in rect) if rect else "-"
    digest = hashlib.sha1(f"{subtype}|{rounded}|{position}".encode()).hexdigest()[:8]
    return f"p{page}-{subtype.lower()}-{digest}"


def settle_ids(records: list[AnnotationRecord]) -> None:
    """Use ``/NM`` where it is unique among ``records``; otherwise keep the derived id."""
    names = Counter(r.name for r in records if r.name)
    derived = {r.derived_id for r in records}
    taken: set[str] = set()
    for record in records:
        name = record.name
        usable = name is not None and names[name] == 1 and name not in derived
        new_id = name if usable and name is not None else record.derived_id
        suffix = 2
        while new_id in taken:  # only if two derived ids collide; keeps ids unique
            new_id = f"{record.derived_id}-{suffix}"
            suffix += 1
        taken.add(new_id)
        record.annotation.id = new_id
