"""The reader's keys for the user's own work and the keyboard selection.

:class:`OwnWorkKeys` is the screen the reader is built on: its actions (tag, note, own
highlight or comment, delete, undo and redo, the selection keys, reveal) hand each key to the
screen's :class:`~tui.controllers.annotations.AnnotationController`, which does the work and
keeps the selection (:mod:`tui.controllers.selection`). While a selection is under way only
the selection keys work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.screen import Screen

from tui.actions import SELECT_ACTIONS, KeyNames
from tui.controllers.annotations import AnnotationController
from tui.services.live import connection_errors, trouble
from tui.services.session import ReadingSession
from tui.widgets.page_view import PageView


def _own(
    work: Callable[[AnnotationController], object], doc: str,
) -> Callable[[OwnWorkKeys], None]:
    """A reader action that hands the key to the annotation controller (once there is one)."""

    def action(screen: OwnWorkKeys) -> None:
        if screen.annotations is not None:
            try:
                work(screen.annotations)
            except connection_errors() as error:  # a team library's server went away
                screen.notify(trouble(error), severity="error", markup=False)

    action.__doc__ = doc
    return action


class OwnWorkKeys(Screen[None]):
    """A screen showing one document in :attr:`page_view`, whose own-work keys go to
    :attr:`annotations` (set by the reader once mounted)."""

    annotations: AnnotationController | None
    """The user's own work on the document (None until mounted)."""
    page_view: PageView
    """The page text with the comments beside it."""
    session: ReadingSession
    """What this run remembers: here, the redactions the user revealed."""
    keymap: Mapping[str, str]
    """The user's keymap (binding id -> keys)."""

    def key(self, action_id: str) -> str:
        """The user's key for ``action_id``, as hints and messages name it."""
        return KeyNames(self.keymap, self.app.get_key_display)(action_id)

    @property
    def selecting(self) -> bool:
        """True while a keyboard selection is under way."""
        return self.page_view.selection is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While selecting only the selection keys work; they do nothing otherwise."""
        if action in SELECT_ACTIONS:
            return self.selecting
        return not self.selecting

    def action_reveal(self) -> None:
        """Show or hide the words still in the file under the focused redaction."""
        shown = self.page_view.toggle_reveal()
        thread = self.page_view.focused_thread()
        doc = self.annotations.doc if self.annotations else None
        if shown is not None and thread is not None and doc:
            self.session.set_revealed(doc, thread.root.id, shown)  # for exports too
        key = self.key("reveal")
        if shown is None:
            self.notify(f"{key} shows the words under a redaction that the file still holds; "
                        "the focused comment is not one.")
        elif shown:
            self.notify(f"Redacted words shown; {key} hides them again.")

    # The keys of the user's own work and of the keyboard selection, each handed to the
    # annotation controller (which keeps the selection: tui.controllers.selection).
    action_tag = _own(AnnotationController.tag, "Add tags to the focused comment.")
    action_untag = _own(AnnotationController.untag, "Remove one of the focused comment's tags.")
    action_edit_note = _own(AnnotationController.edit_note,
                            "Write or edit the user's note on the focused comment.")
    action_delete_own = _own(AnnotationController.delete_own,
                             "Delete the focused comment when it is the user's own.")
    action_undo = _own(AnnotationController.undo,
                       "Undo the last change to tags, notes or own annotations.")
    action_redo = _own(AnnotationController.redo, "Do again what the last undo took back.")
    action_select_start = _own(AnnotationController.start_selection,
                               "Start selecting text at the first line on screen.")
    action_select_restart = _own(lambda own: own.selection.restart(),
                                 "Start the selection again at the caret.")
    action_select_cancel = _own(lambda own: own.selection.cancel(), "Drop the selection.")
    action_select_highlight = _own(AnnotationController.highlight_selection,
                                   "Make the selection the user's own highlight.")
    action_select_comment = _own(lambda own: own.comment_on_selection(lambda: None),
                                 "Ask for a comment and attach it to the selection.")

    def action_select_move(self, how: str) -> None:
        """Move the caret; the selection runs from where it started to the caret."""
        if self.annotations is not None:
            self.annotations.selection.move(how)
