"""Lines on real layouts: raised and lowered marks stay on their line, a drop cap joins its
paragraph's first line and does not chain two columns into one line."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.raw_pdf import one_page
from tools.pdfgen.fonts import text_width
from tui.core.anchoring.quotes import quote_for
from tui.core.document import load
from tui.core.model import PageText
from tui.core.pdf.content_walk import extract_page_text


def _page(tmp_path: Path, content: bytes) -> PageText:
    return extract_page_text(PdfReader(one_page(tmp_path / "page.pdf", content)), 0)


def _texts(page: PageText) -> list[str]:
    return [line.text for line in page.lines]


def test_footnote_mark_past_the_tolerance_joins_the_word_it_follows(tmp_path: Path) -> None:
    # A 6 pt mark raised 4.5 pt over 10 pt text: further than the row tolerance (4 pt).
    content = (b"BT /F1 10 Tf 200 700 Td (Adobe Corporation) Tj 4.5 Ts /F1 6 Tf (#) Tj "
               b"0 Ts /F1 10 Tf 0 -14 Td (edwsmith@adobe.com) Tj ET")
    page = _page(tmp_path, content)
    assert _texts(page) == ["Adobe Corporation#", "edwsmith@adobe.com"]
    # A strike-out over the whole line quotes the mark where it stands, not before the words.
    x1 = 200 + text_width("Adobe Corporation", "Helvetica", 10) + text_width("#", "Helvetica", 6)
    quad = (199, 710, x1 + 1, 710, 199, 697, x1 + 1, 697)
    assert quote_for(page, [quad])[0] == "Adobe Corporation#"


def test_subscript_below_the_tolerance_joins_its_formula(tmp_path: Path) -> None:
    content = (b"BT /F1 10 Tf 70 700 Td (Water is H) Tj -3 Ts /F1 6 Tf (2) Tj 0 Ts /F1 10 Tf "
               b"(O and salt is NaCl.) Tj 0 -14 Td (Next line) Tj ET")
    assert _texts(_page(tmp_path, content)) == ["Water is H2O and salt is NaCl.", "Next line"]


LEFT = ["he domestic cat is a popular pet,", "with many millions kept in homes",
        "and other members of the family", "last shared an ancestor with us",
        "about ninety million years ago.", "The cat family includes many"]
RIGHT = ["Previous studies have assessed breed", "differentiation and the origins of",
         "the domestic cat, and the extent of", "recent introgression between cats",
         "and wildcats. Little is known about", "the impact of domestication on cats."]


def test_drop_cap_joins_the_first_line_and_the_columns_stay_apart(tmp_path: Path) -> None:
    # A 30 pt "T" drawn on the second line's baseline, its top level with the first line's;
    # the right column's 8 pt lines stand 3 pt higher than the left column's.
    cap_right = 72 + text_width("T", "Helvetica", 30)
    content = b"BT /F1 30 Tf 1 0 0 1 72 686 Tm (T) Tj /F1 9 Tf"
    for index, line in enumerate(LEFT):
        x = cap_right + 0.3 if index < 2 else 72
        content += f" 1 0 0 1 {x:.2f} {700 - 14 * index} Tm ({line}) Tj".encode()
    content += b" /F1 8 Tf"
    for index, line in enumerate(RIGHT):
        content += f" 1 0 0 1 320 {703 - 14 * index} Tm ({line}) Tj".encode()
    page = _page(tmp_path, content + b" ET")
    assert _texts(page) == ["T" + LEFT[0], *LEFT[1:], *RIGHT]
    assert [line.column for line in page.lines] == [0] * 6 + [1] * 6


def test_a_big_bullet_stays_on_its_own_line(tmp_path: Path) -> None:
    # Large bullets look like drop caps to a careless eye: a column of them is not one.
    content = b"BT"
    for index, item in enumerate(["Eerste punt van de lijst", "Tweede punt", "Derde punt"]):
        y = 700 - 14 * index
        content += f" /F1 20 Tf 1 0 0 1 72 {y} Tm (\\225) Tj".encode()
        content += f" /F1 10 Tf 1 0 0 1 90 {y} Tm ({item}) Tj".encode()
    page = _page(tmp_path, content + b" ET")
    assert _texts(page) == ["• Eerste punt van de lijst", "• Tweede punt", "• Derde punt"]


# Real papers ----------------------------------------------------------------------------

def test_affiliation_marks_follow_their_names(corpus: Path) -> None:
    # pdf.js issue14438.pdf: "∗ # $ +" raised past the tolerance after each affiliation.
    extraction = load(corpus / "pdfjs" / "issue14438.pdf")
    texts = [line.text for line in extraction.pages[0].lines]
    assert "Mozilla Corporation∗" in texts and "Adobe Corporation#" in texts
    assert not {"∗", "#", "$", "+"} & set(texts)
    (strikeout,) = [a for a in extraction.annotations if a.subtype == "StrikeOut"]
    assert strikeout.quote == "Adobe Corporation#"
    comments = load(corpus / "pdfjs" / "comments.pdf")
    first = [line.text for line in comments.pages[0].lines]
    assert first.index("Mozilla Corporation∗") + 1 == first.index(
        "{gal,brendan,shaver,danderson,dmandelin,mrbkap,graydon,bz,jorendorff,jruderman}@mozilla.com"
    )


def test_drop_cap_paper_reads_line_by_line(corpus: Path) -> None:
    # PdfPig cat-genetics: a 24 pt "T" beside two columns of 9 pt and 6 pt text.
    extraction = load(corpus / "pdfpig" / "cat-genetics_bobld.pdf")
    texts = [line.text for line in extraction.pages[0].lines]
    assert "The domestic cat (Felis silvestris catus) is a popular pet species," in texts
    assert "dates to ∼9.5 kya in Cyprus and ∼5 kya in central China (5, 6)," in texts
    assert "Michael J. Montaguea,1, Gang Lib,1, Barbara Gandolfic, Razib Khand, Bronwen L. "\
        "Akene, Steven M. J. Searlee," in texts
    assert max(len(text) for text in texts) < 200  # no line swallows the page
    squiggly = [a.quote for a in extraction.annotations if a.quote and "Cyprus" in a.quote]
    assert squiggly == ["9.5 kya in Cyprus"]
