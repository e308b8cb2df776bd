"""The export dialog (``x``): format, what to export (a search), where, and a preview.

The selection is prefilled by the screen that asked (the current search, or the nota being
read); the preview shows the first lines the export will write. ctrl+s writes it in a worker
thread with a progress bar; the app then says where the file went (and offers that folder
the next time). Words under redaction marks that the user shows in the
reader (``r``) are shown in the export too, and it says so.
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
from textual.worker import get_current_worker

from tui.actions import bindings
from tui.core.anchoring.withheld import NOTHING, Reveal
from tui.core.errors import KantlijnError
from tui.core.export.records import Export, Selection, select
from tui.core.export.writer import (
    FORMATS,
    SUFFIXES,
    Format,
    Options,
    Written,
    chunks,
    write_export,
)
from tui.core.library.library import Library
from tui.core.search.query import QueryError
from tui.core.text import clean_line, counted
from tui.dialogs.base import Dialog

PREVIEW_LINES = 12
PREVIEW_WIDTH = 200
"""Characters of a preview line shown (cut at a word)."""
LABELS: dict[Format, str] = {
    "md": "Markdown (Obsidian, GitHub)", "csv": "CSV (spreadsheet)",
    "json": "JSON (kantlijn import-notes)", "jsonld": "W3C Web Annotations (JSON-LD)",
    "pdf": "Annotated copy of the PDF",
}


@dataclass
class Exported(Message):
    """The export was written (posted to the app, which tells the user)."""

    written: Written


class ExportDialog(Dialog):
    """Asks what to export and where, shows a preview, writes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("export")

    def __init__(self, library: Library, query: str, folder: Path, author: str,
                 reveal: Reveal = NOTHING) -> None:
        """Export from ``library``, starting with ``query``, into ``folder`` (the app offers
        the folder of its last export); ``reveal``: the withheld words the user shows."""
        super().__init__()
        self.library = library
        self.query_text = query
        self.folder = folder
        self.author = author
        self.reveal = reveal
        self.format: Format = "md"
        self._confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        """Format, selection, file, preview, status."""
        with Vertical(classes="dialog dialog-export"):
            yield Static(Text("Export your findings"), classes="dialog-title")
            yield Select([(label, fmt) for fmt, label in LABELS.items()], value="md",
                         allow_blank=False, id="export-format")
            yield Input(self.query_text, placeholder="a search; empty: the whole library",
                        id="export-query")
            yield Input(str(self._default_path()), placeholder="the file to write",
                        id="export-path")
            yield Static(id="export-preview")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(Text("ctrl+s exports · esc cancels"), id="export-status",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        """Preview at once; type in the selection."""
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

    def _selection(self) -> Export | None:
        try:
            return select(self.library, Selection(self.query_text), self.reveal)
        except QueryError as error:
            self._say(f"⚠ {error}", error=True)
        return None

    def _preview(self) -> None:
        export = self._selection()
        preview = self.query_one("#export-preview", Static)
        if export is None:
            return
        if not export.records:
            preview.update(Text("Nothing selected.", style="dim"))
            self._say("The selection holds no comment.", error=True)
            return
        shown = " · with the withheld words you showed" if self.reveal else ""
        self._say(f"{counted(len(export.records), 'document')}{shown} · ctrl+s exports · "
                  "esc cancels")
        if self.format == "pdf":
            preview.update(Text("A copy of the PDF with your highlights, comments, tags and "
                                "notes as PDF annotations.", style="dim"))
            return
        self._render_preview(export, self.format)

    @work(thread=True, exclusive=True, group="export-preview")
    def _render_preview(self, export: Export, fmt: Format) -> None:
        lines = _first_lines(export, Options(fmt, None, author=self.author))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, lines)

    def _show_preview(self, lines: list[str]) -> None:
        text = "\n".join(cut_at_word(clean_line(line), PREVIEW_WIDTH) for line in lines)
        self.query_one("#export-preview", Static).update(Text(text, style="dim"))

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
        export = self._selection()
        if export is None:
            return
        self.query_one("#export-progress").display = True
        self._write(export, Options(self.format, target, force=force, author=self.author))

    @work(thread=True, exclusive=True, group="export-write")
    def _write(self, export: Export, options: Options) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            written = write_export(export, options, progress)
        except KantlijnError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._done, written)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)

    def _failed(self, text: str) -> None:
        self.query_one("#export-progress").display = False
        self._say(clean_line(text), error=True)

    def _done(self, written: Written) -> None:
        self.app.post_message(Exported(written))
        self.dismiss(None)


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
