"""Opening fast: page 1 without flattening the page tree, one cached page without the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, RectangleObject
from store_samples import make_document, make_extraction
from textual.app import App, ComposeResult
from textual.strip import Strip

from tools.pdfgen.bulk import write_generated
from tui.core.document import open_document
from tui.core.library.cache import CACHE_SCHEMA, ExtractionCache
from tui.core.library.library import Library
from tui.core.model import Annotation
from tui.core.pdf import opening as pdfopen
from tui.widgets.page_view import PageView


def test_page_one_is_reached_without_flattening_and_matches_the_flattened_page(
    tmp_path: Path, sample_pdf: Path
) -> None:
    for path in (sample_pdf, write_generated(tmp_path / "big.pdf", 30)):
        reader = pdfopen.open_pdf(path)
        direct = pdfopen.pdf_pages(reader)[0]
        assert reader.flattened_pages is None  # the tree was not flattened for page 1
        assert pdfopen.declared_page_count(reader) == len(reader.pages)
        assert dict(direct) == dict(pdfopen.pdf_pages(reader)[0])
        assert direct.mediabox == reader.pages[0].mediabox


def test_a_page_inherits_resources_and_media_box_from_its_parents(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 300)
    writer.add_blank_page(200, 300)
    tree = writer._root_object["/Pages"].get_object()
    for page in writer.pages:
        del page.get_object()[NameObject("/MediaBox")]
    tree[NameObject("/MediaBox")] = RectangleObject([0, 0, 400, 500])
    path = tmp_path / "inherit.pdf"
    writer.write(path)
    reader = pdfopen.open_pdf(path)
    direct = pdfopen.pdf_pages(reader)[1]
    assert reader.flattened_pages is None
    assert [float(v) for v in direct.mediabox] == [0, 0, 400, 500]


def test_a_wrong_declared_count_is_corrected_by_the_full_read(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 300)
    writer._root_object["/Pages"].get_object()[NameObject("/Count")] = NumberObject(7)
    path = tmp_path / "lies.pdf"
    writer.write(path)
    document = open_document(path)
    assert document.page_count == 7  # what the file says, good enough for the first page
    text, _ = document.page(1)
    assert text.number == 1
    extraction = document.extract()
    assert extraction.document.pages == len(extraction.pages) == 3


def test_one_cached_page_comes_with_its_comments_only(tmp_path: Path) -> None:
    pdf = make_document(tmp_path)
    extraction = make_extraction(pdf, annotations=5)
    library_file = tmp_path / "library.json"
    with Library.open(library_file) as library:
        sha = library.add_document(extraction, pdf).sha256
    fresh = Library.open(library_file)  # nothing in memory: read from the file
    page = fresh.cached_page(sha, 2)
    assert page is not None
    assert [p.number for p in page.pages] == [2]
    assert [a.id for a in page.annotations] == [a.id for a in extraction.annotations if a.page == 2]
    assert page.document == extraction.document and page.notas == extraction.notas
    assert fresh.cached_page(sha, 9) is None
    assert fresh.has_cached(sha)


def test_comments_on_no_cached_page_keep_their_place(tmp_path: Path) -> None:
    pdf = make_document(tmp_path)
    extraction = make_extraction(pdf, annotations=2)
    stray = Annotation(id="p5-a1", kind="note", subtype="Text", page=5, contents="lost page")
    extraction.annotations.insert(1, stray)
    cache = ExtractionCache(tmp_path / "d")
    cache.save(extraction)
    loaded = ExtractionCache(tmp_path / "d").load(extraction.document.sha256)
    assert loaded is not None
    assert loaded.to_dict(include_pages=True) == extraction.to_dict(include_pages=True)


@pytest.mark.parametrize("damage", ["truncate", "garble_head", "old_layout"])
def test_a_damaged_or_old_cache_is_ignored(tmp_path: Path, damage: str) -> None:
    pdf = make_document(tmp_path)
    extraction = make_extraction(pdf)
    cache = ExtractionCache(tmp_path / "d")
    cache.save(extraction)
    sha = extraction.document.sha256
    path = cache.path(sha)
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) - 40])
    elif damage == "garble_head":
        path.write_bytes(b"{not json\n" + raw.split(b"\n", 1)[1])
    else:
        older = f'"cache_schema":{CACHE_SCHEMA - 1}'.encode()
        path.write_bytes(raw.replace(f'"cache_schema":{CACHE_SCHEMA}'.encode(), older, 1))
    again = ExtractionCache(tmp_path / "d")
    assert again.load(sha) is None
    if damage != "truncate":
        assert again.load_page(sha, 1) is None and not again.has(sha)


class FirstFrame(PageView):
    """A page view that notes whether the document was laid out when its first row was
    drawn (that row belongs to the first frame)."""

    laid_out_at_first_row: bool | None = None

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.laid_out_at_first_row is None:
            self.laid_out_at_first_row = self.is_laid_out
        return strip


async def test_the_first_frame_holds_page_1(sample_pdf: Path) -> None:
    """Given before it knows its size, the page view lays the document out as it draws its
    first frame (its Resize comes after that frame): page 1 is in it, not a frame later."""
    view = FirstFrame(open_document(sample_pdf).extract(), id="page")

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield view

    async with One().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert view.laid_out_at_first_row is True
        assert view.drawn
