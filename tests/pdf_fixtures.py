"""Tiny API for tests: write a PDF with given text lines and annotations.

Example::

    path = make_pdf(
        tmp_path / "x.pdf",
        pages=[["line 1", "line 2"]],
        annotations=[
            Highlight(phrase="line 2", contents="why?", name="h1"),
            FreeText(beside="line 1", text="Welke dan?"),
            Note(beside="line 2", text="Lakken"),
            Redaction(phrase="1"),
            Reply(to="h1", text="Omdat."),
            Ink(strokes=[[(100, 700), (150, 720)]]),
            Highlight(phrase="line", kind="Underline"),   # or StrikeOut, Squiggly
        ],
    )

Lines are drawn top-down at x=70 in 10 pt Helvetica, 14 pt apart; a phrase is looked up on
the annotation's ``page`` (1-based) and may wrap across lines. Every annotation gets author
"Tester", a fixed date and a stable /NM (``name`` when given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.pdfgen.document import PdfAnnot, PdfBuilder

DATE = "7-2-2025 12:48:35"
AUTHOR = "Tester"


@dataclass
class Highlight:
    """Text markup over ``phrase``; ``kind`` is Highlight, Underline, StrikeOut or Squiggly."""

    phrase: str
    contents: str | None = None
    kind: str = "Highlight"
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


@dataclass
class FreeText:
    """A typed comment in the right margin, level with the line containing ``beside``."""

    beside: str
    text: str
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


@dataclass
class Note:
    """A sticky note (with a popup) beside the line containing ``beside``."""

    beside: str
    text: str = ""
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


@dataclass
class Redaction:
    """A redaction mark (/Redact) over ``phrase``."""

    phrase: str
    overlay: str | None = None
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


@dataclass
class Reply:
    """A sticky-note reply (/IRT) to the annotation named ``to``."""

    to: str
    text: str
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


@dataclass
class Ink:
    """Freehand strokes: lists of (x, y) points."""

    strokes: list[list[tuple[float, float]]] = field(default_factory=list)
    page: int = 1
    name: str | None = None
    author: str = AUTHOR


Spec = Highlight | FreeText | Note | Redaction | Reply | Ink


def make_pdf(path: Path, pages: list[list[str]], annotations: list[Spec] = (),  # type: ignore[assignment]
             *, creation_date: bool = True, title: str | None = None) -> Path:
    """Write a PDF with ``pages`` (lists of lines) and ``annotations``; returns ``path``.

    ``creation_date`` False writes each annotation's date as /M only (as many writers do);
    ``title`` is the document's /Title (default: the file's stem)."""
    doc = PdfBuilder(title=title or path.stem)
    for lines in pages:
        page = doc.new_page()
        for index, line in enumerate(lines):
            doc.text(page, 70, 780 - 14 * index, line, size=10)
    for spec in annotations:
        annot = _annot(doc, spec)
        annot.creation_date = creation_date
        doc.annotate(annot)
    return doc.write(path)


def _annot(doc: PdfBuilder, spec: Spec) -> PdfAnnot:
    annot = PdfAnnot("Text", spec.page, author=spec.author, date=DATE, name=spec.name,
                     color=(1.0, 0.82, 0.0))
    if isinstance(spec, Highlight):
        annot.subtype, annot.contents, annot.subject = spec.kind, spec.contents, spec.kind
        annot.boxes = doc.layout.find(spec.phrase, page=spec.page)
    elif isinstance(spec, Redaction):
        annot.subtype, annot.subject, annot.color = "Redact", "Markering", (1.0, 0.0, 0.0)
        annot.boxes = doc.layout.find(spec.phrase, page=spec.page)
        annot.overlay_text = spec.overlay
    elif isinstance(spec, FreeText):
        top = doc.layout.find(spec.beside, page=spec.page)[0][4]
        annot.subtype, annot.contents, annot.color = "FreeText", spec.text, (0.0, 0.0, 1.0)
        annot.rect = (412.0, top - 24, 580.0, top + 2)
    elif isinstance(spec, Note):
        top = doc.layout.find(spec.beside, page=spec.page)[0][4]
        annot.contents, annot.popup, annot.rect = spec.text, True, (402.0, top - 18, 420.0, top)
    elif isinstance(spec, Reply):
        annot.contents, annot.reply_to, annot.reply_type = spec.text, spec.to, "R"
        annot.rect = (402.0, 700.0, 420.0, 718.0)
    else:
        xs = [x for stroke in spec.strokes for x, _ in stroke]
        ys = [y for stroke in spec.strokes for _, y in stroke]
        annot.subtype, annot.ink = "Ink", spec.strokes
        annot.rect = (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
    return annot
