"""Reading Acrobat's comment summary ("Overzicht van opmerkingen") from a text/Markdown file.

The file is a conversion of a release printed as "document and comments": each page's text
followed by that page's comment entries. :func:`read_summary` turns it into the same
:class:`~tui.core.model.Extraction` a PDF gives, with text-only lines (no glyphs):
pages are cut by :mod:`tui.core.summary.pages`, their text cleaned by
:mod:`tui.core.summary.cleaning`, and each entry becomes an :class:`Annotation`, anchored here.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from tui.core.anchoring.anchors import markup_anchor
from tui.core.anchoring.find_text import find_text
from tui.core.anchoring.grounds import mentions_ground, normalise_ground
from tui.core.anchoring.notas import assign_notas, split_notas
from tui.core.errors import UnreadableError
from tui.core.model import Anchor, Annotation, DocumentInfo, Extraction, Line, PageText
from tui.core.summary.bounds import limit_entries, text_lines
from tui.core.summary.cleaning import CleanPage, Position, clean_page
from tui.core.summary.entries import RawEntry, clean_author, iso_date, kind_of, parse_header
from tui.core.summary.pages import NO_COMMENTS, SUMMARY_TITLE, cut_pages

_SNIFF_BYTES = 256 * 1024
_PAIR_DISTANCE = 2
"""Lines between a comment's number and a neighbouring highlight for them to belong together."""


def looks_like_summary(path: str | Path) -> bool:
    """True when the file is a text/Markdown comment summary (never raises)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    if head.startswith(b"%PDF") or b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="replace")
    for line in text.splitlines():
        stripped = line.strip()
        if parse_header(stripped) or SUMMARY_TITLE.match(stripped) or NO_COMMENTS.match(stripped):
            return True
    return False


def read_summary(path: str | Path) -> Extraction:
    """Read a comment summary file into pages, annotations and nota's.

    Raises:
        UnreadableError: the file is missing, binary, or holds no comment summary.
    """
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UnreadableError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if b"\x00" in data[:_SNIFF_BYTES] or data.startswith(b"%PDF"):
        raise UnreadableError(f"{source} is not a text comment summary")
    warnings: list[str] = []
    raw_pages, title = cut_pages(text_lines(data, warnings))
    limit_entries(raw_pages, warnings)
    if not any(page.entries for page in raw_pages) and not looks_like_summary(source):
        raise UnreadableError(f"{source} holds no comment summary (no 'Nummer: .. Auteur: ..')")
    extraction = Extraction(
        document=DocumentInfo(
            path=str(source),
            sha256=hashlib.sha256(data).hexdigest(),
            pages=len(raw_pages),
            title=_document_title(title),
            source="summary",
        ),
        warnings=warnings,
    )
    seen_dates: set[str] = set()
    for raw in raw_pages:
        cleaned = clean_page(raw.text, raw.entries, seen_dates)
        page = PageText(number=raw.number, lines=[Line(text=t) for t in cleaned.lines])
        extraction.pages.append(page)
        extraction.annotations.extend(_page_annotations(page, raw.entries, cleaned, extraction))
    extraction.notas = split_notas(
        extraction.pages, annotations=extraction.annotations, title=extraction.document.title
    )
    assign_notas(extraction.annotations, extraction.notas)
    return extraction


def _document_title(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r"\.pdf$", "", title.strip(), flags=re.IGNORECASE) or None


def _page_annotations(
    page: PageText, entries: list[RawEntry], cleaned: CleanPage, extraction: Extraction
) -> list[Annotation]:
    """The page's entries as annotations, anchored and with redaction grounds."""
    annotations: dict[int, Annotation] = {}
    ids: set[str] = set()  # looked up per entry: a page may hold 100,000 of them
    for entry in entries:
        annotation = _annotation(page.number, entry, annotations, ids)
        annotations[entry.number] = annotation
        ids.add(annotation.id)
    texts = [line.text for line in page.lines]
    for annotation in annotations.values():
        if annotation.is_markup:
            _anchor_quote(annotation, texts, extraction)
    redacted = _redacted_lines(texts)
    rank = 0
    for number, annotation in annotations.items():
        if annotation.is_markup:
            continue
        position = cleaned.positions.get(number)
        if position is None and annotation.kind == "redaction" and redacted:
            # Acrobat numbers marks top to bottom, as the placeholders are read: pair them in order.
            position = Position(redacted[min(rank, len(redacted) - 1)], trusted=False)
            rank += 1
        _anchor_comment(number, annotation, annotations, position, texts)
    _set_grounds(annotations)
    return list(annotations.values())


