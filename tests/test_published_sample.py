"""The sample release as published agrees with the live-annotation sample, comment by comment.

Both are built by sample_docs/build_sample.py from the same release.json: one with live
annotations (22 pages), one flattened with each page followed by Acrobat's Dutch comment
summary (44 pages). Opening the published one must give the same nota's and the same 44
comments, beside the same passages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import sample_builder

from tests.conftest import REPO
from tui.core import document
from tui.core.model import Annotation, Extraction, PageText
from tui.core.paths import PUBLISHED_SAMPLE_NAME
from tui.core.summary.document import read_summary

PUBLISHED = REPO / "sample_docs" / PUBLISHED_SAMPLE_NAME


@pytest.fixture(scope="module")
def live(sample_pdf: Path) -> Extraction:
    return document.load(sample_pdf)


@pytest.fixture(scope="module")
def published() -> Extraction:
    return document.load(PUBLISHED)


def _file_page(live_page: int) -> int:
    """Where a page of the live sample is in the published one (each followed by a summary)."""
    return 2 * live_page - 1


def _comment(annotation: Annotation) -> tuple[Any, ...]:
    anchor = annotation.anchor
    assert anchor is not None, annotation.id
    # Acrobat prints the local time without its zone: compare date and time.
    created = annotation.created[:19] if annotation.created else None
    return (annotation.kind, annotation.contents, annotation.author, created, anchor.text,
            annotation.ground)


def _where(annotation: Annotation) -> tuple[Any, ...]:
    anchor = annotation.anchor
    assert anchor is not None
    spans = [(s.line, s.start, s.end) for s in annotation.spans]
    return (anchor.via, anchor.line, [(s.line, s.start, s.end) for s in anchor.spans], spans,
            annotation.quote, annotation.applied)


def test_the_same_44_comments_comment_by_comment(live: Extraction, published: Extraction) -> None:
    assert published.document.source == "summary-pdf"
    assert len(published.annotations) == len(live.annotations) == 44
    for ours, theirs in zip(live.annotations, published.annotations, strict=True):
        assert _comment(theirs) == _comment(ours), (ours.id, theirs.id)
        assert theirs.page == _file_page(ours.page)


def test_the_entries_of_the_real_release(published: Extraction, seed: Path) -> None:
    # The seed is the text of the real release's summaries: the same 44 entries in order.
    real = read_summary(seed).annotations
    assert [(a.kind, a.created) for a in published.annotations] == [
        (a.kind, a.created) for a in real
    ]


def test_beside_the_same_passages(live: Extraction, published: Extraction) -> None:
    # Same line, same characters marked, same quotes: the reader shows them alike.
    for ours, theirs in zip(live.annotations, published.annotations, strict=True):
        assert _where(theirs) == _where(ours), (ours.id, theirs.id)


def test_the_same_reading_text_and_notas(live: Extraction, published: Extraction) -> None:
    assert [p.number for p in published.pages] == [_file_page(p.number) for p in live.pages]
    for ours, theirs in zip(live.pages, published.pages, strict=True):
        assert [line.text for line in theirs.lines] == [line.text for line in ours.lines]
    assert len(published.notas) == len(live.notas) == 8
    for ours, theirs in zip(live.notas, published.notas, strict=True):
        assert (theirs.title, theirs.date, theirs.reference, theirs.decision, theirs.discussed) \
            == (ours.title, ours.date, ours.reference, ours.decision, ours.discussed)
        assert theirs.first_page == _file_page(ours.first_page)
    assert published.document.title == live.document.title


def _lines(page: PageText) -> list[str]:
    return [line.text for line in page.lines]


def test_numbers_and_printed_freetexts_leave_the_reading_text(published: Extraction) -> None:
    first = published.pages[0]
    # Printed in the margin as "Actieagenda integratie 9" and "... 10": neither the words
    # (they are the comment) nor the numbers are part of the memo.
    assert "Actieagenda integratie" not in " ".join(_lines(first)[20:])
    assert _lines(first)[18] == (
        "• Kunt u zich vinden in de aangepaste naamgeving van de Actieagenda?")
    assert _lines(first)[33].startswith("3. Een sociaal stabiel Nederland")
    # The only number standing alone is the memo's own (Bijlage(n): 0).
    assert [t for t in _lines(first) if t.strip().isdigit()] == ["0"]
    assert not [t for t in _lines(first) if "besproken" in t]  # the printed stamp
    # The ground printed in a burned-in box is the redaction's, the line reads as for a
    # live mark.
    page = next(p for p in published.pages if p.number == _file_page(5))
    assert "een claim van █████ per jaar." in _lines(page)
    grounded = next(a for a in published.annotations if a.id == "p9-n2")
    assert grounded.ground == "5.1.2b"


def test_summary_pages_are_set_apart(published: Extraction) -> None:
    assert [p.number for p in published.summary_pages] == list(range(2, 45, 2))
    assert _lines(published.summary_pages[-1])[0].startswith("Nummer: 1")
    assert published.document.pages == 44


def test_extract_pages_marks_the_summary_pages() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(PUBLISHED), "--pages"],
        capture_output=True, text=True, check=True, timeout=120,
    )
    data = json.loads(result.stdout)
    assert data["document"]["source"] == "summary-pdf"
    assert [p["number"] for p in data["pages"]][:3] == [1, 3, 5]
    assert [p["number"] for p in data["summary_pages"]][:3] == [2, 4, 6]
    assert len(data["annotations"]) == 44
    again = Extraction.from_dict(data)
    assert [p.number for p in again.summary_pages] == list(range(2, 45, 2))


def test_the_published_sample_is_built_from_release_json() -> None:
    build = sample_builder()
    built = build.build(build.load_release(), publish=True).to_bytes()
    assert built == PUBLISHED.read_bytes()
