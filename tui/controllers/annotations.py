"""The user's own work in the reader: tags, notes, own highlights/comments, delete, undo.

:class:`AnnotationController` holds the library and the document's hash (``doc``),
overlays what the user added on the PDF's comments, and turns a text selection into the
user's highlight or comment. The reader screen owns one and calls it from its actions;
it talks back through the plain callbacks it was given. Nothing here is ever written into
the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from textual.screen import Screen

from tui.controllers.selection import TextSelection
from tui.core.errors import KantlijnError
from tui.core.library.surface import LibrarySurface
from tui.core.model import Anchor, Annotation, AnnotationKey, Extraction, Span
from tui.core.text import clean_line
from tui.reading.card_content import UserMarks, user_marks
from tui.reading.text_marks import OWN_COLOR
from tui.services.library import flush, member_of, read_only_reason, take_notices
from tui.services.live import connection_errors, trouble
from tui.widgets.page_view import PageView


@dataclass(frozen=True, slots=True)
class ReaderCallbacks:
    """How the controller talks back to the screen that owns it."""

    notify: Callable[..., None]
    """``Screen.notify``."""
    ask: Callable[[Screen[Any], Callable[[Any], None]], object]
    """Push a dialog and call back with its result (``App.push_screen``)."""
    show: Callable[[Extraction], None]
    """Show an extraction with the user's own annotations merged in."""
    key: Callable[[str], str]
    """The user's key for an action id, as shown (:class:`tui.actions.KeyNames`)."""


