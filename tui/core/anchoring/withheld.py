"""Words still under a redaction mark, withheld from everything kantlijn shows of a document.

A redaction that was never applied (``applied`` False) only hides its words: the file still
holds them, and :func:`~tui.core.pdf.redactions.place_redactions` gives the mark their spans
and quote. ``kantlijn extract`` prints that raw reading; everything read from the library —
search hits and previews, every export format, the dossier — shows :func:`withhold` 's
version instead, where those words are one block (:data:`BLOCK`) in every passage, quote,
contents and page line that holds them, unless the user asked to see them (:class:`Reveal`).

Page lines keep their length (each withheld character becomes ``█``), so every span still
points at the right characters; texts made from them are collapsed (:func:`collapse`), so
no output tells how long the withheld words are.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace

from tui.core.anchoring.quotes import join_spans, normalise_quote
from tui.core.model import Anchor, Annotation, AnnotationKey, Extraction, Line, PageText, Span

BLOCK = "█████"
"""What stands where words are withheld (the placeholder of an applied redaction, too)."""
MASK = "█"
NOT_APPLIED = "not applied — the words are still in the file"
"""How every output says that a redaction mark was never applied."""
_RUN = re.compile(f"{MASK}+")

Runs = dict[tuple[int, int], list[tuple[int, int]]]
"""(page, line) -> the character ranges withheld on that line."""


@dataclass(frozen=True, slots=True)
class Reveal:
    """Which withheld words the user asked to see: all of them (``--reveal``), or those of
    the redactions revealed one by one in the reader (``r``). Falsy when nothing is shown."""

    everything: bool = False
    redactions: frozenset[AnnotationKey] = frozenset()

    def __bool__(self) -> bool:
        return self.everything or bool(self.redactions)

    def shown_in(self, document: str) -> Container[str] | None:
        """The ids of ``document`` 's redactions whose words show (None: every one)."""
        if self.everything:
            return None
        return {key.annotation for key in self.redactions if key.document == document}


NOTHING = Reveal()
EVERYTHING = Reveal(everything=True)


def is_withheld(annotation: Annotation) -> bool:
    """True for a redaction mark over words the file still holds."""
    return annotation.kind == "redaction" and annotation.applied is False


def has_withheld(annotations: Iterable[Annotation]) -> bool:
    """True when any of ``annotations`` is a redaction over words still in the file."""
    return any(is_withheld(a) for a in annotations)


def collapse(text: str) -> str:
    """``text`` with every run of withheld characters as one :data:`BLOCK`."""
    return _RUN.sub(BLOCK, text) if MASK in text else text


def withhold(extraction: Extraction, shown: Container[str] | None = ()) -> Extraction:
    """``extraction`` as kantlijn shows it: the words under each redaction that was not
    applied (except those in ``shown``; None shows all) replaced by a block wherever they
    stand. The extraction itself is not changed; without such words it is returned as is."""
    if shown is None:
        return extraction
    hidden = [a for a in extraction.annotations if is_withheld(a) and a.id not in shown]
    if not hidden:
        return extraction
    runs: Runs = {}
    for redaction in hidden:
        for span in redaction.spans:
            runs.setdefault((span.page, span.line), []).append((span.start, span.end))
    raw = {page.number: page for page in extraction.pages}
    masked = {number: _masked_page(page, runs) for number, page in raw.items()}
    pieces = _pieces(hidden, raw)
    texts = _Texts(runs, raw, masked, pieces)
    ids = {a.id for a in hidden}
    annotations = [texts.annotation(a, a.id in ids) for a in extraction.annotations]
    return Extraction(extraction.document, [masked[p.number] for p in extraction.pages],
                      extraction.notas, annotations, extraction.warnings,
                      extraction.summary_pages)


def _masked_page(page: PageText, runs: Runs) -> PageText:
    if not any(number == page.number for number, _ in runs):
        return page
    lines = []
    for index, line in enumerate(page.lines):
        ranges = runs.get((page.number, index))
        lines.append(Line(_mask(line.text, ranges), [], line.column, line.rect)
                     if ranges else line)
    return PageText(page.number, page.width, page.height, lines)


