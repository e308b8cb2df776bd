"""Every action a user can take, in one table: id, default keys, label, description, scope.

The table feeds the key bindings of each screen (:func:`bindings`), the footer (``show``),
the help screen (:func:`help_rows`, with the user's keymap applied) and the command palette
(``palette``). An action's ``id`` is what ``keymap.toml`` remaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from textual.binding import Binding, BindingType

Scope = Literal[
    "app", "library", "open_path", "reader", "selection", "help", "dialog", "text_dialog",
    "confirm", "search", "hits", "export", "dossier", "release", "release_dossier",
]


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the user can do, and the keys that do it by default."""

    id: str
    """The binding id: what ``keymap.toml`` remaps."""
    keys: str
    """Default keys, comma-separated, in Textual's key names."""
    action: str
    """The Textual action string it runs (on the screen, or ``screen.`` from a widget)."""
    label: str
    """Short name: the footer and the command palette."""
    description: str
    """What it does, in a sentence: the help screen and the palette."""
    scope: Scope
    show: bool = False
    """Shown in the footer."""
    palette: bool = False
    """Offered in the command palette."""
    priority: bool = False


def _reader(id: str, keys: str, action: str, label: str, description: str,
            show: bool = False, palette: bool = True) -> Action:
    return Action(id, keys, action, label, description, "reader", show, palette)


def _select(id: str, keys: str, how: str, label: str, description: str) -> Action:
    return Action(id, keys, f"screen.{how}", label, description, "selection")


