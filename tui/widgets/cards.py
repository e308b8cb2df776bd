"""The lines of one comment card, built as literal Rich ``Text`` (never markup from data).

What goes on a card (the user's marks, whether it is only a marker) is decided in
:mod:`tui.reading.card_content`; this module draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.color import Color

from tui.core.anchoring.threads import Thread
from tui.core.model import Annotation
from tui.core.text import clean_line, clean_text
from tui.reading.braille import ink_sketch
from tui.reading.card_content import UserMarks, is_marker, short_date
from tui.reading.wrap import wrap_text
from tui.widgets.tag_chips import chip_rows

KIND_ICONS: dict[str, str] = {
    "highlight": "▍",
    "underline": "_",
    "strikeout": "-",
    "squiggly": "~",
    "freetext": "¶",
    "note": "✎",
    "caret": "^",
    "ink": "∿",
    "redaction": "█",
    "stamp": "◎",
    "shape": "□",
    "attachment": "@",
}

QUOTE_ROWS = 2
"""How many rows of a highlighted passage a card repeats."""


@dataclass(frozen=True, slots=True)
class CardStyles:
    """The Rich styles a card is drawn with (from the page view's component classes)."""

    header: Style
    body: Style
    quote: Style
    reply: Style
    note: Style = field(default_factory=Style)
    own: Style = field(default_factory=Style)
    background: Color = field(default_factory=lambda: Color(0, 0, 0))
    """The page background, which tag chips are tinted over."""


OWN_LABEL = "yours"
"""Written in the header of the user's own annotations."""
NOTE_BAR = "┊ "


def _header(annotation: Annotation, prefix: str, width: int, own: bool = False) -> str:
    """Label, icon, author and date in ``width`` cells: a narrow card drops the time, then
    the date, before it shortens the author, so a timestamp is never cut in half."""
    fallback = "redaction" if annotation.kind == "redaction" else "anonymous"
    author = clean_line(annotation.author or "").strip() or fallback
    date = short_date(annotation.date)
    icon = KIND_ICONS.get(annotation.kind, "•")
    mine = f" ({OWN_LABEL})" if own else ""
    head = f"{prefix}{icon} {author}{mine}"
    for when in (date, date[:10], ""):
        full = head + (f" · {when}" if when else "")
        if len(full) <= width:
            return full
    return head if len(head) <= width else head[: max(0, width - 1)] + "…"


def _note_rows(note: str, width: int, style: Style) -> list[Text]:
    text = clean_text(note).strip().replace("\t", " ")
    return [Text(NOTE_BAR + row, style=style, no_wrap=True, end="")
            for row in (wrap_text(text, max(1, width - len(NOTE_BAR))) if text else [])]


def _user_rows(user: UserMarks, width: int, styles: CardStyles) -> list[Text]:
    """The user's note (marked with a dotted bar), teammates' notes (each opened by the
    member's name) and tag chips, under the comment."""
    rows = _note_rows(user.note or "", width, styles.note)
    for member, note in user.team_notes:
        rows += _note_rows(f"{clean_line(member)}: {note}", width, styles.body)
    rows += chip_rows(list(user.tags), width, styles.background)
    return rows


def _quote_rows(annotation: Annotation, width: int) -> list[str]:
    quote = clean_line(annotation.quote or "").strip()
    if not quote:
        return []
    rows = wrap_text(f"“{quote}”", width)
    if len(rows) > QUOTE_ROWS:
        rows = rows[:QUOTE_ROWS]
        rows[-1] = rows[-1][: max(0, width - 1)] + "…"
    return rows


MAX_REPLY_INDENT = 6
"""Reply levels shown by indenting; deeper replies stay at this indent (a chain of 10,000
replies, each to the one before, would otherwise indent its rows past any width)."""

REVEAL_HINT = "words still in the file: Reveal shows them"
"""Said on the card of a redaction whose words the file still holds (the ``reveal`` action)."""


def _body_rows(annotation: Annotation, width: int, revealed: bool = False) -> list[str]:
    rows: list[str] = []
    if annotation.kind == "redaction":
        ground = clean_line(annotation.ground or "").strip() or "ground not given"
        rows.append(f"█████ {ground}")
        if annotation.applied is False and (annotation.quote or "").strip():
            rows += _quote_rows(annotation, width) if revealed else wrap_text(REVEAL_HINT, width)
    contents = clean_text(annotation.contents or "").strip()
    if contents:
        rows.extend(wrap_text(contents.replace("\t", " "), width))
    if annotation.kind == "ink":
        rows.extend(ink_sketch(annotation.ink))
    return rows


def card_lines(
    thread: Thread, label: str, width: int, styles: CardStyles, user: UserMarks | None = None,
    revealed: bool = False,
) -> list[Text]:
    """The rows of ``thread``'s card, each at most ``width`` cells (the bar included).

    The first row is the header (``label``: the comment's number, then kind icon, author,
    date): it is the row placed level with the passage. ``user`` adds the user's note and
    tags at the end. A marker (:func:`is_marker`) has no rows. ``revealed``: a redaction's
    words still in the file are shown, not just said to be there.
    """
    if is_marker(thread, user):
        return []
    user = user or UserMarks()
    inner = max(4, width - 1)
    root = thread.root
    header = styles.header + styles.own if user.own else styles.header
    rows: list[tuple[str, Style]] = [(_header(root, f"{label} ", inner, user.own), header)]
    quoted = thread.marked or (root if root.is_markup or user.own else None)
    if quoted is not None:
        rows += [(r, styles.quote) for r in _quote_rows(quoted, inner)]
    body = _body_rows(root, inner, revealed)
    if quoted is root and " ".join(body).strip() == clean_line(root.quote or "").strip():
        body = []  # Acrobat copies the quote into the contents: say it once
    rows += [(r, styles.body) for r in body]
    for depth, reply in thread.replies:
        indent = "  " * min(depth, MAX_REPLY_INDENT)
        rows.append((_header(reply, indent + "↳ ", inner), styles.reply))
        body_indent = indent + "  "
        rows += [
            (body_indent + r, styles.body)
            for r in _body_rows(reply, max(4, inner - len(body_indent)))
        ]
    lines = [Text(row[:inner], style=style, no_wrap=True, end="") for row, style in rows]
    return lines + _user_rows(user, inner, styles)
