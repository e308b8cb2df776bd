"""Small files that ask for much work, or hold what no writer would: a page listed 100,000
times, pages sharing one heavy content stream, forms that draw themselves, reply chains and
loops, content nested a million deep, inline images without their end, strings of megabytes,
UTF-16 with lone surrogates, one annotation listed 100,000 times. Each is read with what can
be read and a warning, within the document's limits, never a traceback. The files are built
here: a page written with tests/raw_pdf.py, then an update appended to it
(tests/fuzz/structures.py)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.fuzz.structures import Base, Update, append, base_of
from tests.raw_pdf import one_page
from tui.core.anchoring.threads import ThreadRef, build_threads, resolve_threads
from tui.core.document import load, open_document
from tui.core.model import Annotation, DocumentInfo, Extraction
from tui.core.pdf.budget import (
    MAX_DOCUMENT_ANNOTATIONS,
    MAX_DOCUMENT_CHARACTERS,
    MAX_DOCUMENT_OPERATIONS,
    MAX_DOCUMENT_PAGES,
)
from tui.core.pdf.content_walk import MAX_GLYPHS, extract_page_text
from tui.core.pdf.reuse import ReadCache

FIRST = b"BT /F1 10 Tf 72 700 Td (Eerste pagina) Tj ET"


def _base(tmp_path: Path) -> Base:
    source = one_page(tmp_path / "source.pdf", FIRST)
    base = base_of(source)
    assert base is not None
    return base


def _write(tmp_path: Path, data: bytes) -> Extraction:
    path = tmp_path / "crafted.pdf"
    path.write_bytes(data)
    return load(path)


def _texts(extraction: Extraction, number: int) -> list[str]:
    return [line.text for line in extraction.pages[number - 1].lines]


def _one_page(update: Update, pages: int, content: bytes, annots: bytes = b"") -> bytes:
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    return update.page(pages, update.stream(content), resources, annots)


def test_a_page_listed_100000_times_is_read_once_up_to_the_page_budget(tmp_path: Path) -> None:
    base = _base(tmp_path)
    update = Update(base)
    pages = update.reserve()
    page = b"%d %d R" % base.page  # type: ignore[str-format]
    extraction = _write(tmp_path, update.finish(pages, b" ".join([page] * 100_000), 100_000))
    assert len(extraction.pages) == MAX_DOCUMENT_PAGES
    assert _texts(extraction, 1) == _texts(extraction, MAX_DOCUMENT_PAGES) == ["Eerste pagina"]
    assert any(f"over {MAX_DOCUMENT_PAGES:,} pages" in w for w in extraction.warnings)


def test_copies_of_a_listed_page_spend_from_the_character_budget(tmp_path: Path) -> None:
    # A page of 3,000 characters listed 10,000 times would give the reader 30,000,000
    # characters of text to lay out from a file of a few kilobytes.
    line = b"BT /F1 6 Tf 20 %d Td (" + b"Woo besluit " * 8 + b") Tj ET\n"
    dense = b"".join(line % (800 - 25 * row) for row in range(30))
    source = one_page(tmp_path / "dense.pdf", dense)
    base = base_of(source)
    assert base is not None
    update = Update(base)
    pages = update.reserve()
    page = b"%d %d R" % base.page  # type: ignore[str-format]
    count = MAX_DOCUMENT_PAGES
    extraction = _write(tmp_path, update.finish(pages, b" ".join([page] * count), count))
    assert len(extraction.pages) == count
    per_page = sum(len(text) for text in _texts(extraction, 1))
    assert per_page > 2_000
    total = sum(len(line.text) for page in extraction.pages for line in page.lines)
    assert total <= MAX_DOCUMENT_CHARACTERS + per_page
    assert _texts(extraction, 2) == _texts(extraction, 1)  # the first copies keep their text
    assert not extraction.pages[-1].lines
    assert sum("characters of text in the document" in w for w in extraction.warnings) == 1


def test_a_page_tree_that_contains_itself_gives_each_page_once(tmp_path: Path) -> None:
    base = _base(tmp_path)
    update = Update(base)
    pages = update.reserve()
    page = b"%d %d R" % base.page  # type: ignore[str-format]
    extraction = _write(tmp_path, update.finish(pages, [page, b"%d 0 R" % pages, page], 3))
    assert [_texts(extraction, n) for n in (1, 2)] == [["Eerste pagina"]] * 2
    assert len(extraction.pages) == 2
    assert any("a node that contains itself" in w for w in extraction.warnings)


def test_pages_sharing_heavy_content_are_walked_once(tmp_path: Path) -> None:
    # 70 pages x 60,000 operators is more than a document may run: only walking the shared
    # stream once lets every page show its text.
    update = Update(_base(tmp_path))
    pages = update.reserve()
    heavy = update.stream(b"q Q " * 30_000 + b"BT /F1 9 Tf 72 700 Td (Gedeeld) Tj ET")
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    kids = [update.page(pages, heavy, resources) for _ in range(70)]
    assert MAX_DOCUMENT_OPERATIONS < 70 * 60_000
    extraction = _write(tmp_path, update.finish(pages, kids, 70))
    assert all(_texts(extraction, n) == ["Gedeeld"] for n in range(1, 71))
    assert extraction.warnings == []


def test_the_document_budget_cuts_content_with_one_warning(tmp_path: Path) -> None:
    # A document that has run nearly all the operators it may: the next page is skipped.
    path = one_page(tmp_path / "page.pdf", FIRST + b" q Q" * 2_000)
    reader = PdfReader(path)
    cache = ReadCache()
    cache.budget.spend_operations(MAX_DOCUMENT_OPERATIONS - 5_000)
    first = extract_page_text(reader, 0, cache)
    assert [line.text for line in first.lines] == ["Eerste pagina"]
    assert cache.budget.take_warnings() == []
    second = extract_page_text(reader, 0, ReadCache(budget=cache.budget))
    assert second.lines == []
    assert cache.budget.take_warnings() == [
        f"over {MAX_DOCUMENT_OPERATIONS:,} drawing operators in the document; the rest of its "
        "content is skipped"]


def _form(update: Update, number: int, draws: int, font: bytes, text: bytes, y: int) -> None:
    body = b"BT /F1 6 Tf 100 %d Td (%s) Tj ET /X Do" % (y, text)
    update.objects[number] = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 %s"
        b" >> /XObject << /X %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
        % (font, draws, len(body), body))


def test_forms_that_draw_themselves_are_drawn_once(tmp_path: Path) -> None:
    for loop in ("self", "mutual"):
        update = Update(_base(tmp_path))
        pages = update.reserve()
        font = update.font()
        first, second = update.reserve(), update.reserve()
        _form(update, first, first if loop == "self" else second, font, b"vorm", 500)
        _form(update, second, first, font, b"tweede", 400)
        content = update.stream(b"BT /F1 10 Tf 72 700 Td (Boven) Tj ET /X Do")
        page = update.page(pages, content, b"<< /Font << /F1 %s >> /XObject << /X %d 0 R >> >>"
                           % (font, first))
        extraction = _write(tmp_path, update.finish(pages, [page], 1))
        words = " ".join(_texts(extraction, 1)).split()
        assert words.count("Boven") == 1 and words.count("vorm") == 1, loop
        assert words.count("tweede") == (0 if loop == "self" else 1)
        assert "page 1: a Form XObject that draws itself; skipped" in extraction.warnings


def test_content_nested_a_million_deep_keeps_what_came_before(tmp_path: Path) -> None:
    for opener in (b"[", b"<<"):
        update = Update(_base(tmp_path))
        pages = update.reserve()
        page = _one_page(update, pages, b"BT /F1 10 Tf 72 700 Td (Voor het nest) Tj ET "
                         + opener * 1_000_000)
        extraction = _write(tmp_path, update.finish(pages, [page], 1))
        assert _texts(extraction, 1) == ["Voor het nest"]
        assert extraction.warnings == ["page 1: content nested over 64 deep; the rest of the "
                                       "content stream is skipped"]


def test_objects_nested_1000_deep_are_skipped_and_the_rest_read(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    nested = b"[" * 1_000 + b"(diep)" + b"]" * 1_000
    deep = update.put(b"<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents %s >>" % nested)
    plain = update.put(b"<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents (Gewoon) >>")
    page = _one_page(update, pages, FIRST, b"[%s %s]" % (deep, plain))
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    assert [a.contents for a in extraction.annotations] == ["Gewoon"]
    assert _texts(extraction, 1) == ["Eerste pagina"]


def test_inline_images_without_a_right_length_or_end(tmp_path: Path) -> None:
    image = b"BI /W 100 /H 100 /BPC 8 /CS /G /L 999999 ID " + bytes(range(1, 256)) * 400
    cases = {b" EI ": ["Voor het beeld", "Na het beeld"], b"": ["Voor het beeld"]}
    for end, expected in cases.items():
        update = Update(_base(tmp_path))
        pages = update.reserve()
        page = _one_page(update, pages, b"BT /F1 10 Tf 72 700 Td (Voor het beeld) Tj ET "
                         + image + end + b"BT /F1 10 Tf 72 600 Td (Na het beeld) Tj ET")
        extraction = _write(tmp_path, update.finish(pages, [page], 1))
        assert _texts(extraction, 1) == expected
        assert bool(extraction.warnings) == (end == b"")


def test_a_string_of_ten_megabytes_stops_at_the_glyph_limit(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    page = _one_page(update, pages,
                     b"BT /F1 1 Tf 1 Tz 72 700 Td (" + b"ab" * 5_000_000 + b") Tj ET")
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    texts = _texts(extraction, 1)
    assert texts[0].startswith("abab") and 0 < sum(len(text) for text in texts) <= MAX_GLYPHS
    assert extraction.warnings == ["page 1: too much text; the rest of the page is skipped"]


@pytest.mark.parametrize("host_log_level", [logging.NOTSET, logging.CRITICAL],
                         ids=["default logging", "host silenced pypdf"])
def test_a_comment_of_tens_of_megabytes_is_left_out_before_it_is_parsed(
        tmp_path: Path, host_log_level: int) -> None:
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(host_log_level)
    try:
        _a_huge_comment_is_left_out_with_a_warning(tmp_path)
    finally:
        pypdf_log.setLevel(level)


def _a_huge_comment_is_left_out_with_a_warning(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    huge = update.put(b"<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents (%s) >>"
                      % (b"Lang " * 4_000_000))
    plain = update.put(b"<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents (Kort) >>")
    page = _one_page(update, pages, FIRST, b"[%s %s]" % (huge, plain))
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    assert [a.contents for a in extraction.annotations] == ["Kort"]
    number = int(huge.split()[0])
    assert (f"pdf: object {number} is 20 MB of data that is not a stream; read as null"
            in extraction.warnings)


def test_the_first_paint_of_a_page_of_20000_comments_keeps_to_the_budget(tmp_path: Path
                                                                         ) -> None:
    # The reader's first paint reads page 1 alone: it may show what the whole document may.
    update = Update(_base(tmp_path))
    pages = update.reserve()
    annots = b"[%s]" % b" ".join(
        update.put(b"<< /Subtype /Square /Rect [%d 10 %d 20] /Contents (Vak %d) >>"
                   % (i % 500, i % 500 + 5, i))
        for i in range(20_000))
    page = _one_page(update, pages, FIRST, annots)
    path = tmp_path / "crowded.pdf"
    path.write_bytes(update.finish(pages, [page], 1))
    document = open_document(path)
    _, on_page = document.page(1)
    assert len(on_page) == MAX_DOCUMENT_ANNOTATIONS
    assert sum("over 10,000 annotations" in w for w in document.warnings) == 1


def test_one_annotation_listed_100000_times_is_read_once(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    one = update.put(b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] "
                     b"/Contents (Steeds dezelfde) /NM (een) >>")
    page = _one_page(update, pages, FIRST, b"[%s]" % b" ".join([one] * 100_000))
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    assert [(a.id, a.contents) for a in extraction.annotations] == [("een", "Steeds dezelfde")]
    assert extraction.warnings == ["page 1: 99,999 repeated /Annots entries read once"]


def test_a_reply_chain_in_a_pdf_is_threaded(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages, page = update.reserve(), update.reserve()
    numbers = [update.reserve() for _ in range(1_500)]
    for index, number in enumerate(numbers):
        update.objects[number] = (
            b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] /Contents (Antwoord %d) "
            b"/NM (r%d)%s >>" % (index, index,
                                 b" /IRT %d 0 R" % numbers[index - 1] if index else b""))
    annots = b"[%s]" % b" ".join(b"%d 0 R" % n for n in numbers)
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    update.page(pages, update.stream(FIRST), resources, annots, page)
    extraction = _write(tmp_path, update.finish(pages, [b"%d 0 R" % page], 1))
    [thread] = build_threads(extraction)
    assert thread.root.id == "r0"
    assert [(depth, a.id) for depth, a in thread.replies][-1] == (1_499, "r1499")


def test_reply_chains_of_20000_and_loops_are_resolved_without_recursion() -> None:
    count = 20_000
    annotations = [Annotation(id=f"a{i}", kind="note", subtype="Text", page=1)
                   for i in range(count)]
    refs = {f"a{i}": ThreadRef(obj=(i + 10, 0), irt=(i + 9, 0) if i else (count + 9, 0))
            for i in range(count)}  # a0 replies to the last one: one loop through all
    warnings: list[str] = []
    resolve_threads(annotations, refs, warnings)
    assert warnings == ["annotation a0: circular /IRT link ignored"]
    assert annotations[0].in_reply_to is None
    assert all(annotations[i].in_reply_to == f"a{i - 1}" for i in range(1, count))
    document = DocumentInfo(path="chain.pdf", sha256="0" * 64, pages=1, title="chain")
    [thread] = build_threads(Extraction(document=document, annotations=annotations))
    assert len(thread.replies) == count - 1 and thread.replies[-1][0] == count - 1


def test_lone_surrogates_become_replacement_characters_with_a_warning(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    lone = b"<feffd8000041>"  # UTF-16: a lone high surrogate, then "A"
    annots = (b"[<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents %s /T %s "
              b"/CreationDate %s /M %s >>]" % (lone, lone, lone, lone))
    to_unicode = update.stream(b"begincmap 1 begincodespacerange <00> <ff> endcodespacerange "
                               b"1 beginbfchar <42> <dc00> endbfchar endcmap")
    font = update.put(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %s >>"
                      % to_unicode)
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (ABBA) Tj ET")
    page = update.page(pages, content, b"<< /Font << /F1 %s >> >>" % font, annots)
    update.objects[pages] = b"<< /Type /Pages /Kids [%s] /Count 1 >>" % page
    root = update.put(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    path = tmp_path / "surrogates.pdf"
    path.write_bytes(append(update.base, update.objects, root))
    done = subprocess.run([sys.executable, "-m", "tui", "extract", "--pages", str(path)],
                          capture_output=True, check=True)
    out = json.loads(done.stdout.decode("utf-8", errors="strict"))
    [note] = out["annotations"]
    assert (note["contents"], note["author"], note["created"]) == ("\ufffdA", "\ufffdA", None)
    assert any(w.startswith("page 1: ") and w.endswith("could not be decoded shown as \ufffd")
               for w in out["warnings"])
    assert [line["text"] for line in out["pages"][0]["lines"]] == ["A\ufffd\ufffdA"]
    assert done.stderr.decode("utf-8").startswith("kantlijn: warning: page 1: ")


def test_popups_and_parents_that_point_at_themselves(tmp_path: Path) -> None:
    update = Update(_base(tmp_path))
    pages = update.reserve()
    note, popup = update.reserve(), update.reserve()
    update.objects[note] = (b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] /NM (n) "
                            b"/Popup %d 0 R /Parent %d 0 R /IRT %d 0 R >>" % (popup, note, note))
    update.objects[popup] = (b"<< /Type /Annot /Subtype /Popup /Rect [1 1 2 2] /Parent %d 0 R "
                             b"/Popup %d 0 R /Contents (Uit de popup) >>" % (popup, note))
    page = _one_page(update, pages, FIRST, b"[%d 0 R %d 0 R]" % (note, popup))
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    [annotation] = extraction.annotations
    assert (annotation.id, annotation.contents, annotation.in_reply_to) == (
        "n", "Uit de popup", None)


def test_a_type3_font_whose_glyphs_draw_themselves(tmp_path: Path) -> None:
    # Glyph procedures are not run (the text comes from the font's encoding), so a glyph
    # that draws itself costs nothing.
    update = Update(_base(tmp_path))
    pages = update.reserve()
    glyph = update.reserve()
    body = b"0 0 d0 /F3 1 Tf (A) Tj"
    update.objects[glyph] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
    font = update.reserve()
    update.objects[font] = (
        b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1 1]"
        b" /FirstChar 65 /LastChar 65 /Widths [600] /CharProcs << /A %d 0 R >> /Encoding << "
        b"/Differences [65 /A] >> /Resources << /Font << /F3 %d 0 R >> >> >>" % (glyph, font))
    content = update.stream(b"BT /F3 10 Tf 72 700 Td (AAA) Tj ET")
    page = update.page(pages, content, b"<< /Font << /F3 %d 0 R >> >>" % font)
    extraction = _write(tmp_path, update.finish(pages, [page], 1))
    assert _texts(extraction, 1) == ["AAA"]


def test_a_large_file_may_run_as_much_as_its_bytes_hold() -> None:
    """A real release of thousands of pages is read whole: its budget grows with its size,
    while a small file keeps the floor (the work it may ask for is bounded by its bytes)."""
    from tui.core.pdf.budget import PER_FILE_BYTE, DocumentBudget

    large = DocumentBudget(file_size=40_000_000)  # a combined release of ~2,000 pages
    assert large.spend_operations(MAX_DOCUMENT_OPERATIONS + 1_000_000)
    assert large.spend_characters(8_000_000)  # ~2,000 dense pages of text
    assert large.take_warnings() == []
    small = DocumentBudget(file_size=100_000)
    assert not small.spend_operations(MAX_DOCUMENT_OPERATIONS + 1)
    assert PER_FILE_BYTE * 100_000 < MAX_DOCUMENT_OPERATIONS