ACTIONS: tuple[Action, ...] = (
    Action("quit", "q", "quit", "Quit", "Save everything and quit", "app", show=True),
    Action("help", "question_mark,f1", "help", "Help", "Show the keys of this screen", "app",
           show=True),
    # The library screen.
    Action("open_path", "o", "focus_path", "Open file", "Type the path of a file to open",
           "library", show=True),
    Action("library_path", "slash", "focus_path", "Open file", "Type the path of a file to open",
           "library"),
    Action("library_refresh", "r", "refresh", "Refresh", "Read the library again", "library"),
    Action("search", "s,ctrl+f", "app.open_search", "Search",
           "Search every comment, tag and note in the library", "library", show=True),
    Action("export", "x", "app.open_export", "Export",
           "Export comments with your tags and notes", "library", show=True),
    Action("library_list", "escape", "focus_table", "List", "Back to the document list",
           "library"),
    Action("library_copies", "c", "copies", "Copies",
           "Pick which copy to read: live, published, a later version", "library"),
    Action("library_dossier", "D", "dossier", "Dossier",
           "The dossier of the Woo release under the cursor", "library"),
    Action("library_down", "j", "move(1)", "Down", "The next document", "library"),
    Action("library_up", "k", "move(-1)", "Up", "The previous document", "library"),
    Action("library_top", "g", "move_edge(0)", "First", "The first document", "library"),
    Action("library_bottom", "G", "move_edge(1)", "Last", "The last document", "library"),
    Action("library_remove", "delete", "remove", "Remove",
           "Remove the document from the library (asks first; the file stays)", "library",
           show=True),
    Action("path_complete", "tab", "complete", "Complete", "Complete the path typed so far",
           "open_path"),
    # The reader: moving.
    _reader("scroll_down", "j,down", "scroll_lines(1)", "Down", "Scroll one line down",
            palette=False),
    _reader("scroll_up", "k,up", "scroll_lines(-1)", "Up", "Scroll one line up", palette=False),
    _reader("page_down", "space,pagedown", "scroll_pages(1)", "Page down", "Scroll one screen down",
            palette=False),
    _reader("page_up", "b,pageup", "scroll_pages(-1)", "Page up", "Scroll one screen up",
            palette=False),
    _reader("top", "g,home", "scroll_edge(0)", "Top", "Go to the start of the document",
            palette=False),
    _reader("bottom", "G,end", "scroll_edge(1)", "Bottom", "Go to the end of the document",
            palette=False),
    _reader("next_comment", "n", "next(1)", "Next comment",
            "Jump to the next comment (the next match while finding)", show=True),
    _reader("previous_comment", "N", "next(-1)", "Prev comment",
            "Jump to the previous comment (the previous match while finding)", show=True),
    _reader("next_nota", "right_square_bracket", "nota(1)", "Next nota", "Jump to the next nota",
            show=True),
    _reader("previous_nota", "left_square_bracket", "nota(-1)", "Prev nota",
            "Jump to the previous nota"),
    _reader("goto_page", "colon", "prompt('page')", "Page", "Type a page number to go to",
            show=True),
    _reader("find", "slash", "prompt('find')", "Find", "Find text in the document", show=True),
    _reader("clear", "escape", "clear", "Clear",
            "Close the prompt, else end the find, else drop the comment focus"),
    _reader("toggle_notas", "o", "toggle_notas", "Nota's", "Show or hide the nota list",
            show=True),
    _reader("library", "l", "library", "Library", "Back to the library", show=True),
    _reader("search", "s,ctrl+f", "app.open_search", "Search",
            "Search every comment, tag and note in the library", show=True),
    _reader("dossier", "D", "dossier", "Dossier",
            "Decisions, redaction grounds and the reviewer's questions of this document",
            show=True),
    _reader("export", "x", "app.open_export", "Export",
            "Export this nota's comments (or any search) with your tags and notes"),
    # The reader: the user's own work.
    _reader("tag", "t", "tag", "Tag", "Tag the focused comment", show=True),
    _reader("untag", "T", "untag", "Untag", "Remove a tag from the focused comment"),
    _reader("note", "e", "edit_note", "Note",
            "Write a note on the focused comment (on your own comment: edit its text)",
            show=True),
    _reader("reveal", "r", "reveal", "Reveal",
            "Show or hide the words still in the file under the focused redaction"),
    _reader("unsure_words", "U", "toggle_unsure", "Unsure words",
            "Underline the words OCR was unsure of on pages read from a scan (again: hide)"),
    _reader("select", "v", "select_start", "Select text",
            "Select text to highlight or comment on", show=True),
    _reader("delete_own", "d", "delete_own", "Delete mine",
            "Delete your own highlight or comment"),
    _reader("undo", "u", "undo", "Undo", "Undo the last change to tags, notes or your own"),
    _reader("redo", "ctrl+r", "redo", "Redo", "Do again what undo took back"),
    # The keyboard selection (after v): bound on the page view, run on the screen.
    _select("select_right", "l,right", "select_move('right')", "Extend right",
            "Extend the selection one character right"),
    _select("select_left", "backspace,left", "select_move('left')", "Extend left",
            "Extend the selection one character left"),
    _select("select_word", "w", "select_move('word')", "Next word", "Extend to the next word"),
    _select("select_word_end", "e", "select_move('word_end')", "Word end",
            "Extend to the end of the word"),
    _select("select_back", "b", "select_move('back')", "Previous word",
            "Back to the previous word"),
    _select("select_down", "j,down", "select_move('down')", "Line down", "Extend a line down"),
    _select("select_up", "k,up", "select_move('up')", "Line up", "Back a line up"),
    _select("select_start_of_line", "0,home", "select_move('start')", "Line start",
            "Extend to the start of the line"),
    _select("select_end_of_line", "dollar_sign,end", "select_move('end')", "Line end",
            "Extend to the end of the line"),
    _select("select_restart", "v", "select_restart", "Start here",
            "Start the selection again at the caret (mid-line: move there, then v)"),
    _select("select_highlight", "h", "select_highlight", "Highlight it",
            "Make the selection your highlight"),
    _select("select_comment", "c", "select_comment", "Comment on it",
            "Write your comment on the selection"),
    _select("select_cancel", "escape", "select_cancel", "Cancel selection",
            "Drop the selection"),
    # The search screen and its hit list.
    Action("search_back", "escape", "back", "Back", "From the hits to the input; close search",
           "search"),
    Action("search_older", "up", "history(1)", "Earlier search", "Bring back an earlier search",
           "search"),
    Action("search_newer", "down", "history(-1)", "Later search", "Bring back a later search",
           "search"),
    Action("search_save", "ctrl+s", "save", "Save search",
           "Save this search (listed in the command palette)", "search", show=True,
           priority=True),
    Action("search_scope", "ctrl+t", "scope", "Scope",
           "Search comments, page text, or both", "search", show=True, priority=True),
    Action("search_export", "ctrl+e", "app.open_export", "Export",
           "Export what this search finds", "search", show=True, priority=True),
    Action("dossier_back", "q,escape", "back", "Back", "Back to the reader", "dossier",
           show=True, priority=True),
    Action("dossier_down", "j", "move(1)", "Down", "The next row", "dossier"),
    Action("dossier_up", "k", "move(-1)", "Up", "The previous row", "dossier"),
    Action("dossier_notas", "1", "show_tab('notas')", "Nota's", "The nota's tab", "dossier"),
    Action("dossier_grounds", "2", "show_tab('grounds')", "Grounds", "The grounds tab",
           "dossier"),
    Action("dossier_redactions", "3", "show_tab('redactions')", "Redactions",
           "The redactions tab", "dossier"),
    Action("dossier_questions", "4", "show_tab('questions')", "Questions", "The questions tab",
           "dossier"),
    Action("dossier_timeline", "5", "show_tab('timeline')", "Timeline", "The timeline tab",
           "dossier"),
    Action("dossier_answered", "a", "toggle_answered", "Answered/open",
           "Mark the question answered, or open again", "dossier", show=True),
    Action("dossier_answer", "e", "answer", "Answer", "Write the answer to the question",
           "dossier", show=True),
    Action("dossier_compare", "c", "compare", "Compare versions",
           "The paragraphs that differ between a nota and its other version", "dossier",
           show=True),
    # A Woo release: its documents, and its dossier.
    Action("release_back", "escape,backspace", "back", "Back", "Back to the library",
           "release", show=True),
    Action("release_down", "j", "move(1)", "Down", "The next document", "release"),
    Action("release_up", "k", "move(-1)", "Up", "The previous document", "release"),
    Action("release_dossier", "D", "dossier", "Dossier",
           "The release at a glance: judgements, grounds, findings; then its inventory",
           "release", show=True),
    Action("release_dossier_back", "escape,backspace", "back", "Back",
           "Back to the release's documents", "release_dossier", show=True),
    Action("release_dossier_down", "j", "move(1)", "Down", "The next row", "release_dossier"),
    Action("release_dossier_up", "k", "move(-1)", "Up", "The previous row", "release_dossier"),
    Action("export_write", "ctrl+s", "export", "Export", "Write the export", "export",
           show=True, priority=True),
    Action("hit_down", "j,down", "move(1)", "Next hit", "The next hit", "hits"),
    Action("hit_up", "k,up", "move(-1)", "Previous hit", "The previous hit", "hits"),
    Action("hit_page_down", "space,pagedown", "page(1)", "Page down", "A screenful of hits down",
           "hits"),
    Action("hit_page_up", "b,pageup", "page(-1)", "Page up", "A screenful of hits up", "hits"),
    Action("hit_first", "g,home", "edge(0)", "First hit", "The first hit", "hits"),
    Action("hit_last", "G,end", "edge(1)", "Last hit", "The last hit", "hits"),
    Action("hit_open", "enter", "choose", "Open", "Open the reader at this hit", "hits",
           show=True),
    Action("hit_close", "q", "screen.close", "Close", "Close the search", "hits", show=True),
    # Help and dialogs.
    Action("close_help", "escape,q,question_mark,f1", "dismiss", "Close", "Close the help",
           "help"),
    Action("dialog_cancel", "escape", "cancel", "Cancel", "Close without saving", "dialog"),
    Action("dialog_save", "ctrl+s", "save", "Save", "Save the text", "text_dialog",
           priority=True),
    Action("confirm_yes", "y", "confirm", "Yes", "Go ahead", "confirm"),
    Action("confirm_no", "n", "cancel", "No", "Keep it as it is", "confirm"),
)

