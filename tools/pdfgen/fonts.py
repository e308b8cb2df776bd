"""Standard-14 Helvetica metrics in WinAnsi (cp1252) code order, for the PDF writer.

The widths come from the Adobe AFM files that pypdf ships, so a written PDF carries exactly
the widths a reader would assume for the standard font, and the writer can tell where every
character ends up.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

FontName = Literal["Helvetica", "Helvetica-Bold", "Helvetica-Oblique"]

#: Resource names used in every page's /Font dictionary.
FONT_RESOURCES: dict[FontName, str] = {
    "Helvetica": "F1",
    "Helvetica-Bold": "F2",
    "Helvetica-Oblique": "F3",
}

FIRST_CHAR = 32
LAST_CHAR = 255

#: Characters cp1252 cannot hold, replaced by a close neighbour before drawing.
_SUBSTITUTES: dict[str, str] = {
    "\u00a0": " ",
    "\u00ad": "",
    "\u2192": "->",
    "\u2190": "<-",
    "\u015f": "s",
    "\u015e": "S",
    "\u2212": "-",
    "\u2074": "4",
    "\u2010": "-",
    "\u2011": "-",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "\n": " ",
}


_PLAIN = re.compile("[^\x00-\x1f\x7f\x81\x8d\x8f\x90\x9d\xa0\xad]*")


def winansi_text(text: str) -> str:
    """``text`` reduced to characters WinAnsiEncoding can draw (unknown ones become ``?``)."""
    if _PLAIN.fullmatch(text):
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            pass
        else:
            return text
    out: list[str] = []
    for char in text:
        char = _SUBSTITUTES.get(char, char)
        for sub in char:
            try:
                code = sub.encode("cp1252")[0]
            except UnicodeEncodeError:
                code = 0x3F
                sub = "?"
            out.append(sub if code >= FIRST_CHAR else " ")
    return "".join(out)


def encode_winansi(text: str) -> bytes:
    """The cp1252 bytes of text already passed through :func:`winansi_text`."""
    return text.encode("cp1252", errors="replace")


@cache
def char_widths(font: FontName) -> dict[str, float]:
    """Glyph widths in 1/1000 em keyed by character, for every drawable WinAnsi code."""
    metrics = CORE_FONT_METRICS[font].character_widths
    default = float(metrics.get("default", 556))
    widths: dict[str, float] = {}
    for code in range(FIRST_CHAR, LAST_CHAR + 1):
        char = _decode(code)
        if char is not None:
            widths[char] = float(metrics.get(char, default))
    return widths


@cache
def widths_array(font: FontName) -> tuple[float, ...]:
    """The ``/Widths`` array for codes FIRST_CHAR..LAST_CHAR (0 for unused codes)."""
    table = char_widths(font)
    result: list[float] = []
    for code in range(FIRST_CHAR, LAST_CHAR + 1):
        char = _decode(code)
        result.append(table[char] if char is not None else 0.0)
    return tuple(result)


def text_width(text: str, font: FontName, size: float) -> float:
    """Advance width in points of WinAnsi-safe ``text`` set in ``font`` at ``size``."""
    table = char_widths(font)
    return sum(table.get(c, 556.0) for c in text) * size / 1000.0


def char_offsets(text: str, font: FontName, size: float) -> list[float]:
    """x offsets (points) of each character's left edge, plus the end of the last one."""
    table = char_widths(font)
    scale = size / 1000.0
    offsets = [0.0]
    total = 0.0
    for char in text:
        total += table.get(char, 556.0)
        offsets.append(total * scale)
    return offsets


def ascent(font: FontName) -> float:
    """The font's ascent in 1/1000 em."""
    return float(CORE_FONT_METRICS[font].font_descriptor.ascent)


def descent(font: FontName) -> float:
    """The font's descent in 1/1000 em (negative)."""
    return float(CORE_FONT_METRICS[font].font_descriptor.descent)


def _decode(code: int) -> str | None:
    try:
        char = bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Codes cp1252 leaves as controls or soft hyphen have no useful glyph.
    if char in ("\x7f", "\xa0", "\xad"):
        return None
    return char
