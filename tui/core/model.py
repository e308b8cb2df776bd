"""The document model shared by extraction, the store, export and the UI.

Everything here is plain data: dataclasses that serialise to and from the JSON schema that
``kantlijn extract`` prints and the library caches. Coordinates are PDF user space (points,
origin bottom-left, y grows upwards) so quads and glyph boxes compare directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from tui.core.model_records import SCHEMA_VERSION as SCHEMA_VERSION
from tui.core.model_records import annotation_record, extraction_record

Kind = Literal[
    "highlight",
    "underline",
    "strikeout",
    "squiggly",
    "freetext",
    "note",
    "caret",
    "ink",
    "redaction",
    "stamp",
    "shape",
    "attachment",
]

#: Ids of the user's own annotations (made in kantlijn, never read from a PDF) start with this.
OWN_ID_PREFIX = "me-"

#: Kinds that mark text: their quote is the text under their quads.
MARKUP_KINDS: frozenset[str] = frozenset({"highlight", "underline", "strikeout", "squiggly"})

#: PDF ``/Subtype`` (without the slash) to kind. Subtypes missing here are not comments.
SUBTYPE_KINDS: dict[str, Kind] = {
    "Highlight": "highlight",
    "Underline": "underline",
    "StrikeOut": "strikeout",
    "Squiggly": "squiggly",
    "FreeText": "freetext",
    "Text": "note",
    "Caret": "caret",
    "Ink": "ink",
    "Redact": "redaction",
    "Stamp": "stamp",
    "Square": "shape",
    "Circle": "shape",
    "Line": "shape",
    "Polygon": "shape",
    "PolyLine": "shape",
    "FileAttachment": "attachment",
}

Progress = Callable[[int, int], None]
"""A long task's report: ``progress(done, total)``, called as work advances (pages read,
documents indexed, items written)."""


class AnnotationKey(NamedTuple):
    """Which annotation: its document (the content hash) and its id within that document.

    Tags, notes and question marks are kept per key; a bare ``(sha, id)`` tuple still
    compares equal, so stored pairs need no conversion."""

    document: str
    annotation: str


Rect = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` with ``x0 <= x1`` and ``y0 <= y1``."""

Quad = tuple[float, float, float, float, float, float, float, float]
"""Eight numbers of a ``/QuadPoints`` entry, as stored in the PDF."""

Point = tuple[float, float]


@dataclass(slots=True)
class Glyph:
    """One character as drawn: its text and its box on the page."""

    char: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class Line:
    """A line of text in reading order.

    Right after extraction ``glyphs`` has exactly one entry per character of ``text``
    (inserted spaces get a box between their neighbours), so a character offset in ``text``
    is also a glyph index. Once quotes are computed the glyphs are dropped (:meth:`compact`)
    and only the line's ``box`` is kept: a thousand pages of per-character boxes would cost
    a gigabyte. ``column`` numbers the column the line belongs to (0 = leftmost). Lines read
    from a text-only source (a comment summary) have neither glyphs nor box.
    """

    text: str
    glyphs: list[Glyph] = field(default_factory=list)
    column: int = 0
    box: Rect | None = None
    """The line's bounding box; filled from the glyphs on first use."""
    confidence: float | None = None
    """For a line read by OCR: the mean confidence (0..1) of its words; else None."""
    unsure: list[str] = field(default_factory=list)
    """For a line read by OCR: the words the engine was unsure of (as they stand in
    ``text``), for the reader to point out on demand; words, not offsets, so cutting
    text out of the line (:mod:`tui.core.pdf.page_edits`) cannot move them."""

    @property
    def rect(self) -> Rect | None:
        """The bounding box of the line, or None for a line without geometry."""
        if self.box is None and self.glyphs:
            self.box = (
                min(g.x0 for g in self.glyphs),
                min(g.y0 for g in self.glyphs),
                max(g.x1 for g in self.glyphs),
                max(g.y1 for g in self.glyphs),
            )
        return self.box

    def compact(self) -> None:
        """Keep the box, drop the per-character glyphs (they are only needed for quotes)."""
        if self.glyphs:
            _ = self.rect
            self.glyphs = []


