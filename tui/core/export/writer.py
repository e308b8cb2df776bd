"""Writing an export to a file (or standard output): the one entry point for CLI and app.

A file is written beside its target and renamed into place when complete, so a failed export
never leaves half a file, and an existing file is only replaced when asked (``force``). Every
problem is a :class:`~tui.core.errors.KantlijnError` with a sentence: a missing folder, a
path that cannot be written, a selection that holds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from tui.core.errors import KantlijnError
from tui.core.export.markdown import write_markdown
from tui.core.export.notes_json import write_json
from tui.core.export.pdf_copy import check_source, write_pdf_copy
from tui.core.export.records import Export
from tui.core.export.table import write_csv
from tui.core.export.web_annotation import write_jsonld
from tui.core.files import atomic_text_writing, atomic_writing
from tui.core.model import Progress

Format = Literal["md", "csv", "json", "jsonld", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "csv", "json", "jsonld", "pdf")
SUFFIXES: dict[Format, str] = {
    "md": ".md", "csv": ".csv", "json": ".json", "jsonld": ".jsonld", "pdf": ".pdf",
}


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: where (None: standard output), how many documents and items."""

    path: Path | None
    documents: int
    items: int


@dataclass(frozen=True, slots=True)
class Options:
    """How to write: format, target (None: standard output) and the format's options."""

    format: Format
    target: Path | None
    force: bool = False
    excel: bool = False
    author: str = "me"
    pdf: Path | None = None
    """For a PDF copy: the document's PDF, when it is not where the library last saw it."""


def write_export(export: Export, options: Options, progress: Progress | None = None,
                 stdout: IO[str] | None = None) -> Written:
    """Write ``export`` as ``options`` say.

    Raises:
        KantlijnError: nothing selected, a target that cannot be written or exists already,
            a PDF copy of more (or other) than one document.
    """
    if not export.records:
        raise KantlijnError("nothing to export: the selection holds no comment")
    export.progress = progress
    export.with_pages = options.format == "jsonld"
    if options.format == "pdf":
        return _pdf(export, options)
    if options.target is None:
        assert stdout is not None
        for chunk in chunks(options, export):
            stdout.write(chunk)
        stdout.flush()
        return Written(None, export.documents_read, export.items_read)
    target = _checked_target(options)
    _atomic_write(target, lambda handle: handle.writelines(chunks(options, export)))
    if export.items_read == 0:
        target.unlink(missing_ok=True)
        raise KantlijnError("nothing to export: the selection holds no comment")
    return Written(target, export.documents_read, export.items_read)


def chunks(options: Options, export: Export) -> Iterator[str]:
    """The text of a (non-PDF) export, a piece at a time."""
    if options.format == "md":
        return write_markdown(export)
    if options.format == "csv":
        return write_csv(export, excel=options.excel)
    if options.format == "json":
        return write_json(export)
    return write_jsonld(export)


def _checked_target(options: Options) -> Path:
    target = options.target
    assert target is not None
    if target.is_dir():
        raise KantlijnError(f"{target} is a directory: give a file name")
    if not target.parent.is_dir():
        raise KantlijnError(f"{target.parent}: no such folder")
    if target.exists() and not options.force:
        raise KantlijnError(f"{target} exists; add --force to replace it")
    if not os.access(target.parent, os.W_OK):
        raise KantlijnError(f"{target.parent}: permission denied (cannot write there)")
    return target


def _atomic_write(target: Path, write: Callable[[IO[str]], None]) -> None:
    try:
        with atomic_text_writing(target) as handle:
            write(handle)
    except OSError as error:
        raise KantlijnError(f"cannot write {target}: {error.strerror or error}") from None


def _pdf(export: Export, options: Options) -> Written:
    if options.target is None:
        raise KantlijnError("a PDF copy needs a file: -o FILE.pdf")
    if len(export.records) != 1:
        raise KantlijnError(f"a PDF copy holds one document; the selection covers "
                            f"{len(export.records)} (add doc:NAME to the query)")
    target = _checked_target(options)
    document = next(export.documents(), None)
    if document is None:
        raise KantlijnError("nothing to export: the selection holds no comment")
    source = options.pdf or Path(document.record.path or "")
    if source.resolve() == target.resolve():
        raise KantlijnError("the copy would overwrite the original PDF: choose another file")
    check_source(document, source)
    try:
        with atomic_writing(target) as handle:
            write_pdf_copy(document, source, handle, options.author)
    except OSError as error:
        raise KantlijnError(f"cannot write {target}: {error.strerror or error}") from None
    return Written(target, 1, len(document.items))
