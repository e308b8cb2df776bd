"""Scanned releases read by OCR: both bundled samples rendered to images at 200 dpi and
wrapped in image-only PDFs (tests/scans.py), then read as a user would read them.

Each scan is OCR'd once per test session: Tesseract takes seconds a page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from scans import scan_pdf

from tui.core.document import load, open_document
from tui.core.library.cache import ExtractionCache
from tui.core.model import Annotation, Extraction
from tui.core.ocr.engine import INSTALL_LINE
from tui.core.settings import load_config

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
NOTA = SAMPLES / "nota-actieagenda-integratie.pdf"
PUBLISHED = SAMPLES / "nota-actieagenda-integratie-gepubliceerd.pdf"
#: Pages of the unpublished sample scanned: enough text for the word count, few enough to
#: keep the suite's OCR time down (the published sample is scanned whole).
NOTA_PAGES = (1, 2, 3)

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason=f"Tesseract is not installed ({INSTALL_LINE})",
)


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    scan_pdf(NOTA, folder / "nota.pdf", pages=NOTA_PAGES)
    scan_pdf(PUBLISHED, folder / "published.pdf")
    return folder


@pytest.fixture(scope="session")
def published_text() -> Extraction:
    return load(PUBLISHED)


@pytest.fixture(scope="session")
def published_scan(scans: Path) -> Extraction:
    if shutil.which("tesseract") is None:
        pytest.skip(f"Tesseract is not installed ({INSTALL_LINE})")
    return load(scans / "published.pdf")


@pytest.fixture(scope="session")
def nota_scan(scans: Path) -> Extraction:
    if shutil.which("tesseract") is None:
        pytest.skip(f"Tesseract is not installed ({INSTALL_LINE})")
    return load(scans / "nota.pdf")


def _words(pages: list) -> Counter[str]:
    """Words of the page text: tokens with a letter or digit (bullets and dashes are not)."""
    return Counter(word for page in pages for line in page.lines for word in line.text.split()
                   if re.search(r"\w", word) and "█" not in word)


def _share_found(scanned: list, text: list) -> float:
    found, wanted = _words(scanned), _words(text)
    return sum((found & wanted).values()) / sum(wanted.values())


@needs_tesseract
def test_scanned_nota_reads_as_its_text_pdf(nota_scan: Extraction) -> None:
    text = load(NOTA)
    pages = [p for p in text.pages if p.number in NOTA_PAGES]
    assert len(nota_scan.pages) == len(NOTA_PAGES)
    assert all(page.ocr for page in nota_scan.pages)
    assert _share_found(nota_scan.pages, pages) >= 0.97


@needs_tesseract
def test_scanned_release_reads_as_its_text_pdf(
    published_scan: Extraction, published_text: Extraction
) -> None:
    assert published_scan.document.source == "summary-pdf"
    assert len(published_scan.pages) == len(published_text.pages)
    assert len(published_scan.summary_pages) == len(published_text.summary_pages)
    assert all(page.ocr for page in published_scan.pages)
    assert _share_found(published_scan.pages, published_text.pages) >= 0.97


def _key(annotation: Annotation) -> tuple:
    return (annotation.kind, annotation.author, annotation.contents, annotation.page)


@needs_tesseract
def test_comments_come_back_from_the_scanned_summary(
    published_scan: Extraction, published_text: Extraction
) -> None:
    assert len(published_text.annotations) == 44
    wanted = Counter(_key(a) for a in published_text.annotations)
    found = Counter(_key(a) for a in published_scan.annotations)
    exact = sum((wanted & found).values())
    assert exact >= 42  # measured: all 44 with Tesseract 5.3 (Debian bookworm)
    assert len(published_scan.annotations) == 44
    assert all(a.confidence is not None and 0 < a.confidence <= 1
               for a in published_scan.annotations)
    assert all(a.confidence is None for a in published_text.annotations)


@needs_tesseract
def test_every_burned_in_redaction_is_found_with_its_ground(
    published_scan: Extraction, published_text: Extraction
) -> None:
    def grounds(extraction: Extraction) -> Counter[tuple[int, str | None]]:
        return Counter((a.page, a.ground) for a in extraction.annotations
                       if a.kind == "redaction")

    wanted = grounds(published_text)
    assert sum(1 for _, ground in wanted.elements() if ground) >= 13
    assert grounds(published_scan) == wanted
    # A redaction's words are gone from the page text, as on the text PDF.
    redacted = [a for a in published_scan.annotations if a.kind == "redaction" and a.spans]
    assert redacted


@needs_tesseract
def test_flattened_highlights_mark_their_words(
    published_scan: Extraction, published_text: Extraction
) -> None:
    found = [a for a in published_scan.annotations if a.kind == "highlight"]
    wanted = [a for a in published_text.annotations if a.kind == "highlight"]
    assert len(found) == len(wanted) == 4
    for highlight in wanted:
        words = set((highlight.quote or "").split())
        best = max((len(words & set((a.quote or "").split())) for a in found
                    if a.page == highlight.page), default=0)
        assert best >= 0.75 * len(words), highlight.quote  # OCR may misread a word or two
    assert any(a.color == "#ffd100" for a in found)  # the highlighter's own colour


@needs_tesseract
def test_json_marks_pages_read_by_ocr(published_scan: Extraction) -> None:
    data = json.loads(json.dumps(published_scan.to_dict(include_pages=True)))
    assert all(page["ocr"] is True for page in data["pages"])
    assert all(isinstance(a["confidence"], float) for a in data["annotations"])


@needs_tesseract
def test_a_scan_is_cached_with_what_ocr_read(published_scan: Extraction, tmp_path: Path
                                            ) -> None:
    ExtractionCache(tmp_path).save(published_scan)
    cached = ExtractionCache(tmp_path).load(published_scan.document.sha256)
    assert cached is not None
    assert [p.ocr for p in cached.pages] == [True] * len(published_scan.pages)
    assert _words(cached.pages) == _words(published_scan.pages)
    assert [a.confidence for a in cached.annotations] == [
        a.confidence for a in published_scan.annotations]


@needs_tesseract
def test_first_page_of_a_scan_is_read_for_the_first_paint(scans: Path) -> None:
    page, _ = open_document(scans / "nota.pdf").page(1)
    assert page.ocr
    assert "Aanleiding" in " ".join(line.text for line in page.lines)


def test_ocr_never_leaves_a_scan_unread(scans: Path) -> None:
    extraction = load(scans / "nota.pdf", ocr="never")
    assert [page.lines for page in extraction.pages] == [[]] * len(NOTA_PAGES)
    assert not any(page.ocr for page in extraction.pages)
    assert extraction.warnings == []


def test_import_passes_the_ocr_choice_to_its_readers(scans: Path, tmp_path: Path) -> None:
    """``kantlijn import --ocr never`` reads a scan (in the import's pool) without OCR."""
    head = _import(tmp_path / "library.json", scans / "nota.pdf", "--ocr", "never")
    cache = (tmp_path / "library.d" / "cache" / f"{head['extraction']['document']['sha256']}"
             ".jsonl")
    pages = [json.loads(line)["page"] for line in cache.read_bytes().splitlines()[1:-1]]
    assert len(pages) == len(NOTA_PAGES)
    assert not any(page["ocr"] or page["lines"] for page in pages)
    assert head["ocr_skipped"] == list(NOTA_PAGES)  # read by OCR once it may


def test_a_text_pdf_is_not_read_by_ocr() -> None:
    page, _ = open_document(NOTA).page(1)
    assert not page.ocr
    assert all(line.confidence is None for line in page.lines)


def test_without_the_engine_one_warning_says_what_to_install(scans: Path, tmp_path: Path
                                                             ) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(scans / "nota.pdf"), "--format", "json"],
        capture_output=True, text=True, env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
        cwd=Path(__file__).resolve().parent.parent, check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    told = [w for w in data["warnings"] if INSTALL_LINE in w]
    assert len(told) == 1
    assert done.stderr.count(INSTALL_LINE) == 1
    assert data["document"]["pages"] == len(NOTA_PAGES)


