"""A release as published: its printed comment summary read back onto its flattened pages.

When a document's pages include Acrobat's comment summary (:mod:`tui.core.summary.in_pdf`),
each entry becomes an :class:`Annotation` on the document page it belongs to, as a live
annotation would be, and the summary pages are set apart from the reading text. What the
flattened page shows (:mod:`tui.core.pdf.flattened`) places each entry:

* the number printed beside each mark (:mod:`tui.core.pdf.markers`) says where its comment
  stands; those numbers are taken out of the reading text ("Actieagenda integratie 9" reads
  without the 9);
* a FreeText's words are found where they are printed (in the margin, or run into a body
  line) and taken out of the reading text; the comment is then anchored like a live one to
  the highlight or line level with them;
* a highlight entry takes the coloured box with its text (or, without one, its text found
  on the page across line breaks and hyphenation);
* redaction entries take the black boxes: each by the number beside its first box, or —
  without numbers — in reading order, as Acrobat numbers them top to bottom.

Ids follow the comment summary's scheme, ``p<page>-n<number>``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.anchoring.anchors import markup_anchor, nearest_line
from tui.core.anchoring.find_text import find_all_text, find_text, span_text
from tui.core.anchoring.quotes import join_spans, normalise_quote
from tui.core.model import Anchor, Annotation, PageText, Rect, Span
from tui.core.pdf.flattened import FlatPage
from tui.core.pdf.markers import Marker
from tui.core.pdf.page_edits import PageEdits
from tui.core.pdf.redactions import PLACEHOLDER
from tui.core.summary.entries import RawEntry, clean_author, iso_date, kind_of
from tui.core.summary.in_pdf import PrintedEntry, read_printed_summary


@dataclass(slots=True)
class Release:
    """A published release read back: document pages, summary pages and the comments."""

    pages: list[PageText]
    summary_pages: list[PageText]
    annotations: list[Annotation]
    title: str | None = None
    numbers: dict[str, int] = field(default_factory=dict)
    """Summary number of each comment (by id), for placing those that have no mark."""
    printed: dict[str, Anchor] = field(default_factory=dict)
    """Where an entry is printed, for a summary that is all the document holds."""


def read_release(
    pages: list[PageText],
    flats: Sequence[FlatPage],
    warnings: list[str],
    live: Sequence[Annotation] = (),
) -> Release | None:
    """The release's comments from its printed summary; None when it has none.

    ``live`` are annotations the file holds besides (someone annotated the published
    release): their spans follow the text as numbers and printed words are cut out of it.
    """
    summary = read_printed_summary(pages, warnings)
    if summary is None:
        return None
    read_by_ocr = {page.number for page in pages if page.ocr}
    same_authors([p.entry for p in summary.entries if p.printed_page in read_by_ocr])
    title = summary.title
    if title and title.lower().endswith(".pdf"):
        title = title[:-4].strip()
    on_summary = set(summary.summary_pages)
    reading = [p for p in pages if p.number not in on_summary]
    release = Release(pages=reading, summary_pages=[p for p in pages if p.number in on_summary],
                      annotations=[], title=title or None)
    if not reading:  # comments only: the summary pages are the document
        release.pages, release.summary_pages = release.summary_pages, []
        for printed in summary.entries:
            annotation = _annotation(printed.page or printed.printed_page, printed)
            _add(release, annotation, printed.entry.number)
            release.printed[annotation.id] = _printed_anchor(pages, printed)
        return release
    by_page: dict[int, list[PrintedEntry]] = {}
    for printed in summary.entries:
        by_page.setdefault(printed.page or 0, []).append(printed)
    flat_of = {flat.number: flat for flat in flats}
    for page in reading:
        flat = flat_of.get(page.number) or FlatPage(page.number)
        others = [a for a in live if a.page == page.number]
        for number, annotation in _place_page(page, by_page.get(page.number, []), flat, others):
            _add(release, annotation, number)
    return release


def same_authors(entries: Sequence[RawEntry]) -> None:
    """Each author of ``entries`` (read by OCR) spelled as the summary spells it most often.

    OCR drops or adds a dot or comma in a name now and then ("Nobel, JN.J." among twenty
    "Nobel, J.N.J."): a summary names its few authors again and again, so spellings with the
    same letters and digits (case kept) in the same order are one author, written as most
    entries write it (a tie: the spelling with more marks, as OCR loses more than it adds).
    """
    spellings: dict[str, Counter[str]] = {}
    for entry in entries:
        author = " ".join(entry.author.split())
        spellings.setdefault(_letters(author), Counter())[author] += 1
    for entry in entries:
        counts = spellings[_letters(" ".join(entry.author.split()))]
        entry.author = max(counts, key=lambda spelling: (counts[spelling], len(spelling)))


def _letters(author: str) -> str:
    return "".join(c for c in author if c.isalnum())


def _add(release: Release, annotation: Annotation, number: int | None) -> None:
    taken = {a.id for a in release.annotations}
    base, suffix = annotation.id, 2
    while annotation.id in taken:  # a summary that numbers two comments of a page alike
        annotation.id = f"{base}-{suffix}"
        suffix += 1
    release.annotations.append(annotation)
    if number is not None:
        release.numbers[annotation.id] = number


def _annotation(page: int, printed: PrintedEntry) -> Annotation:
    entry = printed.entry
    contents = "\n".join(line for line in entry.content if line).strip() or None
    return Annotation(
        id=f"p{page}-n{entry.number}", kind=kind_of(entry.subject), subtype=entry.subject,
        subject=entry.subject or None, page=page, author=clean_author(entry.author),
        created=iso_date(entry.date), contents=contents,
    )


def _printed_anchor(pages: list[PageText], printed: PrintedEntry) -> Anchor:
    page = next(p for p in pages if p.number == printed.printed_page)
    line = min(printed.printed_line, max(len(page.lines) - 1, 0))
    text = page.lines[line].text if page.lines else ""
    return Anchor(text=text, page=page.number, line=line, via="summary")


# --- one document page -----------------------------------------------------------------------


def _place_page(
    page: PageText, entries: list[PrintedEntry], flat: FlatPage, live: list[Annotation]
) -> list[tuple[int | None, Annotation]]:
    """The page's entries as annotations (with their numbers), and redactions burned in
    that no entry describes; the numbers and printed FreeTexts go out of the page text."""
    annotations = [_annotation(page.number, printed) for printed in entries]
    numbers = [printed.entry.number for printed in entries]
    markers = _markers(flat.markers, set(numbers))
    edits = PageEdits(page, [*flat.marks, *live])
    for printed in sorted(markers.values(), key=lambda m: (m.line, -m.start)):
        edits.cut(printed.line, printed.start, printed.end)
    for index in {m.line for m in markers.values()}:
        # A line that held only numbers and the placeholder of a box beside them is no text
        # of its own: the box had no line, as for a live redaction over removed words.
        if not page.lines[index].text.replace(PLACEHOLDER, "").strip():
            edits.cut(index, 0, len(page.lines[index].text))
    for number, annotation in zip(numbers, annotations, strict=True):
        if annotation.kind == "freetext":
            annotation.rect = _take_printed_text(page, edits, annotation, markers.get(number))
    edits.drop_empty_lines()
    highlights = [m for m in flat.marks if m.kind == "highlight"]
    for number, annotation in zip(numbers, annotations, strict=True):
        marker = markers.get(number)
        if annotation.is_markup:
            _mark_text(page, annotation, highlights, marker)
        elif annotation.kind not in ("redaction", "freetext"):
            annotation.rect = _icon(flat.icons, marker)
        elif annotation.rect is None and marker is not None:
            annotation.rect = marker.rect
    redactions = [m for m in flat.marks if m.kind == "redaction"]
    wanted = [(n, a) for n, a in zip(numbers, annotations, strict=True) if a.kind == "redaction"]
    leftover = _give_boxes(wanted, sorted(redactions, key=lambda b: _reading_key(b, page)),
                           markers)
    return [*zip(numbers, annotations, strict=True), *((None, box) for box in leftover)]


def _icon(icons: list[Rect], marker: Marker | None) -> Rect | None:
    """A sticky note's place: the icon its number stands in or beside, else the number."""
    if marker is None:
        return None
    near = [icon for icon in icons if _distance(icon, marker.rect) <= _reach(marker)]
    return min(near, key=lambda icon: _distance(icon, marker.rect), default=marker.rect)


