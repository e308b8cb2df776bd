"""Making untrusted text (from a PDF, or typed by the user) safe in each export format.

Markdown: text stays as written wherever a character cannot change the rendering, and is
escaped exactly where it could — so ``2025-02-07`` and ``A & B`` read as they are, while no
link, image or raw HTML can ever be formed: every ``[`` and every ``<`` that could open a tag
or an autolink is escaped, an ``&`` only where it would spell an entity, emphasis and code
marks where they could pair, a list, heading, quote or fence marker only at the start of a
line, a ``|`` only in a line that could make a table. A bare web address or e-mail address
is set as code, so renderers that link bare addresses (GitHub, Obsidian) show it as text.
CSV: a cell that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or
a carriage return) is prefixed with ``'``.
All: control characters go (line ends kept where the format allows them).
"""

from __future__ import annotations

import re

from tui.core.text import clean_line, clean_text

_ADDRESS = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_TRAILING = ".,;:!?)'\""
_ALWAYS = re.compile(r"([*\[])")  # emphasis by one star; links and images
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")  # a backslash that would escape
_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # at a word's edge (could emphasise)
_LIST = re.compile(r"^([-+*])(?=\s|$)|^(\d{1,9})([.)])(?=\s|$)")
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|=+\s*$|-+\s*$|(?:-\s*){3,}$)")
_TABLE_ROW = re.compile(r"^[\s|:-]*-[\s|:-]*$")
_SPECIAL = re.compile(r"[\\`*_\[<&~$|\]@]|://|www\.", re.IGNORECASE)
"""A character or address that may need escaping somewhere in a line."""
_STARTS = frozenset("-+*#>=0123456789")
"""How a line that opens a list, heading, quote or rule begins."""
_PAIRED = "`~$"
"""Code spans, strike-through and maths need two marks: escaped only when a text has two."""


def markdown_inline(text: str | None, *, line_start: bool = False, cell: bool = False,
                    link_text: bool = False) -> str:
    """``text`` on one line, as literal Markdown (nothing in it becomes structure).

    ``line_start``: the text opens a line (a list, heading or quote marker is escaped);
    ``cell``: it stands in a table cell (``|`` escaped); ``link_text``: inside ``[…]``."""
    line = clean_line(text or "").strip() if line_start else clean_line(text or "")
    if _SPECIAL.search(line) is None:  # most text: as :func:`_escape_line` leaves it
        return _escape_start(line) if line_start and line[:1] in _STARTS else line
    return _escape_line(line, line_start=line_start, cell=cell, link_text=link_text,
                        paired=_paired_marks(line))


def markdown_lines(text: str | None) -> list[str]:
    """``text`` as literal Markdown, one entry per line (empty lines kept); each line is
    taken to open a line of the output."""
    cleaned = clean_text(text or "")
    if "\n" not in cleaned and _SPECIAL.search(cleaned) is None:  # one plain line (most)
        line = cleaned.strip()
        return [_escape_start(line) if line[:1] in _STARTS else line]
    lines = cleaned.split("\n")
    paired = _paired_marks(" ".join(lines))
    return [_escape_line(line.strip(), line_start=True, paired=paired) for line in lines]


def _paired_marks(text: str) -> str:
    if "`" not in text and "~" not in text and "$" not in text:  # _PAIRED, without a loop
        return ""
    outside = _ADDRESS.sub("", text)
    return "".join(mark for mark in _PAIRED if outside.count(mark) >= 2)


def _escape_line(line: str, *, line_start: bool, paired: str, cell: bool = False,
                 link_text: bool = False) -> str:
    if not _SPECIAL.search(line):  # most lines: nothing that could become structure
        return _escape_start(line) if line_start and line[:1] in _STARTS else line
    parts: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(line):
        address = match.group(0).rstrip(_TRAILING)
        end = match.start() + len(address)
        parts.append(_escape_text(line[last:match.start()], paired, cell, link_text))
        parts.append(_code(address))
        last = end
    parts.append(_escape_text(line[last:], paired, cell, link_text))
    escaped = "".join(parts)
    if line_start:
        escaped = _escape_start(escaped)
        if not cell and "|" in escaped and _TABLE_ROW.match(escaped):
            escaped = escaped.replace("|", "\\|")
    return escaped


def _escape_text(text: str, paired: str, cell: bool, link_text: bool) -> str:
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _HTML.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    for mark in paired:
        text = text.replace(mark, "\\" + mark)
    if cell:
        text = text.replace("|", "\\|")
    if link_text:
        text = text.replace("]", "\\]")
    return text


def _escape_start(line: str) -> str:
    """Escape a marker that would make the line a list item, heading, quote or rule."""
    listed = _LIST.match(line)
    if listed is not None:
        if listed.group(1):
            return "\\" + line
        return listed.group(2) + "\\" + line[len(listed.group(2)):]
    if _BLOCK_START.match(line):
        return "\\" + line
    return line


def _code(text: str) -> str:
    """``text`` as a code span (its backticks fenced by a longer run)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def csv_cell(value: object) -> str:
    """A CSV cell's text: control characters removed, formulas neutralised."""
    if value is None:
        return ""
    raw = str(value)
    text = clean_text(raw)
    if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        return "'" + text
    return text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(text: str | None) -> str:
    """Text with control characters removed (JSON and the PDF carry it as it is)."""
    return clean_text(text or "")