def _mask(text: str, ranges: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in ranges:
        for i in range(max(0, start), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    # A space between two withheld words is withheld too: one block, not one per word.
    return re.sub(f"{MASK}\\s+(?={MASK})", lambda m: MASK * len(m.group(0)), "".join(chars))


def _pieces(hidden: list[Annotation], pages: dict[int, PageText]) -> list[str]:
    """The withheld words as text, longest first: each mark's quote and the run of each
    of its spans (for texts that cannot be rebuilt from their spans)."""
    found: set[str] = set()
    for redaction in hidden:
        if redaction.quote:
            found.add(redaction.quote)
        for span in redaction.spans:
            page = pages.get(span.page)
            if page is not None and 0 <= span.line < len(page.lines):
                found.add(normalise_quote(page.lines[span.line].text[span.start:span.end]))
    return sorted((p for p in found if p), key=len, reverse=True)


@dataclass(slots=True)
class _Texts:
    """Rebuilds the texts of one document with the withheld words blocked."""

    runs: Runs
    raw: dict[int, PageText]
    masked: dict[int, PageText]
    pieces: list[str]

    def annotation(self, annotation: Annotation, hidden: bool) -> Annotation:
        spans = annotation.spans
        anchor = annotation.anchor
        touched = (hidden or self._overlaps(spans) or self._anchor_touched(anchor)
                   or (not spans and self._holds_piece(annotation.quote or "")))
        if not touched:
            return annotation
        quote = annotation.quote
        if hidden:
            quote = BLOCK if quote else quote
        elif quote:
            quote = self._text(quote, spans)
        contents = self._replaced(annotation.contents) if annotation.contents else None
        return replace(annotation, quote=quote, contents=contents,
                       anchor=self._anchor(anchor) if anchor else None)

    def _anchor_touched(self, anchor: Anchor | None) -> bool:
        if anchor is None:
            return False
        return self._overlaps(anchor.spans) or (anchor.page, anchor.line) in self.runs or (
            not anchor.spans and self._holds_piece(anchor.text))

    def _anchor(self, anchor: Anchor) -> Anchor:
        if anchor.via == "line" and (anchor.page, anchor.line) in self.runs:
            raw_line = self._line(self.raw, anchor.page, anchor.line)
            if raw_line is not None and raw_line.strip() == anchor.text:
                masked = self._line(self.masked, anchor.page, anchor.line) or ""
                return replace(anchor, text=collapse(masked.strip()))
        return replace(anchor, text=self._text(anchor.text, anchor.spans))

    def _text(self, text: str, spans: list[Span]) -> str:
        """``text`` (made from ``spans``) with its withheld words blocked: rebuilt from the
        masked page when the spans give the same text, else by finding the words in it."""
        if spans and self._overlaps(spans):
            page = spans[0].page
            raw, masked = self.raw.get(page), self.masked.get(page)
            if raw is not None and masked is not None and all(s.page == page for s in spans):
                for hyphens in (True, False):
                    if _join(raw, spans, hyphens) == text:
                        return collapse(_join(masked, spans, hyphens) or "")
            replaced = self._replaced(text)
            # The words cannot be found in the text, yet its spans cover them: block it all.
            return replaced if replaced != text else BLOCK
        return self._replaced(text)

    def _replaced(self, text: str) -> str:
        for piece in self.pieces:
            text = text.replace(piece, MASK)
        return collapse(text)

    def _holds_piece(self, text: str) -> bool:
        return any(piece in text for piece in self.pieces)

    def _overlaps(self, spans: list[Span]) -> bool:
        for span in spans:
            for start, end in self.runs.get((span.page, span.line), ()):
                if span.start < end and start < span.end:
                    return True
        return False

    @staticmethod
    def _line(pages: dict[int, PageText], page: int, line: int) -> str | None:
        found = pages.get(page)
        if found is None or not 0 <= line < len(found.lines):
            return None
        return found.lines[line].text


def _join(page: PageText, spans: list[Span], hyphens: bool) -> str | None:
    if any(not 0 <= s.line < len(page.lines) for s in spans):
        return None
    return join_spans(page, spans, join_hyphens=hyphens)
