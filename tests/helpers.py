"""Helpers shared by several test files (the reader's have their own: reader_fixture.py)."""

from __future__ import annotations

from pathlib import Path

from tui.core.library.library import Library
from tui.core.model import Annotation
from tui.core.pdf.annotations import read_document_annotations
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.opening import open_pdf


def read_pdf_annotations(
    path: Path, password: str | None = None
) -> tuple[list[Annotation], list[str]]:
    """Open ``path`` and read all its annotations, with pypdf's log captured as warnings."""
    warnings: list[str] = []
    with pypdf_warnings(warnings):
        annotations = read_document_annotations(open_pdf(path, password), warnings)
    return annotations, warnings


def reopened(library: Library) -> Library:
    """``library``'s file opened anew, as kantlijn started again would (what was flushed)."""
    return Library.open(library.path)
