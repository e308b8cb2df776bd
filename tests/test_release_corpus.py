"""Real documents of a VWS Woo release (the shared corpus) as a release, in both forms.

The three scanned documents print their number at the top right of their page (a bare
``173783``) and carry OCR'd ground codes where words were removed (``5.1.2e``, ``5.1.2¢``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from tools.pdfgen.document import PdfBuilder
from tools.pdfgen.release import DocSpec, ReleaseSpec, draw_inventory, draw_letter
from tui.core.release.model import Release
from tui.core.release.reading import read_release

FILES = {
    "173783": "173783.pdf",
    "191220": "191220.pdf",
    "195461": "VWS-WOO-195461-FW_Noodverordening_regio_Haaglanden_20_september_2020.pdf",
}


def _release(corpus: Path, tmp_path: Path, rows: list[DocSpec]) -> tuple[Release, Release]:
    folder = tmp_path / "besluit"
    folder.mkdir()
    for name in FILES.values():  # named as published: 173783.pdf, VWS-WOO-195461-FW_….pdf
        shutil.copy(corpus / "woo" / name, folder / name)
    lines = ["Document ID;Documentnaam;Datum;Beoordeling;Beoordelingsgrond"]
    lines += [f"{r.docnr};{r.name};{r.date};{r.judgement};{r.grounds}" for r in rows]
    (folder / "inventarislijst.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = ReleaseSpec("Besluit Woo-verzoek verpleeghuizen", ["Geachte heer,"], rows)
    front = PdfBuilder(title=spec.title)
    draw_letter(front, spec)
    draw_inventory(front, rows)
    writer = PdfWriter()
    writer.append(PdfReader(front.write(tmp_path / "front.pdf")))
    for name in FILES.values():
        writer.append(PdfReader(folder / name))
    combined = tmp_path / "besluit.pdf"
    with combined.open("wb") as out:
        writer.write(out)
    return read_release(folder), read_release(combined)


def test_a_real_release_as_listed_has_no_finding(corpus: Path, tmp_path: Path) -> None:
    rows = [DocSpec("173783", "E-mail handreiking bezoek verpleeghuizen", "14-09-2020",
                    "Deels openbaar", "5.1.2e"),
            DocSpec("191220", "E-mail voor infact", "16-09-2020", "Openbaar", ""),
            DocSpec("VWS-WOO-195461", "FW: Noodverordening regio Haaglanden", "20-09-2020",
                    "Deels openbaar", "5.1.2.e")]
    folder, combined = _release(corpus, tmp_path, rows)
    assert folder.findings == combined.findings == []
    assert [(d.docnr, d.first_page, d.pages, d.grounds_found) for d in combined.documents] == [
        ("173783", 3, 1, ["5.1.2e"]), ("191220", 4, 1, []), ("195461", 5, 1, ["5.1.2e"])]


def test_a_real_release_listed_wrongly(corpus: Path, tmp_path: Path) -> None:
    rows = [DocSpec("173783", "E-mail", "14-09-2020", "Openbaar", "5.1.2e"),
            DocSpec("191220", "E-mail", "16-09-2020", "Deels openbaar", "5.1.2e"),
            DocSpec("VWS-WOO-195461", "FW", "20-09-2020", "Deels openbaar", "5.1.2a")]
    folder, combined = _release(corpus, tmp_path, rows)
    assert folder.findings == combined.findings
    assert [(f.kind, f.docnr, f.page) for f in folder.findings] == [
        ("redacted-but-public", "173783", 1),
        ("partly-public-without-redaction", "191220", None),
        ("inventory-ground-not-found", "191220", None),
        ("ground-not-in-inventory", "VWS-WOO-195461", 1),
        ("inventory-ground-not-found", "VWS-WOO-195461", None),
    ]
