"""Keys typed ahead of a text field: all of them reach it.

Keys that arrive together — a fast typist, or one terminal read holding ``/sam`` — are all
handed to the widget that has the focus when they arrive. When the first opens a text field
(``/`` in the reader or the library), the keys behind it have already gone to the widget
before it; they come back up to the app unhandled, where they would be lost or run as
that screen's own keys ("r" reveals, "s" opens the search). A text field handles every
printable key it is given, so a printable key that comes back up to the app while one has
the focus was meant for it: :func:`deliver_typed_ahead` types it there.
"""

from __future__ import annotations

import sys
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input


def deliver_typed_ahead(app: App[Any], event: events.Event) -> bool:
    """Type ``event``'s character into the focused text field when it is a printable key
    that came back up unhandled; True when it did (the event is then used up)."""
    if not (isinstance(event, events.Key) and event.is_forwarded and event.is_printable
            and event.character):
        return False
    field = app.focused
    # TextArea is looked up, not imported: a widget of a module never imported cannot have
    # the focus, and importing it would delay page 1.
    text_area = getattr(sys.modules.get("textual.widgets._text_area"), "TextArea", ())
    if isinstance(field, Input):
        field.insert_text_at_cursor(event.character)
    elif isinstance(field, text_area) and not field.read_only:
        field.insert(event.character)
    else:
        return False
    event.stop()
    event.prevent_default()
    return True
