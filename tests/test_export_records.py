"""The fast record writer against the old one: on every sample and corpus file, the records,
``kantlijn extract``'s JSON (with and without pages) and ``team push``'s rows are byte for byte
what ``dataclasses.asdict`` and ``json.dumps(..., indent=2)`` made before; the JSON and
JSON-LD exports are the pretty form of what they hold, whatever they hold."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

import pytest

from tui.core.document import load
from tui.core.errors import KantlijnError
from tui.core.escape import csv_cell, plain
from tui.core.export import table, web_annotation
from tui.core.export.extract import to_json
from tui.core.export.records import Selection, Writers, select
from tui.core.export.writer import Options, write_export
from tui.core.json_text import annotation_json, pretty
from tui.core.library.library import Library
from tui.core.model import (
    SCHEMA_VERSION,
    Annotation,
    Extraction,
    PageText,
    annotation_from_dict,
    annotation_to_dict,
)
from tui.core.model_records import annotation_record, extraction_record

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
FILES = sorted(
    p for folder in (REPO / "sample_docs", CORPUS) if folder.is_dir()
    for p in folder.rglob("*") if p.suffix.lower() == ".pdf"
)


def old_to_dict(extraction: Extraction, include_pages: bool) -> dict[str, Any]:
    """``Extraction.to_dict`` as it was written before (``asdict`` everywhere)."""
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION, "document": asdict(extraction.document),
        "notas": [asdict(n) for n in extraction.notas],
        "annotations": [asdict(a) for a in extraction.annotations],
        "warnings": list(extraction.warnings),
    }
    if include_pages:
        data["pages"] = [_page(p) for p in extraction.pages]
        if extraction.summary_pages:
            data["summary_pages"] = [_page(p) for p in extraction.summary_pages]
    return data


def _page(page: PageText) -> dict[str, Any]:
    """``asdict(page)`` without the fields that are hints for reading, not what was read
    (``compare=False``: never written)."""
    hints = {f.name for f in fields(PageText) if not f.compare}
    return {k: v for k, v in asdict(page).items() if k not in hints}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_extract_json_and_push_rows_are_what_the_old_writer_made(path: Path) -> None:
    try:
        extraction = load(path, ocr="never")
    except KantlijnError:  # an encrypted or broken corpus file: nothing to write
        pytest.skip(f"{path.name} does not open")
    for include_pages in (False, True):
        old = old_to_dict(extraction, include_pages)
        assert extraction_record(extraction, include_pages=include_pages) == old
        assert to_json(extraction, include_pages=include_pages) == json.dumps(
            old, ensure_ascii=False, indent=2)
    for annotation in extraction.annotations:  # team push stores each own annotation so
        assert json.dumps(annotation_to_dict(annotation), ensure_ascii=False) == json.dumps(
            asdict(annotation), ensure_ascii=False)
        assert annotation_from_dict(annotation_to_dict(annotation)) == annotation


def test_the_extract_command_prints_what_it_printed_before() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "tui", "extract", "--pages", "--ocr", "never", "-q", str(SAMPLE)],
        capture_output=True, text=True, check=True, cwd=REPO).stdout
    expected = json.dumps(old_to_dict(load(SAMPLE, ocr="never"), True), ensure_ascii=False,
                          indent=2)
    assert printed == expected + "\n"


def test_every_annotation_field_is_in_the_record() -> None:
    """A field added to the model must be added to the record writers too."""
    names = [f.name for f in fields(Annotation)]
    record = annotation_record(Annotation(id="a", kind="note", subtype="Text", page=1))
    assert list(record) == names


def test_a_record_with_a_field_the_model_does_not_know_is_refused() -> None:
    record = annotation_record(Annotation(id="a", kind="note", subtype="Text", page=1))
    with pytest.raises(TypeError, match="colour"):
        annotation_from_dict({**record, "colour": "red"})
    with pytest.raises(KeyError):
        annotation_from_dict({k: v for k, v in record.items() if k != "page"})


class Size(enum.IntEnum):
    BIG = 3


class Word(str):
    pass


@pytest.mark.parametrize("value", [
    {}, [], (), "", 0, -1, 10**30, 1.0, -0.0, 1e-7, 1e22, 0.1 + 0.2, True, False, None,
    float("nan"), float("inf"), float("-inf"),
    {"a": {"b": [1, [], {}, [[]], (2.5, None)]}, "c": ""},
    ["\u2028 line\u2029", "tab\there", "nl\n", '"quoted" \\ back', "\x00\x1f\x7f", "é ü 中 🙂",
     "\ud800 lone"],
    {1: "int key", "s": 2}, {None: 1, True: 2, 2.5: 3},
    [Size.BIG, Word("sub"), {"k": Word("v")}],
    {"x": float("nan"), "y": -0.0, "z": True, "w": None, "s": "\x00 nul", "i": 10**20},
    (1.5, 2.0, 3.25), [[1, 2], {"a": "b"}, ["\x00"]], {"k": Size.BIG}, [1, Size.BIG],
])
def test_pretty_writes_what_json_dumps_writes(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert pretty(value) == expected
    assert pretty(value, "\n    ") == expected.replace("\n", "\n    ")


def test_an_annotation_is_written_as_its_pretty_record_whatever_it_holds() -> None:
    odd = Annotation(id="a\x00b", kind="note", subtype="Text", page=2, rect=(1.0, 2.5, 3, 4),
                     quads=[(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)], contents="nul \x00 here",
                     author=Word("sub"), nota=Size.BIG, confidence=float("nan"),
                     ink=[[(1.0, 2.0)]])
    for annotation in (odd, Annotation(id="b", kind="highlight", subtype="Highlight", page=1)):
        for pad in ("\n", "\n      "):
            assert annotation_json(annotation, pad) == pretty(annotation_record(annotation),
                                                             pad)


def test_an_exported_annotation_is_its_pretty_record_with_text_cleaned_and_additions() -> None:
    odd = Annotation(id="x", kind="freetext", subtype="FreeText", page=3, author="A\x00B",
                     subject=Word("sub\x01"), contents="één\r\ntwee", quote="e\u0301",
                     applied=False)
    extra = [("tags", ["a", "b\x00"]), ("note", None), ("mine", True), ("revealed", True)]
    record = annotation_record(odd)
    for key in ("contents", "quote", "author", "subject"):
        if isinstance(record[key], str):
            record[key] = plain(record[key])
    record.update(extra)
    assert annotation_json(odd, "\n    ", plain, extra) == pretty(record, "\n    ")


def test_web_annotations_are_written_as_their_pretty_form(library: Library) -> None:
    export = select(library, Selection(""))
    export.with_pages = "text"
    team = Writers((("woo", ("alice", "bob")),), (("bob", "vraag\x00"),), "bob")
    checked = 0
    for document in export.documents():
        pages = {p.number: p for p in document.extraction.pages}
        for item in document.items:
            for variant in (item, replace(item, writers=team), replace(item, writers=Writers())):
                for pad in ("\n", "\n      "):
                    assert (web_annotation.annotation_text(document, variant, pages, pad)
                            == pretty(web_annotation.annotation(document, variant, pages), pad))
                    checked += 1
    assert checked > 100


def test_pretty_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        pretty({"a": object()})


@pytest.fixture
def library(library: Library, tmp_path: Path) -> Library:
    """The sample in this test's library, a comment tagged and noted with text that once
    broke the JSON (a line separator: a line of its own in the old writer's output)."""
    pdf = tmp_path / "nota.pdf"
    pdf.write_bytes(SAMPLE.read_bytes())
    extraction = load(pdf, ocr="never")
    library.add_document(extraction, pdf)
    doc = extraction.document.sha256
    for annotation in extraction.annotations[:6]:
        library.tag(doc, annotation.id, "follow-up")
    library.set_note(doc, extraction.annotations[0].id, "eerst\u2028dan\u2029 klaar")
    library.flush()
    return library


@pytest.mark.parametrize("fmt", ["json", "jsonld"])
@pytest.mark.parametrize("query", ["", "tag:follow-up", "kind:highlight"])
def test_json_exports_are_the_pretty_form_of_what_they_hold(
        library: Library, tmp_path: Path, fmt: str, query: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_export(select(library, Selection(query)), Options(fmt, target))  # type: ignore[arg-type]
    text = target.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert "eerst\u2028dan\u2029 klaar" in text or query == "kind:highlight"


@pytest.mark.parametrize("tricky", [
    "=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", "a\r\nb", "a\nb", "a\n=b", "nul\x00", "\x1fus",
    "\x85nel", "bidi\u202e", "bom\ufeff", "\ud800 lone", "e\u0301", "é", "fine, with comma",
    "", None, 7, -7, 2.5,
])
def test_a_csv_row_is_cleaned_as_each_cell_would_be(tricky: object) -> None:
    for row in ([tricky], ["plain", tricky, "text"], [tricky, None, "é", 3]):
        assert table._cells(row) == [csv_cell(v) for v in row]
