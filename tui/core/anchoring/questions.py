"""The reviewer's questions: comments that ask something, and whether the user answered them.

A comment asks something when it holds a question mark, or opens the way a Dutch question
does ("Welke dan?", "Waarom in Zweden wel hier niet", "Klopt dit bedrag", "Is dit nodig").
Only what a reviewer wrote counts: comments and replies, not highlights repeating their text,
nor redactions or the user's own annotations.
"""

from __future__ import annotations

import re

from tui.core.model import Annotation

OPEN = "open"
ANSWERED = "answered"
STATUSES = (OPEN, ANSWERED)

_OPENINGS = re.compile(
    r"^(?:welke?|waarom|wie|wat|hoe|wanneer|waar\w*|klopt|kan|kunnen|kunt|is\s+(?:dit|dat|er|het)"
    r"|zijn\s+(?:dit|deze|er)|moet(?:en)?|wordt|worden|gaat|heeft|hebben|weten\s+we)\b",
    re.IGNORECASE,
)
_COMMENT_KINDS = frozenset({"freetext", "note", "caret"})


def asks(annotation: Annotation) -> bool:
    """True when ``annotation`` is a reviewer's comment that asks something."""
    if annotation.is_own or annotation.kind == "redaction":
        return False
    text = " ".join((annotation.contents or "").split())
    if not text:
        return False
    repeats_quote = text == " ".join((annotation.quote or "").split())
    if annotation.kind not in _COMMENT_KINDS and not annotation.in_reply_to and repeats_quote:
        return False  # markup whose contents only repeat the passage: the document's text
    return "?" in text or bool(_OPENINGS.match(text))
