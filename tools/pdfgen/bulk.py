"""Large generated documents for benchmarks: N pages of Dutch-looking text with comments.

Every page gets ``lines_per_page`` left-aligned lines and, in a fixed rotation, the
annotation kinds of ``kinds`` (by default 3 highlights, a FreeText, a sticky note and a
redaction). The output is deterministic, so benchmark runs compare like with like.
"""

from __future__ import annotations

from pathlib import Path

from tools.pdfgen.document import PdfAnnot, PdfBuilder

#: The default mix per page, as measured in /work/shared/PERF-NOTES.md.
DEFAULT_KINDS: tuple[str, ...] = (
    "Highlight",
    "Highlight",
    "Highlight",
    "FreeText",
    "Text",
    "Redact",
)

_WORDS: tuple[str, ...] = (
    "de",
    "actieagenda",
    "integratie",
    "kabinet",
    "samenleving",
    "nieuwkomers",
    "taal",
    "werk",
    "gemeenten",
    "maatschappelijke",
    "samenhang",
    "beïnvloeding",
    "financiële",
    "middelen",
    "claim",
    "voorjaarsnota",
    "staatssecretaris",
    "overleg",
    "kernpunt",
    "aanleiding",
    "besluit",
    "geadviseerd",
    "beleidsstaf",
    "discriminatie",
    "racisme",
    "zelfbeschikking",
    "preventie",
    "uitvoering",
    "draagvlak",
    "één",
    "geïntegreerd",
)

_COLOURS = {
    "Highlight": (1.0, 0.9, 0.0),
    "FreeText": (0.0, 0.0, 1.0),
    "Text": (1.0, 0.8, 0.0),
    "Redact": (1.0, 0.0, 0.0),
}


def _line_text(page: int, line: int) -> str:
    """A deterministic line of 9-12 words, different on every line."""
    count = 9 + (page + line) % 4
    start = (page * 7 + line * 3) % len(_WORDS)
    words = [_WORDS[(start + i * 5) % len(_WORDS)] for i in range(count)]
    return f"{page}.{line} " + " ".join(words)


def generated_document(
    pages: int,
    *,
    lines_per_page: int = 38,
    kinds: tuple[str, ...] = DEFAULT_KINDS,
    author: str = "Nobel, J.N.J.",
) -> PdfBuilder:
    """A document of ``pages`` generated pages with ``kinds`` annotations on each."""
    doc = PdfBuilder(title=f"Generated release ({pages} pages)")
    for _ in range(pages):
        page = doc.new_page()
        placed = [
            doc.text(page, 70, 780 - 18 * i, _line_text(page, i), size=10)
            for i in range(lines_per_page)
        ]
        for index, kind in enumerate(kinds):
            line = placed[(index * 5 + 2) % len(placed)]
            words = line.text.split(" ")
            start = len(words[0]) + 1
            end = start + len(" ".join(words[1:4]))
            box = line.span_box(start, end)
            annot = PdfAnnot(
                kind,
                page,
                author=author,
                subject=kind,
                color=_COLOURS.get(kind),
                date="7-2-2025 12:48:35",
            )
            if kind in ("FreeText", "Text"):
                annot.rect = (420.0, box[2], 560.0 if kind == "FreeText" else 440.0, box[4] + 8)
                annot.contents = f"Opmerking {index} bij {line.text[:20]}"
            else:
                annot.boxes = [box]
                annot.contents = "" if kind == "Redact" else f"markering {index}"
            doc.annotate(annot)
    return doc


def write_generated(path: str | Path, pages: int, **options: object) -> Path:
    """Write :func:`generated_document` to ``path``; returns the path."""
    return generated_document(pages, **options).write(path)  # type: ignore[arg-type]
