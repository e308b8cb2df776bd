"""Redaction marks in the page text: blacked-out words, or a placeholder where words are gone."""

from __future__ import annotations

from pathlib import Path

from tests.pdf_fixtures import Highlight, Redaction, make_pdf
from tui.core import document
from tui.core.model import Extraction
from tui.core.pdf.redactions import PLACEHOLDER


def _marked(extraction: Extraction, annotation_id: str) -> list[str]:
    annotation = next(a for a in extraction.annotations if a.id == annotation_id)
    return [
        extraction.pages[s.page - 1].lines[s.line].text[s.start : s.end] for s in annotation.spans
    ]


def test_a_redacted_gap_gets_a_placeholder(sample: Extraction) -> None:
    lines = [line.text for line in sample.pages[13].lines]
    assert any(f"landen {PLACEHOLDER} specifiek" in text for text in lines)
    gap_marks = [
        a for a in sample.annotations
        if a.kind == "redaction" and a.page == 14 and a.spans
    ]
    assert gap_marks and all(_marked(sample, a.id) == [PLACEHOLDER] for a in gap_marks)
    # The words are gone from the file: the mark is applied and quotes nothing.
    assert all(a.applied is True and a.quote is None for a in gap_marks)


def test_words_still_under_a_redaction_are_its_quote_not_applied(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "r.pdf",
        pages=[["De landen Zweden en Noorwegen zijn genoemd.", "Hiervoor zijn al aanwijzingen."]],
        annotations=[Redaction(phrase="Zweden en Noorwegen"), Highlight(phrase="al aanwijzingen")],
    )
    extraction = document.load(pdf)
    redaction = next(a for a in extraction.annotations if a.kind == "redaction")
    # The file still holds the words: they are the quote, and the mark is not applied.
    assert redaction.quote == "Zweden en Noorwegen"
    assert redaction.applied is False
    assert _marked(extraction, redaction.id) == ["Zweden en Noorwegen"]
    data = extraction.to_dict()["annotations"]
    assert [(a["kind"], a["applied"]) for a in data] == [("redaction", False), ("highlight", None)]
    highlight = next(a for a in extraction.annotations if a.kind == "highlight")
    assert highlight.quote == "al aanwijzingen"


def test_a_placeholder_keeps_later_quotes_on_the_line_exact(sample: Extraction) -> None:
    for annotation in sample.annotations:
        if annotation.kind == "highlight":
            shown = " ".join(_marked(sample, annotation.id))
            assert PLACEHOLDER not in shown
            assert shown.replace(" ", "") == (annotation.quote or "").replace(" ", "")
