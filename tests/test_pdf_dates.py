"""PDF dates: every form found in the corpus parses or gives None, never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tui.core.pdf.dates import parse_pdf_date
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.opening import pdf_pages

DATE_KEYS = ("/M", "/CreationDate")


def corpus_dates(corpus: Path) -> set[str]:
    """Every /M and /CreationDate written on an annotation anywhere in the corpus."""
    dates: set[str] = set()
    with pypdf_warnings([]):  # broken files complain; keep it off the terminal
        for path in sorted(corpus.glob("*/*.pdf")):
            dates.update(_annotation_dates(path))
    return dates


def _annotation_dates(path: Path) -> set[str]:
    dates: set[str] = set()
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        for page in pdf_pages(reader):
            for entry in page.get("/Annots", None) or []:
                annot = entry.get_object()
                if isinstance(annot, DictionaryObject):
                    dates.update(str(annot[k]) for k in DATE_KEYS if k in annot)
    except Exception:
        pass  # unreadable files have no dates to offer
    return dates


def test_every_corpus_date_parses_or_is_none(corpus: Path) -> None:
    dates = corpus_dates(corpus)
    assert len(dates) > 100
    results = {value: parse_pdf_date(value) for value in dates}
    unparsed = sorted(v for v, iso in results.items() if iso is None)
    assert unparsed == ["D:01220011195504+00'208'"]  # month 00: not a date
    assert results["D:20220110151234+00'240'"] == "2022-01-10T15:12:34"  # offset unusable
    assert results["D:20240521163026Z00'00"] == "2024-05-21T16:30:26+00:00"
    assert results["D:20220406191847+02'00"] == "2022-04-06T19:18:47+02:00"
    assert results["D:20181120163654Z"] == "2018-11-20T16:36:54+00:00"
    assert results["D:20160822175440"] == "2016-08-22T17:54:40"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20250207124835+01'00'", "2025-02-07T12:48:35+01:00"),
        ("D:20190119212926-08'00'", "2019-01-19T21:29:26-08:00"),
        ("20250207124835+01'00'", "2025-02-07T12:48:35+01:00"),  # missing D:
        ("D:20250207124835+0100", "2025-02-07T12:48:35+01:00"),
        ("D:20250207124835+01", "2025-02-07T12:48:35+01:00"),
        ("D:20250207124835Z", "2025-02-07T12:48:35+00:00"),
        ("D:20250207124835Z00'00'", "2025-02-07T12:48:35+00:00"),  # Apple Preview
        ("D:2025", "2025-01-01T00:00:00"),  # missing parts default to the start
        ("D:202502", "2025-02-01T00:00:00"),
        ("D:250207124835", "2025-02-07T12:48:35"),  # 2-digit year
        ("D:990207", "1999-02-07T00:00:00"),
        ("D:20250207124835+01'00'garbage", "2025-02-07T12:48:35+01:00"),
        ("D:20250207124835 trailing", "2025-02-07T12:48:35"),
        ("2025-02-07T12:48:35+01:00", "2025-02-07T12:48:35+01:00"),  # ISO 8601
        ("Fri Feb  7 12:48:35 2025", "2025-02-07T12:48:35"),  # ctime, old Apple tools
        (b"D:20250207124835", "2025-02-07T12:48:35"),
    ],
)
def test_forms(value: object, expected: str) -> None:
    assert parse_pdf_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "D:", "D:123456", "D:20251301", "D:20250230", "D:2025020725", "garbage", None, 42,
     "D:\x00\x00", "D:" + "9" * 5000],
)
def test_unreadable_gives_none(value: object) -> None:
    assert parse_pdf_date(value) is None


def test_pdfannots_unit_facts(corpus: Path) -> None:
    facts = json.loads((corpus / "pdfannots_expected.json").read_text(encoding="utf-8"))
    for fact in facts["unit_facts"]["pdf_date_parsing"]:
        assert parse_pdf_date(fact["input"]) == fact["expected"], fact["input"]
