"""A search hit as the command line prints it: the comment behind it, withheld or revealed.

The index never holds the words still under a redaction mark (a search neither finds nor
shows them). What a hit prints beyond its snippet — the comment in the extract schema, for
``--json`` — is read from the library's cache and withheld the same way; with ``--reveal``
it is printed as the file has it, and the snippet is made again from those texts, so the
words show where they stand.
"""

from __future__ import annotations

from dataclasses import replace

from tui.core.anchoring.withheld import withhold
from tui.core.library.library import Library
from tui.core.model import Annotation, Extraction
from tui.core.search.query import Query
from tui.core.search.results import Hit
from tui.core.search.snippet import make_snippet


class ShownHits:
    """Reads the documents behind hits once each, and shows their comments."""

    def __init__(self, library: Library, reveal: bool = False) -> None:
        """Show hits of ``library``; ``reveal`` shows withheld words."""
        self.library = library
        self.reveal = reveal
        self._documents: dict[str, Extraction | None] = {}

    def document(self, sha: str) -> Extraction | None:
        """The document with the user's own annotations, withheld unless revealing."""
        if sha not in self._documents:
            extraction = self.library.cached_extraction(sha)
            if extraction is not None:
                own = self.library.own_annotations(sha)
                extraction = Extraction(
                    extraction.document, extraction.pages, extraction.notas,
                    [*extraction.annotations, *own], extraction.warnings)
                if not self.reveal:
                    extraction = withhold(extraction)
            self._documents[sha] = extraction
        return self._documents[sha]

    def annotation(self, hit: Hit) -> Annotation | None:
        """The comment a hit found (None for a page line, or a document not readable)."""
        if hit.annotation is None:
            return None
        extraction = self.document(hit.doc)
        pool = extraction.annotations if extraction else []
        return next((a for a in pool if a.id == hit.annotation), None)

    def hit(self, hit: Hit, query: Query) -> Hit:
        """``hit`` with its snippet made from the texts as shown (only revealing changes
        them: the index holds them withheld already)."""
        if not self.reveal:
            return hit
        if hit.annotation is None:
            extraction = self.document(hit.doc)
            pages = {p.number: p for p in extraction.pages} if extraction else {}
            page = pages.get(hit.page)
            if page is None or not 0 <= hit.line < len(page.lines):
                return hit
            return replace(hit, snippet=make_snippet([page.lines[hit.line].text],
                                                     query.words()))
        annotation = self.annotation(hit)
        if annotation is None:
            return hit
        anchor = annotation.anchor
        quote = annotation.quote or ""
        passage = anchor.text if anchor and anchor.text != quote else ""
        texts = [annotation.contents or "", quote, passage, " ".join(hit.tags), hit.note or "",
                 annotation.author or ""]
        return replace(hit, snippet=make_snippet(texts, query.words()))
