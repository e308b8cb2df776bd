"""Benchmark: kantlijn's markup quotes against PyMuPDF's characters under the same quads.

Run from the repository root (PyMuPDF from ``.[bench]``)::

    .venv/bin/python tests/benchmarks/quote_accuracy.py [CORPUS]
    .venv/bin/python tests/benchmarks/quote_accuracy.py --quick   # the first 10 PDFs (CI)

For every highlight, underline, strike-out and squiggly in the PDFs under CORPUS (default
``../shared/corpus``, its ``bad/`` folder left out), PyMuPDF's characters are taken the way
pdfannots takes them — at least half of a character's width inside a quad, its vertical
middle within the quad's height — lines joined with a space and line-end hyphens joined.
Both quotes are compared with whitespace collapsed and typographic quotes, ellipses and
ligatures folded (PyMuPDF keeps some of them and drops none of them consistently), and with
Unicode format characters (bidi controls PyMuPDF passes through) left out. It prints how many
are equal, and every quote that is not. Nothing is asserted: the figures are for reading.
Without PyMuPDF, or without the corpus, it says so and is skipped.

Target: every quote equal to PyMuPDF's (100 %).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import re
import sys
import unicodedata
import warnings
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tui.core.model import Annotation  # noqa: E402
from tui.core.pdf.document import PdfDocument  # noqa: E402

MARKUP = ("Highlight", "Underline", "StrikeOut", "Squiggly")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2026": "...", "\u00ad": "-", "\ufb00": "ff", "\ufb01": "fi",
                       "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def fold(text: str | None) -> str:
    """A quote as compared: folded typography, no format characters, one space."""
    kept = "".join(c for c in (text or "").translate(_FOLD) if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", kept).strip()


def reference_quote(page: Any, annot: Any) -> str:
    """PyMuPDF's characters under the annotation's quads (or its rect), pdfannots' rule."""
    points = annot.vertices or []
    boxes = []
    for i in range(0, len(points) - 3, 4):
        xs = [p[0] for p in points[i : i + 4]]
        ys = [p[1] for p in points[i : i + 4]]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    if not boxes:
        r = annot.rect
        boxes = [(r.x0, r.y0, r.x1, r.y1)]
    parts: list[str] = []
    for block in page.get_text("rawdict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            run = "".join(
                char["c"] if _inside(char["bbox"], boxes) else "\0"
                for span in line["spans"] for char in span["chars"]
            )
            parts += [piece.strip() for piece in run.split("\0") if piece.strip()]
    text = ""
    for part in parts:
        if len(text) > 1 and text.endswith("-") and text[-2].isalpha() and part[:1].isalpha():
            text = text[:-1] + part
        else:
            text = f"{text} {part}" if text else part
    return text


def _inside(bbox: tuple[float, float, float, float], boxes: list[tuple[float, ...]]) -> bool:
    x0, y0, x1, y1 = bbox
    middle, width = (y0 + y1) / 2, x1 - x0
    for bx0, by0, bx1, by1 in boxes:
        if not by0 <= middle <= by1:
            continue
        if width <= 0 and bx0 <= x0 <= bx1:
            return True
        if width > 0 and min(x1, bx1) - max(x0, bx0) >= 0.5 * width:
            return True
    return False


def ours_for(annotations: list[Annotation], number: int, kind: str, corner: tuple[float, float],
             height: float) -> Annotation | None:
    """Our annotation of that kind on that page whose quads start nearest ``corner``."""
    def distance(a: Annotation) -> float:
        if a.quads:
            x = min(min(q[0:8:2]) for q in a.quads)
            y = height - max(max(q[1:8:2]) for q in a.quads)
        elif a.rect:
            x, y = a.rect[0], height - a.rect[3]
        else:
            return float("inf")
        return abs(x - corner[0]) + abs(y - corner[1])
    same = [a for a in annotations if a.page == number and a.subtype == kind]
    return min(same, key=distance) if same else None


def main() -> None:
    """Compare every markup quote of the corpus; print the figures and the differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=REPO.parent / "shared" / "corpus", help="a folder of PDFs")
    parser.add_argument("--quick", action="store_true", help="the first 10 PDFs (CI)")
    args = parser.parse_args()
    if importlib.util.find_spec("pymupdf") is None:
        print("PyMuPDF: not installed (pip install -e '.[bench]'), skipped")
        return
    corpus: Path = args.corpus
    paths = sorted(p for p in corpus.rglob("*.pdf") if "bad" not in p.relative_to(corpus).parts)
    if not paths:
        print(f"no PDFs under {corpus}, skipped")
        return
    import pymupdf  # only this benchmark needs it (the bench extra)

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    total = equal = 0
    differences = []
    for path in paths[:10] if args.quick else paths:
        try:
            annotations = PdfDocument(path).extract(workers=1).annotations
            document = pymupdf.open(path)
        except Exception:  # unreadable for one of the two: nothing to compare
            continue
        for index, page in enumerate(document):
            for annot in page.annots() or []:
                if annot.type[1] not in MARKUP or not (reference := fold(
                        reference_quote(page, annot))):
                    continue
                points = annot.vertices or [(annot.rect.x0, annot.rect.y0)]
                corner = (min(p[0] for p in points), min(p[1] for p in points))
                ours = ours_for(annotations, index + 1, annot.type[1], corner, page.rect.height)
                total += 1
                if ours is not None and fold(ours.quote) == reference:
                    equal += 1
                else:
                    differences.append((path.relative_to(corpus), index + 1,
                                        fold(ours.quote if ours else None), reference))
    share = 100 * equal / total if total else 0.0
    print(f"markup quotes compared: {total}, equal to PyMuPDF's: {equal} ({share:.1f} %; "
          "target 100 %)")
    for name, page_number, ours_text, reference in differences:
        print(f"  {name} p. {page_number}\n    ours:    {ours_text}\n    PyMuPDF: {reference}")


if __name__ == "__main__":
    main()
