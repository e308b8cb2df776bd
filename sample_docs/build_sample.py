"""Build the bundled sample release PDFs from their curated transcription.

``release.json`` (next to this script) holds the page text of the release in the seed
(``../shared/seed/000_ff3be380ce62422a.txt``) without the conversion debris, plus every
entry of Acrobat's comment summaries on the page it belongs to. This script lays the notas
out on A4 pages the way the originals look (text column left, side block right, comments
in the right margin) and writes two PDFs:

* ``nota-actieagenda-integratie.pdf``: each summary entry as a real (live) annotation;
* ``nota-actieagenda-integratie-gepubliceerd.pdf``: the release as it is published, every
  annotation burned into its page and each page followed by its comment summary
  (:mod:`published`);

and ``woo-besluit/``: the nota's as a Woo-besluit — a decision letter, an inventory list and
one PDF per nota named by its document number (:mod:`release_sample`).

Usage::

    python sample_docs/build_sample.py [--seed PATH] [--out PATH] [--published-out PATH]
                                       [--release-out FOLDER]

With ``--seed`` the comment inventory of the transcription is first checked against the
seed's summaries (same subjects and dates in the same order). The output is
deterministic: running it again gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as a script, the repository root (which holds tools/) is not on the path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_docs import published, release_sample
from tools.pdfgen.document import REDACTED, PdfAnnot, PdfBuilder, measure, wrap
from tools.pdfgen.fonts import FontName
from tui.core.anchoring.grounds import mentions_ground, normalise_ground

HERE = Path(__file__).resolve().parent
RELEASE = HERE / "release.json"
DEFAULT_OUT = HERE / "nota-actieagenda-integratie.pdf"
DEFAULT_PUBLISHED_OUT = HERE / "nota-actieagenda-integratie-gepubliceerd.pdf"
DEFAULT_SEED = HERE.parent.parent / "shared" / "seed" / "000_ff3be380ce62422a.txt"
DEFAULT_RELEASE_OUT = HERE / "woo-besluit"

LEFT = 70.0
COLUMN = 330.0
SIDE_X = 430.0
MARGIN_X = 412.0
MARGIN_WIDTH = 168.0
TOP = 790.0
BOTTOM = 50.0
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)

YELLOW = (1.0, 0.82, 0.0)
RED = (1.0, 0.0, 0.0)
BLUE = (0.0, 0.0, 1.0)
BLACK = (0.0, 0.0, 0.0)

#: Summary subject -> (PDF subtype, colour).
SUBJECTS: dict[str, tuple[str, tuple[float, float, float]]] = {
    "FreeText": ("FreeText", BLUE),
    "Tekst plaatsen": ("FreeText", BLACK),
    "Highlight": ("Highlight", YELLOW),
    "Markering": ("Redact", RED),
    "Notitie": ("Text", YELLOW),
}


@dataclass
class Style:
    """Font sizes for one page, scaled down together when a page would overflow."""

    size: float

    @property
    def leading(self) -> float:
        return round(self.size * 1.3, 3)


def expand(notas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Resolve ``copy_of`` entries: a later copy of a nota with its own comments."""
    result: list[dict[str, Any]] = []
    for nota in notas:
        if "copy_of" not in nota:
            result.append(nota)
            continue
        original = result[nota["copy_of"] - 1]
        pages = []
        for page, own in zip(original["pages"], nota["pages"], strict=True):
            blocks = []
            for block in page["blocks"]:
                for old, new in nota.get("replace", []):
                    block = block.replace(old, new)
                blocks.append(block)
            pages.append({"blocks": blocks, "comments": own["comments"]})
        result.append({**original, "pages": pages})
    return result


def draw_blocks(doc: PdfBuilder, page: int, blocks: list[str], y: float, style: Style) -> float:
    """Draw a page's blocks from baseline ``y`` down; returns the next free baseline."""
    s, lead = style.size, style.leading
    for raw in blocks:
        block = raw.replace("[R]", REDACTED)
        kind, _, text = block.partition(" ")
        if kind in ("#", "##", "###"):
            y -= 0.5 * s if kind == "#" else 0.2 * s
            font: FontName = "Helvetica-Oblique" if kind == "###" else "Helvetica-Bold"
            size = s + 1 if kind == "#" else s
            _, y = doc.paragraph(page, text, x=LEFT, y=y, width=COLUMN, font=font, size=size,
                                 leading=lead)
        elif kind in ("-", "--", ">"):
            depth = 24.0 if kind == "--" else 12.0
            if kind != ">":
                doc.text(page, LEFT + depth - 11, y, "•" if kind == "-" else "–", size=s)
            _, y = doc.paragraph(page, text, x=LEFT + depth, y=y, width=COLUMN - depth, size=s,
                                 leading=lead)
        elif re.fullmatch(r"\d+\.", kind):
            _, y = doc.paragraph(page, block, x=LEFT, y=y, width=COLUMN, size=s, leading=lead,
                                 indent=14)
        elif kind == "|":
            y = draw_row(doc, page, [c.strip() for c in text.split(" | ")], y, style)
        elif kind == "^":
            _, y = doc.paragraph(page, text, x=LEFT, y=y, width=COLUMN, size=7.5, leading=9.5)
        elif kind == "=":
            doc.text(page, LEFT, y, REDACTED, size=s, gap=COLUMN - 30)
            y -= lead
        else:
            _, y = doc.paragraph(page, block, x=LEFT, y=y, width=COLUMN, size=s, leading=lead)
        y -= 0.35 * s
    return y


