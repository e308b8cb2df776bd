"""The lines of one comment card, built as literal Rich ``Text`` (never markup from data)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from tui.core.model import Annotation
from tui.core.text import clean_line, clean_text
from tui.widgets.braille import ink_sketch
from tui.widgets.threads import Thread
from tui.widgets.wrap import wrap_text

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


def short_date(created: str | None) -> str:
    """``2025-02-07T13:10:51+01:00`` -> ``2025-02-07 13:10``; empty when unknown."""
    if not created:
        return ""
    return created[:16].replace("T", " ")


def _header(annotation: Annotation, prefix: str) -> str:
    fallback = "redaction" if annotation.kind == "redaction" else "anonymous"
    author = clean_line(annotation.author or "").strip() or fallback
    date = short_date(annotation.created)
    icon = KIND_ICONS.get(annotation.kind, "•")
    return f"{prefix}{icon} {author}" + (f" · {date}" if date else "")


def _quote_rows(annotation: Annotation, width: int) -> list[str]:
    quote = clean_line(annotation.quote or "").strip()
    if not quote:
        return []
    rows = wrap_text(f"“{quote}”", width)
    if len(rows) > QUOTE_ROWS:
        rows = rows[:QUOTE_ROWS]
        rows[-1] = rows[-1][: max(0, width - 1)] + "…"
    return rows


def _body_rows(annotation: Annotation, width: int) -> list[str]:
    rows: list[str] = []
    if annotation.kind == "redaction":
        ground = clean_line(annotation.ground or "").strip() or "ground not given"
        rows.append(f"█████ {ground}")
    contents = clean_text(annotation.contents or "").strip()
    if contents:
        rows.extend(wrap_text(contents.replace("\t", " "), width))
    if annotation.kind == "ink":
        rows.extend(ink_sketch(annotation.ink))
    return rows


def card_lines(thread: Thread, number: int, width: int, styles: CardStyles) -> list[Text]:
    """The rows of ``thread``'s card, each at most ``width`` cells (the bar included).

    The first row is the header (number, kind icon, author, date): it is the row placed
    level with the passage.
    """
    inner = max(4, width - 1)
    root = thread.root
    rows: list[tuple[str, Style]] = [(_header(root, f"{number} "), styles.header)]
    quoted = thread.marked or (root if root.is_markup else None)
    if quoted is not None:
        rows += [(r, styles.quote) for r in _quote_rows(quoted, inner)]
    body = _body_rows(root, inner)
    if quoted is root and " ".join(body).strip() == clean_line(root.quote or "").strip():
        body = []  # Acrobat copies the quote into the contents: say it once
    rows += [(r, styles.body) for r in body]
    for depth, reply in thread.replies:
        indent = "  " * depth
        rows.append((_header(reply, indent + "↳ "), styles.reply))
        body_indent = indent + "  "
        rows += [
            (body_indent + r, styles.body)
            for r in _body_rows(reply, max(4, inner - len(body_indent)))
        ]
    return [Text(row[:inner], style=style, no_wrap=True, end="") for row, style in rows]
