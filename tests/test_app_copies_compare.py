"""Comparing two copies of one release (the core behind the app's compare dialog).

A memo in two versions, built with tools/pdfgen: the first line reworded in the second, so the
highlight on it (tagged) has no place there. Words under a redaction that was never applied
("Jansen", "Pieterse") must not leave kantlijn through the comparison: not in the text's
changes, not in the comments, not in an orphan's old passage.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import Highlight, Note, Redaction, make_pdf

from tui.cli import main
from tui.core.anchoring.withheld import EVERYTHING
from tui.core.copies.compare import compare_comments, text_changes
from tui.core.document import load
from tui.core.library.library import Library

WITHHELD = ("Jansen", "Pieterse")
LINES = ["liep goed volgens de ambtenaar Pieterse.", "Zweden doet het anders.", "",
         "Denemarken ook niet."]


def _memo(path: Path, first: str, highlighted: str) -> Path:
    return make_pdf(path, pages=[[first, *LINES]], title="Memo", annotations=[
        Highlight(phrase=highlighted, contents="Wie is dit?", name="h1"),
        Redaction(phrase="Jansen", name="r1"),
        Redaction(phrase="Pieterse", name="r2"),
        Note(beside="Denemarken ook", text="Klopt dit?", name="n1"),
    ])


def _library(tmp_path: Path) -> tuple[Library, str, str]:
    old = _memo(tmp_path / "memo.pdf", "Het gesprek met minister Jansen van Buitenlandse Zaken",
                "gesprek met minister Jansen van Buitenlandse")
    new = _memo(tmp_path / "memo-v2.pdf",
                "Het overleg met minister Jansen van Buitenlandse Zaken",
                "overleg met minister Jansen van Buitenlandse")
    library = Library.open(tmp_path / "library.json")
    first, second = load(old), load(new)
    library.add_document(first, old)
    highlight = next(a for a in first.annotations if a.kind == "highlight")
    library.tag(first.document.sha256, highlight.id, "wie")
    library.add_document(second, new)
    if len(library.copies.copies(first.document.sha256)) == 1:  # too little text to tell
        library.copies.link(first.document.sha256, second.document.sha256)
    library.flush()
    return library, first.document.sha256, second.document.sha256


def test_the_comparison_pairs_comments_and_lists_the_orphan_with_words_withheld(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    library, old, new = _library(tmp_path)
    comparison, left, right = compare_comments(library.copies, old, new)
    assert (comparison.left.form, comparison.right.form) == ("live", "version 2")
    changes = text_changes(left, right)
    [change] = changes
    assert change.change == "changed"
    assert "gesprek" in change.left[0].text and "overleg" in change.right[0].text
    # The note and both redactions are in both; each highlight only on its own side.
    assert len(comparison.matched) == 3
    assert [a.kind for a in comparison.only_left] == ["highlight"]
    assert [a.kind for a in comparison.only_right] == ["highlight"]
    [orphan] = comparison.orphaned
    assert orphan.tags == ["wie"] and orphan.quote and "gesprek met minister" in orphan.quote
    shown = [p.text for c in changes for p in (*c.left, *c.right)]
    shown += [a.quote or "" for pair in comparison.matched for a in pair]
    shown += [a.quote or "" for a in (*comparison.only_left, *comparison.only_right)]
    shown += [a.anchor.text for a in (*comparison.only_left, *comparison.only_right) if a.anchor]
    shown.append(orphan.quote)
    for word in WITHHELD:
        assert not any(word in text for text in shown), word
    # kantlijn copies lists the orphan the same way.
    assert main(["copies", str(tmp_path / "memo-v2.pdf"), "--library",
                 str(tmp_path / "library.json")]) == 0
    out = capsys.readouterr().out
    assert "orphaned:" in out and "gesprek met minister" in out
    assert not any(word in out for word in WITHHELD)
    # Revealed (r in the reader, for every redaction here): the words show.
    comparison, left, right = compare_comments(library.copies, old, new, EVERYTHING)
    assert "Jansen" in text_changes(left, right)[0].left[0].text
    assert "Jansen" in (comparison.orphaned[0].quote or "")