@dataclass(slots=True)
class PageText:
    """The text of one page: lines in reading order."""

    number: int
    """1-based page number."""
    width: float = 595.0
    height: float = 842.0
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False
    """True when the page had no text layer and its text was read by OCR."""
    pictures: bool = field(default=True, compare=False)
    """False when the page's content was read whole and draws no image: without text it is
    blank or vector drawings, and OCR has nothing to read on it. A hint for reading the PDF,
    not part of what was read (not kept in caches or JSON, not compared: a page read from a
    cache may hold pictures)."""

    def compact(self) -> None:
        """Drop every line's glyphs, keeping line boxes (see :meth:`Line.compact`)."""
        for line in self.lines:
            line.compact()


@dataclass(slots=True)
class Span:
    """A run of characters on one line of a page: ``text[start:end]`` of that line."""

    page: int
    line: int
    start: int
    end: int


@dataclass(slots=True)
class Anchor:
    """The passage a comment is about.

    ``via`` says how it was found: ``"quote"`` (markup: its own text), ``"markup"`` (the
    highlight or other markup the comment overlaps or adjoins; ``annotation`` is its id),
    ``"line"`` (the nearest text line), ``"summary"`` (placed from a comment summary).
    """

    text: str
    page: int
    line: int
    via: str
    annotation: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Annotation:
    """One comment or mark a reviewer left on the document."""

    id: str
    kind: Kind
    subtype: str
    page: int
    """1-based page number."""
    rect: Rect | None = None
    quads: list[Quad] = field(default_factory=list)
    color: str | None = None
    """``#rrggbb`` or None."""
    author: str | None = None
    subject: str | None = None
    created: str | None = None
    """ISO 8601, or None when absent or unreadable."""
    modified: str | None = None
    contents: str | None = None
    quote: str | None = None
    """For markup: the text under the quads, hyphenation joined, lines joined with a space."""
    spans: list[Span] = field(default_factory=list)
    """For markup: where the quote stands in the page text (for colouring it)."""
    anchor: Anchor | None = None
    in_reply_to: str | None = None
    group_with: str | None = None
    nota: int | None = None
    """Index (1-based) of the nota this annotation belongs to."""
    ground: str | None = None
    """Woo ground for redactions, e.g. ``"5.1.2e"``, or the wording as written."""
    applied: bool | None = None
    """Redactions: False while the words under the mark are still in the file's text (the
    mark only hides them; ``quote`` holds them), True when no text is left under it."""
    ink: list[list[Point]] = field(default_factory=list)
    confidence: float | None = None
    """For a comment read from OCR'd text: how sure the engine was of it (0..1); else None."""

    @property
    def date(self) -> str | None:
        """When the comment was made, as kantlijn shows and searches it: ``created``, else
        ``modified`` (most writers always set ``/M`` but often not ``/CreationDate``).

        Both stay in the JSON as read; this is the one rule for every date shown, sorted,
        searched or exported."""
        return self.created or self.modified

    @property
    def is_markup(self) -> bool:
        """True for kinds that mark text (highlight, underline, strikeout, squiggly)."""
        return self.kind in MARKUP_KINDS

    @property
    def is_own(self) -> bool:
        """True for an annotation the user made in kantlijn (never one from the PDF)."""
        return self.id.startswith(OWN_ID_PREFIX)

    @property
    def own_kind(self) -> str:
        """What the user calls one of their own annotations: a highlight, or a comment."""
        return "highlight" if self.kind == "highlight" else "comment"


@dataclass(slots=True)
class Nota:
    """One memo inside a document (a release often bundles several)."""

    index: int
    """1-based position in the document."""
    title: str
    first_page: int
    last_page: int
    addressee: str | None = None
    date: str | None = None
    """As written on the nota (e.g. ``"09-10-2024"``), ISO when it parses."""
    reference: str | None = None
    decision: str | None = None
    """``"TER BESLISSING"``, ``"TER VOORBEREIDING"``, ``"TER INFORMATIE"`` or None."""
    discussed: str | None = None
    """The 'besproken' stamp, e.g. ``"Staatssecretaris besproken 15-10-2024"``."""

    def holds(self, annotation: Annotation) -> bool:
        """True when ``annotation`` belongs to this nota: by its ``nota`` index when it has
        one, else by its page falling within the nota's pages."""
        if annotation.nota is not None:
            return annotation.nota == self.index
        return self.first_page <= annotation.page <= self.last_page


