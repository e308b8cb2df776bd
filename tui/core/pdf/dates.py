"""Reading the dates PDF writers put in annotations (``/M``, ``/CreationDate``).

The standard form is ``D:YYYYMMDDHHmmSSOHH'mm'``, but real files carry every variation:
no ``D:``, parts missing, ``Z`` with or without ``00'00'``, ``+01'00`` without the closing
quote, 2-digit years, garbage after the offset, ISO 8601 from XMP-minded writers and
``ctime``-style strings from old Apple software. :func:`parse_pdf_date` turns what it can
into ISO 8601 and gives None for the rest; it never raises.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

_DIGITS = re.compile(r"\d+")
# An offset after the digits: Z, or a sign with hours and optional minutes in any quoting.
_OFFSET = re.compile(r"\s*(?:(?P<z>Z)|(?P<sign>[+-])(?P<hh>\d\d)(?:[':]?(?P<mm>\d\d)'?)?(?![\d']))")
_ISO_START = re.compile(r"\d{4}-\d\d")
# Years a document can carry; outside them the digits are read with a 2-digit year.
_PLAUSIBLE_YEARS = (1900, 2199)
# Month, day, hour, minute, second when a date stops early.
_DEFAULT_PARTS = [1, 1, 0, 0, 0]
_CTIME_FORMATS = ("%a %b %d %H:%M:%S %Y", "%a, %d %b %Y %H:%M:%S %z", "%Y-%m-%d %H:%M:%S")


def parse_pdf_date(value: object) -> str | None:
    """Turn a PDF date into ISO 8601 (``2025-02-07T12:48:35+01:00``), or None.

    The offset is included when the date carries a readable one (``Z`` becomes
    ``+00:00``); otherwise the result is a naive local time. Anything unreadable gives
    None, whatever its type.
    """
    try:
        text = _as_text(value)
        if not text:
            return None
        if _ISO_START.match(text):
            parsed = _parse_other_forms(text)
        else:
            parsed = _parse_pdf_form(text) or _parse_other_forms(text)
        return parsed.isoformat() if parsed else None
    except Exception:  # untrusted input must never break a read
        return None


def _as_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    return value.strip().strip("\x00").strip()


def _parse_pdf_form(text: str) -> datetime | None:
    body = text[2:] if text[:2].upper() == "D:" else text
    digits = _DIGITS.match(body)
    if not digits:
        return None
    moment = _moment_from_digits(digits.group())
    if moment is None:
        return None
    zone = _zone(body[digits.end() :])
    return moment.replace(tzinfo=zone) if zone else moment


def _moment_from_digits(digits: str) -> datetime | None:
    # Four-digit years first (the standard); 2-digit years only when that does not fit.
    for year_width in (4, 2):
        moment = _moment(digits, year_width)
        if moment:
            return moment
    return None


def _moment(digits: str, year_width: int) -> datetime | None:
    if len(digits) < year_width or len(digits) > year_width + 10 or len(digits) % 2:
        return None
    year = int(digits[:year_width])
    if year_width == 2:
        year += 1900 if year >= 70 else 2000
    rest = digits[year_width:]
    parts = [int(rest[i : i + 2]) for i in range(0, len(rest), 2)]
    month, day, hour, minute, second = parts + _DEFAULT_PARTS[len(parts) :]
    if not _PLAUSIBLE_YEARS[0] <= year <= _PLAUSIBLE_YEARS[1]:
        return None  # e.g. "990207" is 1999-02-07 in 2-digit form, not the year 9902
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _zone(tail: str) -> timezone | None:
    match = _OFFSET.match(tail)
    if not match:
        return None
    if match.group("z"):
        return UTC
    hours = int(match.group("hh"))
    minutes = int(match.group("mm") or 0)
    if hours > 23 or minutes > 59:
        return None  # e.g. +00'240': the time is fine, the offset is not
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match.group("sign") == "-" else delta)


def _parse_other_forms(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for form in _CTIME_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def to_pdf_date(iso: str) -> str:
    """An ISO 8601 time as a PDF date string (``D:YYYYMMDDHHmmSS+HH'mm'``); what does not
    parse as ISO comes back as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    text = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{text}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
