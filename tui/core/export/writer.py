"""Writing an export to a file (or standard output): the one entry point for CLI and app.

A file is written beside its target and renamed into place when complete, so a failed export
never leaves half a file, and an existing file is only replaced when asked (``force``).
Through a symbolic link the file it points to is replaced and the link kept (a link to
nothing yet is only followed with ``force``); a FIFO or character device is written into, as
a shell's ``>`` would, never replaced; anything else that is not a regular file is refused.
Every problem is a :class:`~tui.core.errors.KantlijnError` with a sentence: a missing
folder, a path that cannot be written, a selection that holds nothing, documents that could
not be read (the rest is written, and the error names them).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from tui.core.errors import KantlijnError, os_error_message
from tui.core.export.markdown import write_markdown
from tui.core.export.notes_json import write_json
from tui.core.export.pdf_copy import check_source, write_pdf_copy
from tui.core.export.records import Export
from tui.core.export.table import write_csv
from tui.core.export.web_annotation import write_jsonld
from tui.core.files import (
    NotRegularFileError,
    WriteTarget,
    atomic_text_writing,
    atomic_writing,
    shown_name,
    write_target,
)
from tui.core.model import Progress
from tui.core.text import counted

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
            a PDF copy of more (or other) than one document; documents that could not be
            read (raised after the rest is written, naming them).
    """
    if not export.records:
        _check_complete(export, "nothing was written")
        raise KantlijnError("nothing to export: the selection holds no comment")
    export.progress = progress
    # Only Web Annotations quote the words around a passage: the lines' text, no boxes.
    export.with_pages = "text" if options.format == "jsonld" else False
    if options.format == "pdf":
        return _pdf(export, options)
    if options.target is None:
        assert stdout is not None
        for chunk in chunks(options, export):
            stdout.write(chunk)
        stdout.flush()
        _check_complete(export, "the rest was written")
        return Written(None, export.documents_read, export.items_read)
    target = _checked_target(options)

    def write(handle: IO[str]) -> None:
        handle.writelines(chunks(options, export))
        if export.items_read == 0:  # raised inside: the target stays as it was
            _check_complete(export, "nothing was written")
            raise KantlijnError("nothing to export: the selection holds no comment")

    _atomic_write(options.target, target, write)
    _check_complete(export, f"the rest was written to {shown_name(options.target)}")
    return Written(options.target, export.documents_read, export.items_read)


def _check_complete(export: Export, rest: str) -> None:
    """Say which selected documents could not be read, if any (never left out silently).

    Raises:
        KantlijnError: some could not be read: which, and ``rest`` (what was written).
    """
    if not export.missing:
        return
    labels = ", ".join(shown_name(r.label) for r in export.missing[:3])
    more = f" and {len(export.missing) - 3} more" if len(export.missing) > 3 else ""
    raise KantlijnError(
        f"could not include {counted(len(export.missing), 'document')} ({labels}{more}): "
        "the cached text is gone and the file is missing, changed or unreadable (kantlijn "
        f"import FILE reads it again); {rest}")


def chunks(options: Options, export: Export) -> Iterator[str]:
    """The text of a (non-PDF) export, a piece at a time."""
    if options.format == "md":
        return write_markdown(export)
    if options.format == "csv":
        return write_csv(export, excel=options.excel)
    if options.format == "json":
        return write_json(export)
    return write_jsonld(export)


def _checked_target(options: Options) -> WriteTarget:
    """Where ``-o`` really writes (see :func:`~tui.core.files.write_target`), checked."""
    given = options.target
    assert given is not None
    shown = shown_name(given)
    try:
        target = write_target(given)
    except IsADirectoryError:
        raise KantlijnError(f"{shown} is a directory: give a file name") from None
    except NotRegularFileError as error:
        raise KantlijnError(f"{shown}: {error.strerror}; choose another file") from None
    except OSError as error:
        raise KantlijnError(f"cannot write {os_error_message(given, error)}") from None
    if target.stream:  # written into, as a shell's > would: nothing to replace
        return target
    folder = target.path.parent
    if not folder.is_dir():
        raise KantlijnError(f"{shown_name(folder)}: no such folder")
    if target.link and not target.exists and not options.force:
        raise KantlijnError(f"{shown} is a link to {shown_name(target.path)}, which does not "
                            "exist; add --force to create it")
    if target.exists and not options.force:
        raise KantlijnError(f"{shown} exists; add --force to replace it")
    if not os.access(folder, os.W_OK):
        raise KantlijnError(f"{shown_name(folder)}: permission denied (cannot write there)")
    return target


def _atomic_write(given: Path, target: WriteTarget, write: Callable[[IO[str]], None]) -> None:
    try:
        with atomic_text_writing(given, into_stream=target.stream) as handle:
            write(handle)
    except OSError as error:
        raise KantlijnError(f"cannot write {os_error_message(given, error)}") from None


def _pdf(export: Export, options: Options) -> Written:
    if options.target is None:
        raise KantlijnError("a PDF copy needs a file: -o FILE.pdf")
    if len(export.records) != 1:
        raise KantlijnError(f"a PDF copy holds one document; the selection covers "
                            f"{len(export.records)} (add doc:NAME to the query)")
    given = options.target
    target = _checked_target(options)
    document = next(export.documents(), None)
    if document is None:
        _check_complete(export, "nothing was written")
        raise KantlijnError("nothing to export: the selection holds no comment")
    source = options.pdf or Path(document.record.path or "")
    if source.resolve() == target.path.resolve():
        raise KantlijnError("the copy would overwrite the original PDF: choose another file")
    check_source(document, source)
    try:
        with atomic_writing(given, into_stream=target.stream) as handle:
            if target.stream:  # a PDF is written with seeks: whole, then into the stream
                buffer = io.BytesIO()
                write_pdf_copy(document, source, buffer, options.author)
                handle.write(buffer.getvalue())
            else:
                write_pdf_copy(document, source, handle, options.author)
    except OSError as error:
        raise KantlijnError(f"cannot write {os_error_message(given, error)}") from None
    return Written(given, 1, len(document.items))
