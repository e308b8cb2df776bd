"""Which pages are read by OCR: ``never``, ``auto`` (pages without a text layer) or ``always``."""

from __future__ import annotations

from typing import Literal, get_args

from tui.core.model import PageText

OcrMode = Literal["never", "auto", "always"]
MODES: tuple[str, ...] = get_args(OcrMode)
#: A page with fewer letters and digits than this in its text layer has none worth the name
#: (a scan with a page number stamped on, or a stray invisible character).
MIN_TEXT_CHARACTERS = 20


def ocr_mode(value: str | None, default: OcrMode = "auto") -> OcrMode:
    """``value`` as a mode; ``default`` for None. Raises ValueError for anything else."""
    if value is None:
        return default
    if value not in MODES:
        raise ValueError(f"ocr must be one of {', '.join(MODES)}, not {value!r}")
    return value  # type: ignore[return-value]


def lacks_text(page: PageText) -> bool:
    """True when the page's text layer holds (almost) nothing."""
    count = 0
    for line in page.lines:
        count += sum(1 for char in line.text if char.isalnum())
        if count >= MIN_TEXT_CHARACTERS:
            return False
    return True


def pages_to_read(pages: list[PageText], mode: OcrMode) -> list[int]:
    """Numbers of the pages OCR reads under ``mode`` (``auto`` still needs an image on them,
    which the worker checks: a blank page is not sent to the engine)."""
    if mode == "never":
        return []
    if mode == "always":
        return [page.number for page in pages]
    return [page.number for page in pages if needs_reading(page)]


def needs_reading(page: PageText) -> bool:
    """True when ``auto`` reads ``page`` by OCR: it has no text layer but may show a scan
    (a page whose content draws no image at all has nothing to read)."""
    return page.pictures and lacks_text(page)
