"""Words still under a redaction mark that was never applied leave kantlijn only on purpose.

The memo is built with tools/pdfgen: two redaction marks over words the file still holds, one
of them ("Jansen") inside the passage of a highlight that two other comments stand beside,
and a highlight whose contents repeat its words (as Acrobat writes them). No export format,
no search output and no dossier may carry those words unless revealing was asked for; then
each says so. ``kantlijn extract`` stays the raw reading of the file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pdf_fixtures import FreeText, Highlight, Note, Redaction, make_pdf
from pypdf import PdfReader
from rich.style import Style
from rich.text import Text

from tui.cli import main
from tui.core.anchoring.threads import Thread
from tui.core.anchoring.withheld import BLOCK, withhold
from tui.core.document import load
from tui.core.model import Extraction
from tui.reading.card_content import shown_threads
from tui.reading.layout import build_layout
from tui.widgets.cards import CardStyles, card_lines

WITHHELD = ("Jansen", "Pieterse")
FORMATS = ("md", "csv", "json", "jsonld")
SEARCHES = ("minister", "Jansen", "ambtenaar", "kind:redaction", "is:unapplied", "zaken",
            "buitenlandse")


def make_memo(path: Path) -> Path:
    """The memo: withheld words inside other comments' passages."""
    return make_pdf(path, pages=[[
        "Het gesprek met minister Jansen van Buitenlandse Zaken",
        "liep goed volgens de ambtenaar Pieterse.",
        "Zweden doet het anders.",
        "",
        "Denemarken ook niet.",
    ]], annotations=[
        Highlight(phrase="gesprek met minister Jansen van Buitenlandse", contents="Wie is dit?",
                  name="h1"),
        Redaction(phrase="Jansen", name="r1"),
        FreeText(beside="Het gesprek", text="Welke dan?", name="f1"),
        Highlight(phrase="volgens de ambtenaar Pieterse", name="h2",
                  contents="volgens de ambtenaar Pieterse"),
        Redaction(phrase="Pieterse", name="r2"),
        Note(beside="Denemarken ook", text="Klopt dit?", name="n1"),
    ])


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_memo(tmp_path_factory.mktemp("memo") / "memo.pdf")


