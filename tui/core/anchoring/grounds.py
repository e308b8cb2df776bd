"""Woo redaction grounds: from a reviewer's wording or an article code to a short code.

The codes follow the Wet open overheid (Woo), articles 5.1 and 5.2, as published
(checked against the text of artikel 5.1 on pgwoo.nl / nkoo.nl):

* 5.1, eerste lid (absolute grounds), onderdeel a-e -> ``"5.1.1a"`` .. ``"5.1.1e"``;
* 5.1, tweede lid (relative grounds), onderdeel a-i -> ``"5.1.2a"`` .. ``"5.1.2i"``;
* 5.1, vijfde lid (onevenredige benadeling) -> ``"5.1.5"``;
* 5.2 (persoonlijke beleidsopvattingen) -> ``"5.2"``; 5.4 -> ``"5.4"``.

Releases decided under the old Wet openbaarheid van bestuur (Wob) cite its articles 10 and 11:

* 10, eerste lid, onderdeel a-d -> ``"10.1a"`` .. ``"10.1d"``;
* 10, tweede lid, onderdeel a-g -> ``"10.2a"`` .. ``"10.2g"``;
* 11, eerste lid (persoonlijke beleidsopvattingen) -> ``"11.1"``.
"""

from __future__ import annotations

import re

from tui.core.text import clean_line

#: Code -> short Dutch description, for display.
GROUND_LABELS: dict[str, str] = {
    "5.1.1a": "eenheid van de Kroon",
    "5.1.1b": "veiligheid van de Staat",
    "5.1.1c": "vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "nationale identificatienummers",
    "5.1.2a": "betrekkingen met andere staten en internationale organisaties",
    "5.1.2b": "economische of financiële belangen van de Staat",
    "5.1.2c": "opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht",
    "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "bescherming van het milieu",
    "5.1.2h": "beveiliging van personen en bedrijven",
    "5.1.2i": "goed functioneren van de Staat",
    "5.1.5": "onevenredige benadeling",
    "5.2": "persoonlijke beleidsopvattingen",
    "5.4": "artikel 5.4 Woo",
    "10.1a": "eenheid van de Kroon (Wob)",
    "10.1b": "veiligheid van de Staat (Wob)",
    "10.1c": "vertrouwelijk meegedeelde bedrijfs- en fabricagegegevens (Wob)",
    "10.1d": "bijzondere persoonsgegevens (Wob)",
    "10.2a": "betrekkingen met andere staten en internationale organisaties (Wob)",
    "10.2b": "economische of financiële belangen van de Staat (Wob)",
    "10.2c": "opsporing en vervolging van strafbare feiten (Wob)",
    "10.2d": "inspectie, controle en toezicht (Wob)",
    "10.2e": "eerbiediging van de persoonlijke levenssfeer (Wob)",
    "10.2f": "als eerste kennisnemen door de geadresseerde (Wob)",
    "10.2g": "onevenredige bevoordeling of benadeling (Wob)",
    "11.1": "persoonlijke beleidsopvattingen (Wob)",
}

# Wording -> code. Checked in order; the first pattern that matches wins, so the more
# specific wordings (e.g. "vertrouwelijk ... bedrijfsgegevens") come before general ones.
_WORDINGS: tuple[tuple[str, str], ...] = (
    (r"eenheid van de kroon", "5.1.1a"),
    (r"veiligheid van de staat|staatsveiligheid", "5.1.1b"),
    (r"vertrouwelijk\w*\s+(?:aan de overheid\s+)?meegedeel\w+", "5.1.1c"),
    (r"bijzondere persoonsgegevens|strafrechtelijke persoonsgegevens", "5.1.1d"),
    (r"identificatienummer|\bbsn\b|burgerservicenummer", "5.1.1e"),
    (r"diplomatiek\w*|internationale (?:betrekkingen|organisaties)"
     r"|betrekkingen (?:van nederland )?met andere (?:landen|staten)", "5.1.2a"),
    (r"economische\w* (?:of|en) financi\w+|financi[eë]le belangen|economische belangen",
     "5.1.2b"),
    (r"opsporing|vervolging van strafbare", "5.1.2c"),
    (r"inspectie|controle en toezicht|toezicht door", "5.1.2d"),
    (r"persoonlijke levenssfeer|privacy|persoonsgegevens", "5.1.2e"),
    (r"concurrentiegevoelig|bedrijfs- en fabricagegegevens|bedrijfsgegevens", "5.1.2f"),
    (r"\bmilieu", "5.1.2g"),
    (r"beveiliging van personen|sabotage", "5.1.2h"),
    (r"goed functioneren|functioneren van de staat", "5.1.2i"),
    (r"onevenredige? (?:benadeling|bevoordeling)", "5.1.5"),
    (r"persoonlijke beleidsopvatting|beleidsopvatting", "5.2"),
)