def _markers(found: list[Marker], numbers: set[int]) -> dict[int, Marker]:
    """The page's number markers that name one of its entries (the first of each number)."""
    markers: dict[int, Marker] = {}
    for marker in found:
        if marker.number in numbers:
            markers.setdefault(marker.number, marker)
    return markers


def _take_printed_text(
    page: PageText, edits: PageEdits, annotation: Annotation, marker: Marker | None
) -> Rect | None:
    """Cut a FreeText's printed words out of the page; the box of the lines they were on."""
    contents = " ".join((annotation.contents or "").split())
    texts = [line.text for line in page.lines]
    candidates = find_all_text(texts, contents, page=page.number) if contents else []
    usable = [spans for spans in candidates if _printed_like(spans, texts, marker)]
    if not usable:
        return marker.rect if marker is not None else None
    spans = min(usable, key=lambda s: (not _near(s, marker), not _whole(s, texts), s[0].line))
    rects = [r for s in spans if (r := page.lines[s.line].rect) is not None]
    for span in reversed(spans):
        edits.cut(span.line, span.start, span.end)
    if not rects:
        return marker.rect if marker is not None else None
    return (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))


def _printed_like(spans: list[Span], texts: list[str], marker: Marker | None) -> bool:
    """Words printed apart from the sentences: beside the number, or filling line ends."""
    if _near(spans, marker) or _whole(spans, texts):
        return True
    # A phrase that happens to start a body line is still part of its sentence: only the end
    # of a line the margin text ran into counts.
    last = spans[-1]
    return len(spans) == 1 and last.end == len(texts[last.line].rstrip())


