"""The page view's rows as drawn, cached under a key of everything that changes a row.

toolong's line cache: a row is drawn once by a :class:`~tui.widgets.row_painter.RowPainter`
and kept under ``(row, width, layout / matches / styles versions, focused card, current match,
selection)``. Whatever changes how rows look bumps a version (:meth:`DrawnRows.changed`) or
changes the state the key reads, so no change has to remember to clear the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.strip import Strip

from tui.reading.page_state import PageState
from tui.widgets.row_painter import PaintStyles, RowPainter

Aspect = Literal["layout", "matches", "styles"]
"""What changed for every row at once: the layout, the find matches, or the styles."""


class DrawnRows:
    """Rows of a :class:`PageState`, drawn on demand and cached."""

    def __init__(self, state: PageState[Text], console: Callable[[], Console],
                 styles: Callable[[], PaintStyles]) -> None:
        """Draw rows of ``state`` on ``console()`` with ``styles()`` (both asked for at the
        first row drawn: the view is mounted by then)."""
        self.state = state
        self._console = console
        self._styles_of = styles
        self._painter: RowPainter | None = None
        self._styles: PaintStyles | None = None
        self._versions: dict[Aspect, int] = {"layout": 0, "matches": 0, "styles": 0}
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    def changed(self, aspect: Aspect) -> None:
        """Every row may look different now (new styles are asked for again)."""
        self._versions[aspect] += 1
        if aspect == "styles":
            self._styles = None

    def _key(self, row: int, width: int) -> tuple[object, ...]:
        """Everything that changes how a row is drawn."""
        state = self.state
        selection = (state.selection.start, state.selection.caret) if state.selection else None
        return (
            row, width, self._versions["layout"], self._versions["matches"],
            self._versions["styles"], state.focused_card, state.current_match, selection,
        )

    def row(self, row: int, width: int, base: Style) -> Strip:
        """Layout row ``row``, ``width`` cells wide (padded in ``base``)."""
        key = self._key(row, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self._painter is None or self._styles is None:
            self._painter = RowPainter(self._console())
            self._styles = self._styles_of()
        strip = self._painter.paint(row, self.state, self._styles)
        strip = strip.adjust_cell_length(width, base)
        self._cache[key] = strip
        return strip
