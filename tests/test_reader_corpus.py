"""The reader survives real annotated PDFs of every kind: it reads them and walks every comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import settle

from tui.app import make_app
from tui.core.library.library import Library
from tui.screens.reader import ReaderScreen

# One file per kind of trouble: replies, grouped edits, ink without appearance, rich text,
# two columns, long multi-paragraph contents, FreeText without /DA, redactions, popups on
# null, encrypted with an empty password, 12 subtypes on one page, a 14-page paper.
FILES = [
    "pdfpig/annotation-comments.pdf",
    "pdfannots/caret.pdf",
    "pdfjs/annotation-ink-without-appearance.pdf",
    "pdfjs/issue13447.pdf",
    "pdfannots/word2column.pdf",
    "qna/sample.pdf",
    "pdfium/freetext_annotation_without_da.pdf",
    "pdfium/redact_annot.pdf",
    "pdfjs/annotation-text-without-popup.pdf",
    "pdfjs/issue17215.pdf",
    "pdfjs/issue14438.pdf",
    "pdfjs/comments.pdf",
    "pdfium/annotation_highlight_long_content.pdf",
    "bad/poppler-395-0-fuzzed.pdf",
]


@pytest.mark.parametrize("name", FILES)
async def test_reader_walks_every_comment(
    library: Library, corpus: Path, tmp_path: Path, name: str
) -> None:
    app = make_app(library, str(corpus / name))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.complete
        view = screen.page_view
        assert view.page_layout is not None
        cards = len(view.page_layout.cards)
        for _ in range(cards + 1):
            await pilot.press("n")
        await pilot.press("G", "g", "N")
        await pilot.pause()
        rows = [view.render_line(y).text for y in range(view.size.height)]
        assert any(row.strip() for row in rows)
        if cards:
            assert view.focused_card is not None
