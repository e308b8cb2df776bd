"""The password dialog: an encrypted PDF opened from the app asks for its password here."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.core.text import clean_line
from tui.dialogs.base import Dialog
from tui.widgets.line_input import LineInput

TRIES = 3
"""How many passwords the reader asks for before it gives up."""


class PasswordDialog(Dialog):
    """Asks for a PDF's password (typed hidden); enter opens, escape gives up."""

    def __init__(self, name: str, attempt: int, wrong: bool) -> None:
        """Ask for the password of file ``name``; this is try ``attempt`` of :data:`TRIES`,
        after a ``wrong`` one."""
        super().__init__()
        self.name_text = name
        self.attempt = attempt
        self.wrong = wrong

    def compose(self) -> ComposeResult:
        """Title, what went wrong, the hidden input."""
        with Vertical(classes="dialog"):
            yield Static(Text(f"{clean_line(self.name_text)} is encrypted"),
                         classes="dialog-title")
            if self.wrong:
                left = TRIES - self.attempt + 1
                hint = f"Wrong password. {left} {'try' if left == 1 else 'tries'} left."
                yield Static(Text(hint), classes="dialog-error", id="password-wrong")
            yield Static(Text("Its password (enter opens, escape gives up):"),
                         classes="dialog-hint")
            yield LineInput(password=True, id="password")

    def on_mount(self) -> None:
        """Type at once."""
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
