"""Two copies of one release side by side: what changed in their text, and their comments.

The text of each copy is cut into paragraphs (a line that ends a sentence, a bullet, a blank
line or a short heading ends one), compared as sequences by their words (casefolded, without
numbers: the markers a published copy prints beside its comments are no change), so a
reworded paragraph shows as one change with its page on either side. The comments are paired
by the key their user data shares (:mod:`tui.core.copies.store`): matched, only in the left
copy, only in the right one; what the user wrote that has no place on the other side is
*orphaned*, listed with its old passage. Words under a redaction that was not applied are
withheld from all of it (the text, the comments, the passages) unless revealed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from tui.core.anchoring.withheld import NOTHING, Reveal, withhold
from tui.core.copies.book import Copy, CopyBook, Orphan
from tui.core.copies.fingerprint import words_of
from tui.core.copies.shown import shown_orphans
from tui.core.errors import KantlijnError
from tui.core.model import Annotation, Extraction

_BULLETS = ("•", "-", "–", "*", "·")
_ENDS = (".", ":", "?", "!")
SHORT = 25
"""A line shorter than this (a heading) ends its paragraph."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a copy's text and the page it starts on."""

    page: int
    text: str


@dataclass(frozen=True, slots=True)
class TextChange:
    """Paragraphs of the left copy that the right one has otherwise: ``change`` is
    ``changed``, ``removed`` (only on the left) or ``added`` (only on the right)."""

    change: str
    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class CopyComparison:
    """Two copies of one release compared."""

    left: Copy
    right: Copy
    text: list[TextChange]
    matched: list[tuple[Annotation, Annotation]]
    only_left: list[Annotation]
    only_right: list[Annotation]
    orphaned: list[Orphan]
    """What the user wrote on one side that no comment of the other stands for."""


def paragraphs(extraction: Extraction) -> list[Paragraph]:
    """A document's text as paragraphs, whitespace folded, each with its first page."""
    found: list[Paragraph] = []
    current: list[str] = []
    start = 0

    def close() -> None:
        if current:
            found.append(Paragraph(start, " ".join(current)))
            current.clear()

    for page in extraction.pages:
        for line in page.lines:
            text = " ".join(line.text.split())
            if not text or text.startswith(_BULLETS):
                close()
            if text:
                start = start if current else page.number
                current.append(text)
            if text.endswith(_ENDS) or (text and len(text) < SHORT):
                close()
    close()
    return found


def text_changes(left: Extraction, right: Extraction) -> list[TextChange]:
    """The paragraphs that differ between two copies, in order (pure: safe in a worker)."""
    a, b = paragraphs(left), paragraphs(right)
    matcher = difflib.SequenceMatcher(a=[_words(p) for p in a], b=[_words(p) for p in b],
                                      autojunk=False)
    kinds = {"replace": "changed", "delete": "removed", "insert": "added"}
    return [TextChange(kinds[tag], tuple(a[i1:i2]), tuple(b[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _words(paragraph: Paragraph) -> str:
    return " ".join(words_of([paragraph.text]))


def compare_comments(book: CopyBook, left: str, right: str, reveal: Reveal = NOTHING,
                     ) -> tuple[CopyComparison, Extraction, Extraction]:
    """The comments of copies ``left`` and ``right`` paired, and what is orphaned on either
    side, with the two documents as shown (withheld words blocked but those ``reveal``
    shows); the text is left to :func:`text_changes` (it may take long: run it in a worker).

    Raises:
        KantlijnError: the two are not copies of one release, or one is not in the cache.
    """
    copies = {copy.document: copy for copy in book.copies(left)}
    if right not in copies or left == right:
        raise KantlijnError("the two documents are not linked as copies")
    first, second = book.text(left), book.text(right)
    if first is None or second is None:
        raise KantlijnError("a document's text is not in the library any more; import it "
                            "again")
    first = withhold(first, reveal.shown_in(left))
    second = withhold(second, reveal.shown_in(right))
    releases = book.releases()
    theirs = {releases.key(right, a.id): a for a in second.annotations}
    ours_keys = {releases.key(left, a.id) for a in first.annotations}
    matched = [(a, theirs[releases.key(left, a.id)]) for a in first.annotations
               if releases.key(left, a.id) in theirs]
    only_left = [a for a in first.annotations if releases.key(left, a.id) not in theirs]
    only_right = [a for a in second.annotations if releases.key(right, a.id) not in ours_keys]
    theirs_keys = set(theirs)
    orphaned = [o for o in book.orphans(right)
                if (o.document, o.id) in ours_keys or o.document == left]
    orphaned += [o for o in book.orphans(left)
                 if (o.document, o.id) in theirs_keys or o.document == right]
    orphaned = shown_orphans(book, orphaned, reveal, {left: first, right: second})
    comparison = CopyComparison(copies[left], copies[right], [], matched, only_left,
                                only_right, orphaned)
    return comparison, first, second