class AnnotationController:
    """Tags, notes and the user's own annotations on one document in a page view."""

    def __init__(self, view: PageView, library: LibrarySurface, author: str,
                 talk: ReaderCallbacks) -> None:
        """Work on ``view``'s document in ``library``; own annotations are signed ``author``."""
        self.view = view
        self.library = library
        self.author = author
        self.talk = talk
        self.selection = TextSelection(view)
        self.doc: str | None = None
        """The hash of the document, once it is in the library."""
        self.base: Extraction | None = None
        """The document as read from the file (without the user's own annotations)."""

    # --- the user's data ------------------------------------------------------------------

    def attach(self, extraction: Extraction, path: str | None) -> None:
        """Record the fully read document in the library and show the user's work on it."""
        self.base = extraction
        try:
            self.library.add_document(extraction, path or extraction.document.path)
            self.library.mark_opened(extraction.document.sha256)
        except connection_errors() as error:  # a team library read-only or away: shown only
            if read_only_reason(self.library) is None:
                self.talk.notify(trouble(error), severity="warning", markup=False)
        flush(self.library)
        self.doc = extraction.document.sha256
        self.reload()
        self.tell_notices()
        from tui.controllers.copies import orphans_notice  # the whole document is read by now

        orphaned = orphans_notice(self.library, self.doc)  # a new version of a release
        if orphaned is not None:
            self.talk.notify(orphaned, title="Copies", severity="warning", markup=False)

    def reload(self) -> None:
        """Re-read tags, notes and own annotations from the library and redraw the cards."""
        if self.doc is None or self.base is None:
            return
        own = self.library.own_annotations(self.doc)
        data = self.library.annotation_data(self.doc)
        member = member_of(self.library)
        # In a team library a teammate's own comment is theirs, not "yours".
        own_ids = {a.id for a in own if member is None or a.author == member}
        marks = {ann: user_marks(d, ann in own_ids, member) for ann, d in data.items()}
        for annotation in own:
            marks.setdefault(annotation.id, UserMarks(own=annotation.id in own_ids))
        focused = self.focused_comment(quiet=True)
        self.view.user_marks = marks
        self.talk.show(replace(self.base, annotations=[*self.base.annotations, *own]))
        self.view.focus_comment(focused.id if focused else None)

    def tell_notices(self) -> None:
        """Show what the library has to say (e.g. a broken file moved aside)."""
        for notice in take_notices(self.library):
            self.talk.notify(notice, title="Library", severity="warning", markup=False)

    def _changed(self, message: str) -> None:
        flush(self.library)
        self.reload()
        self.talk.notify(message, markup=False)
        self.tell_notices()

    def _refused(self, error: KantlijnError) -> None:
        self.talk.notify(str(error), severity="error", markup=False)

    def _can_write(self) -> bool:
        """False (saying why, in one line) when the library takes no changes now."""
        reason = read_only_reason(self.library)
        if reason is not None:
            self.talk.notify(reason, severity="warning", markup=False)
        return reason is None

    def _try(self, change: Callable[[], object], message: str) -> bool:
        """Make one change; a refusal (a teammate's tag, a server away) is one notice."""
        try:
            change()
        except connection_errors() as error:  # refused, or the server went away
            self.talk.notify(trouble(error), severity="error", markup=False)
            return False
        self._changed(message)
        return True

    def focused_comment(self, quiet: bool = False) -> Annotation | None:
        """The comment of the focused card, or None (saying why unless ``quiet``): none is
        focused on screen, or the document is still being read."""
        thread = self.view.focused_thread()
        focused = self.view.focused_card
        if thread is None or focused is None or focused not in self.view.visible_cards():
            if not quiet:
                key = self.talk.key
                self.talk.notify(
                    f"No comment on screen: {key('next_comment')} or "
                    f"{key('previous_comment')} goes to the next or previous one.",
                    severity="warning", markup=False,
                )
            return None
        if self.doc is None:
            if not quiet:
                self.talk.notify("Still reading the document…", severity="warning")
            return None
        return thread.root

    def _focused(self) -> tuple[Annotation, AnnotationKey] | None:
        """The focused comment and its key in the library, or None (saying why)."""
        annotation = self.focused_comment()
        if annotation is None or self.doc is None:
            return None
        return annotation, AnnotationKey(self.doc, annotation.id)

    def _label(self, annotation: Annotation) -> str:
        """How a dialog names the comment: "comment 7 (Nobel, J.N.J.)", "your comment"."""
        if annotation.is_own:
            member = member_of(self.library)
            whose = "your" if member in (None, annotation.author) else (
                f"{clean_line(annotation.author or '?')}'s")  # a teammate's, in a team library
            return f"{whose} {annotation.own_kind} on p. {annotation.page}"
        card = self.view.focused_card_label() or "?"
        author = clean_line(annotation.author or "").strip() or "anonymous"
        return f"comment {card} ({author})"

    # --- tags and notes -------------------------------------------------------------------

    def tag(self) -> None:
        """Add tags to the focused comment (completion from the library's tags)."""
        from tui.dialogs.tag import TagDialog, split_tags  # imported when first asked for

        focused = self._focused()
        if focused is None or not self._can_write():
            return
        annotation, key = focused
        tags = [tag for tag, _ in self.library.all_tags()]

        def done(value: str | None) -> None:
            if value:
                added = split_tags(value)
                self._try(lambda: self.library.tag(*key, *added), f"Tagged: {', '.join(added)}")

        self.talk.ask(TagDialog(self._label(annotation), tags), done)

    def untag(self) -> None:
        """Remove one of the focused comment's tags (picked from a list)."""
        from tui.dialogs.pick import PickDialog  # imported when first asked for

        focused = self._focused()
        if focused is None or not self._can_write():
            return
        _, key = focused
        tags = self.library.tags_of(*key)
        if not tags:
            self.talk.notify("This comment has no tags.")
            return

        def done(tag: str | None) -> None:
            if tag:
                self._try(lambda: self.library.untag(*key, tag), f"Removed tag {tag}")

        self.talk.ask(PickDialog("Remove which tag?", tags), done)

    def edit_note(self) -> None:
        """Write or edit the user's note on the focused comment; on the user's own comment,
        edit its text."""
        from tui.dialogs.text import TextDialog  # imported when first asked for

        focused = self._focused()
        if focused is None or not self._can_write():
            return
        annotation, key = focused
        if annotation.is_own:
            self._edit_own(annotation, key)
            return
        note = self.library.note_of(*key) or ""

        def done(text: str | None) -> None:
            if text is not None:  # a note too long to keep is refused with a message
                self._try(lambda: self.library.set_note(*key, text),
                          "Note saved" if text.strip() else "Note removed")

        self.talk.ask(TextDialog(f"Your note on {self._label(annotation)}", note), done)

    def _edit_own(self, annotation: Annotation, key: AnnotationKey) -> None:
        from tui.dialogs.text import TextDialog  # imported when first asked for

        label = self._label(annotation)

        def done(text: str | None) -> None:
            if text is not None and self._try(
                    lambda: self.library.edit_own_annotation(*key, text), f"Saved {label}"):
                self.view.focus_comment(key.annotation)

        title = f"The text of {label}"
        self.talk.ask(TextDialog(title, annotation.contents or ""), done)

    # --- own annotations, delete, undo ------------------------------------------------------

    def delete_own(self) -> None:
        """Delete the focused comment when it is the user's own."""
        focused = self._focused()
        if focused is None or not self._can_write():
            return
        annotation, key = focused
        if not annotation.is_own:
            self.talk.notify("This comment is part of the PDF and cannot be deleted; "
                             "only your own highlights and comments can.", severity="warning")
            return
        label = self._label(annotation)
        try:
            self.library.delete_own_annotation(*key)
        except KantlijnError as error:  # a teammate's comment: theirs to delete
            self._refused(error)
            return
        self.view.focused_card = None
        self._changed(f"Deleted {label} ({self.talk.key('undo')} undoes)")

    def undo(self) -> None:
        """Undo the last change to tags, notes or own annotations."""
        if not self._can_write():
            return
        try:
            done = self.library.undo()
        except KantlijnError as error:
            self._refused(error)
            return
        if done is None:
            self.talk.notify("Nothing to undo.")
            return
        self._changed(f"Undone: {done} ({self.talk.key('redo')} redoes)")

    def redo(self) -> None:
        """Do again what the last undo took back."""
        if not self._can_write():
            return
        try:
            done = self.library.redo()
        except KantlijnError as error:
            self._refused(error)
            return
        if done is None:
            self.talk.notify("Nothing to redo.")
            return
        self._changed(f"Redone: {done}")

    # --- from a selection -------------------------------------------------------------------

    def start_selection(self) -> bool:
        """Start selecting text; False (saying why) when it cannot start."""
        if self.base is None or self.doc is None:
            self.talk.notify("Still reading the document…", severity="warning")
            return False
        if not self._can_write():
            return False
        problem = self.selection.start()
        if problem is not None:
            self.talk.notify(problem, severity="warning")
            return False
        return True

    def _selected(self) -> tuple[list[Span], str] | None:
        selected = self.selection.selected()
        if selected is None:
            key = self.talk.key
            moves = ", ".join(key(a) for a in ("select_right", "select_word", "select_down"))
            self.talk.notify(f"Nothing selected: move with {moves}…", severity="warning",
                             markup=False)
        return selected

    def highlight_selection(self) -> None:
        """Make the selection the user's own highlight."""
        selected = self._selected()
        if selected is not None:
            self._add_own("highlight", *selected, contents=None)

    def comment_on_selection(self, on_saved: Callable[[], None]) -> None:
        """Ask for a comment and attach it to the selection; ``on_saved`` after saving."""
        from tui.dialogs.text import TextDialog  # imported when first asked for

        selected = self._selected()
        if selected is None:
            return
        spans, quote = selected

        def done(text: str | None) -> None:
            if text and text.strip():
                self._add_own("note", spans, quote, contents=text.strip())
                on_saved()

        short = quote if len(quote) <= 40 else quote[:39] + "…"
        self.talk.ask(TextDialog(f"Your comment on “{short}”"), done)

    def _add_own(self, kind: str, spans: list[Span], quote: str, contents: str | None) -> None:
        assert self.doc is not None  # a selection starts only once the document is in
        first = spans[0]
        highlight = kind == "highlight"
        annotation = Annotation(
            id="", kind="highlight" if highlight else "note",
            subtype="Highlight" if highlight else "Text", page=first.page,
            color=OWN_COLOR, author=self.author,
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            contents=contents, quote=quote, spans=spans,
            anchor=Anchor(quote, first.page, first.line, "quote", spans=list(spans)),
        )
        try:
            new_id = self.library.add_own_annotation(self.doc, annotation)
        except KantlijnError as error:
            self._refused(error)
            return
        self.selection.cancel()
        self._changed(f"Your {'highlight' if highlight else 'comment'} is saved "
                      "(in the library, not in the PDF)")
        self.view.focus_comment(new_id)