SELECT_ACTIONS = frozenset(
    a.action.removeprefix("screen.").split("(")[0] for a in ACTIONS if a.scope == "selection"
)
"""The actions that work only while selecting (and the only ones that do then)."""


def actions_in(scope: Scope) -> list[Action]:
    """The actions of ``scope``, in table order."""
    return [a for a in ACTIONS if a.scope == scope]


FOOTER_FIRST = frozenset({"help"})
"""App actions a screen's footer shows first, so ``? Help`` is never cut off at 80 columns."""

SCREENS_WITH_FOOTER: frozenset[Scope] = frozenset({"library", "reader", "release",
                                                    "release_dossier"})


def bindings(scope: Scope) -> list[BindingType]:
    """Textual bindings for ``scope``'s actions, each with its id so the keymap can remap it.

    A screen with a footer binds :data:`FOOTER_FIRST` itself, before its own actions: the
    footer lists bindings in order and the app's come last, cut off on a narrow terminal.
    """
    first = [
        _binding(a, f"app.{a.action}")
        for a in actions_in("app")
        if a.id in FOOTER_FIRST and scope in SCREENS_WITH_FOOTER
    ]
    return [*first, *(_binding(a, a.action) for a in actions_in(scope))]


def _binding(action: Action, run: str) -> Binding:
    return Binding(action.keys, run, action.label, show=action.show, id=action.id,
                   tooltip=action.description, priority=action.priority)


