"""An inventory's judgement (*Beoordeling*) as one of four words."""

from __future__ import annotations

import re

from tui.core.text import clean_line

# Checked in order: "niet openbaar" and "deels openbaar" contain "openbaar".
_FORMS: tuple[tuple[str, str], ...] = (
    (r"\breeds\b|\beerder\b|\bal\s+openbaar|\bpubliek\s+beschikbaar", "reeds openbaar"),
    (r"\bniet\b|\bgeweigerd|\bweiger|\bgeheel\s+gelakt", "niet openbaar"),
    (r"\bdeels\b|\bgedeeltelijk|\bten\s+dele|\bpartially|\bpartly", "deels openbaar"),
    (r"\bopenbaar\b|\bopenbaarmaken|\bvolledig\b|\bgeheel\b|\bpublic\b", "openbaar"),
)


def normalise_judgement(text: str | None) -> str | None:
    """``"Deels openbaar"``, ``"Gedeeltelijk openbaar"`` -> ``"deels openbaar"``; ``"Niet
    openbaar"``/``"Weigeren"`` -> ``"niet openbaar"``; ``"Reeds openbaar"`` -> ``"reeds
    openbaar"``; ``"Openbaar"`` -> ``"openbaar"``. Anything else comes back cleaned (empty: None).
    """
    cleaned = " ".join(clean_line(text or "").split())
    if not cleaned:
        return None
    lowered = cleaned.lower()
    for pattern, judgement in _FORMS:
        if re.search(pattern, lowered):
            return judgement
    return cleaned
