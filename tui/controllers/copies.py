"""Copies of the open document, by hand: link, unlink, compare, and what was orphaned.

The command palette offers "Link as copy of…", "Unlink copy…" and "Compare with a copy…" on
any screen that shows one document (the reader, its dossier); :class:`CopyController` runs
them: it asks which other document in a pick dialog, does it through the library's
:class:`~tui.core.copies.book.CopyBook` (so it can be undone like a tag), and says in one
line what happened — or why it did not (the document itself, two copies already linked).
"""

from __future__ import annotations

import os
from typing import Any

from textual.app import App

from tui.core.anchoring.withheld import NOTHING, Reveal
from tui.core.copies.book import CopyBook
from tui.core.copies.compare import compare_comments
from tui.core.errors import KantlijnError
from tui.core.library.library import Library
from tui.core.text import clean_line, shorten
from tui.dialogs.copy_compare import CopyCompareDialog
from tui.dialogs.pick import PickDialog
from tui.messages import UserDataChanged
from tui.palette import ShowsDocument
from tui.services.library import flush


def copy_book(library: Any) -> CopyBook | None:
    """The library's copies (None for a library that does not link them: a team's)."""
    book = getattr(library, "copies", None)
    return book if isinstance(book, CopyBook) else None


def orphans_notice(library: Any, doc: str) -> str | None:
    """One line for a copy that has orphans (what the user wrote on another copy and no
    comment here stands for), else None."""
    book = copy_book(library)
    if book is None or len(book.copies(doc)) < 2:
        return None
    orphans = book.orphans(doc)
    if not orphans:
        return None
    count = len(orphans)
    return (f"{count} of your tags or notes on another copy of this release "
            f"{'has' if count == 1 else 'have'} no place in this one (the passage is gone); "
            "“Compare with a copy…” in the command palette lists them.")


def copies_on_screen(app: App[Any], library: Any, screen: object,
                     reveal: Reveal = NOTHING) -> CopyController | None:
    """Copies of the document ``screen`` shows (palette: link, unlink, compare); None, and
    the user told why, on a screen with no document or in a library that does not link them."""
    doc = screen.doc if isinstance(screen, ShowsDocument) else None
    if doc is None:
        app.notify("Open a document first.", severity="warning")
        return None
    if not isinstance(library, Library):
        app.notify("A team library does not link copies yet.", severity="warning")
        return None
    return CopyController(app, library, doc, reveal)


class CopyController:
    """Link, unlink and compare the copies of document ``doc`` from a screen of ``app``."""

    def __init__(self, app: App[Any], library: Library, doc: str,
                 reveal: Reveal = NOTHING) -> None:
        """Work on ``doc`` in ``library``; talk through ``app`` (dialogs, notices); show
        the withheld words ``reveal`` shows (``r`` in the reader), no others."""
        self.app = app
        self.library = library
        self.doc = doc
        self.reveal = reveal

    def _book(self) -> CopyBook | None:
        book = copy_book(self.library)
        if book is None:
            self._refuse("A team library does not link copies yet.")
        return book

    def _refuse(self, line: str) -> None:
        self.app.notify(line, severity="warning", markup=False)

    def _file(self, sha: str) -> str:
        record = self.library.document(sha)
        name = os.path.basename(record.paths[0]) if record is not None and record.paths else ""
        return clean_line(name) or sha[:12]

    def _label(self, sha: str) -> str:
        return f"{shorten(clean_line(self.library.label(sha)), 50)} · {self._file(sha)}"

    def _changed(self, line: str) -> None:
        flush(self.library)  # the search index follows
        self.app.notify(line, title="Copies", markup=False)
        self.app.screen.post_message(UserDataChanged())  # the cards show the shared tags

    # -- link ------------------------------------------------------------------------------

    def link(self) -> None:
        """Ask which document this one is a copy of, and link them."""
        book = self._book()
        if book is None:
            return
        mine = {copy.document for copy in book.copies(self.doc)}
        others = [d.sha256 for d in self.library.documents() if d.sha256 != self.doc]
        if not others:
            self._refuse("There is no other document in the library to link to.")
            return
        labels = [self._label(sha) + ("  (a copy already)" if sha in mine else "")
                  for sha in others]
        self.app.push_screen(PickDialog("Link as a copy of…", others, labels), self._link_to)

    def _link_to(self, other: str | None) -> None:
        book = copy_book(self.library)
        if other is None or book is None:
            return
        if other == self.doc:
            self._refuse("A document is not a copy of itself.")
            return
        try:
            common = book.link(other, self.doc)
        except KantlijnError as error:
            self._refuse(f"Not linked: {error}.")
            return
        matched = max(book.matched(self.doc), book.matched(other))
        forms = ", ".join(copy.form for copy in book.copies(self.doc))
        self._changed(f"Linked as copies of one release ({forms}): {common:.0%} of their "
                      f"text in common, {matched} comments matched.")

    # -- unlink ----------------------------------------------------------------------------

    def unlink(self) -> None:
        """Ask which copy to unlink from this document, and unlink it."""
        book = self._book()
        if book is None:
            return
        copies = [c for c in book.copies(self.doc) if c.document != self.doc]
        if not copies:
            self._refuse("This document is not linked to any copy.")
            return
        labels = [f"{c.form}: {self._file(c.document)}" for c in copies]
        self.app.push_screen(PickDialog("Unlink copy…", [c.document for c in copies], labels),
                             self._unlink_from)

    def _unlink_from(self, other: str | None) -> None:
        book = copy_book(self.library)
        if other is None or book is None:
            return
        try:
            book.unlink(self.doc, other)
        except KantlijnError as error:
            self._refuse(f"Not unlinked: {error}.")
            return
        self._changed("Unlinked: the two are no copies of one release any more (each keeps "
                      "its tags and notes).")

    # -- compare ---------------------------------------------------------------------------

    def compare(self) -> None:
        """Compare this document with its copy (asking which, when it has several)."""
        book = self._book()
        if book is None:
            return
        copies = [c for c in book.copies(self.doc) if c.document != self.doc]
        if not copies:
            self._refuse("This document is not linked to any copy (“Link as copy of…” "
                         "links one).")
        elif len(copies) == 1:
            self._compare_with(copies[0].document)
        else:
            labels = [f"{c.form}: {self._file(c.document)}" for c in copies]
            self.app.push_screen(PickDialog("Compare with…", [c.document for c in copies],
                                            labels), self._compare_with)

    def _compare_with(self, other: str | None) -> None:
        book = copy_book(self.library)
        if other is None or book is None:
            return
        order = [c.document for c in book.copies(self.doc)]
        left, right = sorted((self.doc, other), key=order.index)  # the older copy left
        try:
            comparison, first, second = compare_comments(book, left, right, self.reveal)
        except KantlijnError as error:
            self._refuse(f"Cannot compare: {error}.")
            return
        title = self.library.label(self.doc)
        self.app.push_screen(CopyCompareDialog(title, comparison, first, second))
