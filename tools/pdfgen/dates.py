"""PDF date strings for generated documents, from Acrobat's Dutch summary dates."""

from __future__ import annotations

from datetime import datetime, timedelta


def pdf_date(value: str | datetime | None) -> str | None:
    """A PDF date string, Dutch local time with its UTC offset.

    Accepts a datetime or Acrobat's summary form ``"7-2-2025 12:48:35"``;
    ``"Onbepaald"``, empty or None give None (no date).
    """
    if value is None or (isinstance(value, str) and value.strip() in ("", "Onbepaald")):
        return None
    when = value if isinstance(value, datetime) else _parse_dutch(value)
    hours = 2 if _summer_time(when) else 1
    return when.strftime("D:%Y%m%d%H%M%S") + f"+{hours:02d}'00'"


def _parse_dutch(text: str) -> datetime:
    for form in ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), form)
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def _summer_time(when: datetime) -> bool:
    """Central European Summer Time: last Sunday of March to last Sunday of October."""

    def last_sunday(month: int) -> datetime:
        day = datetime(when.year, month + 1, 1) - timedelta(days=1)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    start = last_sunday(3).replace(hour=2)
    end = last_sunday(10).replace(hour=3)
    return start <= when < end
