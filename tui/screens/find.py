"""Finding text in the document as shown (case-insensitive, within a line)."""

from __future__ import annotations

from collections.abc import Callable

from tui.core.model import Extraction
from tui.widgets.page_view import Match


def find_matches(
    extraction: Extraction, query: str, shown: Callable[[int, int], str]
) -> list[Match]:
    """Every occurrence of ``query`` in the lines ``shown(page, line)`` returns, in order."""
    needle = query.lower()
    if not needle:
        return []
    found: list[Match] = []
    for page in extraction.pages:
        for index in range(len(page.lines)):
            hay = shown(page.number, index).lower()
            start = hay.find(needle)
            while start >= 0:
                found.append(Match(page.number, index, start, start + len(needle)))
                start = hay.find(needle, start + len(needle))
    return found
