"""Reading the documents of a combined PDF one page range at a time.

Most of a combined release can be cut out of one extraction of the whole file
(:func:`tui.core.release.documents.page_ranges`). A release whose documents were published
with Acrobat's comment summary printed after their pages is different: each summary numbers
the pages of its own document, so only a document read on its own puts its comments on the
right pages. Each range is copied into a temporary PDF (the user's file is only read) and
read with the one way kantlijn reads a document.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path

from tui.core.errors import KantlijnError
from tui.core.model import DocumentInfo, Extraction

Load = Callable[[Path], Extraction]


def read_ranges(path: Path, ranges: list[tuple[int, int]], info: DocumentInfo,
                password: str | None = None, load: Load | None = None
                ) -> Generator[Extraction | KantlijnError, None, None]:
    """Each ``(first, last)`` page range of the PDF ``path`` read as a document of its own.

    Pages are numbered from 1 within the range; the document info is ``info`` (the combined
    file's path, hash and title) with the range's page count. A range that cannot be read
    gives its error instead.

    Raises:
        UnreadableError, EncryptedError: the combined file cannot be opened.
    """
    from pypdf import PdfWriter

    from tui.core.pdf.log import pypdf_warnings
    from tui.core.pdf.opening import open_pdf

    read = load or _load
    warnings: list[str] = []
    with pypdf_warnings(warnings), tempfile.TemporaryDirectory(prefix="kantlijn-") as folder:
        reader = open_pdf(path, password)
        for first, last in ranges:
            writer = PdfWriter()
            for index in range(first - 1, last):
                writer.add_page(reader.pages[index])
            part = Path(folder) / f"pages-{first}-{last}.pdf"
            with part.open("wb") as out:
                writer.write(out)
            try:
                extraction = read(part)
            except KantlijnError as error:
                yield KantlijnError(str(error).replace(str(part), f"pages {first}-{last}"))
                continue
            finally:
                part.unlink()
            extraction.document = replace(info, pages=extraction.document.pages)
            yield extraction


def _load(path: Path) -> Extraction:
    from tui.core.document import load

    return load(path)

