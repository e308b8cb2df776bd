"""A cell of grounds as an inventory list writes it: several codes, wording, reasons.

An inventory's *Beoordelingsgrond* column holds one or more grounds separated by ``;`` or
``,`` ("5.1.2e; 5.1.2i", "5.1.2.e, 5.2", "art. 5.1, tweede lid, onder e", "10.2.e",
"5.1.2 a en e") and sometimes a reason that is no ground at all ("Dubbel", "buiten
reikwijdte"). :func:`ground_list` turns the cell into codes (:mod:`grounds`) and reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.anchoring.grounds import GROUND_LABELS, normalise_ground, written_code
from tui.core.text import clean_line

# Every way a code is written, as one alternation: the lid forms first (they hold commas).
_ANY_CODE = re.compile(
    r"\b(?:art(?:ikel|\.)?\s*)?5\.1\s*,?\s*(?:(?:eerste|tweede|vijfde|[125]e?)\s+lid|lid\s*[125])"
    r"(?:\s*,?\s*(?:aanhef\s+en\s+)?(?:onder|onderdeel|sub)?\s*[a-i]\b)?"
    r"|\b(?:art(?:ikel|\.)?\s*)?10\s*,?\s*(?:(?:eerste|tweede|[12]e?)\s+lid|lid\s*[12])"
    r"\s*,?\s*(?:aanhef\s+en\s+)?(?:onder|onderdeel|sub)?\s*[a-g]\b"
    r"|\b(?:art(?:ikel|\.)?\s*)?11(?:\s*\.\s*1|\s*,?\s*(?:eerste\s+lid|lid\s*1))?\s*wob\b"
    r"|\bwob\s*(?:art(?:ikel|\.)?\s*)?11(?:\s*\.\s*1)?\b"
    r"|\b5\s*\.\s*[12lI|]\s*\.\s*[125lI|]\s*\.?\s*[a-i¢€éëàä]?(?![a-z])"
    r"|\b10\s*\.\s*[12lI|]\s*\.?\s*[a-g¢€éëàä](?![a-z])"
    r"|\b11\s*\.\s*1\b"
    r"|\b5\s*\.\s*[24]\b(?!\s*\.\s*\d)",
    re.IGNORECASE,
)
# More letters after a code: "5.1.2a, e" / "5.1.2 a en e" / "10.2e/g".
_MORE_LETTERS = re.compile(r"\s*(?:,|/|&|\ben\b)\s*([a-i])\b(?![.\d])", re.IGNORECASE)
_SEPARATORS = re.compile(r"[;,/\n]|\ben\b|\bjo\.?\b|\bjuncto\b", re.IGNORECASE)
# Words around codes that say nothing on their own.
_FILLER = re.compile(
    r"\b(?:art(?:ikel)?|woo|wob|lid|sub|onder(?:deel)?|aanhef|grond(?:slag)?|op|van|de|het)\b"
    r"|[.():\-–]", re.IGNORECASE,
)
_DOUBLE = re.compile(r"\bdubbel|\bduplica", re.IGNORECASE)
_STANDALONE_11 = re.compile(r"11\s*\.\s*1")


@dataclass(frozen=True, slots=True)
class GroundList:
    """What a cell of grounds says: Woo/Wob codes in order, and the reasons that are no
    ground (``"dubbel"`` for a duplicate, anything else as written)."""

    codes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def ground_list(cell: str | None) -> GroundList:
    """The codes and reasons of an inventory cell, each once, in the order written.

    ``"5.1.2e; 5.1.2i"`` -> codes ``("5.1.2e", "5.1.2i")``; ``"art. 5.1, tweede lid, onder
    e"`` -> ``("5.1.2e",)``; ``"10.2.e"`` -> ``("10.2e",)``; ``"Dubbel"`` -> reasons
    ``("dubbel",)``. A standalone ``11.1`` counts as the Wob's article (an inventory cell
    holds grounds, not section numbers).
    """
    text = " ".join(clean_line(cell or "").split())
    codes: list[str] = []
    rest: list[str] = []
    position = 0
    while (match := _ANY_CODE.search(text, position)) is not None:
        rest.append(text[position : match.start()])
        found = _code(match.group())
        position = match.end()
        if found:
            codes.append(found)
            position = _more_letters(text, position, found, codes)
        else:
            rest.append(match.group())
    rest.append(text[position:])
    reasons: list[str] = []
    for piece in _SEPARATORS.split(" ".join(rest)):
        _reason(piece, codes, reasons)
    return GroundList(tuple(dict.fromkeys(codes)), tuple(dict.fromkeys(reasons)))


def _code(written: str) -> str | None:
    if _STANDALONE_11.fullmatch(written.strip()):
        return "11.1"
    return written_code(written)


def _more_letters(text: str, position: int, code: str, codes: list[str]) -> int:
    """Codes sharing ``code``'s article and lid, written as letters after it."""
    if not code[-1].isalpha():
        return position
    while (more := _MORE_LETTERS.match(text, position)) is not None:
        candidate = code[:-1] + more.group(1).lower()
        if candidate not in GROUND_LABELS:
            break
        codes.append(candidate)
        position = more.end()
    return position


def _reason(piece: str, codes: list[str], reasons: list[str]) -> None:
    """A piece of the cell that held no code: a ground in words, or a reason."""
    words = " ".join(_FILLER.sub(" ", piece).split())
    if not any(c.isalpha() for c in words):
        return
    if _DOUBLE.search(words):
        reasons.append("dubbel")
        return
    found = normalise_ground(piece)
    if found in GROUND_LABELS:
        codes.append(found)
    else:
        reasons.append(" ".join(piece.split()).strip(" .;:"))
