"""The keys of the keyboard selection (after ``v``), bound on the page view itself.

They share keys with reading (``j`` scrolls, and extends a selection), so they live on the
focused page view rather than on the screen: Textual's keymap replaces a remapped binding's
keys in the one binding map that holds it, and would otherwise take the key from every other
binding of that map too. Remapping ``scroll_down`` thus leaves ``select_down`` on ``j``.

The actions run on the screen (``screen.``), whose ``check_action`` enables them only while
a selection is under way; otherwise the key falls through to the screen's own binding.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

SELECT_ACTIONS = frozenset({"select_move", "select_highlight", "select_comment", "select_cancel"})
"""The actions that work only while selecting (and the only ones that do then)."""

SELECTION_BINDINGS: list[BindingType] = [
    Binding("l,right", "screen.select_move('right')", "Extend right", id="select_right"),
    Binding("backspace,left", "screen.select_move('left')", "Extend left", id="select_left"),
    Binding("w", "screen.select_move('word')", "Next word", id="select_word"),
    Binding("b", "screen.select_move('back')", "Previous word", id="select_back"),
    Binding("j,down", "screen.select_move('down')", "Line down", id="select_down"),
    Binding("k,up", "screen.select_move('up')", "Line up", id="select_up"),
    Binding("0,home", "screen.select_move('start')", "Line start", id="select_start_of_line"),
    Binding("dollar_sign,end", "screen.select_move('end')", "Line end", id="select_end_of_line"),
    Binding("h", "screen.select_highlight", "Highlight it", id="select_highlight"),
    Binding("c", "screen.select_comment", "Comment on it", id="select_comment"),
    Binding("escape", "screen.select_cancel", "Cancel selection", id="select_cancel"),
]
