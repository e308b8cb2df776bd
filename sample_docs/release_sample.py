"""The bundled nota's as a Woo-besluit: a decision letter, an inventory and the documents.

Each nota of the transcription becomes a document of its own, numbered from 1001, with its
number printed at the foot of every page as a combined release prints it; the inventory
(``inventarislijst.xlsx``) lists them with the grounds their own redaction notes give, so
kantlijn's cross-check of the sample finds nothing. :func:`write_release` writes the folder;
:func:`release_spec` is the same release for :mod:`tools.pdfgen.release` (the combined form).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.pdfgen.document import PdfBuilder
from tools.pdfgen.release import DocSpec, ReleaseSpec, draw_letter, write_inventory_xlsx
from tui.core.anchoring.grounds import GROUND_LABELS, mentions_ground, normalise_ground

FIRST_NUMBER = 1001
TITLE = "Besluit op het Woo-verzoek over de Actieagenda Integratie"
LETTER = [
    "Geachte heer, mevrouw,",
    "U heeft gevraagd om openbaarmaking van de nota's over de Actieagenda Integratie en "
    "Maatschappelijke Samenhang. In dit besluit beslis ik op uw verzoek op grond van de Wet "
    "open overheid (Woo).",
    "Ik heb acht documenten gevonden. Ik maak ze openbaar, deels met weglakkingen. Welke "
    "documenten het zijn, met de beoordeling en de gronden per document, staat in de "
    "inventarislijst bij dit besluit.",
    "Informatie over de betrekkingen van Nederland met andere staten (artikel 5.1, tweede lid, "
    "onder a) en over de financiële belangen van de Staat (artikel 5.1, tweede lid, onder b) "
    "heb ik weggelakt, evenals namen van medewerkers.",
]

BuildOne = Callable[[dict[str, Any]], PdfBuilder]
"""Lays out one nota with its live annotations (the sample builder's ``build``)."""


def _grounds(nota: dict[str, Any]) -> list[str]:
    """The grounds the nota's own redaction notes state, in the order they come."""
    found: list[str] = []
    for page in nota["pages"]:
        for comment in page["comments"]:
            text = comment.get("text", "")
            if comment["subj"] == "Notitie" and mentions_ground(text):
                code = normalise_ground(text)
                if code in GROUND_LABELS and code not in found:
                    found.append(code)
    return found


def _redacted(nota: dict[str, Any]) -> bool:
    return any(c["subj"] == "Markering" for page in nota["pages"] for c in page["comments"])


def release_spec(notas: list[dict[str, Any]]) -> ReleaseSpec:
    """The sample release: one document per nota, its inventory row from the nota."""
    documents = []
    for number, nota in enumerate(notas, start=FIRST_NUMBER):
        grounds = _grounds(nota)
        redacted = _redacted(nota)
        documents.append(DocSpec(
            str(number), nota["title"], date=dict(nota["side"]).get("Datum", ""),
            judgement="Deels openbaar" if redacted else "Openbaar", grounds="; ".join(grounds),
            explanation="namen van medewerkers" if redacted and not grounds else "",
        ))
    return ReleaseSpec(TITLE, LETTER, documents)


def stamp_pages(doc: PdfBuilder, docnr: str, first: int = 1) -> None:
    """The document number at the foot of each page from ``first`` on."""
    for page in range(first, doc.page_count + 1):
        doc.text(page, 480, 25, f"ID {docnr}", size=8, record=False)


def write_release(notas: list[dict[str, Any]], build_one: BuildOne, folder: Path) -> Path:
    """The sample release as a folder: besluit.pdf, inventarislijst.xlsx, 1001.pdf, …"""
    spec = release_spec(notas)
    folder.mkdir(parents=True, exist_ok=True)
    letter = PdfBuilder(title=TITLE, producer="kantlijn sample_docs/build_sample.py")
    draw_letter(letter, spec)
    letter.write(folder / "besluit.pdf")
    write_inventory_xlsx(folder / "inventarislijst.xlsx", spec.documents)
    for document, nota in zip(spec.documents, notas, strict=True):
        pdf = build_one(nota)
        stamp_pages(pdf, document.docnr)
        pdf.write(folder / f"{document.docnr}.pdf")
    return folder
