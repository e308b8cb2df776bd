"""Positioned text extraction: glyph positions, lines and reading order."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

from tools.pdfgen.fonts import text_width
from tui.core.model import PageText
from tui.core.pdf.content_walk import extract_page_text
from tui.core.pdf.fonts import FontCache

HELVETICA = DictionaryObject({
    NameObject("/Type"): NameObject("/Font"),
    NameObject("/Subtype"): NameObject("/Type1"),
    NameObject("/BaseFont"): NameObject("/Helvetica"),
    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
})


def _stream(content: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(content)
    return stream


def _page_from_content(tmp_path: Path, content: bytes, form: bytes | None = None,
                       form_matrix: tuple[float, ...] = (1, 0, 0, 1, 0, 0)) -> PageText:
    """A one-page PDF with standard Helvetica (no /Widths) drawn by ``content``."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(HELVETICA)
    fonts = DictionaryObject({NameObject("/F1"): font})
    resources = DictionaryObject({NameObject("/Font"): fonts})
    if form is not None:
        xobject = _stream(form)
        xobject[NameObject("/Type")] = NameObject("/XObject")
        xobject[NameObject("/Subtype")] = NameObject("/Form")
        xobject[NameObject("/BBox")] = ArrayObject([FloatObject(v) for v in (0, 0, 595, 842)])
        xobject[NameObject("/Matrix")] = ArrayObject([FloatObject(v) for v in form_matrix])
        xobject[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        resources[NameObject("/XObject")] = DictionaryObject(
            {NameObject("/Fm1"): writer._add_object(xobject)}
        )
    page[NameObject("/Resources")] = resources
    page[NameObject("/Contents")] = writer._add_object(_stream(content))
    path = tmp_path / "page.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return extract_page_text(PdfReader(path), 0)


def _x_of(page: PageText, line: int, char: int) -> float:
    return page.lines[line].glyphs[char].x0


def test_justified_line_keeps_exact_positions(tmp_path: Path) -> None:
    # Word spacing (Tw) and a TJ kerning number move later words; both must be counted.
    content = b"BT /F1 12 Tf 6 Tw 72 700 Td [(Kabinet besluit) -500 (nu)] TJ ET"
    page = _page_from_content(tmp_path, content)
    assert page.lines[0].text == "Kabinet besluit nu"
    start_b = 72 + text_width("Kabinet ", "Helvetica", 12) + 6
    assert abs(_x_of(page, 0, 8) - start_b) < 0.01
    start_nu = 72 + text_width("Kabinet besluit", "Helvetica", 12) + 6 + 0.5 * 12
    assert abs(_x_of(page, 0, 16) - start_nu) < 0.01


def test_scaled_matrix_and_char_spacing(tmp_path: Path) -> None:
    # Size 1 scaled up by Tm, with character spacing and horizontal scaling.
    content = b"BT /F1 1 Tf 0.1 Tc 50 Tz 10 0 0 10 100 500 Tm (ab) Tj ET"
    page = _page_from_content(tmp_path, content)
    line = page.lines[0]
    assert line.text == "ab"
    advance_a = (text_width("a", "Helvetica", 1) + 0.1) * 0.5 * 10
    assert abs(line.glyphs[1].x0 - (100 + advance_a)) < 0.01


def test_form_xobject_text_is_placed_with_its_matrix(tmp_path: Path) -> None:
    form = b"BT /F1 10 Tf 0 0 Td (Beslisnota) Tj ET"
    page = _page_from_content(tmp_path, b"q 1 0 0 1 50 0 cm /Fm1 Do Q", form=form,
                              form_matrix=(1, 0, 0, 1, 20, 600))
    assert page.lines[0].text == "Beslisnota"
    assert abs(_x_of(page, 0, 0) - 70) < 0.01
    assert abs(page.lines[0].glyphs[0].y0 - (600 - 0.2 * 10)) < 0.01


def test_superscript_stays_on_its_line(tmp_path: Path) -> None:
    content = (b"BT /F1 10 Tf 72 700 Td (Zie noot) Tj 4 Ts /F1 6 Tf (1) Tj 0 Ts /F1 10 Tf "
               b"( verder) Tj 0 -14 Td (Volgende regel) Tj ET")
    page = _page_from_content(tmp_path, content)
    assert [line.text for line in page.lines] == ["Zie noot1 verder", "Volgende regel"]


def test_broken_content_returns_what_was_read(tmp_path: Path) -> None:
    content = b"BT /F1 10 Tf 72 700 Td (Eerste regel) Tj /F9 10 Tf (x) Tj Tf Td ET BT ) ET"
    page = _page_from_content(tmp_path, content)
    assert page.lines and page.lines[0].text.startswith("Eerste regel")


def test_one_glyph_per_character_everywhere(corpus: Path) -> None:
    reader = PdfReader(corpus / "pdfannots" / "hotos17.pdf")
    for index in range(len(reader.pages)):
        for line in extract_page_text(reader, index).lines:
            assert len(line.glyphs) == len(line.text)
            assert "".join(g.char for g in line.glyphs) == line.text


def _texts(page: PageText) -> list[str]:
    return [line.text for line in page.lines]


def test_two_columns_are_read_one_after_the_other(corpus: Path) -> None:
    reader = PdfReader(corpus / "pdfannots" / "word2column.pdf")
    page = extract_page_text(reader, 0)
    texts = _texts(page)
    end_left = texts.index(
        "ducimus, qui blanditiis praesentium voluptatum deleniti atque corrupti,"
    )
    assert texts[end_left + 1].startswith("quos dolores et quas molestias")
    assert page.lines[end_left].column == 0 and page.lines[end_left + 1].column == 1


def test_paper_columns_below_a_full_width_title(corpus: Path) -> None:
    reader = PdfReader(corpus / "pdfannots" / "hotos17.pdf")
    texts = _texts(extract_page_text(reader, 3))
    last_left = texts.index("mantics of CALL and RET instructions, no program mod-")
    assert texts[last_left + 1] == "ifications are needed, and the shadow stack can be made"
    first = _texts(extract_page_text(reader, 0))
    assert first[:2] == ["Hardware is the new software", "Andrew Baumann, Microsoft Research"]


SIDE_BLOCK_PAGES = (1, 4, 7, 10, 12, 14, 18, 22)


def test_memo_side_block_is_a_column_of_its_own(sample_pdf: Path) -> None:
    page = extract_page_text(PdfReader(sample_pdf), 0)
    texts = _texts(page)
    assert texts[:6] == [
        "Aan Staatssecretaris", "nota", "Voorbereiding overleg Actieagenda Integratie d.d. 15",
        "oktober 2024", "Aanleiding",
        "• Op 15 oktober om 10.30 uur vindt een eerste overleg met u plaats over",
    ]
    side = [line for line in page.lines if line.column == 1]
    assert [line.text for line in side[:4]] == [
        "TER VOORBEREIDING", "Datum", "09-10-2024", "Onze referentie",
    ]
    first_side = page.lines.index(side[0])
    assert all(line.column == 1 for line in page.lines[first_side:])
    assert all(line.column == 0 for line in page.lines[:first_side])
    assert not any("Voorbereiding" in t and "09-10-2024" in t for t in texts)


def test_every_side_block_of_the_sample_is_read_apart(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    fonts = FontCache()
    for number in SIDE_BLOCK_PAGES:
        page = extract_page_text(reader, number - 1, fonts)
        side = [line.text for line in page.lines if line.column == 1]
        main = [line.text for line in page.lines if line.column == 0]
        assert "Datum" in side and "Onze referentie" in side, number
        assert not any(label in text for text in main
                       for label in ("Datum", "Onze referentie", "Bijlage(n)")), number


def test_label_value_form_stays_on_its_rows(tmp_path: Path) -> None:
    # Short labels with a wide gap to long values: a form, not a narrow column.
    rows = [("Datum", "9 oktober 2024, na afloop van het overleg met de directie"),
            ("Kenmerk", "2024-0001234 en de bijbehorende stukken van het dossier"),
            ("Onderwerp", "Voorbereiding overleg Actieagenda Integratie en Samenhang"),
            ("Bijlage", "Outline van de Actieagenda, versie van 8 oktober 2024")]
    content = b"BT /F1 10 Tf"
    for i, (label, value) in enumerate(rows):
        y = 700 - 14 * i
        content += f" 1 0 0 1 70 {y} Tm ({label}) Tj 1 0 0 1 180 {y} Tm ({value}) Tj".encode()
    page = _page_from_content(tmp_path, content + b" ET")
    assert _texts(page) == [f"{label} {value}" for label, value in rows]
