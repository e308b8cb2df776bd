"""Comparing two versions of a nota: the paragraphs that differ between them.

A nota's text is cut into paragraphs (a line that ends a sentence, a bullet, a blank line or
a short heading ends one), and the two lists are compared as sequences, so a reworded
paragraph shows as one change, not as a dozen changed lines.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from tui.core.model import Extraction, Nota

_BULLETS = ("•", "-", "–", "*", "·")


@dataclass(frozen=True, slots=True)
class Difference:
    """Paragraphs of the first version that the second has otherwise: ``change`` is
    ``changed``, ``removed`` (only in the first) or ``added`` (only in the second)."""

    change: str
    first: tuple[str, ...]
    second: tuple[str, ...]


def paragraphs(extraction: Extraction, nota: Nota) -> list[str]:
    """The nota's text as paragraphs, whitespace folded."""
    found: list[str] = []
    current: list[str] = []
    for page in extraction.pages:
        if not nota.first_page <= page.number <= nota.last_page:
            continue
        for line in page.lines:
            text = " ".join(line.text.split())
            if not text or text.startswith(_BULLETS):
                _close(found, current)
            if text:
                current.append(text)
            if text.endswith((".", ":", "?", "!")) or (text and len(text) < 25):
                _close(found, current)
    _close(found, current)
    return found


def _close(found: list[str], current: list[str]) -> None:
    if current:
        found.append(" ".join(current))
        current.clear()


def compare(extraction: Extraction, first: Nota, second: Nota) -> list[Difference]:
    """The paragraphs that differ between ``first`` and ``second``, in order."""
    a, b = paragraphs(extraction, first), paragraphs(extraction, second)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    kinds = {"replace": "changed", "delete": "removed", "insert": "added"}
    return [
        Difference(kinds[tag], tuple(a[i1:i2]), tuple(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
