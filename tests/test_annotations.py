"""Reading annotations from the real corpus PDFs (and one crafted file) into the model."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import read_pdf_annotations
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tui.core.anchoring.threads import ThreadRef, resolve_threads
from tui.core.model import Annotation
from tui.core.pdf.annotation_values import color_of
from tui.core.pdf.annotations import read_annotations
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.opening import open_pdf

NOT_COMMENTS = {"Link", "Widget", "Popup"}
# pdfannots only extracts these; its expected values cover no others.
PDFANNOTS_SUBTYPES = {
    "Text", "Highlight", "Squiggly", "StrikeOut", "Underline", "Caret", "Square", "FreeText",
}
# pdfannots' own cleanup turns typographic punctuation into ASCII; we keep it as written,
# so the comparison applies that convention to our side only.
PDFANNOTS_ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def manifest_annots(corpus: Path) -> dict[str, Counter[str]]:
    """``dir/file.pdf`` -> the manifest's Annots column, minus non-comment subtypes."""
    expected: dict[str, Counter[str]] = {}
    section = ""
    for line in (corpus / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## ") and line.rstrip().endswith("/"):
            section = line[3:].strip()
        cells = [c.strip() for c in line.split("|")]
        if section and len(cells) > 9 and cells[1].endswith(".pdf"):
            counts: Counter[str] = Counter()
            for name, number in re.findall(r"(\w+) (\d+)", cells[8]):
                if name not in NOT_COMMENTS:
                    counts[name] = int(number)
            expected[section + cells[1]] = counts
    return expected


def test_manifest_parses(corpus: Path) -> None:
    expected = manifest_annots(corpus)
    assert len(expected) == 77
    assert expected["pdfjs/issue14438.pdf"]["Ink"] == 5


def test_subtype_counts_match_manifest(corpus: Path) -> None:
    for name, counts in manifest_annots(corpus).items():
        if name.startswith("bad/"):
            continue
        annotations, _ = read_pdf_annotations(corpus / name)
        assert Counter(a.subtype for a in annotations) == counts, name


def test_contents_match_pdfannots_expectations(corpus: Path) -> None:
    facts = json.loads((corpus / "pdfannots_expected.json").read_text(encoding="utf-8"))
    for name, fact in facts["files"].items():
        annotations, _ = read_pdf_annotations(corpus / "pdfannots" / name)
        ours = Counter(
            (a.subtype, (a.contents or "").translate(PDFANNOTS_ASCII) or None)
            for a in annotations
            if a.subtype in PDFANNOTS_SUBTYPES
        )
        for item in fact["annotations"]:
            if "contents" not in item:
                continue  # not asserted upstream
            key = (item["subtype"], item["contents"])
            assert ours[key] > 0, f"{name}: {key} not read"
            ours[key] -= 1
            if item.get("page") is not None:
                match = [a for a in annotations if a.subtype == item["subtype"]
                         and a.page == item["page"] + 1]
                assert match, f"{name}: no {item['subtype']} on page {item['page'] + 1}"


def test_dates_and_authors(corpus: Path) -> None:
    hotos, _ = read_pdf_annotations(corpus / "pdfannots" / "hotos17.pdf")
    squiggly = next(a for a in hotos if a.subtype == "Squiggly" and a.page == 1)
    assert squiggly.created == "2019-01-19T21:29:42-08:00"
    word2column, _ = read_pdf_annotations(corpus / "pdfannots" / "word2column.pdf")
    assert {a.author for a in word2column} == {"Andrew Baumann"}
    freetext, _ = read_pdf_annotations(corpus / "pdfannots" / "FreeText-annotation.pdf")
    assert freetext[0].author == "A. Jesse Jiryu Davis"
    assert freetext[0].created == "2021-12-18T20:01:59-05:00"


def test_freetext_contents(corpus: Path) -> None:
    (single,), _ = read_pdf_annotations(corpus / "pdfannots" / "FreeText-annotation.pdf")
    assert (single.kind, single.contents) == ("freetext", 'Annotation with subtype "FreeText".')
    freetexts, _ = read_pdf_annotations(corpus / "pdfjs" / "freetexts.pdf")
    assert sorted(a.contents or "" for a in freetexts) == sorted(
        f"Hello World {w}" for w in ("from Acrobat", "From Firefox", "from Preview",
                                     "from Edge without Acrobat", "from Foxit", "from Okular")
    )
    (no_da,), _ = read_pdf_annotations(corpus / "pdfium" / "freetext_annotation_without_da.pdf")
    assert no_da.contents == "Hello!"


def test_rich_text_only_contents(corpus: Path) -> None:
    annotations, _ = read_pdf_annotations(corpus / "pdfjs" / "issue13447.pdf")
    carets = sorted(a.contents or "" for a in annotations if a.subtype == "Caret")
    assert carets == ["13", "el leo. Ut ni14"]  # from /RC: <p>el leo&#46; Ut ni14</p>
    assert all(a.contents for a in annotations if a.subtype != "StrikeOut")


def test_line_ends_normalised(corpus: Path) -> None:
    pr24, _ = read_pdf_annotations(corpus / "pdfannots" / "pr24.pdf")
    assert "dual\n\npara note" in [a.contents for a in pr24]
    issue17215, _ = read_pdf_annotations(corpus / "pdfjs" / "issue17215.pdf")
    assert all("\r" not in (a.contents or "") for a in pr24 + issue17215)


def test_colors_from_rgb(corpus: Path) -> None:
    (note,), warnings = read_pdf_annotations(corpus / "pdfjs" / "annotation-text-without-popup.pdf")
    assert note.color == "#bfff00"  # /C [0.75 1 0]
    assert any("not an annotation" in w for w in warnings)  # the null /Annots entry
    (freetext,), _ = read_pdf_annotations(corpus / "pdfannots" / "FreeText-annotation.pdf")
    assert freetext.color is None  # /C [] = transparent


def test_gray_and_cmyk_colors() -> None:
    def array(*values: float) -> ArrayObject:
        return ArrayObject(FloatObject(v) for v in values)

    assert color_of(array(0.5)) == "#808080"
    assert color_of(array(0, 1, 1, 0)) == "#ff0000"
    assert color_of(array(1, 0)) is None


def test_encrypted_with_empty_user_password_opens(corpus: Path) -> None:
    annotations, _ = read_pdf_annotations(corpus / "pdfjs" / "issue17215.pdf")
    assert [(a.kind, a.contents) for a in annotations] == [
        ("caret", "test comment #1"),
        ("caret", "test comment#2"),
    ]


def test_ids_unique_and_stable(corpus: Path) -> None:
    for name in ("pdfjs/issue14438.pdf", "pdfannots/hotos17.pdf", "pdfjs/comments.pdf"):
        first, _ = read_pdf_annotations(corpus / name)
        second, _ = read_pdf_annotations(corpus / name)
        ids = [a.id for a in first]
        assert len(set(ids)) == len(ids), name
        assert ids == [a.id for a in second], name
    (redact,), _ = read_pdf_annotations(corpus / "pdfium" / "redact_annot.pdf")
    assert (redact.id, redact.kind) == ("Redact-1", "redaction")  # its /NM


def test_geometry_and_ink(corpus: Path) -> None:
    annotations, _ = read_pdf_annotations(corpus / "sample-files" / "annotated_pdf.pdf")
    ink = next(a for a in annotations if a.kind == "ink")
    assert ink.ink and all(len(stroke) >= 2 for stroke in ink.ink)
    highlight = next(a for a in annotations if a.kind == "highlight")
    assert highlight.quads and all(len(q) == 8 for q in highlight.quads)
    for a in annotations:
        assert a.rect is not None and a.rect[0] <= a.rect[2] and a.rect[1] <= a.rect[3]


def test_read_one_page(corpus: Path) -> None:
    warnings: list[str] = []
    reader = open_pdf(corpus / "pdfannots" / "hotos17.pdf")
    with pypdf_warnings(warnings):
        page4 = read_annotations(reader, 3, warnings)
    assert sorted(a.subtype for a in page4) == ["Squiggly", "StrikeOut", "Underline"]
    assert {a.page for a in page4} == {4}


def _annot(writer: PdfWriter, fields: dict[str, object]) -> DictionaryObject:
    annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot")})
    for key, value in fields.items():
        annot[NameObject(key)] = value  # type: ignore[assignment]
    return annot


def test_crafted_popup_overlay_duplicate_names(tmp_path: Path) -> None:
    """A file written here: popup-only text, /OverlayText, duplicate /NM, a reply loop."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    rect = ArrayObject([NumberObject(300), NumberObject(700), NumberObject(100), NumberObject(680)])
    note = writer._add_object(_annot(writer, {
        "/Subtype": NameObject("/Text"), "/Rect": rect, "/NM": TextStringObject("same"),
        "/Contents": TextStringObject(""),
    }))
    popup = writer._add_object(_annot(writer, {
        "/Subtype": NameObject("/Popup"), "/Rect": rect, "/Parent": note,
        "/Contents": TextStringObject("Zie \ufb01nale tekst\r\nregel 2"),
    }))
    redact = writer._add_object(_annot(writer, {
        "/Subtype": NameObject("/Redact"), "/Rect": rect, "/NM": TextStringObject("same"),
        "/OverlayText": TextStringObject("5.1.2e"), "/IRT": note,
    }))
    note.get_object()[NameObject("/IRT")] = redact  # a reply loop: must not hang or stay
    page[NameObject("/Annots")] = ArrayObject([note, popup, redact])
    path = tmp_path / "crafted.pdf"
    writer.write(path)

    annotations, warnings = read_pdf_annotations(path)
    text, redaction = annotations
    assert text.contents == "Zie finale tekst\nregel 2"
    assert text.rect == (100.0, 680.0, 300.0, 700.0)
    assert (redaction.ground, redaction.contents) == ("5.1.2e", "5.1.2e")
    assert text.id != redaction.id and "same" not in (text.id, redaction.id)
    assert (text.in_reply_to is None) != (redaction.in_reply_to is None)
    assert any("circular" in w for w in warnings)


def test_resolve_threads_ignores_unknown_targets() -> None:
    reply = Annotation(id="b", kind="note", subtype="Text", page=1)
    resolve_threads([reply], {"b": ThreadRef(obj=(2, 0), irt=(99, 0))})
    assert reply.in_reply_to is None


@pytest.mark.parametrize("name", ["pdfjs/annotation-text-widget.pdf", "woo/173783.pdf"])
def test_files_without_comments(corpus: Path, name: str) -> None:
    annotations, _ = read_pdf_annotations(corpus / name)
    assert annotations == []
