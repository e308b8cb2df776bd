"""The list of search hits: one row per hit, drawn only where visible (Line API).

A hit list of 100,000 rows costs nothing up front: the list knows how many hits there are
and asks for the rows it shows, a page at a time, through the ``fetch`` function it was
given (toolong-style). A row is one comment (or page line) with every copy of it in the
library's linked documents (:mod:`tui.core.search.copies`); a row found in more than one
copy names their forms ("live · published"). Text from PDFs is drawn as literal text; the
matching words of a snippet (between the search's marks) are styled, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.actions import bindings
from tui.core.search.copies import CopyRef, GroupedHit, preference
from tui.core.search.results import MARK_END, MARK_START, Hit
from tui.core.text import clean_line

PAGE = 50
"""Hits fetched at a time (a tall terminal shows about forty)."""

Fetch = Callable[[int, int], list[GroupedHit]]
"""``fetch(offset, limit)``: the hits from ``offset`` on, each with its copies."""


def forms_of(copies: tuple[CopyRef, ...]) -> str:
    """The forms of a hit's copies as a row names them, the preferred first: "live ·
    published", "live · version 2"."""
    forms = dict.fromkeys(ref.form for ref in copies)
    return " · ".join(sorted(forms, key=lambda form: (preference(form), list(forms).index(form))))


def hit_text(hit: Hit, width: int, copies: tuple[CopyRef, ...] = ()) -> Text:
    """One row: where the hit is, its kind, and its snippet with the matches marked (and,
    for a hit in several copies, their forms)."""
    where = f"p.{hit.page}"
    head = Text(f"{where:>6} {hit.kind[:9]:<9} ", style="dim", no_wrap=True, end="")
    title = clean_line(hit.title)[:28]
    if len(copies) > 1:  # one release in several documents: which forms hold it
        title += f" ({forms_of(copies)})"
    elif hit.apart:  # another document has this title: say which one (its end tells)
        apart = clean_line(hit.apart)
        title += f" ({apart if len(apart) <= 28 else '…' + apart[-27:]})"
    head.append(f"{title} · ", style="italic")
    tags = "".join(f" #{clean_line(tag)}" for tag in hit.tags)
    body = _marked(hit.snippet)
    if tags:
        body.append(tags, style="bold")
    row = head + body
    row.truncate(width, overflow="ellipsis")
    return row


def _marked(snippet: str) -> Text:
    text = Text(no_wrap=True, end="")
    marked = False
    for part in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        if part:
            text.append(clean_line(part), style="bold reverse" if marked else "")
        marked = not marked
    return text


class HitList(ScrollView, can_focus=True):
    """Search hits with a cursor; enter chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("hits")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"hit-list--cursor"}

    @dataclass
    class Highlighted(Message):
        """The cursor is on ``hit`` (None: no hits), found in ``copies``."""

        hit: Hit | None
        copies: tuple[CopyRef, ...] = ()

    @dataclass
    class Chosen(Message):
        """The user chose ``hit`` (enter or a click)."""

        hit: Hit

    def __init__(self, **kwargs: object) -> None:
        """Empty until :meth:`show`."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.total = 0
        self.cursor = 0
        self._fetch: Fetch = lambda offset, limit: []
        self._pages: dict[int, list[GroupedHit]] = {}
        self._version = 0

    def show(self, fetch: Fetch, total: int, first: list[GroupedHit] | None = None,
             keep: bool = False) -> None:
        """List ``total`` hits that ``fetch`` gives (``first`` are the first ones, if known);
        ``keep``: the same query again (the library changed), cursor and scroll stay."""
        self._fetch = fetch
        self._pages = {0: first} if first is not None else {}
        self.total = total
        self.cursor = min(self.cursor, max(0, total - 1)) if keep else 0
        self._version += 1
        self.virtual_size = Size(self.size.width, total)
        if not keep:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self._tell()

    def extend_to(self, total: int) -> None:
        """More hits than first counted (the full count came in)."""
        if total > self.total:
            self.total = total
            self.virtual_size = Size(self.size.width, total)
            self.refresh()

    def group(self, index: int) -> GroupedHit | None:
        """Hit ``index`` with its copies (fetched when not yet known), or None past the end."""
        if not 0 <= index < self.total:
            return None
        page = index // PAGE
        if page not in self._pages:
            self._pages[page] = self._fetch(page * PAGE, PAGE)
        hits = self._pages[page]
        offset = index - page * PAGE
        return hits[offset] if offset < len(hits) else None

    def hit(self, index: int) -> Hit | None:
        """Hit ``index`` (the preferred copy's), or None past the end."""
        group = self.group(index)
        return group.hit if group is not None else None

    @property
    def current(self) -> Hit | None:
        """The hit under the cursor."""
        return self.hit(self.cursor)

    @property
    def current_copies(self) -> tuple[CopyRef, ...]:
        """Every copy of what the hit under the cursor found."""
        group = self.group(self.cursor)
        return group.copies if group is not None else ()

    def _tell(self) -> None:
        group = self.group(self.cursor)
        self.post_message(self.Highlighted(group.hit if group else None,
                                           group.copies if group else ()))

    def render_line(self, y: int) -> Strip:
        """Draw row ``y`` of the view."""
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        group = self.group(index)
        if group is None:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if index == self.cursor:
            style += self.get_component_rich_style("hit-list--cursor")
        text = hit_text(group.hit, width, group.copies)
        segments = [Segment(s.text, style + s.style if s.style else style)
                    for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, style)

    def move(self, step: int) -> None:
        """Move the cursor by ``step`` rows and keep it in view."""
        if not self.total:
            return
        self.cursor = max(0, min(self.total - 1, self.cursor + step))
        height = self.scrollable_content_region.height
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()
        self._tell()

    def action_move(self, step: int) -> None:
        """Cursor down (1) or up (-1)."""
        self.move(step)

    def action_page(self, step: int) -> None:
        """A screenful down (1) or up (-1)."""
        self.move(step * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        """To the first (0) or last (1) hit."""
        self.move(self.total if end else -self.total)

    def action_choose(self) -> None:
        """Choose the hit under the cursor."""
        hit = self.current
        if hit is not None:
            self.post_message(self.Chosen(hit))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor there; a second click chooses."""
        index = int(self.scroll_y) + event.y
        if index == self.cursor:
            self.action_choose()
        elif index < self.total:
            self.move(index - self.cursor)
