"""The bundled sample release: the seed's comment inventory as real annotations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import sample_builder
from pypdf import PdfReader

WELKE_DAN = (
    "Welke dan? De lengte van de passages is ingekort maar ook dit kabinet en szw in het "
    "bijzonder zal blijven werken aan het tegengaan van elke vorm van discriminatie en racisme"
)
PASSAGES = {
    "Hiervoor zijn al aanwijzingen.",
    "de verwachting uitgesproken dat SZW hier op een actieagenda dient te ontwikkelen.",
    "3. Een sociaal stabiel Nederland",
    "In Nederland is een preventief uitreisverbod niet mogelijk (wel in bijvoorbeeld Zweden)",
}




@pytest.fixture(scope="module")
def build() -> ModuleType:
    """sample_docs/build_sample.py, imported by path (it is not part of the package)."""
    return sample_builder()


@pytest.fixture(scope="module")
def annots(sample_pdf: Path) -> list[tuple[int, Any]]:
    """(page number, annotation dictionary) for every annotation in the sample."""
    reader = PdfReader(sample_pdf)
    return [
        (number, ref.get_object())
        for number, page in enumerate(reader.pages, start=1)
        for ref in page.get("/Annots", [])
    ]


def _rect(annot: Any) -> list[float]:
    return [float(v) for v in annot["/Rect"]]


def test_inventory_matches_the_seed_summaries(annots: list[tuple[int, Any]]) -> None:
    counts = Counter(str(a["/Subtype"]) for _, a in annots)
    assert counts["/FreeText"] == 9  # 6 FreeText + 3 "Tekst plaatsen"
    assert counts["/Highlight"] == 4
    assert counts["/Redact"] == 23
    assert counts["/Text"] == 8
    subjects = Counter(str(a.get("/Subj")) for _, a in annots if a["/Subtype"] != "/Popup")
    assert subjects == {"Markering": 23, "Notitie": 8, "FreeText": 6, "Highlight": 4,
                        "Tekst plaatsen": 3}


def test_reviewer_comments_are_there_with_author(annots: list[tuple[int, Any]]) -> None:
    free = {a.get("/Contents"): (page, a) for page, a in annots if a["/Subtype"] == "/FreeText"}
    for text in (WELKE_DAN, "Waarom in Zweden wel hier niet"):
        assert free[text][1]["/T"] == "Nobel, J.N.J."
    page, welke = free[WELKE_DAN]
    (highlight,) = [a for p, a in annots if p == page
                    and a.get("/Contents") == "Hiervoor zijn al aanwijzingen."]
    # Level with the highlighted sentence, in the right margin.
    assert _rect(welke)[0] > _rect(highlight)[2]
    assert _rect(welke)[1] <= _rect(highlight)[3] and _rect(highlight)[1] <= _rect(welke)[3]


def test_besproken_stamps_sit_at_the_top_of_a_first_page(
    annots: list[tuple[int, Any]], sample_pdf: Path,
) -> None:
    reader = PdfReader(sample_pdf)
    first_pages = {reader.get_destination_page_number(item) + 1 for item in reader.outline}  # type: ignore[arg-type]
    stamps = [(p, a) for p, a in annots if "besproken" in str(a.get("/Contents", ""))]
    assert {a["/Contents"] for _, a in stamps} == {
        "Staatssecretaris besproken 15-10-2024", "Staatssecretaris besproken 14-11-2024"}
    for page, stamp in stamps:
        assert page in first_pages and _rect(stamp)[1] > 780


def test_highlight_quads_cover_their_passages(
    annots: list[tuple[int, Any]], build: ModuleType,
) -> None:
    layout = build.build(build.load_release()).layout
    highlights = [(p, a) for p, a in annots if a["/Subtype"] == "/Highlight"]
    assert {a["/Contents"] for _, a in highlights} == PASSAGES
    for page, annot in highlights:
        quads = [float(v) for v in annot["/QuadPoints"]]
        under = _text_under(layout.page_lines(page), quads)
        assert under == annot["/Contents"]
    crossing = [a for _, a in highlights if a["/Contents"].startswith("In Nederland")]
    assert len(crossing[0]["/QuadPoints"]) >= 16  # it wraps: one quad per line


def _text_under(lines: list[Any], quads: list[float]) -> str:
    """The writer's characters whose centre lies in a quad, lines joined by a space."""
    parts = []
    for line in lines:
        offsets = line.offsets()
        chars = [
            char for i, char in enumerate(line.text)
            if any(quads[q] <= line.x + (offsets[i] + offsets[i + 1]) / 2 <= quads[q + 2]
                   and quads[q + 5] <= line.y + 0.3 * line.size <= quads[q + 1]
                   for q in range(0, len(quads), 8))
        ]
        if chars:
            parts.append("".join(chars).strip())
    return " ".join(parts)


def test_every_annotation_has_identity_author_date_and_colour(
    annots: list[tuple[int, Any]],
) -> None:
    comments = [a for _, a in annots if a["/Subtype"] != "/Popup"]
    names = [a["/NM"] for a in comments]
    assert len(set(names)) == len(names) == 44
    for annot in comments:
        assert annot["/F"] == 4 and len(annot["/C"]) == 3 and "/T" in annot
    dated = [a for a in comments if "/M" in a]
    assert all(a["/M"] == a["/CreationDate"] for a in dated)
    # "Onbepaald" in the summaries means no date: the highlights and most FreeTexts.
    assert len(comments) - len(dated) == 8
    marks = [a for a in comments if a["/Subtype"] == "/Redact"]
    assert {a["/M"] for a in marks} >= {"D:20250207124515+01'00'"}
    assert {a["/T"] for a in comments} == {"", "Nobel, J.N.J.", "[REDACTED]", "[redacted]"}


def test_page_text_is_clean_and_dutch(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for debris in ("Deze pagina bevat geen opmerkingen", "Nummer:", "<sup>", "**", "<b>",
                   "<hr", "[redacted]", "[REDACTED]", "Onderwerp:"):
        assert debris not in text
    for dutch in ("beïnvloeding", "Oekraïne", "€ 37,75 miljoen", "financiële", "coördinerende",
                  "‘geïntegreerd’", "Yeşilgöz".replace("ş", "s")):
        assert dutch in text
    assert "Welke dan?" not in text  # comments are annotations, not page text


def test_regenerating_reproduces_the_committed_file(
    sample_pdf: Path, build: ModuleType, tmp_path: Path,
) -> None:
    out = tmp_path / "again.pdf"
    release = tmp_path / "woo-besluit"
    assert build.main(["--out", str(out), "--release-out", str(release)]) == 0
    assert out.read_bytes() == sample_pdf.read_bytes()
    committed = sample_pdf.parent / "woo-besluit"
    assert sorted(p.name for p in release.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in release.iterdir():
        assert path.read_bytes() == (committed / path.name).read_bytes(), path.name


def test_transcription_matches_the_seed(seed: Path, build: ModuleType) -> None:
    inventory = build.seed_inventory(seed)
    assert len(inventory) == 44
    assert inventory == build.release_inventory(build.load_release())