def draw_row(doc: PdfBuilder, page: int, cells: list[str], y: float, style: Style) -> float:
    """One table row: cells side by side, each wrapped in its column."""
    widths = {2: (110.0, 220.0), 3: (60.0, 165.0, 105.0)}[len(cells)]
    size = style.size - 1
    lead = round(size * 1.25, 3)
    x, lowest = LEFT, y
    for cell, width in zip(cells, widths, strict=True):
        _, after = doc.paragraph(page, cell, x=x, y=y, width=width - 6, size=size, leading=lead)
        lowest = min(lowest, after)
        x += width
    return lowest


def draw_header(doc: PdfBuilder, page: int, nota: dict[str, Any], style: Style) -> float:
    """Addressee, the word "nota" and the title; returns the first body baseline."""
    doc.text(page, LEFT, TOP - 10, nota["addressee"], size=10)
    doc.text(page, LEFT, TOP - 45, "nota", font="Helvetica-Bold", size=20)
    _, y = doc.paragraph(page, nota["title"], x=LEFT, y=TOP - 75, width=COLUMN,
                         font="Helvetica-Bold", size=12, leading=15)
    return y - 0.5 * style.size


def draw_side(doc: PdfBuilder, page: int, nota: dict[str, Any]) -> None:
    """The side block in the right column: decision kind, then label / value pairs."""
    y = TOP - 45
    doc.text(page, SIDE_X, y, nota["decision"], font="Helvetica-Bold", size=9)
    y -= 20
    for label, value in nota["side"]:
        doc.text(page, SIDE_X, y, label, font="Helvetica-Bold", size=7.5)
        y -= 9.5
        if value:
            doc.text(page, SIDE_X, y, value.replace("[R]", REDACTED), size=7.5, gap=45)
        y -= 13


def fits(nota: dict[str, Any], blocks: list[str], first: bool, style: Style) -> bool:
    """Whether the page's blocks end above the bottom margin at this size."""
    scratch = PdfBuilder()
    page = scratch.new_page()
    y = draw_header(scratch, page, nota, style) if first else TOP
    return draw_blocks(scratch, page, blocks, y, style) >= BOTTOM


def build(release: dict[str, Any], *, publish: bool = False) -> PdfBuilder:
    """Lay out every nota and annotate it: with live annotations, or as published."""
    doc = PdfBuilder(title=release["title"], producer="kantlijn sample_docs/build_sample.py")
    heading: str | None = f"Overzicht van opmerkingen bij {release['title']}.pdf"
    for index, nota in enumerate(expand(release["notas"]), start=1):
        for number, content in enumerate(nota["pages"]):
            style = next(
                (Style(s) for s in SIZES if fits(nota, content["blocks"], number == 0, Style(s))),
                Style(SIZES[-1]),
            )
            page = doc.new_page()
            if number == 0:
                doc.outline(f"{index}. {nota['title']}", page)
                y = draw_header(doc, page, nota, style)
                draw_blocks(doc, page, content["blocks"], y, style)
                draw_side(doc, page, nota)
            else:
                draw_blocks(doc, page, content["blocks"], TOP, style)
            marks = page_annotations(doc, page, content["comments"])
            if not publish:
                for _, annot in marks:
                    doc.annotate(annot)
                continue
            entries = [summary_entry(comment) for comment, _ in marks]
            published.flatten(doc, page, list(zip(entries, (a for _, a in marks), strict=True)),
                              page_ground(content["comments"]), style.size)
            published.summary_pages(doc, entries, heading=heading)
            heading = None
    return doc


def summary_entry(comment: dict[str, Any]) -> published.Entry:
    """A comment as its page's summary lists it."""
    return published.Entry(comment["n"], comment["author"], comment["subj"], comment["date"],
                           comment.get("text", ""))


def page_ground(comments: list[dict[str, Any]]) -> str | None:
    """The Woo ground a page's sticky note gives its redactions (printed in their boxes)."""
    for comment in comments:
        text = comment.get("text", "")
        if comment["subj"] == "Notitie" and mentions_ground(text):
            return normalise_ground(text)
    return None


