"""Helpers shared by several test files (the reader's have their own: reader_fixture.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tui.core.document import load
from tui.core.library.library import Library
from tui.core.model import Annotation, Extraction
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


def sample_builder() -> ModuleType:
    """sample_docs/build_sample.py, imported by path (it is not part of the package)."""
    path = Path(__file__).resolve().parent.parent / "sample_docs" / "build_sample.py"
    spec = importlib.util.spec_from_file_location("build_sample", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


def withheld_in_corpus(corpus: Path) -> tuple[Path, Extraction, Annotation, str]:
    """A corpus PDF with black boxes over words still in the file: the PDF, its extraction,
    one unapplied redaction with a quote, and the longest word under it (which must never
    be found or shown unrevealed)."""
    pdf = corpus / "pdfjs" / "issue13447.pdf"
    extraction = load(pdf)
    withheld = next(a for a in extraction.annotations
                    if a.kind == "redaction" and a.applied is False and a.quote)
    word = max((withheld.quote or "").split(), key=len)
    return pdf, extraction, withheld, word
