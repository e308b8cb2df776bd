"""The quick cache reader against the plain one: on every sample and corpus file, a cache file
read back whole, with the lines' text only, or without pages is the extraction that parsing
every line as JSON and :meth:`Extraction.from_dict` made before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.core.document import load
from tui.core.errors import KantlijnError
from tui.core.library.cache import ExtractionCache
from tui.core.library.cache_lines import annotation
from tui.core.model import (
    Anchor,
    Annotation,
    Extraction,
    Line,
    PageText,
    Span,
    annotation_from_dict,
    annotation_to_dict,
)

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
FILES = sorted(
    p for folder in (REPO / "sample_docs", CORPUS) if folder.is_dir()
    for p in folder.rglob("*") if p.suffix.lower() == ".pdf"
)


def plain_read(path: Path, with_pages: bool | str) -> Extraction:
    """A cache file read the plain way: every line parsed whole, then ``from_dict``."""
    head, *lines = [json.loads(line) for line in path.read_bytes().splitlines()]
    annotations: list[Any] = [None] * head["annotation_count"]
    for line in lines:
        for index, value in line["annotations"]:
            annotations[index] = value
    pages = [line["page"] for line in lines[:-1]]
    extraction = Extraction.from_dict({**head["extraction"], "annotations": annotations,
                                       "pages": pages if with_pages is True else []})
    extraction.ocr_skipped = list(head.get("ocr_skipped", []))
    if with_pages == "text":
        extraction.pages = [PageText(number=p["number"], lines=[Line(x["text"]) for x in
                                                                 p["lines"]]) for p in pages]
    return extraction


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_way_of_reading_a_cache_gives_what_the_plain_reader_gave(
        path: Path, tmp_path: Path) -> None:
    try:
        extraction = load(path, ocr="never")
    except KantlijnError:  # an encrypted or broken corpus file: nothing to cache
        pytest.skip(f"{path.name} does not open")
    extraction.ocr_skipped = []  # else the cache is stale where OCR can run: read again
    ExtractionCache(tmp_path).save(extraction)
    file = ExtractionCache(tmp_path).path(extraction.document.sha256)
    for with_pages in (True, "text", False):
        read = ExtractionCache(tmp_path, keep_in_memory=0).load(
            extraction.document.sha256, with_pages=with_pages)
        assert read == plain_read(file, with_pages), with_pages
    whole = ExtractionCache(tmp_path, keep_in_memory=0).load(extraction.document.sha256)
    assert whole is not None and whole.annotations == extraction.annotations


def test_line_text_with_quotes_escapes_and_keys_in_it_reads_back(tmp_path: Path) -> None:
    tricky = ['he said "{\\"text\\":\\"x\\"}"', 'a\\b', '{"text":"', "tab\there é ✓",
              ',"annotations":[', "", "\u2028 line separator"]
    page = PageText(number=3, lines=[Line(t, column=1, box=(1.0, 2.0, 3.0, 4.0))
                                     for t in tricky])
    note = Annotation(id="p3-a1", kind="note", subtype="Text", page=3,
                      contents='{"text":"no"} ,"annotations":[',
                      anchor=Anchor('{"text":"', 3, 2, "line", spans=[Span(3, 2, 0, 3)]))
    loose = Annotation(id="p9-a1", kind="note", subtype="Text", page=9, contents="off page")
    extraction = Extraction(
        document=load(REPO / "sample_docs" / "nota-actieagenda-integratie.pdf").document,
        pages=[page], annotations=[loose, note])
    ExtractionCache(tmp_path).save(extraction)
    sha = extraction.document.sha256
    text = ExtractionCache(tmp_path, keep_in_memory=0).load(sha, with_pages="text")
    assert text is not None
    assert [line.text for line in text.pages[0].lines] == tricky
    assert text.annotations == [loose, note]
    whole = ExtractionCache(tmp_path, keep_in_memory=0).load(sha)
    assert whole is not None and whole.pages == [page]


def test_a_record_written_otherwise_is_read_the_checked_way() -> None:
    record = annotation_to_dict(Annotation(id="a", kind="note", subtype="Text", page=1,
                                           rect=(1, 2, 3, 4), ink=[[(1, 2)]]))
    reordered = dict(reversed(record.items()))
    assert annotation(reordered) == annotation_from_dict(record) == annotation(record)
    with pytest.raises(TypeError):
        annotation({**record, "unknown": 1})
