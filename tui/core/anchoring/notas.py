"""Splitting a document into its nota's, from the page text alone.

A Woo release often bundles several memos. Each starts on a page with a heading that is
just "nota" (usually after "Aan <addressee>"); its title is the line(s) after that heading
up to the first section (Aanleiding, Geadviseerd besluit, ...), and a side block carries
Datum, Onze referentie and the decision kind (TER BESLISSING ...). The side block may be
read before or after the main column (two-column PDFs), so fields are looked up anywhere
on the nota's first page. Works on PDF and summary pages alike (text lines only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui.core.model import Annotation, Nota, PageText

# "nota TER BESLISSING": a PDF whose columns were read as one line still starts a nota.
_NOTA_HEADING = re.compile(r"^(?:#+\s*)?nota(?:\s+TER\s+[A-Z]+)?$", re.IGNORECASE)
_DECISION = re.compile(
    r"\bTER (BESLISSING|VOORBEREIDING|INFORMATIE|ADVISERING|KENNISNAME|ONDERTEKENING)\b"
)
_SECTION = re.compile(
    r"^(?:Aanleiding|Geadviseerd besluit|Kernpunten|Toelichting|Beslispunten?|Samenvatting|"
    r"Inleiding|Achtergrond|TER [A-Z]+)\b",
    re.IGNORECASE,
)
_SIDE_LABEL = (
    r"(?:Datum|Onze referentie|Uw referentie|Kenmerk|Directie|Opgesteld door|"
    r"Tweede contactpersoon|Uiterlijk bij|Bijlage\(n\)|Bijlagen)"
)
_SIDE_ONLY = re.compile(rf"^{_SIDE_LABEL}\s*:?$", re.IGNORECASE)
# What a side block read into the same line as the title leaves at its end.
_SIDE_TAIL = re.compile(
    rf"\s+(?:\d{{1,2}}-\d{{1,2}}-\d{{4}}|{_SIDE_LABEL}|\d{{4}}-\S*)$", re.IGNORECASE
)
_NO_LOWER = re.compile(r"^[^a-zà-ÿ]{1,25}$")
_ADDRESSEE = re.compile(r"^Aan\s*:?\s*(.*)$")
_LABEL_VALUE = re.compile(r"^(Datum|Onze referentie)\s*:?\s*(.*)$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_WORD_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]+)\s+(\d{4})\b", re.IGNORECASE)
_DISCUSSED = re.compile(
    r"^[\w .&/-]{2,40}\bbesproken\s+(?:op\s+)?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", re.IGNORECASE
)
_MONTHS = {
    name: index
    for index, names in enumerate(
        (("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"),
         ("mei",), ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"),
         ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}
_REFERENCE = re.compile(r"(\d{4}(?:\s*[-:/]\s*(?:\[[^\]]*\]|[\w.-]+)?)*)\s*$")
_PROSE = re.compile(r"[A-Za-zÀ-ÿ]{4,}")
_TITLE_LINES = 4
_LOOKAHEAD = 3
_DATE_LOOKAHEAD = 6


def iso_nota_date(text: str) -> str | None:
    """``"09-10-2024"`` or ``"9 oktober 2024"`` -> ``"2024-10-09"``; None when no date."""
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _WORD_DATE.search(text)
        if not match or match.group(2).lower() not in _MONTHS:
            return None
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _texts(page: PageText) -> list[str]:
    return [line.text.strip() for line in page.lines if line.text.strip()]


def _heading_index(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if _NOTA_HEADING.match(line)), None)


def _title(lines: list[str], heading: int) -> str:
    parts: list[str] = []
    for line in lines[heading + 1 : heading + 1 + _TITLE_LINES]:
        if _SECTION.match(line) or (_DECISION.match(line) and not parts):
            break
        # Side-block labels and values (reference numbers, dates) are not the title.
        if _SIDE_ONLY.match(line) or _NO_LOWER.match(line):
            continue
        while (trimmed := _SIDE_TAIL.sub("", line)) != line:
            line = trimmed
        parts.append(line)
    return " ".join(" ".join(parts).split())


def _addressee(lines: list[str], heading: int) -> str | None:
    # Prefer the "Aan" just before the heading; fall back to any on the page.
    order = list(range(heading - 1, -1, -1)) + list(range(heading + 1, len(lines)))
    for index in order:
        match = _ADDRESSEE.match(lines[index])
        if not match:
            continue
        value = match.group(1).strip()
        if not value and index + 1 < len(lines):
            value = lines[index + 1]
        return value or None
    return None


def _labelled(lines: list[str], label: str, *, want_date: bool = False) -> str | None:
    """The value after a side-block label: on the same line or one of the next lines."""
    for index, line in enumerate(lines):
        match = _LABEL_VALUE.match(line)
        if not match or match.group(1).lower() != label:
            continue
        reach = _DATE_LOOKAHEAD if want_date else _LOOKAHEAD
        for value in [match.group(2), *lines[index + 1 : index + 1 + reach]]:
            value = value.strip()
            if not value or (want_date and iso_nota_date(value) is None):
                continue
            if want_date:
                return value
            if _LABEL_VALUE.match(value):
                break
            if reference := _reference(value):
                return reference
    return None


def _reference(value: str) -> str | None:
    """A reference as written; from a line mixed with body text, only its trailing number."""
    if len(value) <= 30 and not _PROSE.search(re.sub(r"\[[^\]]*\]", "", value)):
        return value
    match = _REFERENCE.search(value)
    return match.group(1).strip() if match else None


def _discussed(lines: list[str], page: int, annotations: Sequence[Annotation]) -> str | None:
    for annotation in annotations:
        if annotation.page == page and annotation.kind == "freetext":
            text = " ".join((annotation.contents or "").split())
            if "besproken" in text.lower():
                return text
    return next((line for line in lines if _DISCUSSED.match(line) and len(line) < 80), None)


def _nota(index: int, page: PageText, heading: int, last_page: int,
          annotations: Sequence[Annotation]) -> Nota:
    lines = _texts(page)
    date = _labelled(lines, "datum", want_date=True)
    decision = next((m.group(0) for line in lines if (m := _DECISION.search(line))), None)
    return Nota(
        index=index,
        title=_title(lines, heading) or f"Nota {index}",
        first_page=page.number,
        last_page=last_page,
        addressee=_addressee(lines, heading),
        date=(iso_nota_date(date) or date) if date else None,
        reference=_labelled(lines, "onze referentie"),
        decision=decision,
        discussed=_discussed(lines, page.number, annotations),
    )


def split_notas(
    pages: Sequence[PageText],
    *,
    annotations: Sequence[Annotation] = (),
    outline: Sequence[tuple[str, int]] = (),
    title: str | None = None,
) -> list[Nota]:
    """The nota's in a document, in page order.

    Args:
        pages: the document's pages (text lines are all that is used).
        annotations: optional; a FreeText with "besproken" on a nota's first page sets
            its ``discussed`` stamp (reviewers often place the stamp as a text box).
        outline: optional PDF outline entries ``(title, page)``, used when no page has a
            "nota" heading.
        title: the document title, for a document with neither structure.
    """
    if not pages:
        return []
    starts = [(p, h) for p in pages if (h := _heading_index(_texts(p))) is not None]
    if starts:
        notas: list[Nota] = []
        for number, (page, heading) in enumerate(starts, start=1):
            following = starts[number][0].number - 1 if number < len(starts) else pages[-1].number
            notas.append(_nota(number, page, heading, following, annotations))
        notas[0].first_page = min(notas[0].first_page, pages[0].number)
        return notas
    return _fallback_parts(pages, outline, title)


def _fallback_parts(
    pages: Sequence[PageText], outline: Sequence[tuple[str, int]], title: str | None
) -> list[Nota]:
    """Parts from the outline, or one part for the whole document."""
    first, last = pages[0].number, pages[-1].number
    by_page: dict[int, str] = {}
    for name, page in outline:
        # Two outline entries on one page: the first names the part.
        if first <= page <= last and name.strip():
            by_page.setdefault(page, name.strip())
    entries = sorted(by_page.items())
    if not entries:
        return [Nota(index=1, title=title or "Document", first_page=first, last_page=last)]
    if entries[0][0] > first:
        entries[0] = (first, entries[0][1])
    parts: list[Nota] = []
    for number, (page, name) in enumerate(entries, start=1):
        end = entries[number][0] - 1 if number < len(entries) else last
        parts.append(Nota(index=number, title=name, first_page=page, last_page=end))
    return parts


def assign_notas(annotations: Sequence[Annotation], notas: Sequence[Nota]) -> None:
    """Set each annotation's ``nota`` to the index of the nota its page belongs to."""
    for annotation in annotations:
        annotation.nota = next(
            (n.index for n in notas if n.first_page <= annotation.page <= n.last_page), None
        )
