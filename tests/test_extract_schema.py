"""Loose ends of the JSON schema: ``warnings`` is always there, annotations that are not
comments (media, 3D, watermarks, printer's marks) stay out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.raw_pdf import one_page

NOT_COMMENTS = ["Screen", "Sound", "Movie", "RichMedia", "3D", "Watermark", "PrinterMark",
                "TrapNet", "Link", "Widget"]


def _extract(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "tui", "extract", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_warnings_are_present_when_there_are_none(tmp_path: Path) -> None:
    path = one_page(tmp_path / "clean.pdf", b"BT /F1 10 Tf 72 700 Td (Schoon) Tj ET")
    assert _extract(path)["warnings"] == []


def test_annotations_that_are_not_comments_are_left_out(tmp_path: Path) -> None:
    annotations: list[dict[str, object]] = [
        {"/Subtype": "/" + subtype, "/Rect": [72, 600 - 20 * i, 200, 615 - 20 * i],
         "/Contents": f"not a comment ({subtype})", "/NM": f"x{i}"}
        for i, subtype in enumerate(NOT_COMMENTS)
    ]
    annotations.append({"/Subtype": "/Text", "/Rect": [400, 690, 418, 708],
                        "/Contents": "Welke dan?", "/NM": "note"})
    path = one_page(tmp_path / "media.pdf", b"BT /F1 10 Tf 72 700 Td (Tekst) Tj ET",
                    annotations=annotations)
    data = _extract(path)
    assert [(a["id"], a["kind"], a["contents"]) for a in data["annotations"]] == [
        ("note", "note", "Welke dan?")
    ]
    assert data["warnings"] == []