@dataclass(slots=True)
class DocumentInfo:
    """What identifies a document and where it came from."""

    path: str
    sha256: str
    pages: int
    title: str | None = None
    source: str = "pdf"
    """``"pdf"``, ``"summary"`` (a text/Markdown comment summary) or ``"summary-pdf"`` (a
    PDF as published with Acrobat's comment summary printed in it)."""


@dataclass(slots=True)
class Extraction:
    """Everything kantlijn reads from one document."""

    document: DocumentInfo
    pages: list[PageText] = field(default_factory=list)
    notas: list[Nota] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary_pages: list[PageText] = field(default_factory=list)
    """Pages of a comment summary printed in the document: not reading text."""
    ocr_skipped: list[int] = field(default_factory=list)
    """Pages that needed OCR and were not read by it (``--ocr never``, or no engine): kept
    by the cache (not in the JSON), so a later reading with OCR reads them."""

    def to_dict(self, *, include_pages: bool = False) -> dict[str, Any]:
        """The JSON form (see README, "JSON schema"). Page text only when asked for."""
        return extraction_record(self, include_pages=include_pages)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an extraction from :meth:`to_dict` output."""
        return cls(
            document=DocumentInfo(**data["document"]),
            pages=[page_from_dict(p) for p in data.get("pages", [])],
            notas=[Nota(**n) for n in data.get("notas", [])],
            annotations=[annotation_from_dict(a) for a in data.get("annotations", [])],
            warnings=list(data.get("warnings", [])),
            summary_pages=[page_from_dict(p) for p in data.get("summary_pages", [])],
        )


def annotation_to_dict(annotation: Annotation) -> dict[str, Any]:
    """The JSON form of one annotation (:func:`~tui.core.model_records.annotation_record`)."""
    return annotation_record(annotation)


def annotation_from_dict(data: dict[str, Any]) -> Annotation:
    """Rebuild an annotation from :func:`annotation_to_dict` output.

    Field by field (no copy of ``data``): a library's every comment passes through here.

    Raises:
        KeyError: a field every annotation has is missing.
        TypeError: a field the model does not know.
    """
    if not _ANNOTATION_FIELDS.issuperset(data):
        unknown = ", ".join(sorted(set(data) - _ANNOTATION_FIELDS))
        raise TypeError(f"annotation has unexpected fields: {unknown}")
    get = data.get
    anchor = get("anchor")
    return Annotation(
        id=data["id"], kind=data["kind"], subtype=data["subtype"], page=data["page"],
        rect=_rect_or_none(get("rect")), quads=[tuple(q) for q in get("quads") or ()],
        color=get("color"), author=get("author"), subject=get("subject"),
        created=get("created"), modified=get("modified"), contents=get("contents"),
        quote=get("quote"), spans=[Span(**s) for s in get("spans") or ()],
        anchor=anchor_from_dict(anchor) if anchor else None,
        in_reply_to=get("in_reply_to"), group_with=get("group_with"), nota=get("nota"),
        ground=get("ground"), applied=get("applied"),
        ink=[[(float(x), float(y)) for x, y in stroke] for stroke in get("ink") or ()],
        confidence=get("confidence"),
    )


_ANNOTATION_FIELDS = frozenset(Annotation.__dataclass_fields__)


def anchor_from_dict(data: dict[str, Any]) -> Anchor:
    """Rebuild an anchor from its JSON form."""
    values = dict(data)
    spans = [Span(**s) for s in values.pop("spans", [])]
    return Anchor(**values, spans=spans)


def _rect_or_none(value: Any) -> Rect | None:
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (x0, y0, x1, y1)


def page_from_dict(data: dict[str, Any]) -> PageText:
    """Rebuild a page's text from its JSON form."""
    lines = [
        Line(
            text=line["text"],
            glyphs=[Glyph(**g) for g in line.get("glyphs", [])],
            column=line.get("column", 0),
            box=_rect_or_none(line.get("box")),
            confidence=line.get("confidence"),
            unsure=[w for w in line.get("unsure", []) if isinstance(w, str)],
        )
        for line in data.get("lines", [])
    ]
    return PageText(
        number=data["number"], width=data["width"], height=data["height"], lines=lines,
        ocr=bool(data.get("ocr", False)),
    )