# OCR turns the lid letter into look-alikes: "5.1.2¢" is "5.1.2e" (¢ ~ c/e is ambiguous;
# in scanned Woo releases it stands for e, the most frequent ground). The article's 1 comes
# out as l or I ("5.l.2e").
_OCR_LETTERS = {"¢": "e", "€": "e", "é": "e", "ë": "e", "à": "a", "ä": "a"}
_OCR_ONE = {"l": "1", "I": "1", "|": "1"}

_CODE = re.compile(
    r"\b5\s*\.\s*([12lI|])\s*\.\s*([125lI|])\s*\.?\s*([a-i¢€éëàä])?(?![a-z])",
    re.IGNORECASE,
)
#: A ground code printed on its own (in or beside a burned-in redaction): the code and at
#: most some brackets or a trailing punctuation mark around it.
_PRINTED_CODE = re.compile(
    r"^[(\[]?\s*(5\s*\.\s*[124lI|]\s*(?:\.\s*[125lI|]\s*\.?\s*[a-i¢€éëàä]?)?"
    r"|1[01lI]\s*\.\s*[12lI|]\s*\.?\s*[a-g¢€éëàä]?)\s*[)\]]?[.,;:]?$",
    re.IGNORECASE,
)
_CODE_52 = re.compile(r"\b5\s*\.\s*([24])\b(?!\s*\.\s*\d)")
# Wob: "10.2e", "10.2.e", "10.2 e", "art. 10, tweede lid, onder e", "artikel 10 lid 2 sub e";
# "11.1" only where "Wob" or "artikel" says it is not a section number.
_WOB_CODE = re.compile(
    r"\b10\s*\.\s*([12lI|])\s*\.?\s*([a-g¢€éëàä])(?![a-z])", re.IGNORECASE
)
_WOB_LID = re.compile(
    r"\b10\s*,?\s*(?:(eerste|tweede|[12]e?)\s+lid|lid\s*([12]))\s*,?\s*(?:aanhef\s+en\s+)?"
    r"(?:onder|onderdeel|sub)?\s*([a-g])\b",
    re.IGNORECASE,
)
_WOB_11 = re.compile(
    r"\b(?:art(?:ikel|\.)?\s*11(?:\s*,?\s*(?:eerste\s+lid|lid\s*1))?|11\s*\.\s*1)\b"
    r"(?=[^.\d]{0,12}\bwob\b)|\bwob\s*(?:art(?:ikel|\.)?\s*)?11\s*\.?\s*1?\b",
    re.IGNORECASE,
)
_ORDINALS = {"eerste": "1", "tweede": "2", "vijfde": "5"}
_LID_FORM = re.compile(
    r"\b5\.1\s*,?\s*(eerste|tweede|vijfde|[125]e?)\s+lid(?:\s*,?\s*(?:aanhef\s+en\s+)?"
    r"(?:onder|onderdeel|sub)\s+([a-i]))?",
    re.IGNORECASE,
)
_LID_NUMBER = re.compile(
    r"\b5\.1\s*,?\s*lid\s*([125])(?:\s*,?\s*(?:aanhef\s+en\s+)?(?:onder|onderdeel|sub)?\s*"
    r"([a-i])\b)?",
    re.IGNORECASE,
)


def _from_code(text: str) -> str | None:
    """A code written in the text: ``5.1.2e``, ``5.1.2 e``, ``art. 5.1, tweede lid, onder e``,
    and the Wob's ``10.2e`` / ``art. 10, tweede lid, onder e`` / ``11.1 Wob``."""
    return _woo_code(text) or _wob_code(text)


def written_code(text: str) -> str | None:
    """The ground of the first article code written in ``text`` (no wording), or None.

    ``"5.1.2.e"``, ``"5.1.2 e"``, ``"art. 5.1, tweede lid, onder e"`` give ``"5.1.2e"``;
    ``"10.2.e"`` gives the Wob's ``"10.2e"``; ``"5.1.2"`` (no letter) gives None.
    """
    return _from_code(" ".join(clean_line(text).split()))


