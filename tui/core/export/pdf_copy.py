"""Export as an annotated copy of the PDF: the user's work as real PDF annotations.

The original file is only read; the copy gets, beside the reviewer's annotations, the user's
own highlights and comments as ``/Highlight`` annotations with quads over exactly their words
(the page is read again for its character boxes), and the user's tags and notes on a
reviewer's comment as a sticky note replying to it (``/IRT``). Tags go into the comment and
``/Subj``; the author is the user's name. Any PDF reader — and pdfannots — lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from tui.core.errors import KantlijnError
from tui.core.escape import plain
from tui.core.export.records import ExportDocument, ExportItem
from tui.core.model import PageText, Rect, Span
from tui.core.pdf.content_walk import extract_page_text
from tui.core.pdf.dates import to_pdf_date
from tui.core.pdf.opening import open_pdf

SUBJECT = "kantlijn"
OWN_COLOR = "3fc98a"
QUAD_PAD = 1.0
"""Points added above and below the words, so every character lies well inside its quad."""


def write_pdf_copy(document: ExportDocument, source: Path, target: IO[bytes],
                   author: str, password: str | None = None) -> int:
    """Write the annotated copy of ``source`` into the ``target`` handle; returns how many
    annotations were added. ``source`` must be the document's PDF (its hash is checked)."""
    reader = open_pdf(source, password)
    writer = PdfWriter(clone_from=reader)
    added = 0
    texts: dict[int, PageText] = {}
    for item in document.items:
        annotation = _annotation(reader, writer, texts, item, author)
        if annotation is not None:
            writer.add_annotation(item.annotation.page - 1, annotation)
            added += 1
    writer.write(target)
    return added


def _annotation(reader: PdfReader, writer: PdfWriter, texts: dict[int, PageText],
                item: ExportItem, author: str) -> DictionaryObject | None:
    a = item.annotation
    if item.own:
        page = texts.get(a.page)
        if page is None:
            page = texts[a.page] = extract_page_text(reader, a.page - 1)
        quads = list(_quads(page, a.spans))
        if not quads:
            return None
        made_by = item.writers.made_by if item.writers is not None else None
        return _highlight(item, quads, made_by or author)  # a teammate's is signed theirs
    if not item.tags and not item.note:
        return None  # the reviewer's own annotation is in the copy already
    return _reply(writer, item, author)


def _quads(page: PageText, spans: list[Span]) -> Iterator[Rect]:
    for span in spans:
        if not 0 <= span.line < len(page.lines):
            continue
        glyphs = [g for g in page.lines[span.line].glyphs[span.start : span.end]
                  if g.char.strip()]
        if glyphs:
            yield (min(g.x0 for g in glyphs), min(g.y0 for g in glyphs) - QUAD_PAD,
                   max(g.x1 for g in glyphs), max(g.y1 for g in glyphs) + QUAD_PAD)


def _comment(item: ExportItem) -> str:
    parts = []
    if item.annotation.is_own and item.annotation.contents:
        parts.append(plain(item.annotation.contents))
    if item.writers is not None and item.writers.tags:  # a team library: with the members
        parts.append("Tags: " + ", ".join(f"{plain(tag)} ({', '.join(members)})"
                                          for tag, members in item.writers.tags))
    elif item.tags:
        parts.append("Tags: " + ", ".join(plain(t) for t in item.tags))
    if item.note:
        parts.append("Note: " + plain(item.note))
    return "\n".join(parts)


def _subject(item: ExportItem) -> str:
    return SUBJECT + (": " + ", ".join(plain(t) for t in item.tags) if item.tags else "")


def _highlight(item: ExportItem, quads: list[Rect], author: str) -> DictionaryObject:
    points: list[float] = []
    for x0, y0, x1, y1 in quads:
        points += [x0, y1, x1, y1, x0, y0, x1, y0]
    rect = (min(q[0] for q in quads), min(q[1] for q in quads),
            max(q[2] for q in quads), max(q[3] for q in quads))
    annotation = Highlight(
        rect=rect, quad_points=ArrayObject(FloatObject(round(p, 3)) for p in points),
        highlight_color=OWN_COLOR,
    )
    _describe(annotation, item, author)
    return annotation


def _reply(writer: PdfWriter, item: ExportItem, author: str) -> DictionaryObject:
    a = item.annotation
    _, _, x1, y1 = a.rect or (36.0, 36.0, 56.0, 56.0)
    annotation = Text(rect=(x1, y1 - 20, x1 + 20, y1), text=_comment(item), open=False)
    parent = _find_original(writer, a.page - 1, a.id, a.rect)
    if parent is not None:
        annotation[NameObject("/IRT")] = parent
        annotation[NameObject("/RT")] = NameObject("/R")
    _describe(annotation, item, author)
    return annotation


def _describe(annotation: DictionaryObject, item: ExportItem, author: str) -> None:
    a = item.annotation
    annotation[NameObject("/T")] = TextStringObject(plain(a.author if a.is_own and a.author
                                                          else author))
    annotation[NameObject("/Contents")] = TextStringObject(_comment(item))
    annotation[NameObject("/Subj")] = TextStringObject(_subject(item))
    annotation[NameObject("/NM")] = TextStringObject(
        a.id if a.is_own else f"kantlijn-note-{a.id}")
    if a.created:
        annotation[NameObject("/CreationDate")] = TextStringObject(to_pdf_date(a.created))


def _find_original(writer: PdfWriter, index: int, annotation_id: str,
                   rect: Rect | None) -> Any:
    """The reference of the reviewer's annotation in the copy: by ``/NM``, else by rect."""
    try:
        annots = writer.pages[index].get("/Annots") or []
        for ref in annots:
            obj = ref.get_object()
            if str(obj.get("/NM", "")) == annotation_id:
                return ref
        for ref in annots:
            obj = ref.get_object()
            found = [float(v) for v in obj.get("/Rect", [])]
            if rect is not None and len(found) == 4 and all(
                abs(a - b) < 0.01 for a, b in zip(sorted(found[::2]) + sorted(found[1::2]),
                                                  [rect[0], rect[2], rect[1], rect[3]],
                                                  strict=True)
            ):
                return ref
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return None


def check_source(document: ExportDocument, source: Path) -> None:
    """Refuse a file that is not the document's PDF (another version would get the marks
    in the wrong places)."""
    from tui.core.files import file_sha256

    if not source.is_file():
        raise KantlijnError(f"{source}: the PDF is not there any more; give its new place "
                            "with --pdf")
    if file_sha256(source) != document.record.sha256:
        raise KantlijnError(f"{source} is not the PDF this library read (its content changed)")
