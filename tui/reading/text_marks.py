"""Where markup and redactions fall on each page line, and how a line looks with them."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Annotation, Extraction
from tui.core.text import clean_line

DEFAULT_COLORS: dict[str, str] = {
    "highlight": "#ffd400",
    "underline": "#2ea8e5",
    "strikeout": "#e56eee",
    "squiggly": "#5fb236",
    "redaction": "#000000",
}
FALLBACK_COLOR = "#a28ae5"
OWN_COLOR = "#3fc98a"
"""The colour of the user's own highlights and comments (PDF comments bring their own)."""


def annotation_color(annotation: Annotation) -> str:
    """The annotation's own ``#rrggbb`` colour, else a default for its kind."""
    return annotation.color or DEFAULT_COLORS.get(annotation.kind, FALLBACK_COLOR)


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled run ``[start:end]`` of one line, from annotation ``annotation``."""

    start: int
    end: int
    kind: str
    color: str
    annotation: str


def index_marks(extraction: Extraction) -> dict[tuple[int, int], list[Mark]]:
    """(page, line) -> the marks on that line, for markup and redactions with spans."""
    marks: dict[tuple[int, int], list[Mark]] = {}
    for annotation in extraction.annotations:
        own = annotation.is_own
        if not (annotation.is_markup or annotation.kind == "redaction" or own):
            continue
        kind = annotation.kind if annotation.is_markup or not own else "underline"
        for span in annotation.spans:
            mark = Mark(span.start, span.end, kind, annotation_color(annotation), annotation.id)
            marks.setdefault((span.page, span.line), []).append(mark)
    return marks


def redaction_block(length: int, ground: str | None) -> str:
    """``length`` block characters with the ground written in the middle when it fits."""
    label = f" {clean_line(ground).strip()} " if ground and ground.strip() else ""
    if not label or length < len(label) + 2:
        return "█" * length
    left = (length - len(label)) // 2
    return "█" * left + label + "█" * (length - left - len(label))


def display_line(text: str, marks: list[Mark], grounds: dict[str, str | None],
                 revealed: frozenset[str] | set[str] = frozenset()) -> str:
    """The line as shown: control characters stripped, redacted runs drawn as blocks (except
    those of the redactions in ``revealed``, whose words the user asked to see).

    Keeps the length of ``text`` so span offsets still apply.
    """
    if not marks and text.isprintable():  # most lines: nothing to change
        return text
    shown = text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)
    for mark in marks:
        if mark.kind == "redaction" and mark.annotation not in revealed:
            end = min(mark.end, len(shown))
            block = redaction_block(end - mark.start, grounds.get(mark.annotation))
            shown = shown[: mark.start] + block + shown[end:]
    return shown