def _near(spans: list[Span], marker: Marker | None) -> bool:
    return marker is not None and any(abs(s.line - marker.line) <= 1 for s in spans)


def _whole(spans: list[Span], texts: list[str]) -> bool:
    return all(texts[s.line].strip() == texts[s.line][s.start : s.end].strip() for s in spans)


def _mark_text(
    page: PageText, annotation: Annotation, boxes: list[Annotation], marker: Marker | None
) -> None:
    """A markup entry's words: the coloured box by its number or text, else found by text."""
    wanted = _compact(annotation.contents or "")
    chosen = None
    if marker is not None:
        near = [b for b in boxes if b.rect and _distance(b.rect, marker.rect) <= _reach(marker)]
        chosen = min(near, key=lambda b: _distance(b.rect or marker.rect, marker.rect),
                     default=None)
    if chosen is None and wanted:
        chosen = next((b for b in boxes if _compact(b.quote or "") == wanted), None) or next(
            (b for b in boxes if wanted in _compact(b.quote or "")), None
        )
    if chosen is not None:
        boxes.remove(chosen)
        # The quote again from the spans: a number printed in the box has been cut out.
        annotation.spans = chosen.spans
        annotation.quote = join_spans(page, chosen.spans) or None
        annotation.quads, annotation.rect, annotation.color = chosen.quads, chosen.rect, \
            chosen.color
        return
    texts = [line.text for line in page.lines]
    spans = find_text(texts, annotation.contents or "", page=page.number) if wanted else None
    if spans:
        annotation.spans = spans
        annotation.quote = normalise_quote(span_text(texts, spans))
        rects = [r for s in spans if (r := page.lines[s.line].rect) is not None]
        annotation.rect = _union(rects) if rects else None
    elif marker is not None:
        annotation.rect = marker.rect


def _compact(text: str) -> str:
    return "".join(text.split()).casefold()


