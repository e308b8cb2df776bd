"""Cleaning untrusted text that comes out of a PDF or a summary file."""

from __future__ import annotations

import re
import unicodedata

#: Typographic ligatures and their letters (as pdfannots expands them), so search and quotes
#: match what a reader types.
LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_TABLE = str.maketrans(LIGATURES)

# C0 and C1 control characters except tab and newline, plus DEL and bidi overrides that could
# make text render misleadingly in a terminal.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n``, apply NFC and strip control characters.

    Tabs and newlines are kept; everything else below U+0020 is dropped, so text from a
    document cannot move the cursor or change colours in a terminal.
    """
    if text.isascii() and text.isprintable():  # most text: nothing to change (and fast)
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`clean_text` for a single line: newlines and tabs become spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


def expand_ligatures(text: str) -> str:
    """Replace ligature characters (ﬁ, ﬂ, ...) by their letters."""
    return text.translate(_LIGATURE_TABLE)


def counted(count: int, one: str, many: str | None = None) -> str:
    """``1 note``, ``2 notes``: a count with its noun in the right number (``many`` for an
    irregular plural such as "nota's")."""
    return f"{count} {one if count == 1 else many or one + 's'}"