def keys_of(action: Action, keymap: Mapping[str, str]) -> list[str]:
    """The keys that run ``action`` now: the user's keymap, else the defaults."""
    return [k.strip() for k in keymap.get(action.id, action.keys).split(",") if k.strip()]


@dataclass(frozen=True, slots=True)
class KeyNames:
    """Names the user's keys in hints and messages ("n/N goes to the next comment"), with
    their keymap applied, so a message never names a key that does something else."""

    keymap: Mapping[str, str]
    display: Callable[[Binding], str]
    """``App.get_key_display``."""

    def __call__(self, action_id: str) -> str:
        """The first key of action ``action_id`` as shown (``"?"`` for an unknown id)."""
        action = next((a for a in ACTIONS if a.id == action_id), None)
        keys = keys_of(action, self.keymap) if action is not None else []
        return self.display(Binding(keys[0], "")) if keys else "?"


class HelpRow(NamedTuple):
    """One line of the help screen."""

    keys: str
    """The keys, as the user sees them (their keymap applied)."""
    label: str
    ids: str
    """The binding id(s) ``keymap.toml`` remaps it by."""


def help_rows(
    scopes: Iterable[Scope], keymap: Mapping[str, str], display: Callable[[Binding], str]
) -> list[HelpRow]:
    """A :class:`HelpRow` for every action of ``scopes``, keys as the user sees them.

    ``display`` is ``App.get_key_display``.
    """
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for scope in scopes:
        for action in actions_in(scope):
            label = action.label + (" (after v)" if scope == "selection" else "")
            shown = [display(Binding(key, "")) for key in keys_of(action, keymap)]
            keys, ids = grouped.setdefault((action.action, label), ([], []))
            keys.extend(shown)
            ids.append(action.id)
    return [
        HelpRow(", ".join(dict.fromkeys(keys)), label, ", ".join(dict.fromkeys(ids)))
        for (_, label), (keys, ids) in grouped.items()
    ]


KEY_GROUPS: tuple[tuple[Scope, ...], ...] = (
    ("reader", "app"), ("selection",), ("library", "app"), ("open_path",), ("help",),
    ("dialog", "text_dialog"), ("dialog", "confirm"),
)
"""Scopes whose keys are live at the same time: one key must not do two things there."""


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """What is wrong with the user's keymap, one sentence each: ids that name no binding,
    and keys the user gave to an action that another action where it works already has."""
    known = {a.id for a in ACTIONS}
    problems = [
        f"{binding_id} is not a binding id (the help screen, ?, lists them); it is ignored"
        for binding_id in keymap
        if binding_id not in known
    ]
    told: set[tuple[str, str, str]] = set()
    for group in KEY_GROUPS:
        owners: dict[str, Action] = {}
        for action in (a for scope in group for a in actions_in(scope)):
            for key in keys_of(action, keymap):
                other = owners.setdefault(key, action)
                first, second = sorted((other.id, action.id))
                clash = (key, first, second)
                if other.id == action.id or clash in told:
                    continue
                if action.id in keymap or other.id in keymap:
                    told.add(clash)
                    problems.append(f"{key} is bound to both {other.id} and {action.id}; "
                                    "only one of them can have it")
    return problems
