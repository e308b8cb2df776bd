"""Splitting documents into nota's: the seed release and PDF-like two-column pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from tui.core.anchoring.notas import assign_notas, iso_nota_date, split_notas
from tui.core.model import Annotation, Line, Nota, PageText
from tui.core.summary.document import read_summary


@pytest.fixture(scope="module")
def seed_notas() -> list[Nota]:
    """The nota's the summary reader finds in the seed release."""
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present beside the checkout")
    return read_summary(SEED).notas


def test_seed_nota_inventory(seed_notas: list[Nota]) -> None:
    # The seed holds eight "nota" headings: the nota to the Raad Asiel en Migratie of
    # 17-12-2024 appears twice (once with redaction marks, once as released with the
    # reviewer's comments), so there are seven distinct nota's in eight parts.
    assert len(seed_notas) == 8
    assert len({(n.title, n.date) for n in seed_notas}) == 7
    assert [(n.first_page, n.last_page) for n in seed_notas] == [
        (1, 3), (4, 6), (7, 9), (10, 11), (12, 13), (14, 17), (18, 21), (22, 22),
    ]
    assert [n.date for n in seed_notas] == [
        "2024-10-09", "2024-11-06", "2024-11-22", "2024-12-02", "2024-12-06",
        "2024-12-17", "2024-12-17", "2025-02-05",
    ]
    assert [n.decision for n in seed_notas] == ["TER VOORBEREIDING"] + ["TER BESLISSING"] * 7


def test_seed_nota_fields(seed_notas: list[Nota]) -> None:
    first, second = seed_notas[0], seed_notas[1]
    assert first.title == "Vorbereiding overleg Actieagenda Integratie d.d. 15 oktober 2024"
    assert second.title == "Voortgang Actieagenda Integratie"
    assert seed_notas[2].title == (
        "Concept-Kamerbrief Actieagenda Integratie en Maatschappelijke Samenhang"
    )
    assert seed_notas[5].title == (
        "Concept-Kamerbrief Aankondiging Actieagenda naar Raad Asiel en Migratie"
    )
    assert first.addressee == second.addressee == "Staatssecretaris"
    assert seed_notas[5].addressee == "Staatsecretaris en Minister van SZW"
    assert first.reference == "2024- [redacted]"
    # The 'besproken' stamps are the reviewer's text boxes.
    assert first.discussed == "Staatssecretaris besproken 15-10-2024"
    assert second.discussed == "Staatssecretaris besproken 14-11-2024"
    assert seed_notas[2].discussed is None


MAIN = [
    "Aan Staatssecretaris", "nota", "Voortgang Actieagenda", "Integratie", "Aanleiding",
    "Op 15 oktober jl. vond een eerste overleg plaats.",
]
SIDE = ["TER BESLISSING", "Datum", "6 november 2024", "Onze referentie", "2024-123"]


def _page(number: int, texts: list[str]) -> PageText:
    return PageText(number=number, lines=[Line(text=t, column=0) for t in texts])


@pytest.mark.parametrize("order", ["side-after", "side-before"])
def test_two_column_reading_order(order: str) -> None:
    lines = MAIN + SIDE if order == "side-after" else SIDE + MAIN
    pages = [_page(1, lines), _page(2, ["Kernpunten", "Datum", "06-11-2024"]),
             _page(3, ["Aan Minister", "nota", "Tweede nota", "Aanleiding", "TER INFORMATIE"])]
    notas = split_notas(pages)
    assert [(n.title, n.first_page, n.last_page) for n in notas] == [
        ("Voortgang Actieagenda Integratie", 1, 2), ("Tweede nota", 3, 3),
    ]
    assert (notas[0].date, notas[0].reference, notas[0].decision) == (
        "2024-11-06", "2024-123", "TER BESLISSING",
    )
    assert (notas[1].addressee, notas[1].decision, notas[1].date) == (
        "Minister", "TER INFORMATIE", None,
    )


def test_without_nota_headings_outline_or_title() -> None:
    pages = [_page(n, [f"tekst {n}"]) for n in range(1, 6)]
    parts = split_notas(pages, outline=[("Brief", 1), ("Bijlage", 4), ("Dubbel", 4)])
    assert [(p.title, p.first_page, p.last_page) for p in parts] == [
        ("Brief", 1, 3), ("Bijlage", 4, 5),
    ]
    whole = split_notas(pages, title="Besluit Woo-verzoek")
    assert [(p.title, p.first_page, p.last_page) for p in whole] == [
        ("Besluit Woo-verzoek", 1, 5),
    ]
    assert split_notas([]) == []


def test_assign_notas_and_stamp_from_text_box() -> None:
    pages = [_page(1, MAIN + SIDE), _page(2, ["Aan SG", "nota", "Ander onderwerp"])]
    stamp = Annotation(id="a", kind="freetext", subtype="FreeText", page=1,
                       contents="SG besproken 1-2-2025")
    late = Annotation(id="b", kind="note", subtype="Text", page=2)
    notas = split_notas(pages, annotations=[stamp, late])
    assert notas[0].discussed == "SG besproken 1-2-2025"
    assign_notas([stamp, late], notas)
    assert (stamp.nota, late.nota) == (1, 2)


def test_iso_nota_date() -> None:
    assert iso_nota_date("09-10-2024") == "2024-10-09"
    assert iso_nota_date("2 december 2024") == "2024-12-02"
    assert iso_nota_date("geen datum") is None


def test_sample_pdf_gives_the_same_nota_titles(sample_pdf: Path, seed_notas: list[Nota]) -> None:
    # The PDF's side block may be read into the same lines as the title ("nota TER
    # VOORBEREIDING", "... d.d. 15 09-10-2024"): the split must not depend on layout.
    from tui.core.document import load

    notas = load(sample_pdf).notas
    # The sample builder fixed the seed's typo "Vorbereiding"; everything else is equal.
    assert [n.title.replace("Voorb", "Vorb") for n in notas] == [n.title for n in seed_notas]
    assert [n.decision for n in notas] == [n.decision for n in seed_notas]
    assert notas[0].discussed == "Staatssecretaris besproken 15-10-2024"
