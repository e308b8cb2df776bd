"""The export dialog (``x``): format, what to export (a search), where, and a preview.

The selection is prefilled by the screen that asked (the current search, or the nota being
read). Selecting and previewing run in an exclusive worker through the app's search service
(the index is only read there; the app's index worker keeps it current, and the dialog
waits for it when it is being updated). ctrl+s writes the export in a worker with a progress
bar; the dialog then dismisses with the line that says where the file went. Workers come
back only by messages. Words under redaction marks
that the user shows in the reader (``r``) are shown in the export too, and it says so; the
dialog offers the folder of the last export.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, ProgressBar, Select, Static

from tui.actions import bindings
from tui.core.anchoring.withheld import NOTHING, Reveal
from tui.core.errors import KantlijnError
from tui.core.export.records import Export, Exportable
from tui.core.export.writer import (
    FORMATS,
    SUFFIXES,
    Format,
    Options,
    Written,
    chunks,
    write_export,
)
from tui.core.search.query import Query, QueryError, parse
from tui.core.text import clean_line, counted
from tui.dialogs.base import Dialog
from tui.messages import IndexProgress, IndexReady
from tui.services.search import SearchService
from tui.widgets.line_input import LineInput

PREVIEW_LINES = 12
PREVIEW_WIDTH = 200
"""Characters of a preview line shown (cut at a word)."""
LABELS: dict[Format, str] = {
    "md": "Markdown (Obsidian, GitHub)", "csv": "CSV (spreadsheet)",
    "json": "JSON (kantlijn import-notes)", "jsonld": "W3C Web Annotations (JSON-LD)",
    "pdf": "Annotated copy of the PDF",
}


class ExportDialog(Dialog):
    """Asks what to export and where, shows a preview, writes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("export")

    @dataclass
    class Previewed(Message):
        """What ``query`` selects: ``documents`` with something in them, the first lines."""

        query: str
        format: Format
        documents: int
        lines: list[str]

    @dataclass
    class WriteProgress(Message):
        """``done`` of ``total`` documents written."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            """Only the newest progress matters."""
            return isinstance(message, ExportDialog.WriteProgress)

    @dataclass
    class Failed(Message):
        """Selecting or writing failed; ``reason`` is one line."""

        reason: str

    @dataclass
    class Done(Message):
        """The export was written."""

        written: Written

    def __init__(self, search: SearchService, query: str, folder: Path, author: str,
                 reveal: Reveal = NOTHING) -> None:
        """Export what ``query`` finds through ``search``, into ``folder`` (the app offers the
        folder of its last export); ``reveal``: the withheld words the user shows."""
        super().__init__()
        self.search = search
        self.query_text = query
        self.folder = folder
        self.author = author
        self.reveal = reveal
        self.format: Format = "md"
        self._confirm_replace: Path | None = None
        self._source: Exportable | None = None
        self._waiting: Options | None = None
        self.written: Written | None = None
        """What the export wrote, once it is written (the app offers its folder again)."""
        """An export asked for while the index was being updated: written once it is."""

    def compose(self) -> ComposeResult:
        """Format, selection, file, preview, status."""
        with Vertical(classes="dialog dialog-export"):
            yield Static(Text("Export your findings"), classes="dialog-title")
            yield Select([(label, fmt) for fmt, label in LABELS.items()], value="md",
                         allow_blank=False, id="export-format")
            yield LineInput(self.query_text, placeholder="a search; empty: the whole library",
                            id="export-query")
            yield LineInput(str(self._default_path()), placeholder="the file to write",
                            id="export-path")
            yield Static(id="export-preview")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(Text("ctrl+s exports · esc cancels"), id="export-status",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        """Preview at once; type in the selection."""
        self._source = self.search.exportable()
        self.query_one("#export-progress").display = False
        self.query_one("#export-query", Input).focus()
        self._preview()

    def _default_path(self) -> Path:
        return self.folder / f"kantlijn-export{SUFFIXES[self.format]}"

    @on(Select.Changed, "#export-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        if event.value not in FORMATS:
            return
        old_default = str(self._default_path())
        self.format = event.value
        path = self.query_one("#export-path", Input)
        if path.value == old_default or not path.value.strip():
            path.value = str(self._default_path())
        else:  # keep the user's name, with the suffix of the format
            path.value = str(Path(path.value).with_suffix(SUFFIXES[self.format]))
        self._preview()

    @on(Input.Changed, "#export-query")
    def _query_typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._preview()

    def _say(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(text))
        status.set_class(error, "dialog-error")

    def _parsed(self) -> Query | None:
        """The selection typed, parsed; None (saying why) when it does not parse."""
        try:
            return parse(self.query_text)
        except QueryError as error:
            self._say(f"⚠ {error}", error=True)
        return None

    # --- selecting and previewing ---------------------------------------------------------

    def _preview(self) -> None:
        """Select and preview in the worker, once the index is up to date."""
        query = self._parsed()
        if query is None:
            return
        if self.search.updating:
            self._say("Waiting for the search index…")
            return  # IndexReady comes next
        self._select_and_preview(self.query_text, query, self.format)

    @work(thread=True, exclusive=True, group="export-preview", description="export preview")
    def _select_and_preview(self, text: str, query: Query, fmt: Format) -> None:
        try:
            export = self._select(text, query)
            lines = [] if fmt == "pdf" else _first_lines(export, Options(fmt, None,
                                                                         author=self.author))
        except KantlijnError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Previewed(text, fmt, len(export.records), lines))

    def _select(self, text: str, query: Query) -> Export:
        assert self._source is not None  # copied on mount, before any worker starts
        return self.search.select(self._source, text, query, self.reveal)

    @on(Previewed)
    def _previewed(self, message: Previewed) -> None:
        if (message.query, message.format) != (self.query_text, self.format):
            return  # typed on meanwhile: a newer preview is coming
        preview = self.query_one("#export-preview", Static)
        if not message.documents:
            preview.update(Text("Nothing selected.", style="dim"))
            self._say("The selection holds no comment.", error=True)
            return
        shown = " · with the withheld words you showed" if self.reveal else ""
        self._say(f"{counted(message.documents, 'document')}{shown} · ctrl+s exports · "
                  "esc cancels")
        if message.format == "pdf":
            preview.update(Text("A copy of the PDF with your highlights, comments, tags and "
                                "notes as PDF annotations.", style="dim"))
            return
        text = "\n".join(cut_at_word(clean_line(line), PREVIEW_WIDTH) for line in message.lines)
        preview.update(Text(text, style="dim"))

    @on(IndexProgress)
    def _indexing(self, message: IndexProgress) -> None:
        self._say(f"Waiting for the search index: {message.done}/{message.total} documents…")

    @on(IndexReady)
    def _indexed(self) -> None:
        if self.search.updating:
            return  # another round: wait for that one
        self._preview()
        if self._waiting is not None:
            options, self._waiting = self._waiting, None
            self._start_writing(options)

    # --- writing ------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the export (asking once before replacing a file)."""
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("Give a file to write.", error=True)
            return
        target = Path(raw).expanduser()
        force = target.exists() and self._confirm_replace == target
        if target.exists() and not force:
            self._confirm_replace = target
            self._say(f"{target.name} exists: ctrl+s again replaces it.", error=True)
            return
        options = Options(self.format, target, force=force, author=self.author)
        if self.search.updating:
            self._waiting = options
            self._say("Waiting for the search index, then exporting…")
            return
        self._start_writing(options)

    def _start_writing(self, options: Options) -> None:
        query = self._parsed()
        if query is None:
            return
        self.query_one("#export-progress").display = True
        self._write(self.query_text, query, options)

    @work(thread=True, exclusive=True, group="export-write", description="export")
    def _write(self, text: str, query: Query, options: Options) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(self.WriteProgress(done, total))

        try:
            written = write_export(self._select(text, query), options, progress)
        except KantlijnError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Done(written))

    @on(WriteProgress)
    def _progress(self, message: WriteProgress) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=message.total,
                                                               progress=message.done)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#export-progress").display = False
        self._say(clean_line(message.reason), error=True)

    @on(Done)
    def _done(self, message: Done) -> None:
        written = self.written = message.written
        where = str(written.path) if written.path else "standard output"
        self.dismiss(f"Exported {counted(written.items, 'annotation')} from "
                     f"{counted(written.documents, 'document')} to {where}")


def cut_at_word(line: str, width: int) -> str:
    """``line`` cut to at most ``width`` characters at a word boundary, ``…`` marking the
    cut (a single word longer than ``width`` is cut inside)."""
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if not line[width - 1].isspace() and " " in cut.strip():  # it ends inside a word
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def _first_lines(export: Export, options: Options) -> list[str]:
    """The first lines the export writes (it stops reading once it has them)."""
    lines: list[str] = []
    for chunk in chunks(options, export):
        lines.extend(chunk.splitlines())
        if len(lines) >= PREVIEW_LINES:
            break
    return list(islice(lines, PREVIEW_LINES))
