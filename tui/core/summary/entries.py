"""One entry of Acrobat's comment summary: its header line, kind and date.

Acrobat writes each comment as ``Nummer: 3 Auteur: X Onderwerp: Markering Datum: 7-2-2025
12:45:17`` (English: ``Number / Author / Subject / Date``) followed by the comment's text.
Conversions to text or Markdown separate the fields with tabs, runs of no-break spaces or
spaces, prefix them with list bullets or symbols (☰, 📄) and sometimes drop a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.model import Kind

_HEADER = re.compile(
    r"^(?:Nummer|Number|Nr\.?)\s*:?\s*(?P<number>\d+)"
    # OCR reads the comment's icon printed beside the header as a lone mark ("1 _ Auteur")
    r"(?:\s*[^\sA-Za-z0-9À-ÿ]{1,3})?"
    r"\s+(?:Auteur|Author)\s*:?(?P<author>.*?)"
    r"\s(?:Onderwerp|Subject)\s*:?(?P<subject>.*?)"
    r"\s(?:Datum|Date)\s*:?(?P<date>.*)$",
    re.IGNORECASE,
)
_LEADING_JUNK = re.compile(r"^[^0-9A-Za-zÀ-ÿ]+")

#: Subject (lower case, as Acrobat writes it in Dutch or English) -> kind.
SUBJECT_KINDS: dict[str, Kind] = {
    "freetext": "freetext",
    "free text": "freetext",
    "tekst plaatsen": "freetext",
    "typewritten text": "freetext",
    "tekstvak": "freetext",
    "text box": "freetext",
    "textbox": "freetext",
    "callout": "freetext",
    "highlight": "highlight",
    "markeren": "highlight",
    "tekst markeren": "highlight",
    "markering": "redaction",
    "redact": "redaction",
    "redaction": "redaction",
    "redigeren": "redaction",
    "notitie": "note",
    "sticky note": "note",
    "note": "note",
    "opmerking": "note",
    "comment": "note",
    "underline": "underline",
    "onderstrepen": "underline",
    "tekst onderstrepen": "underline",
    "strikethrough": "strikeout",
    "strikeout": "strikeout",
    "cross-out": "strikeout",
    "doorhalen": "strikeout",
    "tekst doorhalen": "strikeout",
    "squiggly": "squiggly",
    "kronkellijn": "squiggly",
    "caret": "caret",
    "invoegteken": "caret",
    "tekst invoegen": "caret",
    "inserted text": "caret",
    "replace text": "caret",
    "stempel": "stamp",
    "stamp": "stamp",
    "pencil": "ink",
    "potlood": "ink",
    "ink": "ink",
    "rectangle": "shape",
    "rechthoek": "shape",
    "oval": "shape",
    "ovaal": "shape",
    "line": "shape",
    "lijn": "shape",
    "polygon": "shape",
    "file attachment": "attachment",
    "bijlage": "attachment",
}

_UNKNOWN_DATES = frozenset({"", "onbepaald", "unknown", "onbekend", "-"})
_DATE = re.compile(
    r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
    r"(?:[ ,T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?$"
)


@dataclass(slots=True)
class RawEntry:
    """A summary entry as read: header fields plus the lines of its text."""

    number: int
    author: str
    subject: str
    date: str
    content: list[str] = field(default_factory=list)
    table_style: bool = False
    """True when the conversion wrote the summary as a tab-separated table."""
    closed: bool = False
    """True once a separator ended the entry's text."""


def parse_header(line: str) -> RawEntry | None:
    """The entry a summary header line starts, or None when the line is not one."""
    text = _LEADING_JUNK.sub("", line.replace("\u00a0", " ").replace("\u202f", " "))
    match = _HEADER.match(text.strip())
    if not match:
        return None
    return RawEntry(
        number=int(match.group("number")),
        author=match.group("author").strip(),
        subject=match.group("subject").strip(),
        date=match.group("date").strip(),
        table_style="\t" in line,
    )


def kind_of(subject: str) -> Kind:
    """The kind a summary subject stands for; unknown subjects count as notes."""
    return SUBJECT_KINDS.get(" ".join(subject.lower().split()), "note")


def iso_date(text: str) -> str | None:
    """``"7-2-2025 12:48:35"`` -> ``"2025-02-07T12:48:35"``; ``"Onbepaald"`` -> None.

    Acrobat writes day-month-year in Dutch and (usually) month/day/year in English; a
    slash with a first number up to 12 and a second above 12 is read as month/day.
    """
    value = text.strip()
    if value.lower() in _UNKNOWN_DATES:
        return None
    match = _DATE.match(value)
    if not match:
        return None
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    if "/" in value and day <= 12 < month:
        day, month = month, day
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if match["H"] is None:
        return date
    hour = int(match["H"])
    ampm = (match["ampm"] or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return f"{date}T{hour:02d}:{match['M']}:{match['S'] or '00'}"


def clean_author(author: str) -> str | None:
    """The author as written; empty means unknown (None)."""
    value = " ".join(author.split())
    return value or None