def _reach(marker: Marker) -> float:
    """How far from its mark a number may stand: a couple of lines."""
    return 3 * (marker.rect[3] - marker.rect[1]) + 6


def _distance(a: Rect, b: Rect) -> float:
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return math.hypot(dx, dy)


def _union(rects: Sequence[Rect]) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects))


# --- redaction boxes ---------------------------------------------------------------------------


def _give_boxes(
    wanted: list[tuple[int, Annotation]], boxes: list[Annotation], markers: dict[int, Marker]
) -> list[Annotation]:
    """Hand the page's black boxes (in reading order) to its redaction entries; boxes left
    over come back."""
    if not wanted:
        return boxes
    groups = _by_markers(wanted, boxes, markers) or _in_order(len(wanted), boxes)
    for (_, annotation), group in zip(wanted, groups, strict=True):
        if not group:
            continue
        annotation.spans = [span for box in group for span in box.spans]
        annotation.quads = [q for box in group for q in box.quads]
        annotation.rect = _union([box.rect for box in group if box.rect is not None])
        annotation.ground = next((box.ground for box in group if box.ground), None)
        annotation.quote = " ".join(box.quote for box in group if box.quote) or None
        annotation.applied = all(box.applied for box in group)
    return []


def _reading_key(box: Annotation, page: PageText) -> tuple[float, float, float]:
    """Where a box comes in reading order: at its placeholder, else by the nearest line of
    its column (a box over a whole line, or over a value that had no line of its own)."""
    if box.spans:
        return (box.spans[0].line, 0, box.spans[0].start)
    rect = box.rect or (0.0, 0.0, 0.0, 0.0)
    line = nearest_line(rect, page.lines, in_text=True)
    return (math.inf if line is None else line, 1, -rect[3])


def _by_markers(
    wanted: list[tuple[int, Annotation]], boxes: list[Annotation], markers: dict[int, Marker]
) -> list[list[Annotation]] | None:
    """Each entry's first box is the one its number stands at; the boxes after it follow it.

    None when an entry has no number on the page, or two numbers point at one box.
    """
    heads: list[int] = []
    for number, _ in wanted:
        marker = markers.get(number)
        if marker is None or not boxes:
            return None
        head = min(range(len(boxes)), key=lambda i: _distance(boxes[i].rect or marker.rect,
                                                              marker.rect))
        if head in heads:
            return None
        heads.append(head)
    groups: list[list[Annotation]] = [[] for _ in wanted]
    order = sorted(range(len(heads)), key=lambda k: heads[k])
    for index, box in enumerate(boxes):
        owner = next((k for k in reversed(order) if heads[k] <= index), order[0])
        groups[owner].append(box)
    return groups


def _in_order(count: int, boxes: list[Annotation]) -> list[list[Annotation]]:
    """The boxes in reading order cut into ``count`` runs whose sizes differ by at most one."""
    size, extra = divmod(len(boxes), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(boxes[start:end])
        start = end
    return groups


# --- comments without a mark -----------------------------------------------------------------


def anchor_unplaced(release: Release, pages: Sequence[PageText]) -> None:
    """Anchors for comments no mark placed: beside the markup numbered next to them (Acrobat
    numbers a page's comments top to bottom), else at the top of their page."""
    texts = {page.number: page for page in pages}
    by_number = {(a.page, release.numbers.get(a.id)): a for a in release.annotations}
    for annotation in release.annotations:
        if annotation.anchor is not None:
            continue
        if annotation.id in release.printed:
            annotation.anchor = release.printed[annotation.id]
            continue
        number = release.numbers.get(annotation.id)
        for neighbour in (number + 1, number - 1) if number is not None else ():
            markup = by_number.get((annotation.page, neighbour))
            if markup is not None and markup.is_markup and markup.spans:
                annotation.anchor = markup_anchor(markup)
                break
        else:
            page = texts.get(annotation.page)
            text = page.lines[0].text if page is not None and page.lines else ""
            annotation.anchor = Anchor(text=text, page=annotation.page, line=0, via="summary")

