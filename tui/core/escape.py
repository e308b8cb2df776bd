"""Making untrusted text (from a PDF, or typed by the user) safe in each export format.

Markdown: every character that could start structure — emphasis, code, links, images,
headings, tables, raw HTML, entities, and a list or quote at the start of a line — is
escaped, so a comment cannot hide a link behind other words or pull in an image or HTML
(a bare URL stays visible as itself, though a renderer may make it clickable).
CSV: a cell that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or
a carriage return) is prefixed with ``'``.
All: control characters go (line ends kept where the format allows them).
"""

from __future__ import annotations

import re

from tui.core.text import clean_line, clean_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~#])")
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-+=.)])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def markdown_inline(text: str | None) -> str:
    """``text`` on one line, as literal Markdown (nothing in it becomes structure)."""
    line = clean_line(text or "").replace("&", "&amp;")  # no entity can form
    escaped = _MD_SPECIAL.sub(r"\\\1", line)
    # A line that starts like a list item or a heading underline: escape its marker (for
    # "1." the dot, since a backslash before a digit is no escape).
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def markdown_lines(text: str | None) -> list[str]:
    """``text`` as literal Markdown, one entry per line (empty lines kept)."""
    return [markdown_inline(line) for line in clean_text(text or "").split("\n")]


def csv_cell(value: object) -> str:
    """A CSV cell's text: control characters removed, formulas neutralised."""
    if value is None:
        return ""
    raw = str(value)
    text = clean_text(raw)
    if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        return "'" + text
    return text


def plain(text: str | None) -> str:
    """Text with control characters removed (JSON and the PDF carry it as it is)."""
    return clean_text(text or "")
