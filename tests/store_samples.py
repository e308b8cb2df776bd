"""Synthetic extractions for the store tests: real files on disk, model-built extractions."""

from __future__ import annotations

from pathlib import Path

from tui.core.files import file_sha256
from tui.core.model import Annotation, DocumentInfo, Extraction, Line, Nota, PageText


def make_document(folder: Path, name: str = "nota.pdf", *, seed: str = "a") -> Path:
    """A file with unique content (the store only hashes it)."""
    path = folder / name
    path.write_bytes(f"%PDF-1.7 synthetic {seed}\n".encode() * 40)
    return path


def make_extraction(
    path: Path, annotations: int = 3, *, ids: list[str] | None = None, shift: float = 0.0
) -> Extraction:
    """An extraction of ``path``: one nota, ``annotations`` highlights on page 1..2.

    ``ids`` renames the annotations (as a newer extractor might); ``shift`` adds float noise
    to their rectangles.
    """
    names = ids or [f"p{1 + i % 2}-a{i + 1}" for i in range(annotations)]
    notes = [
        Annotation(
            id=name,
            kind="highlight",
            subtype="Highlight",
            page=1 + i % 2,
            rect=(72.0 + shift, 700.0 - 20 * i, 300.0 + shift, 712.0 - 20 * i),
            author="Reviewer",
            contents=f"comment {i}",
            quote=f"quoted text {i}",
        )
        for i, name in enumerate(names)
    ]
    # Each file's own words: documents made here are different documents, not copies.
    pages = [PageText(number=n, lines=[Line(text=f"line on page {n} of {path.stem}")])
             for n in (1, 2)]
    return Extraction(
        document=DocumentInfo(
            path=str(path), sha256=file_sha256(path), pages=2, title=f"Nota {path.stem}"
        ),
        pages=pages,
        notas=[Nota(index=1, title=f"Nota {path.stem}", first_page=1, last_page=2)],
        annotations=notes,
    )
