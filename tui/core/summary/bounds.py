"""What a comment summary file may make kantlijn do: lines cut to a length, a number of lines
and of comments read, as a PDF's are bounded (:mod:`tui.core.pdf.budget`).

A summary is text a tool converted; a line of 55 MB or 100,000 entries is no conversion of a
real release. What lies beyond a bound is cut or skipped, with one warning each.
"""

from __future__ import annotations

from tui.core.summary.pages import RawPage
from tui.core.text import clean_text, counted

#: The longest line kept (characters): a page's widest line holds a few hundred.
MAX_LINE = 10_000
#: Lines read from one file (a 1,000-page release converts to some 50,000).
MAX_LINES = 1_000_000
#: Comments read from one summary file (a real one holds hundreds; parsing 10,000 takes about a
#: second, where a PDF's annotations cost far less each).
MAX_ENTRIES = 10_000


def text_lines(data: bytes, warnings: list[str]) -> list[str]:
    """The file's lines as clean text, each cut to :data:`MAX_LINE` characters, at most
    :data:`MAX_LINES` of them."""
    raw = data.split(b"\n", MAX_LINES)
    if len(raw) > MAX_LINES:
        raw.pop()
        warnings.append(f"over {MAX_LINES:,} lines; the rest of the file is skipped")
    long = [index for index, line in enumerate(raw) if len(line) > 4 * MAX_LINE]
    for index in long:
        raw[index] = raw[index][: 4 * MAX_LINE]  # a character is at most four bytes
    lines = clean_text(b"\n".join(raw).decode("utf-8", errors="replace")).split("\n")
    cut = 0
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE:
            lines[index] = line[:MAX_LINE]
            cut += 1
    if cut:
        warnings.append(f"{counted(cut, 'line')} longer than {MAX_LINE:,} characters cut")
    return lines


def limit_entries(pages: list[RawPage], warnings: list[str]) -> None:
    """Keep the first :data:`MAX_ENTRIES` comments; the later ones are dropped."""
    room = MAX_ENTRIES
    for page in pages:
        if len(page.entries) > room:
            page.entries = page.entries[:room]
            if f"over {MAX_ENTRIES:,} comments; the rest are skipped" not in warnings:
                warnings.append(f"over {MAX_ENTRIES:,} comments; the rest are skipped")
        room -= len(page.entries)
