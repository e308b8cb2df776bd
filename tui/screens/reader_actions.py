"""The user's own work in the reader: tags, notes, own highlights/comments, delete, undo.

:class:`AnnotatingScreen` is the reader's base: it holds the library (``store``) and the
document's hash (``doc``), overlays what the user added on the PDF's comments, and runs the
keyboard selection (``v``). Nothing here is ever written into the PDF.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.core.errors import KantlijnError
from tui.core.model import Anchor, Annotation, Extraction, Span
from tui.core.settings import Config, default_user_name
from tui.core.text import clean_line
from tui.screens.library_source import StoreLibrary
from tui.screens.user_modals import PickDialog, TagDialog, TextDialog, split_tags
from tui.widgets.cards import UserMarks
from tui.widgets.page_view import PageView
from tui.widgets.selection import Caret, LineIndex, move, quote_of, selected_spans
from tui.widgets.selection_keys import SELECT_ACTIONS
from tui.widgets.text_marks import OWN_COLOR, is_own

SELECT_HINT = "selecting: ←→ l ⌫ w b j k 0 $ move · h highlight · c comment · esc cancel"


class AnnotatingScreen(Screen[None]):
    """A screen showing one document's comments, where the user adds their own work.

    Subclasses put :attr:`USER_BINDINGS` into their own ``BINDINGS``; the selection's keys
    are the page view's (:mod:`tui.widgets.selection_keys`) and run the ``select_*`` actions.
    """

    USER_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "tag", "Tag", id="tag"),
        Binding("T", "untag", "Untag", show=False, id="untag"),
        Binding("e", "edit_note", "Note", id="note"),
        Binding("v", "select_start", "Select text", id="select"),
        Binding("d", "delete_own", "Delete mine", show=False, id="delete_own"),
        Binding("u", "undo", "Undo", show=False, id="undo"),
    ]

    def __init__(self) -> None:
        """No document yet."""
        super().__init__()
        self.store: StoreLibrary | None = None
        self.doc: str | None = None
        """The hash of the document, once it is in the library."""
        self.base: Extraction | None = None
        """The document as read from the file (without the user's own annotations)."""
        self._lines: LineIndex | None = None

    @property
    def page_view(self) -> PageView:
        """The page text widget."""
        return self.query_one("#page", PageView)

    def show_extraction(self, extraction: Extraction) -> None:
        """Show ``extraction`` (with the user's annotations merged in); the reader draws it."""
        raise NotImplementedError

    # --- mode ---------------------------------------------------------------------------

    @property
    def selecting(self) -> bool:
        """True while a keyboard selection is under way."""
        try:
            return self.page_view.selection is not None
        except NoMatches:
            return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While selecting only the selection keys work; they do nothing otherwise."""
        if action in SELECT_ACTIONS:
            return self.selecting
        return not self.selecting

    def selection_rows(self) -> list[tuple[str, str]]:
        """Help rows for the selection keys (shown even when no selection is under way)."""
        view = self.page_view
        chain = dict(self._binding_chain)  # the bindings with the user's keymap applied
        bindings = chain.get(view, view._bindings)
        rows: dict[str, list[str]] = {}
        for _, binding in bindings:
            action = binding.action.removeprefix("screen.").split("(")[0]
            if action in SELECT_ACTIONS and binding.description:
                rows.setdefault(binding.description, []).append(self.app.get_key_display(binding))
        return [(", ".join(keys), f"{desc} (after v)") for desc, keys in rows.items()]

    # --- the user's data ------------------------------------------------------------------

    def attach_library(self, extraction: Extraction, path: str | None) -> None:
        """Record the fully read document in the library and show the user's work on it."""
        self.base = extraction
        if self.store is None:
            self.show_extraction(extraction)
            return
        self.store.record_opened(path or extraction.document.path, extraction)
        self.doc = extraction.document.sha256
        self.reload_user()
        self.tell_notices()

    def reload_user(self) -> None:
        """Re-read tags, notes and own annotations from the library and redraw the cards."""
        if self.store is None or self.doc is None or self.base is None:
            return
        library = self.store.library
        own = library.own_annotations(self.doc)
        data = library.annotation_data(self.doc)
        own_ids = {a.id for a in own}
        marks = {
            ann: UserMarks(tuple(d["tags"]), d.get("note"), ann in own_ids)
            for ann, d in data.items()
        }
        for annotation in own:
            marks.setdefault(annotation.id, UserMarks(own=True))
        view = self.page_view
        focused = self.focused_comment(quiet=True)
        view.user_marks = marks
        self.show_extraction(replace(self.base, annotations=[*self.base.annotations, *own]))
        self._refocus(focused.id if focused else None)

    def _refocus(self, annotation_id: str | None) -> None:
        view = self.page_view
        if view.layout_ is None:
            return
        ids = [c.thread.root.id for c in view.layout_.cards]
        view.focused_card = ids.index(annotation_id) if annotation_id in ids else None
        view.refresh()

    def tell_notices(self) -> None:
        """Show what the library has to say (e.g. a broken file moved aside)."""
        if self.store is not None:
            for notice in self.store.take_notices():
                self.notify(notice, title="Library", severity="warning", markup=False)

    def _changed(self, message: str) -> None:
        assert self.store is not None
        self.store.flush()
        self.reload_user()
        self.notify(message, markup=False)
        self.tell_notices()

    def focused_comment(self, quiet: bool = False) -> Annotation | None:
        """The comment of the focused card, or None (saying why unless ``quiet``)."""
        view = self.page_view
        if view.focused_card is None or view.layout_ is None:
            if not quiet:
                self.notify("First pick a comment: n/N or click its card.", severity="warning")
            return None
        if self.store is None or self.doc is None:
            if not quiet:
                self.notify("Still reading the document…", severity="warning")
            return None
        return view.layout_.cards[view.focused_card].thread.root

    def _label(self, annotation: Annotation) -> str:
        view = self.page_view
        number = (view.focused_card or 0) + 1
        author = clean_line(annotation.author or "").strip() or "anonymous"
        return f"comment {number} ({author})"

    # --- tags and notes -------------------------------------------------------------------

    def action_tag(self) -> None:
        """Add tags to the focused comment (completion from the library's tags)."""
        annotation = self.focused_comment()
        if annotation is None or self.store is None:
            return
        tags = [tag for tag, _ in self.store.library.all_tags()]

        def done(value: str | None) -> None:
            if value and self.store is not None and self.doc is not None:
                added = split_tags(value)
                try:
                    self.store.library.tag(self.doc, annotation.id, *added)
                except KantlijnError as error:
                    self.notify(str(error), severity="error", markup=False)
                    return
                self._changed(f"Tagged: {', '.join(added)}")

        self.app.push_screen(TagDialog(self._label(annotation), tags), done)

    def action_untag(self) -> None:
        """Remove one of the focused comment's tags (picked from a list)."""
        annotation = self.focused_comment()
        if annotation is None or self.store is None or self.doc is None:
            return
        tags = self.store.library.tags_of(self.doc, annotation.id)
        if not tags:
            self.notify("This comment has no tags.")
            return

        def done(tag: str | None) -> None:
            if tag and self.store is not None and self.doc is not None:
                self.store.library.untag(self.doc, annotation.id, tag)
                self._changed(f"Removed tag {tag}")

        self.app.push_screen(PickDialog("Remove which tag?", tags), done)

    def action_edit_note(self) -> None:
        """Write or edit the user's note on the focused comment."""
        annotation = self.focused_comment()
        if annotation is None or self.store is None or self.doc is None:
            return
        note = self.store.library.note_of(self.doc, annotation.id) or ""

        def done(text: str | None) -> None:
            if text is not None and self.store is not None and self.doc is not None:
                self.store.library.set_note(self.doc, annotation.id, text)
                self._changed("Note saved" if text.strip() else "Note removed")

        self.app.push_screen(TextDialog(f"Your note on {self._label(annotation)}", note), done)

    # --- own annotations, delete, undo ------------------------------------------------------

    def action_delete_own(self) -> None:
        """Delete the focused comment when it is the user's own."""
        annotation = self.focused_comment()
        if annotation is None or self.store is None or self.doc is None:
            return
        if not is_own(annotation):
            self.notify("This comment is part of the PDF and cannot be deleted; "
                        "only your own highlights and comments can.", severity="warning")
            return
        self.store.library.delete_own_annotation(self.doc, annotation.id)
        self.page_view.focused_card = None
        self._changed(f"Deleted your {annotation.kind} (u undoes)")

    def action_undo(self) -> None:
        """Undo the last change to tags, notes or own annotations."""
        if self.store is None:
            return
        done = self.store.library.undo()
        if done is None:
            self.notify("Nothing to undo.")
            return
        self._changed(f"Undone: {done}")

    # --- keyboard selection ---------------------------------------------------------------

    def action_select_start(self) -> None:
        """Start selecting text at the focused comment's line, else at the top line."""
        view = self.page_view
        if self.base is None or self.doc is None or view.layout_ is None:
            self.notify("Still reading the document…", severity="warning")
            return
        self._lines = view.line_index()
        caret = self._first_caret(self._lines)
        if caret is None:
            self.notify("No text to select.", severity="warning")
            return
        view.set_selection((caret, caret))
        view.focus()  # the selection keys are the page view's
        self._selection_changed()

    def _first_caret(self, lines: LineIndex) -> Caret | None:
        view = self.page_view
        assert view.layout_ is not None
        page, line = view.reading_position()
        if view.focused_card is not None:
            thread = view.layout_.cards[view.focused_card].thread
            page, line = thread.page, thread.line or 0
        key = (page, line)
        if key not in lines.keys or not lines.text(*key).strip():
            found = next((k for k in lines.keys if k >= key and lines.text(*k).strip()), None)
            if found is None:
                return None
            key = found
        text = lines.text(*key)
        return Caret(*key, len(text) - len(text.lstrip()))

    def action_select_move(self, how: str) -> None:
        """Move the caret; the selection runs from where it started to the caret."""
        view = self.page_view
        if view.selection is None or self._lines is None:
            return
        start, caret = view.selection
        view.set_selection((start, move(self._lines, caret, how)))

    def action_select_cancel(self) -> None:
        """Drop the selection."""
        self.page_view.set_selection(None)
        self._selection_changed()

    def _selected(self) -> tuple[list[Span], str] | None:
        view = self.page_view
        if view.selection is None or self._lines is None:
            return None
        spans = selected_spans(self._lines, *view.selection)
        quote = quote_of(self._lines, spans)
        if not quote:
            self.notify("Nothing selected: move with l, w, j…", severity="warning")
            return None
        return spans, quote

    def action_select_highlight(self) -> None:
        """Make the selection the user's own highlight."""
        selected = self._selected()
        if selected is not None:
            self._add_own("highlight", *selected, contents=None)

    def action_select_comment(self) -> None:
        """Ask for a comment and attach it to the selection."""
        selected = self._selected()
        if selected is None:
            return
        spans, quote = selected

        def done(text: str | None) -> None:
            if text and text.strip():
                self._add_own("note", spans, quote, contents=text.strip())

        short = quote if len(quote) <= 40 else quote[:39] + "…"
        self.app.push_screen(TextDialog(f"Your comment on “{short}”"), done)

    def _add_own(self, kind: str, spans: list[Span], quote: str, contents: str | None) -> None:
        assert self.store is not None and self.doc is not None
        first = spans[0]
        annotation = Annotation(
            id="", kind="highlight" if kind == "highlight" else "note",
            subtype="Highlight" if kind == "highlight" else "Text", page=first.page,
            color=OWN_COLOR, author=self.own_author(),
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            contents=contents, quote=quote, spans=spans,
            anchor=Anchor(quote, first.page, first.line, "quote", spans=list(spans)),
        )
        new_id = self.store.library.add_own_annotation(self.doc, annotation)
        self.page_view.set_selection(None)
        self._selection_changed()
        self._changed(f"Your {'highlight' if kind == 'highlight' else 'comment'} is saved "
                      "(in the library, not in the PDF)")
        self._refocus(new_id)

    def own_author(self) -> str:
        """The author of the user's own annotations: ``[user] name`` from config.toml."""
        config = getattr(self.app, "config", None)
        return config.user_name if isinstance(config, Config) else default_user_name()

    def _selection_changed(self) -> None:
        self.refresh_bindings()
        self.on_selection_changed()

    def on_selection_changed(self) -> None:
        """Hook: the selection started or ended (the reader updates its status line)."""
