"""An input line whose editing keys act in the order they are typed.

Textual hands a key the focused :class:`~textual.widgets.Input` does not type (ctrl+u,
ctrl+w, backspace, left…) up through the screen to the app, which only then runs the
input's binding for it; letters typed right after it are typed meanwhile. At full speed
(a paste of keys in tmux) ctrl+u then also deleted the letters typed after it.
:class:`LineInput` runs its own bindings the moment the key reaches it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """An :class:`~textual.widgets.Input` that runs its own key bindings at once."""

    _to_edit = False
    """Set by :meth:`focus_to_edit` until the focus arrives."""

    def focus_to_edit(self) -> None:
        """Take the keys to go on editing what is there: the cursor at the end, nothing
        selected (a plain focus selects it all, so the next letter would replace it)."""
        self._to_edit = True
        self.focus()

    def on_focus(self) -> None:
        """After a :meth:`focus_to_edit`, put the cursor at the end (once Input's own focus
        handler, which runs after this one, has selected everything)."""
        if self._to_edit:
            self._to_edit = False
            self.call_later(self._cursor_to_end)

    def _cursor_to_end(self) -> None:
        self.cursor_position = len(self.value)

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and await self._run_own_binding(event.key):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _run_own_binding(self, key: str) -> bool:
        """Run this input's binding of ``key`` (not a priority one: the app ran those
        before the key got here); False when it has none or it did not run."""
        active = self.screen.active_bindings.get(key)
        if active is None or active.node is not self or active.binding.priority:
            return False
        return active.enabled and await self.app.run_action(active.binding.action, self)
