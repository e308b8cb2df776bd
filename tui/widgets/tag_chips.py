"""Tags drawn as coloured chips; each tag's colour follows from its name, on any theme."""

from __future__ import annotations

import zlib

from rich.style import Style
from rich.text import Text
from textual.color import Color

from tui.core.text import clean_line


def tag_hue(tag: str) -> float:
    """A hue in [0, 1) from the tag's name: the same name always gets the same colour."""
    return (zlib.crc32(tag.casefold().encode("utf-8")) % 360) / 360


def tag_style(tag: str, background: Color) -> Style:
    """The chip style of ``tag``: a soft tint of its hue over ``background``, readable text."""
    hue = Color.from_hsl(tag_hue(tag), 0.65, 0.5)
    tint = background.blend(hue, 0.6)
    return Style(bgcolor=tint.rich_color, color=tint.get_contrast_text(1.0).rich_color)


def chip_rows(tags: list[str], width: int, background: Color) -> list[Text]:
    """The tags as chips `` tag `` wrapped into rows of at most ``width`` cells."""
    rows: list[Text] = []
    row = Text(end="", no_wrap=True)
    for tag in tags:
        label = clean_line(tag).strip()[: max(1, width - 3)]
        needed = len(label) + 2 + (1 if row.cell_len else 0)
        if row.cell_len and row.cell_len + needed > width:
            rows.append(row)
            row = Text(end="", no_wrap=True)
        if row.cell_len:
            row.append(" ")
        row.append(f" {label} ", tag_style(tag, background))
    if row.cell_len:
        rows.append(row)
    return rows