def page_annotations(
    doc: PdfBuilder, page: int, comments: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], PdfAnnot]]:
    """A page's summary entries as annotations (not yet added), with the redacted boxes drawn."""
    gaps = doc.layout.gaps(page)
    marks = [c for c in comments if c["subj"] == "Markering"]
    if len(marks) > len(gaps):
        raise SystemExit(f"page {page}: {len(marks)} redaction marks but {len(gaps)} gaps")
    groups = split_evenly(gaps, len(marks))
    for box in gaps:
        _, x0, y0, x1, y1 = box
        doc.fill_box(page, (x0 + 1, y0, x1 - 1, y1))
    pairs = []
    for comment in comments:
        subtype, colour = SUBJECTS[comment["subj"]]
        annot = PdfAnnot(
            subtype, page, author=comment["author"], subject=comment["subj"],
            date=comment["date"], color=colour, name=f"sample-p{page:02d}-n{comment['n']:02d}",
        )
        if subtype == "Redact":
            annot.boxes = groups[marks.index(comment)]
        elif subtype == "Highlight":
            annot.contents = comment["text"]
            annot.boxes = doc.layout.find(comment["quote"], page=page)
        else:
            annot.contents = comment["text"]
            annot.rect = place(doc, page, comment, gaps)
            if comment["subj"] == "Tekst plaatsen":
                annot.intent = "FreeTextTypewriter"
                annot.default_appearance = "0 0 0 rg /Helv 11 Tf"
            elif subtype == "FreeText":
                annot.default_appearance = "0 0 1 rg /Helv 8 Tf"
            annot.popup = subtype == "Text"
        pairs.append((comment, annot))
    return pairs


def place(doc: PdfBuilder, page: int, comment: dict[str, Any],
          gaps: list[tuple[int, float, float, float, float]]) -> tuple[float, float, float, float]:
    """Where a FreeText or sticky note goes: at the top, or in the margin beside a line."""
    if comment.get("at") == "top":
        lines = comment["text"].split("\n") or [""]
        width = max([measure(line, size=11) for line in lines] + [120.0])
        return (SIDE_X - 40, 828 - 13 * len(lines), SIDE_X - 40 + width + 8, 832)
    if "beside" in comment:
        top = doc.layout.find(comment["beside"], page=page)[0][4]
    elif gaps:
        top = gaps[0][4]
    else:
        top = TOP
    if comment["subj"] == "Notitie":
        return (LEFT + COLUMN + 2, top - 18, LEFT + COLUMN + 20, top)
    lines = wrap(comment["text"], MARGIN_WIDTH - 8, size=8)
    return (MARGIN_X, top - 10 * len(lines) - 4, MARGIN_X + MARGIN_WIDTH, top + 2)


def split_evenly(items: list[Any], parts: int) -> list[list[Any]]:
    """``items`` cut into ``parts`` contiguous groups whose sizes differ by at most one."""
    if parts == 0:
        return []
    size, extra = divmod(len(items), parts)
    groups, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        groups.append(items[start:end])
        start = end
    return groups


_ENTRY = re.compile(
    r"Nummer:\s*(\d+)\s+Auteur:?\s*(.*?)\s*Onderwerp:\s*(.+?)\s+Datum:\s*(.+?)\s*$"
)


def seed_inventory(seed: Path) -> list[tuple[str, str]]:
    """(subject, date) of every comment summary entry in the seed, in order."""
    entries = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        match = _ENTRY.search(line)
        if match:
            entries.append((match.group(3).strip(), match.group(4).strip()))
    return entries


def release_inventory(release: dict[str, Any]) -> list[tuple[str, str]]:
    """(subject, date) of every comment in the transcription, in document order."""
    return [
        (c["subj"], c["date"])
        for nota in expand(release["notas"])
        for page in nota["pages"]
        for c in page["comments"]
    ]


def load_release(path: Path = RELEASE) -> dict[str, Any]:
    """The curated transcription."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, help="check the transcription against this seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the PDF with live annotations")
    parser.add_argument("--published-out", type=Path, default=DEFAULT_PUBLISHED_OUT,
                        help="where to write the PDF as published (flattened, with summaries)")
    parser.add_argument("--release-out", type=Path, default=DEFAULT_RELEASE_OUT,
                        help="the folder to write the nota's to as a Woo-besluit")
    args = parser.parse_args(argv)
    release = load_release()
    if args.seed is not None:
        if not args.seed.is_file():
            print(f"build_sample: seed not found: {args.seed}", file=sys.stderr)
            return 2
        if seed_inventory(args.seed) != release_inventory(release):
            print("build_sample: the transcription's comments differ from the seed's",
                  file=sys.stderr)
            return 1
    build(release).write(args.out)
    print(f"wrote {args.out}")
    build(release, publish=True).write(args.published_out)
    print(f"wrote {args.published_out}")
    release_sample.write_release(expand(release["notas"]), lambda nota: build(
        {"title": nota["title"], "notas": [nota]}), args.release_out)
    print(f"wrote {args.release_out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
