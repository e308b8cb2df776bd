"""A comment summary printed in a PDF, in each of Acrobat's layouts, built with the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf_fixtures import make_pdf
from tools.pdfgen.document import PdfAnnot, PdfBuilder
from tui.core.document import load
from tui.core.model import Annotation, Extraction

MEMO = [
    "Aan de directeur",
    "De gemeente heeft de subsidie nog niet aangevraagd.",
    "Hiervoor zijn al aanwijzingen in de rapportage.",
    "Wij stellen voor het gesprek in januari te voeren.",
]
SECOND = [
    "Bijlage: planning",
    "In februari volgt een evaluatie met de partners.",
]
TITLE = "Overzicht van opmerkingen bij memo.pdf"
HIGHLIGHT = "Nummer: 1  Auteur: Jansen, P.  Onderwerp: Markeren  Datum: 3-3-2025 10:15:00"
NOTE = "Nummer: 2  Auteur: Jansen, P.  Onderwerp: Notitie  Datum: 3-3-2025 10:16:30"


def _by_id(x: Extraction) -> dict[str, Annotation]:
    return {a.id: a for a in x.annotations}


def _texts(x: Extraction, number: int) -> list[str]:
    return [line.text for line in next(p for p in x.pages if p.number == number).lines]


def test_document_and_comments_on_separate_pages(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", pages=[
        MEMO,
        [TITLE, "Pagina: 1", HIGHLIGHT, "Hiervoor zijn al aanwijzingen", NOTE,
         "Welke aanwijzingen?", "Graag de bron erbij."],
        SECOND,
        ["Deze pagina bevat geen opmerkingen."],
    ])
    x = load(pdf)
    assert x.document.source == "summary-pdf"
    assert x.document.pages == 4
    # The reader gets the document pages, numbered as in the file; the summary apart.
    assert [p.number for p in x.pages] == [1, 3]
    assert [p.number for p in x.summary_pages] == [2, 4]
    assert _texts(x, 3) == SECOND
    found = _by_id(x)
    assert set(found) == {"p1-n1", "p1-n2"}
    highlight, note = found["p1-n1"], found["p1-n2"]
    assert (highlight.kind, highlight.author, highlight.created) == (
        "highlight", "Jansen, P.", "2025-03-03T10:15:00")
    # Found on its page across the missing full stop, spans on the words themselves.
    assert highlight.anchor is not None and highlight.anchor.via == "quote"
    assert highlight.anchor.text == "Hiervoor zijn al aanwijzingen"
    assert highlight.spans[0].line == 2
    # A note without a mark on the page stands beside the highlight numbered next to it;
    # its two lines were printed as two lines (the first ended short of the margin).
    assert note.kind == "note"
    assert note.contents == "Welke aanwijzingen?\nGraag de bron erbij."
    assert note.anchor is not None and note.anchor.annotation == "p1-n1"
    assert not x.warnings


def test_all_comments_at_the_end_with_page_headings(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", pages=[
        MEMO,
        SECOND,
        [TITLE, "Pagina: 2",
         "Nummer: 1  Auteur: Jansen, P.  Onderwerp: Tekst markeren  Datum: 4-3-2025 09:00:00",
         "evaluatie met de partners",
         "Pagina: 1",
         "Nummer: 1  Auteur: Smit, A.  Onderwerp: Opmerking  Datum: 4-3-2025 09:05:00",
         "Eerst navragen bij de gemeente."],
    ])
    x = load(pdf)
    assert [p.number for p in x.pages] == [1, 2]
    assert [p.number for p in x.summary_pages] == [3]
    found = _by_id(x)
    assert found["p2-n1"].quote == "evaluatie met de partners"
    assert found["p2-n1"].anchor is not None and found["p2-n1"].anchor.page == 2
    assert (found["p1-n1"].kind, found["p1-n1"].contents) == (
        "note", "Eerst navragen bij de gemeente.")
    assert found["p1-n1"].anchor is not None and found["p1-n1"].anchor.page == 1


def test_english_labels(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", pages=[
        MEMO,
        ["Summary of Comments on memo.pdf", "Page: 1",
         "Number: 1  Author: Jones  Subject: Highlight  Date: 3/14/2025 4:05:00 PM",
         "subsidie nog niet aangevraagd"],
    ])
    x = load(pdf)
    (highlight,) = x.annotations
    assert (highlight.author, highlight.created) == ("Jones", "2025-03-14T16:05:00")
    assert highlight.quote == "subsidie nog niet aangevraagd"
    assert x.document.title == "memo"


def test_comments_only(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", pages=[
        [TITLE, "Pagina: 1", HIGHLIGHT, "Hiervoor zijn al aanwijzingen", "Pagina: 3", NOTE,
         "Welke aanwijzingen?"],
    ])
    x = load(pdf)
    # Nothing else to read: the summary page is the document, each comment beside its entry.
    assert x.document.source == "summary-pdf"
    assert [p.number for p in x.pages] == [1] and not x.summary_pages
    by_contents = {a.contents: a for a in x.annotations}
    note = by_contents["Welke aanwijzingen?"]
    assert note.anchor is not None and note.anchor.via == "summary"
    assert note.anchor.text.startswith("Nummer: 2")


def test_torn_entry_unknown_subject_and_missing_page_are_warnings(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", pages=[
        MEMO,
        [TITLE, "Pagina: 1",
         "Nummer: 1  Auteur: Jansen, P.",
         "wat hier ooit stond",
         "Nummer: 2  Auteur: Jansen, P.  Onderwerp: Vlekje  Datum: 3-3-2025 10:16:30",
         "Een onbekend soort opmerking.",
         NOTE.replace("Nummer: 2", "Nummer: 3"), "Dit blijft staan.",
         "Pagina: 7", HIGHLIGHT, "een pagina die er niet is"],
    ])
    x = load(pdf)
    assert {a.contents for a in x.annotations} == {"Een onbekend soort opmerking.",
                                                   "Dit blijft staan."}
    assert x.annotations[0].kind == "note"
    text = "\n".join(x.warnings)
    assert ("page 2: summary entry not understood:"
            " 'Nummer: 1 Auteur: Jansen, P. / wat hier ooit stond'") in text
    assert "unknown subject 'Vlekje'" in text
    assert "for page 7, which the document does not have: 'een pagina die er niet is'" in text


def test_a_memo_quoting_the_grammar_is_read_as_text(tmp_path: Path) -> None:
    quoting = [
        "Aan de directeur",
        "In het overzicht staat bij elke opmerking een kop als",
        HIGHLIGHT,
        "en daaronder de tekst van de opmerking.",
    ]
    x = load(make_pdf(tmp_path / "memo.pdf", pages=[quoting, SECOND]))
    assert x.document.source == "pdf"
    assert not x.annotations and not x.summary_pages
    assert _texts(x, 1) == [" ".join(line.split()) for line in quoting]


def test_a_header_whose_fields_stand_apart_is_read_as_one(tmp_path: Path) -> None:
    # Acrobat spaces the fields widely: text extraction may read them as columns.
    doc = PdfBuilder(title="memo")
    page = doc.new_page()
    for index, line in enumerate(MEMO):
        doc.text(page, 70, 780 - 14 * index, line)
    summary = doc.new_page()
    doc.text(summary, 70, 780, TITLE, size=12)
    for y, number in ((750, 1), (710, 2), (670, 3)):
        doc.text(summary, 70, y, f"Nummer: {number}   Auteur: Jansen, P.")
        doc.text(summary, 300, y, "Onderwerp: Notitie   Datum: 3-3-2025 10:16:30")
        doc.text(summary, 82, y - 13, f"Opmerking {number}")
    x = load(doc.write(tmp_path / "memo.pdf"))
    assert [a.contents for a in x.annotations] == ["Opmerking 1", "Opmerking 2", "Opmerking 3"]
    assert {a.created for a in x.annotations} == {"2025-03-03T10:16:30"}


@pytest.mark.parametrize("pages", [[MEMO], [MEMO, SECOND]])
def test_documents_without_a_summary_are_unchanged(tmp_path: Path, pages: list[list[str]]) -> None:
    x = load(make_pdf(tmp_path / "memo.pdf", pages=pages))
    assert x.document.source == "pdf"
    assert [p.number for p in x.pages] == list(range(1, len(pages) + 1))
    assert not x.summary_pages and not x.annotations
    assert "summary_pages" not in x.to_dict(include_pages=True)


def test_numbers_leave_the_text_and_live_marks_stay_on_their_words(tmp_path: Path) -> None:
    # Someone highlighted a word of the published release: after the summary's number is
    # cut from the line, the highlight still covers that word.
    doc = PdfBuilder(title="memo")
    page = doc.new_page()
    doc.text(page, 58, 780, "1", size=6)
    doc.text(page, 70, 780, "Hiervoor zijn al aanwijzingen in de rapportage.")
    doc.text(page, 70, 766, "Wij stellen voor het gesprek in januari te voeren.")
    doc.annotate(PdfAnnot("Highlight", page, boxes=doc.layout.find("aanwijzingen"),
                          author="Lezer", name="live-1"))
    summary = doc.new_page()
    for index, line in enumerate([TITLE, "Pagina: 1", NOTE.replace("Nummer: 2", "Nummer: 1"),
                                  "Welke aanwijzingen?"]):
        doc.text(summary, 70, 780 - 14 * index, line)
    x = load(doc.write(tmp_path / "memo.pdf"))
    assert _texts(x, 1)[0] == "Hiervoor zijn al aanwijzingen in de rapportage."
    found = _by_id(x)
    live = found["live-1"]
    assert [(s.line, s.start, s.end) for s in live.spans] == [(0, 17, 29)]
    note = found["p1-n1"]
    # The note stands where its number is: level with the first line.
    assert note.anchor is not None and note.anchor.line == 0
