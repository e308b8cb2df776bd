"""Cleaning untrusted text that comes out of a PDF or a summary file.

Every string a PDF gives passes :func:`encodable` (through :func:`clean_text`, or
:func:`decode_pdf_bytes` for raw bytes): UTF-16 with a lone surrogate or an odd length, bytes
that are no text, become U+FFFD, so JSON, CSV, Markdown, the search index and the terminal
never meet a character they cannot encode. Inside :func:`counting_replacements` the
replacements are counted, so a reader can say on which page they happened.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from tui.core.errors import KantlijnError

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


REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACED: ContextVar[list[int] | None] = ContextVar("replaced", default=None)


@contextmanager
def counting_replacements() -> Iterator[list[int]]:
    """Count, in ``counter[0]``, the characters :func:`encodable` and
    :func:`decode_pdf_bytes` replace by U+FFFD while the block runs."""
    counter = [0]
    token = _REPLACED.set(counter)
    try:
        yield counter
    finally:
        _REPLACED.reset(token)


def replaced_warning(count: int, where: str = "") -> str:
    """The warning that says ``count`` characters were replaced (``where``: "page 3: ")."""
    return (f"{where}{counted(count, 'character')} that could not be decoded "
            f"shown as {REPLACEMENT}")


def _note_replaced(before: str, after: str) -> None:
    counter = _REPLACED.get()
    if counter is not None:
        counter[0] += max(1, after.count(REPLACEMENT) - before.count(REPLACEMENT))


def encodable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (a surrogate pair is joined
    into the character it stands for), so that any encoder takes it."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    _note_replaced(text, fixed)
    return fixed


def decode_pdf_bytes(data: bytes) -> str:
    """A PDF text string's bytes as text: UTF-16 with its byte-order mark, UTF-8 (with or
    without one), else PDFDocEncoding read as Latin-1; what cannot be decoded is U+FFFD."""
    if data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    if REPLACEMENT in text:
        _note_replaced("", text)
    return text


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n``, apply NFC and strip control characters.

    Tabs and newlines are kept; everything else below U+0020 is dropped, so text from a
    document cannot move the cursor or change colours in a terminal. Lone surrogates become
    U+FFFD (:func:`encodable`).
    """
    if text.isprintable() and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        # Most text, Dutch accents too: nothing to change (no control, bidi mark or
        # surrogate is printable), found without building a copy.
        return text
    text = encodable(text).replace("\r\n", "\n").replace("\r", "\n")
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


#: The longest tag and note kept: longer ones are refused with a message, never cut silently.
MAX_TAG_LENGTH = 100
MAX_NOTE_LENGTH = 20_000
#: Invisible characters that only hide what text says (zero-width space, word joiner, ...);
#: the joiners some scripts need (U+200C, U+200D) stay.
_INVISIBLE = re.compile("[\u200b\u2060\u2061-\u2064\u180e\u034f]")
#: Lone surrogates: what Python makes of bytes that are not UTF-8 (a terminal's stray bytes).
_UNDECODABLE = re.compile("[\ud800-\udfff]")


def user_text(text: str, what: str, limit: int) -> str:
    """Text the user gave for ``what`` ("tag", "note"), safe to store and to show.

    Control characters, bidi controls and zero-width characters are removed (see
    :func:`clean_text`); text that is not valid UTF-8 or longer than ``limit`` characters is
    refused, so nothing the user typed is silently changed beyond that.

    Raises:
        KantlijnError: the text is not valid UTF-8, or too long.
    """
    if _UNDECODABLE.search(text):
        raise KantlijnError(f"the {what} is not valid UTF-8 text")
    cleaned = _INVISIBLE.sub("", clean_text(text))
    if len(cleaned) > limit:
        raise KantlijnError(
            f"the {what} is {len(cleaned):,} characters long; at most {limit:,} are kept"
        )
    return cleaned


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, an ellipsis marking the cut (for listings)."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
