"""Run in a child process by tests/test_ocr_budget.py: read one page of a scan by OCR with
Tesseract's CPU budget set to the seconds given (``config``: as config.toml says), by the
library loaded into this process (``library``) or by the program (``program``); print what
came of it (one JSON line).

A child of its own: loading the library sends the process's standard error nowhere, and the
budget is a module setting that the test process must not change for other tests.
"""

from __future__ import annotations

import json
import sys

from tui.core.ocr import engine, inprocess, render
from tui.core.ocr.pages import scan_page


def _read(pdf: str, number: int, seconds: float | None, way: str) -> dict[str, object]:
    if seconds is not None:  # else as the user's config.toml says
        engine.CPU_SECONDS = seconds
    if way == "library" and not inprocess.start(engine.languages()):
        return {"error": "libtesseract could not be loaded"}
    document = render.open_pdf(pdf, None)
    try:
        scanned, warning = scan_page(document, (number, []), "auto")
    finally:
        document.close()
    text = [line.text for line in scanned.page.lines] if scanned is not None else []
    return {"lines": text, "warning": warning}


if __name__ == "__main__":
    given = None if sys.argv[3] == "config" else float(sys.argv[3])
    print(json.dumps(_read(sys.argv[1], int(sys.argv[2]), given, sys.argv[4])))