def _wob_code(text: str) -> str | None:
    match = _WOB_LID.search(text)
    if match:
        lid = match.group(1) or match.group(2)
        lid = _ORDINALS.get(lid.lower(), lid[0])
        return _valid(f"10.{lid}{match.group(3).lower()}")
    match = _WOB_CODE.search(text)
    if match:
        letter = match.group(2).lower()
        letter = _OCR_LETTERS.get(letter, letter)
        return _valid(f"10.{_OCR_ONE.get(match.group(1), match.group(1))}{letter}")
    if _WOB_11.search(text):
        return "11.1"
    return None


def _woo_code(text: str) -> str | None:
    match = _LID_FORM.search(text)
    if match:
        lid = _ORDINALS.get(match.group(1).lower(), match.group(1)[0])
        letter = (match.group(2) or "").lower()
        return _valid(f"5.1.{lid}{letter}")
    match = _LID_NUMBER.search(text)
    if match:
        return _valid(f"5.1.{match.group(1)}{(match.group(2) or '').lower()}")
    match = _CODE.search(text)
    if match:
        article = _OCR_ONE.get(match.group(1), match.group(1))
        if article == "2":
            return "5.2"
        letter = (match.group(3) or "").lower()
        letter = _OCR_LETTERS.get(letter, letter)
        return _valid(f"5.1.{_OCR_ONE.get(match.group(2), match.group(2))}{letter}")
    match = _CODE_52.search(text)
    if match:
        return f"5.{match.group(1)}"
    return None


def _valid(code: str) -> str | None:
    """The code when it names a real ground (``5.1.2`` without a letter is too vague)."""
    if code in GROUND_LABELS:
        return code
    return None


def printed_code(text: str) -> str | None:
    """The ground when ``text`` is nothing but a printed ground code, else None.

    ``"5.1.2e"``, ``"5.1.2¢"`` and ``"5.l.2e"`` (OCR) give ``"5.1.2e"``; ``"(5.2)"`` gives
    ``"5.2"``; text around a code (``"artikel 5.1.2e Woo"``) or a code that names no ground
    (``"5.1.2"``) gives None. This is how a burned-in redaction carries its ground.
    """
    match = _PRINTED_CODE.match(text.strip())
    if not match:
        return None
    code = match.group(1).replace(" ", "")
    if re.fullmatch(r"1[1lI]\.[1lI|]", code):  # the Wob's 11.1, printed alone
        return "11.1"
    return _from_code(code)


#: Compiled once: notes are read by the ten thousand from a long comment summary.
_WORDING_PATTERNS = tuple((re.compile(pattern), code) for pattern, code in _WORDINGS)
_INSTRUCTION = re.compile(
    r"^(?:lakken|weglakken|zwarten)\s+(?:op grond van|i\.?v\.?m\.?|wegens)\s+", re.IGNORECASE)
_MENTION = re.compile(r"\blak(?:ken)?\b|op grond van|\bwoo\b|weiger")


def normalise_ground(text: str | None) -> str | None:
    """The Woo ground a piece of text names, as a code such as ``"5.1.2a"``.

    Codes written in the text win over wording. Text that names no known ground is
    returned cleaned (without a leading "Lakken op grond van"), so nothing is lost;
    empty text gives None.
    """
    if not text:
        return None
    cleaned = " ".join(clean_line(text).split())
    if not cleaned:
        return None
    code = _from_code(cleaned)
    if code:
        return code
    lowered = cleaned.lower()
    for pattern, code in _WORDING_PATTERNS:
        if pattern.search(lowered):
            return code
    stripped = _INSTRUCTION.sub("", cleaned)
    return stripped or None


def mentions_ground(text: str | None) -> bool:
    """True when the text looks like a redaction instruction or names a Woo ground."""
    if not text:
        return False
    lowered = text.lower()
    if _MENTION.search(lowered):
        return True
    code = normalise_ground(text)
    return code in GROUND_LABELS


def ground_label(code: str | None) -> str:
    """A short Dutch description of a ground code, for display.

    ``"5.1.2e"`` -> ``"eerbiediging van de persoonlijke levenssfeer"``; wording that is
    not a code comes back unchanged; None gives an empty string.
    """
    if not code:
        return ""
    return GROUND_LABELS.get(code, code)
