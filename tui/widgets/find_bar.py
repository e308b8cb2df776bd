"""The reader's prompt line: ``/`` finds text, ``:`` goes to a page.

It only asks: what was typed goes to the screen as a :class:`FindBar.Find` or
:class:`FindBar.GoToPage` message, and the screen does the finding and moving. As in less
and vim, enter closes the prompt (the find stays: ``n``/``N`` go on), escape cancels it, and
every ``/`` starts an empty prompt (enter on nothing repeats the last find).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.message import Message
from textual.widgets import Input

from tui.widgets.line_input import LineInput

Mode = Literal["find", "page"]


class FindBar(LineInput):
    """A one-line prompt, hidden until :meth:`ask`."""

    @dataclass
    class Find(Message):
        """Find ``query`` (empty, or the same query again: the next match)."""

        query: str

    @dataclass
    class GoToPage(Message):
        """Show page ``page`` (None: nothing usable was typed, just close)."""

        page: int | None

    def __init__(self, **kwargs: object) -> None:
        """Hidden, in find mode."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.mode: Mode = "find"

    def on_mount(self) -> None:
        """Hidden until asked."""
        self.display = False

    @property
    def is_open(self) -> bool:
        """True while the prompt is shown."""
        return bool(self.display)

    def ask(self, mode: Mode, last_query: str = "") -> None:
        """Show an empty prompt for a page number or a text to find (the placeholder names
        ``last_query``, which enter on an empty prompt finds again)."""
        self.mode = mode
        again = f" (enter: “{last_query}” again)" if last_query else ""
        self.placeholder = "page number" if mode == "page" else f"find in document{again}"
        self.type = "integer" if mode == "page" else "text"
        self.value = ""
        self.display = True
        # Focus now, not after a refresh: keys typed right after ':' must reach the prompt.
        self.screen.set_focus(self)

    def close(self) -> None:
        """Hide the prompt."""
        self.display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.close()
        if self.mode == "page":
            self.post_message(self.GoToPage(int(value) if value.isdigit() else None))
            return
        self.post_message(self.Find(value))