def _annotation(
    page: int, entry: RawEntry, taken: dict[int, Annotation], ids: set[str]
) -> Annotation:
    identifier = f"p{page}-n{entry.number}"
    if identifier in ids:
        identifier += f"-{len(taken)}"
    contents = "\n".join(line for line in entry.content if line).strip() or None
    return Annotation(
        id=identifier,
        kind=kind_of(entry.subject),
        subtype=entry.subject,
        subject=entry.subject or None,
        page=page,
        author=clean_author(entry.author),
        created=iso_date(entry.date),
        contents=contents,
    )


def _anchor_quote(annotation: Annotation, texts: list[str], extraction: Extraction) -> None:
    """Markup: its text is the quote; find where it stands on the page."""
    quote = " ".join((annotation.contents or "").split())
    annotation.quote = quote or None
    spans = find_text(texts, quote, page=annotation.page) if quote else None
    if spans:
        annotation.spans = spans
        annotation.anchor = Anchor(
            text=quote, page=annotation.page, line=spans[0].line, via="quote", spans=list(spans)
        )
        return
    if quote:
        extraction.warnings.append(
            f"page {annotation.page}: quote of {annotation.subtype} {annotation.id}"
            " not found in the page text"
        )
    annotation.anchor = _line_anchor(annotation.page, texts, 0)


def _anchor_comment(
    number: int,
    annotation: Annotation,
    annotations: dict[int, Annotation],
    position: Position | None,
    texts: list[str],
) -> None:
    """A comment belongs with the highlight numbered next to it, unless its number sits elsewhere.

    Acrobat numbers a page's comments top to bottom, so a text box or note written beside a
    highlight gets the number just before (or after) it.
    """
    for neighbour in (number + 1, number - 1):
        markup = annotations.get(neighbour)
        if markup is None or not markup.is_markup or not markup.spans:
            continue
        far = position and abs(position.line - markup.spans[0].line) > _PAIR_DISTANCE
        if position and position.trusted and far:
            continue
        annotation.anchor = markup_anchor(markup)
        return
    annotation.anchor = _line_anchor(annotation.page, texts, position.line if position else 0)


def _redacted_lines(texts: list[str]) -> list[int]:
    """One entry per "[redacted]" placeholder on the page: the line it stands on."""
    return [i for i, text in enumerate(texts) for _ in range(text.lower().count("[redacted]"))]


def _line_anchor(page: int, texts: list[str], line: int) -> Anchor:
    text = texts[line] if 0 <= line < len(texts) else ""
    return Anchor(text=text, page=page, line=line if texts else 0, via="summary")


def _set_grounds(annotations: dict[int, Annotation]) -> None:
    """Notes that name a ground carry it; a redaction without one takes the nearest note's."""
    grounded: dict[int, str] = {}
    for number, annotation in annotations.items():
        if annotation.is_markup or not mentions_ground(annotation.contents):
            continue
        if annotation.kind in ("note", "redaction", "freetext"):
            annotation.ground = normalise_ground(annotation.contents)
            if annotation.ground and annotation.kind != "redaction":
                grounded[number] = annotation.ground
    if not grounded:
        return
    numbers = sorted(grounded)
    for number, annotation in annotations.items():
        if annotation.kind == "redaction" and annotation.ground is None:
            at = bisect.bisect_left(numbers, number)  # the nearest, the lower one on a tie
            near = numbers[max(0, at - 1) : at + 1]
            annotation.ground = grounded[min(near, key=lambda n: (abs(n - number), n))]
