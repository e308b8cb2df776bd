"""The search screen (``s``): the whole library, as you type.

The input takes the query language (:mod:`tui.core.search.query`) with its syntax on the line
below, where a malformed query says what is wrong instead. Hits are listed as they are found;
the preview shows the selected hit's passage, comment, tags and note; enter opens the reader
at it. While the index is built the search answers from the part built so far, and the status
line says how far it is ("index: 4,210 of 10,000 documents"). Up/down in the input bring
back recent searches (down past the newest goes to the hits, and typing on the hits goes back
to the input), ctrl+s saves the search (saved searches are in the command palette), ctrl+t
switches between comments, page text and both; ``q`` on the hits closes the search.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.actions import Scope, bindings
from tui.core.search.copies import CopyRef, HitGroups
from tui.core.search.library_search import SCOPES, SearchScope
from tui.core.search.query import SYNTAX_HINT, Query, QueryError, parse
from tui.core.search.results import COUNT_LIMIT, Hit
from tui.core.text import clean_line, clean_text
from tui.messages import IndexProgress, IndexReady, OpenHit
from tui.services.library import flush
from tui.services.search import SearchService
from tui.widgets.hit_list import PAGE, HitList
from tui.widgets.line_input import LineInput

SCOPE_LABELS = {"comments": "comments, tags and notes", "text": "page text", "all": "everything"}


class SearchScreen(Screen[None]):
    """Search every comment, passage, tag and note in the library."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("search")
    HELP_SCOPES: ClassVar[tuple[Scope, ...]] = ("search", "hits")

    def __init__(self, service: SearchService, query: str = "",
                 scope: SearchScope = "comments") -> None:
        """Search through ``service``, starting with ``query``."""
        super().__init__()
        self.service = service
        self.initial = query
        self.scope: SearchScope = scope
        self.query_text = query
        self.parsed: Query | None = None
        self._history: list[str] = []
        self._history_at = -1
        self._capped = False
        self._groups = HitGroups.empty()

    def compose(self) -> ComposeResult:
        """Input, hint, status, the hit list beside the preview, keys."""
        with Horizontal(id="search-bar"):
            yield LineInput(value=self.initial, placeholder="search the library…",
                            id="search-input")
            yield Static(id="search-scope")
        yield Static(Text(SYNTAX_HINT), id="search-hint")
        yield Static(id="search-status")
        with Horizontal(id="search-body"):
            yield HitList(id="hits")
            with VerticalScroll(id="search-preview-box"):
                yield Static(id="search-preview")
        yield Footer()

    def on_mount(self) -> None:
        """Type at once; show what the initial query finds."""
        self._history = self.service.library.searches.recent()
        self._show_scope()
        self.query_one("#search-input", Input).focus()
        self.run_query(self.initial)

    def export_query(self) -> str:
        """What the export dialog starts from (:class:`tui.screens.offers.ExportSource`)."""
        return self.query_text

    # --- querying ---------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str, keep: bool = False) -> None:
        """Parse ``text``, list its hits (or say what is wrong with it); ``keep``: the same
        query asked again after the library changed (the cursor stays where it was)."""
        self.query_text = text
        hint = self.query_one("#search-hint", Static)
        try:
            self.parsed = parse(text)
        except QueryError as error:
            hint.update(Text(f"⚠ {error}", style="bold"))
            hint.add_class("error")
            self.parsed = None
            self._capped = False  # the old hits go: they answered another query
            self.query_one(HitList).show(lambda offset, limit: [], 0, [])
            self._status()
            return
        query, scope = self.parsed, self.scope
        groups = self._groups = self.service.groups(query, scope)
        first = groups.page(0, PAGE)
        total = groups.total()
        nearest = None if first else self.service.did_you_mean(query, scope)
        if nearest is not None:
            hint.update(Text(f"did you mean {clean_line(nearest)}?", style="bold"))
            hint.add_class("suggestion")
        else:
            hint.update(Text(SYNTAX_HINT))
            hint.remove_class("suggestion")
        hint.remove_class("error")
        self._capped = total > COUNT_LIMIT
        self.query_one(HitList).show(groups.page, total, first, keep=keep)
        self._status()

    def _status(self) -> None:
        hits = self.query_one(HitList).total
        count = f"{COUNT_LIMIT}+" if self._capped else str(hits)
        parts = [f"{count} hit{'s' if hits != 1 else ''}"]
        if self.service.updating:
            parts.append(self._index_state)
        elif self.service.repaired:
            parts.append(f"the index was {self.service.repaired}: rebuilt")
        self.query_one("#search-status", Static).update(Text(" · ".join(parts)))

    _index_state = "indexing…"

    @on(IndexProgress)
    def _indexing(self, message: IndexProgress) -> None:
        # Each report follows a committed batch: the hits grow with the part built so far.
        self._index_state = f"index: {message.done:,} of {message.total:,} documents"
        if self.parsed is not None and self.query_text.strip():
            self.run_query(self.query_text, keep=True)
        else:
            self._status()

    @on(IndexReady)
    def _indexed(self) -> None:
        # What was found meanwhile was incomplete, or a teammate changed something.
        self.run_query(self.query_text, keep=True)

    # --- the list and the preview ---------------------------------------------------------

    @on(HitList.Highlighted)
    def _highlighted(self, message: HitList.Highlighted) -> None:
        preview = self._preview(message.hit)
        if message.hit is not None and len(message.copies) > 1:
            preview = Group(preview, self._copies(message.hit, message.copies))
        self.query_one("#search-preview", Static).update(preview)
        hits = self.query_one(HitList)
        if self._capped and hits.cursor > hits.total - PAGE and self.parsed is not None:
            hits.extend_to(self._groups.total())  # capped again, further on

    def _preview(self, hit: Hit | None) -> Group | Text:
        if hit is None:
            return Text("No hits." if self.query_text.strip() else "")
        apart = f" ({clean_line(hit.apart)})" if hit.apart else ""
        where = f"{clean_line(hit.title)}{apart} · p. {hit.page}"
        head = Text(where, style="bold")
        if hit.annotation is None:
            return Group(head, Text(clean_text(hit.snippet.replace("\x02", "").replace(
                "\x03", ""))))
        details = self.service.details(hit)
        parts: list[Text] = [head]
        facts = (hit.kind, hit.author or "", (hit.date or "")[:10])
        by = " · ".join(clean_line(x) for x in facts if x)
        parts.append(Text(by, style="dim"))
        passage = details.quote or details.passage
        if passage:
            parts.append(Text("“" + clean_text(passage) + "”", style="italic"))
        if details.contents:
            parts.append(Text(clean_text(details.contents)))
        if hit.tags:
            members = self.service.tag_members(hit)  # a team library: who tagged it

            def shown(tag: str) -> str:
                names = members.get(tag.casefold())
                return f"#{tag}" + (f" ({', '.join(names)})" if names else "")

            parts.append(Text(" ".join(clean_line(shown(t)) for t in hit.tags), style="bold"))
        if hit.note:
            parts.append(Text("Note: " + clean_text(hit.note)))
        return Group(*parts)

    def _copies(self, hit: Hit, copies: tuple[CopyRef, ...]) -> Text:
        """Which documents hold the hit: one line per copy, the one enter opens marked."""
        text = Text(f"In {len(copies)} copies of the release (enter opens ▸):", style="dim")
        for ref in copies:
            record = self.service.library.document(ref.document)
            name = Path(record.paths[0]).name if record is not None and record.paths else ""
            text.append(f"\n{'▸' if ref.document == hit.doc else ' '} {ref.form:<10}",
                        style="bold")
            text.append(f" {clean_line(name or ref.document[:12])}")
        return text

    @on(HitList.Chosen)
    def _chosen(self, message: HitList.Chosen) -> None:
        self._remember()
        self.post_message(OpenHit(message.hit))

    def _remember(self) -> None:
        if self.query_text.strip():
            self.service.library.searches.remember(self.query_text)

    # --- keys -------------------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._remember()
        hits = self.query_one(HitList)
        if hits.total:
            hits.focus()

    def action_back(self) -> None:
        """From the list back to the input; from the input, close the search."""
        if self.query_one(HitList).has_focus:
            self.query_one("#search-input").focus()
        else:
            self._remember()
            self.dismiss()

    def action_close(self) -> None:
        """Close the search (``q`` on the hits)."""
        self._remember()
        self.dismiss()

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the hits goes to the input: the search goes on there."""
        hits = self.query_one(HitList)
        if not hits.has_focus or not event.is_printable or event.key in self.active_bindings:
            return
        event.stop()
        field = self.query_one("#search-input", LineInput)
        field.insert_text_at_cursor(event.character or "")
        field.focus_to_edit()

    def action_history(self, step: int) -> None:
        """Bring back an earlier (``step`` 1) or later (-1) search into the input; down
        with no later search to bring back goes to the hits."""
        if step < 0 and self._history_at < 0:
            hits = self.query_one(HitList)
            if hits.total:
                hits.focus()
            return
        if not self._history:
            return
        self._history_at = max(-1, min(len(self._history) - 1, self._history_at + step))
        text = self._history[self._history_at] if self._history_at >= 0 else ""
        field = self.query_one("#search-input", Input)
        field.value = text
        field.cursor_position = len(text)

    def action_save(self) -> None:
        """Save the search (the command palette lists saved searches)."""
        if not self.query_text.strip():
            self.notify("Type a search first.", severity="warning")
            return
        self.service.library.searches.save(self.query_text)
        flush(self.service.library)
        self.notify(f"Saved search: {clean_line(self.query_text)}", markup=False)

    def action_scope(self) -> None:
        """Switch between comments, page text and both."""
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self._show_scope()
        self.run_query(self.query_text)

    def _show_scope(self) -> None:
        label = Text(f"in {SCOPE_LABELS[self.scope]} (ctrl+t)")
        self.query_one("#search-scope", Static).update(label)
