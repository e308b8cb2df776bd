"""A page holding more annotations than a document may read: the budget's worth are read,
the rest skipped with one warning, and redaction marks past the budget are still read (they
withhold words, so skipping them would show what a release withholds). Files built with
tests/raw_pdf.py and an update from tests/fuzz/structures.py."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.structures import Update, base_of
from tests.raw_pdf import one_page
from tui.core.pdf.annotations import read_page_records
from tui.core.pdf.budget import MAX_DOCUMENT_ANNOTATIONS, DocumentBudget
from tui.core.pdf.opening import open_pdf

TEXT = b"BT /F1 10 Tf 72 700 Td (Geheim woord en meer) Tj ET"


def _crafted(tmp_path: Path, notes: int, marks: int, inline_marks: int = 0) -> Path:
    base = base_of(one_page(tmp_path / "source.pdf", TEXT))
    assert base is not None
    update = Update(base)
    pages = update.reserve()
    refs = [update.put(b"<< /Type /Annot /Subtype /Text /Rect [100 %d 120 %d] "
                       b"/Contents (Noot %d) >>" % (i % 700, i % 700 + 20, i))
            for i in range(notes)]
    # The marks are written with the Subtype in several ways a reader must see through.
    shapes = (b"/Subtype /Redact", b"/Subtype/Redact", b"/Subtype /Red#61ct")
    refs += [update.put(b"<< /Type /Annot %s /Rect [72 695 130 712] /QuadPoints "
                        b"[72 712 130 712 72 695 130 695] /NM (mark%d) >>" % (
                            shapes[i % len(shapes)], i)) for i in range(marks)]
    refs += [b"<< /Subtype /Redact /Rect [72 695 130 712] /NM (inline%d) >>" % i
             for i in range(inline_marks)]
    font = update.font()
    page = update.page(pages, update.stream(TEXT), b"<< /Font << /F1 %s >> >>" % font,
                       b"[%s]" % b" ".join(refs))
    path = tmp_path / "crafted.pdf"
    path.write_bytes(update.finish(pages, [page], 1))
    return path


def test_annotations_past_the_budget_are_skipped_but_redaction_marks_are_read(
        tmp_path: Path) -> None:
    reader = open_pdf(_crafted(tmp_path, notes=40, marks=3, inline_marks=1))
    budget = DocumentBudget()
    budget.spend_annotations(MAX_DOCUMENT_ANNOTATIONS - 10)  # earlier pages used the rest
    warnings: list[str] = []
    records = read_page_records(reader, 0, warnings, budget)
    kinds = [r.annotation.kind for r in records]
    assert kinds.count("note") == 10
    assert sorted(r.name or "" for r in records if r.annotation.kind == "redaction") == [
        "inline0", "mark0", "mark1", "mark2"]
    assert budget.take_warnings() == [
        f"over {MAX_DOCUMENT_ANNOTATIONS:,} annotations; the rest are skipped (redaction "
        "marks are still read)"]
    assert warnings == []


def test_skipped_annotations_are_not_parsed(tmp_path: Path) -> None:
    reader = open_pdf(_crafted(tmp_path, notes=50, marks=0))
    budget = DocumentBudget()
    budget.spend_annotations(MAX_DOCUMENT_ANNOTATIONS - 5)
    before = len(reader.resolved_objects)
    records = read_page_records(reader, 0, [], budget)
    assert len(records) == 5
    # The page, its content, font and resources, and the five notes read: not the other 45.
    assert len(reader.resolved_objects) - before < 15


def test_within_the_budget_every_annotation_is_read(tmp_path: Path) -> None:
    reader = open_pdf(_crafted(tmp_path, notes=30, marks=2))
    budget = DocumentBudget()
    records = read_page_records(reader, 0, [], budget)
    assert len(records) == 32
    assert budget.take_warnings() == []