@pytest.fixture
def lib(tmp_path: Path, memo: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--library", str(tmp_path / "library.json")]
    assert main(["import", str(memo), *args]) == 0
    assert main(["tag", "h1", "follow-up", *args]) == 0
    assert main(["note", "f1", "ask the ministry", *args]) == 0
    capsys.readouterr()
    return args


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _leaks(text: str) -> list[str]:
    return [word for word in WITHHELD if word.casefold() in text.casefold()]


def test_the_file_holds_the_words_and_extract_reads_them_raw(
    memo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(["extract", str(memo)], capsys)
    data = json.loads(out)
    redactions = {a["id"]: a for a in data["annotations"] if a["kind"] == "redaction"}
    assert code == 0
    assert (redactions["r1"]["quote"], redactions["r1"]["applied"]) == ("Jansen", False)
    assert (redactions["r2"]["quote"], redactions["r2"]["applied"]) == ("Pieterse", False)
    highlight = next(a for a in data["annotations"] if a["id"] == "h1")
    assert "Jansen" in highlight["quote"]  # the raw reading: inside another passage too


def test_no_export_search_or_dossier_output_carries_a_withheld_word(
    lib: list[str], memo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs: dict[str, str] = {}
    for fmt in FORMATS:
        code, outputs[f"export {fmt}"] = _run(["export", "-f", fmt, "-o", "-", *lib], capsys)
        assert code == 0
    for query in SEARCHES:
        for scope in ("comments", "text", "all"):
            for form in ([], ["--json"]):
                _, outputs[f"search {query} {scope} {form}"] = _run(
                    ["search", query, "--scope", scope, *form, *lib], capsys)
    for fmt in ("md", "json", "csv"):
        code, outputs[f"dossier {fmt}"] = _run(["dossier", str(memo), "--format", fmt, *lib],
                                               capsys)
        assert code == 0
    copy = tmp_path / "copy.pdf"
    assert main(["export", "doc:memo", "-f", "pdf", "-o", str(copy), *lib]) == 0
    outputs["pdf copy"] = " ".join(
        str(a.get_object().get("/Contents", "")) for page in PdfReader(copy).pages
        for a in page.get("/Annots") or []
        if str(a.get_object().get("/Subj", "")).startswith("kantlijn"))
    leaking = {name: _leaks(text) for name, text in outputs.items() if _leaks(text)}
    assert leaking == {}
    # The passages are there, with a block where the words stand.
    assert "gesprek met minister █████ van Buitenlandse" in outputs["export md"]
    assert "ambtenaar █████" in outputs["search ambtenaar text []"]
    assert "ask the ministry" in outputs["pdf copy"]


def test_each_format_says_plainly_that_a_redaction_was_not_applied(
    lib: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, md = _run(["export", "-f", "md", "-o", "-", *lib], capsys)
    assert md.count("*Not applied — the words are still in the file*") == 2
    _, table = _run(["export", "-f", "csv", "-o", "-", *lib], capsys)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table))}
    assert (rows["r1"]["applied"], rows["h1"]["applied"]) == ("no", "")
    assert rows["r1"]["passage"] == f"Het gesprek met minister {BLOCK} van Buitenlandse Zaken"
    _, notes = _run(["export", "-f", "json", "-o", "-", *lib], capsys)
    data = json.loads(notes)
    assert data["withheld_words"] == "withheld"
    r1 = next(a for a in data["documents"][0]["annotations"] if a["id"] == "r1")
    assert (r1["applied"], r1["quote"]) == (False, BLOCK)
    _, web = _run(["export", "-f", "jsonld", "-o", "-", *lib], capsys)
    bodies = [b["value"] for item in json.loads(web)["first"]["items"] for b in item["body"]]
    assert bodies.count("not applied — the words are still in the file") == 2
    _, found = _run(["search", "is:unapplied", *lib], capsys)
    assert [line.split()[0] for line in found.splitlines()] == ["r1", "r2"]


def test_revealing_is_asked_for_and_said(
    lib: list[str], memo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, md = _run(["export", "-f", "md", "-o", "-", "--reveal", *lib], capsys)
    assert 'withheld_words: "included"' in md and "Withheld words are included" in md
    assert "gesprek met minister Jansen van Buitenlandse" in md
    assert "*Not applied — the words are still in the file*: Pieterse" in md
    _, table = _run(["export", "-f", "csv", "-o", "-", "--reveal", *lib], capsys)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table))}
    assert (rows["h1"]["revealed"], rows["n1"]["revealed"]) == ("yes", "")
    _, web = _run(["export", "-f", "jsonld", "-o", "-", "--reveal", *lib], capsys)
    assert json.loads(web)["label"].endswith("(withheld words included)")
    _, notes = _run(["export", "-f", "json", "-o", "-", "--reveal", *lib], capsys)
    assert json.loads(notes)["withheld_words"] == "included"
    _, found = _run(["search", "ambtenaar", "--reveal", *lib], capsys)
    assert "Pieterse" in found
    _, hits = _run(["search", "minister", "--json", "--reveal", *lib], capsys)
    assert json.loads(hits)["withheld_words"] == "included" and "Jansen" in hits
    _, dossier = _run(["dossier", str(memo), "--reveal", *lib], capsys)
    assert "Withheld words are included" in dossier


def test_the_readers_cards_withhold_the_words_until_revealed(memo: Path) -> None:
    extraction = load(memo)
    styles = CardStyles(Style(), Style(), Style(), Style())

    def cards(revealed: frozenset[str]) -> str:
        shown = shown_threads(extraction, revealed)  # as the page view draws its cards

        def draw(thread: Thread, label: str, width: int) -> list[Text]:
            root = thread.root.id
            return card_lines(shown.get(root, thread), label, width, styles, None,
                              root in revealed)

        layout = build_layout(extraction, 60, 40, draw)
        return "\n".join(line.plain for card in layout.cards for line in card.lines)

    assert _leaks(cards(frozenset())) == []
    assert "Pieterse" in cards(frozenset({"r2"})) and "Jansen" not in cards(frozenset({"r2"}))


def test_a_passage_that_cannot_be_rebuilt_is_withheld_whole(memo: Path) -> None:
    """Without the page text (or with a passage that does not come from it), the words are
    found in the text; a passage over them that does not hold them is withheld whole."""
    extraction = load(memo)
    bare = Extraction(extraction.document, [], extraction.notas, extraction.annotations)
    shown = {a.id: a for a in withhold(bare).annotations}
    assert shown["h1"].quote == f"gesprek met minister {BLOCK} van Buitenlandse"
    assert shown["h2"].contents == f"volgens de ambtenaar {BLOCK}"
    extraction.annotations[0].quote = "a passage read otherwise"
    assert withhold(extraction).annotations[0].quote == BLOCK
