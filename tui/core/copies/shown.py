"""What the user wrote that has no place in a copy, as kantlijn may show it.

An orphan's old passage is read from the copy it was written on; where that passage holds
words under a redaction that was never applied, they are withheld (blocked) like everywhere
else, unless the user revealed them.
"""

from __future__ import annotations

from dataclasses import replace

from tui.core.anchoring.withheld import NOTHING, Reveal, has_withheld, withhold
from tui.core.copies.book import CopyBook, Orphan
from tui.core.model import Extraction


def shown_orphans(book: CopyBook, orphans: list[Orphan], reveal: Reveal = NOTHING,
                  shown: dict[str, Extraction] | None = None) -> list[Orphan]:
    """``orphans`` with their passages as their copies show them; ``shown`` holds copies
    already read and withheld (by document), and gains those read here."""
    known = shown if shown is not None else {}
    return [_shown(book, orphan, known, reveal) for orphan in orphans]


def _shown(book: CopyBook, orphan: Orphan, shown: dict[str, Extraction],
           reveal: Reveal) -> Orphan:
    """``orphan`` with its passage as its copy shows it (a withheld word stays withheld)."""
    if orphan.document not in shown:
        extraction = book.text(orphan.document)
        if extraction is None:
            return replace(orphan, quote=None)
        shown[orphan.document] = withhold(extraction, reveal.shown_in(orphan.document))
    comment = next((a for a in shown[orphan.document].annotations if a.id == orphan.id), None)
    if comment is None:  # the user's own annotation: its passage is the words it stands on
        withheld = has_withheld(shown[orphan.document].annotations)
        return replace(orphan, quote=None) if withheld and reveal.shown_in(
            orphan.document) is not None else orphan
    anchor = comment.anchor
    return replace(orphan, quote=comment.quote or (anchor.text if anchor else None))