def test_ocr_setting_in_config(config_dir: Path) -> None:
    path = config_dir / "config.toml"
    path.write_text('ocr = "never"\n', encoding="utf-8")
    assert load_config(path)[0].ocr == "never"
    path.write_text('ocr = "sometimes"\n', encoding="utf-8")
    config, warnings = load_config(path)
    assert config.ocr == "auto"
    assert any("ocr must be one of never, auto, always" in w for w in warnings)


@needs_tesseract
def test_pages_scanned_turned_are_read_upright(nota_scan: Extraction, tmp_path: Path) -> None:
    """Page 1 fed upside down, page 2 sideways (a quarter clockwise), page 3 sideways the
    other way but with a /Rotate that shows it upright: each reads as the upright scan."""
    scan = scan_pdf(NOTA, tmp_path / "turned.pdf", pages=NOTA_PAGES,
                    turned={1: 180, 2: 90, 3: 270}, rotate={3: 90})
    text = load(NOTA)
    read = load(scan)
    wanted = [p for p in text.pages if p.number in NOTA_PAGES]
    assert all(page.ocr for page in read.pages)
    assert _share_found(read.pages, wanted) >= 0.97
    for page, upright, its_text in zip(read.pages, nota_scan.pages, wanted, strict=True):
        # A page read at the wrong angle finds next to none of its words.
        assert _share_found([page], [its_text]) >= _share_found([upright], [its_text]) - 0.01
    first = " ".join(line.text for line in read.pages[0].lines[:8])
    assert "Aan Staatssecretaris" in first  # in reading order, from the top

def _import(library: Path, scan: Path, *options: str, path: str | None = None
            ) -> dict:
    """``kantlijn import`` of ``scan`` (with ``path`` as PATH when given): the head of the
    cache file it left (what the document holds, the pages OCR did not read)."""
    env = None if path is None else {"PATH": path, "HOME": str(library.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "import", "--library", str(library), *options,
         str(scan)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [cached] = (library.parent / "library.d" / "cache").glob("*.jsonl")
    with cached.open("rb") as handle:
        return json.loads(handle.readline())


@needs_tesseract
def test_a_scan_cached_unread_is_read_by_ocr_once_ocr_can_run(scans: Path, tmp_path: Path
                                                              ) -> None:
    """Imported before Tesseract was installed, then with ``--ocr never``: the cache keeps
    the pages OCR did not read, and the next import with OCR reads them."""
    library = tmp_path / "library.json"
    no_engine = tmp_path / "bin"
    no_engine.mkdir()
    head = _import(library, scans / "nota.pdf", path=str(no_engine))
    assert head["ocr_skipped"] == list(NOTA_PAGES)
    assert any(INSTALL_LINE in warning for warning in head["extraction"]["warnings"])
    sha256 = head["extraction"]["document"]["sha256"]
    assert ExtractionCache(tmp_path / "library.d").load(sha256) is None  # OCR can run now
    head = _import(library, scans / "nota.pdf", "--ocr", "never")
    assert head["ocr_skipped"] == list(NOTA_PAGES)
    head = _import(library, scans / "nota.pdf")
    assert "ocr_skipped" not in head
    read = ExtractionCache(tmp_path / "library.d").load(sha256)
    assert read is not None and all(page.ocr for page in read.pages)
    assert "Aanleiding" in " ".join(line.text for line in read.pages[0].lines)
