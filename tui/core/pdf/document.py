"""A PDF opened for reading: page 1 at once for a quick first paint, then every page.

:meth:`PdfDocument.extract` reads text, annotations with their quotes, anchors, threads,
nota's and redaction grounds, reporting progress; :func:`tui.core.document.open_document`
is the one way the rest of kantlijn gets one. A release published flattened, with its
comment summary printed in it, gives its comments from that summary
(:mod:`tui.core.pdf.published`); without a summary, its burned-in highlights and
redactions are comments of their own (:mod:`tui.core.pdf.flattened`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader
from pypdf.generic import IndirectObject

from tui.core.anchoring import anchors, grounds, notas
from tui.core.anchoring.threads import resolve_threads
from tui.core.collector import collector_paused
from tui.core.files import file_sha256
from tui.core.model import Annotation, DocumentInfo, Extraction, PageText, Progress
from tui.core.ocr.need import OcrMode, needs_reading, pages_to_read
from tui.core.pdf import annotations as annots
from tui.core.pdf import content_walk as layout
from tui.core.pdf import flattened
from tui.core.pdf import opening as pdfopen
from tui.core.pdf.annotations import AnnotationRecord
from tui.core.pdf.budget import MAX_DOCUMENT_PAGES
from tui.core.pdf.log import pypdf_warnings
from tui.core.pdf.pages import mark_text, read_pages
from tui.core.pdf.reuse import ReadCache
from tui.core.pdf.shapes import Fill
from tui.core.text import clean_line, counting_replacements, replaced_warning

if TYPE_CHECKING:
    from tui.core.ocr import pages as ocr_pages

"""``progress(done, total)``: called as pages are read."""

#: Outline entries looked at (nota titles come from the first few).
MAX_OUTLINE_ENTRIES = 10_000


class PdfDocument:
    """A PDF opened for reading; pages are read when asked for."""

    def __init__(self, path: Path, password: str | None = None, ocr: OcrMode = "auto") -> None:
        self.path = path
        self.password = password
        self.ocr: OcrMode = ocr
        """Which pages OCR reads (:mod:`tui.core.ocr.need`)."""
        self.warnings: list[str] = []
        with pypdf_warnings(self.warnings), counting_replacements() as replaced:
            self.reader: PdfReader = pdfopen.open_pdf(path, password)
            # The declared count is enough to show page 1; extract() counts for real.
            declared = pdfopen.declared_page_count(self.reader)
            self.page_count = (
                pdfopen.page_count(self.reader, self.warnings) if declared is None else declared
            )
            title = _info_title(self.reader)
        if replaced[0]:
            self.warnings.append(replaced_warning(replaced[0], "document title: "))
        self.info = DocumentInfo(
            path=str(path), sha256=file_sha256(path), pages=self.page_count, title=title
        )
        self._cache = ReadCache()
        self._ocr_read: dict[int, ocr_pages.ScannedPage] = {}
        """Pages OCR read for :meth:`page`: :meth:`extract` does not read them again."""
        self._ocr_engines: ocr_pages.Engines | None = None
        """OCR workers started for :meth:`page`, used again (then ended) by :meth:`extract`."""

    def page(self, number: int) -> tuple[PageText, list[Annotation]]:
        """Page ``number`` (1-based) with its comments, quotes and anchors; for a quick preview.

        Ids are unique on the page; threads and nota's need :meth:`extract`.
        """
        with pypdf_warnings(self.warnings), counting_replacements() as replaced:
            fills: list[Fill] = []
            before = len(self.warnings)
            text = layout.extract_page_text(
                self.reader, number - 1, self._cache, self.warnings, fills
            )
            # Pages shown one by one spend from the document's budget like a whole reading:
            # 100,000 annotations on one page give the first paint 10,000 cards, not all.
            budget = self._cache.budget
            on_page = annots.read_annotations(self.reader, number - 1, self.warnings, budget)
            self.warnings.extend(budget.take_warnings())
            cut = any(_CUT_SHORT.search(w) for w in self.warnings[before:])
            if self.ocr == "always" or (self.ocr == "auto" and needs_reading(text) and not cut):
                return self._scanned_page(text, on_page)
            on_page += flattened.burned_marks(text, fills, on_page).marks
            _finish_page(on_page, text)
        if replaced[0]:
            self.warnings.append(replaced_warning(replaced[0], f"page {number}: "))
        text.compact()
        return text, on_page

    def _scanned_page(self, text: PageText, on_page: list[Annotation]
                      ) -> tuple[PageText, list[Annotation]]:
        """A page without a text layer, read by OCR (as it was when OCR cannot run)."""
        from tui.core.ocr import pages as ocr_pages  # OCR: imported for the pages that need it

        pages, flats = [text], [flattened.FlatPage(text.number)]
        if self._ocr_engines is None:
            self._ocr_engines = ocr_pages.Engines(self.path, self.password)
        ocr_pages.read_scanned(self.path, self.password, pages, flats, on_page, self.ocr,
                               self.warnings, known=self._ocr_read, remember=True,
                               engines=self._ocr_engines)
        on_page += flats[0].marks
        _place_comments(on_page, pages[0])
        pages[0].compact()
        return pages[0], on_page

    def extract(self, progress: Progress | None = None, workers: int | None = None,
                page_read: ocr_pages.PageRead | None = None) -> Extraction:
        """Read every page and every comment; ``progress(done, total)`` as pages are read,
        ``page_read`` as each page without a text layer is read by OCR.

        Quotes are computed page by page as text is read (in worker processes for long
        documents); ids, threads, anchors, grounds and nota's need the whole document and
        are settled here afterwards.
        """
        # Pages come back from the workers as millions of small objects without cycles: the
        # cyclic collector would rescan the growing pile again and again while they arrive
        # and are settled (about a sixth of the time), and reference counting frees them
        # anyway (see :mod:`tui.core.collector`).
        try:
            with collector_paused():
                return self._extract(progress, workers, page_read)
        finally:
            if self._ocr_engines is not None:
                self._ocr_engines.close()
                self._ocr_engines = None

    def _extract(self, progress: Progress | None, workers: int | None,
                 page_read: ocr_pages.PageRead | None) -> Extraction:
        # Imported here, not at the top: showing page 1 (:meth:`page`) needs none of them.
        from tui.core.ocr import confidence as ocr_confidence
        from tui.core.pdf import published

        warnings = self.warnings
        with pypdf_warnings(warnings):
            self.page_count = pdfopen.page_count(self.reader, warnings)
        if self.page_count > MAX_DOCUMENT_PAGES:
            warnings.append(f"{self.page_count:,} pages; the pages after the first "
                            f"{MAX_DOCUMENT_PAGES:,} are skipped")
            self.page_count = MAX_DOCUMENT_PAGES
        pages: list[PageText] = []
        records: list[AnnotationRecord] = []
        flats: list[flattened.FlatPage] = []
        for chunk in read_pages(
            self.path, self.password, self.reader, self.page_count, progress, workers
        ):
            pages.extend(chunk.pages)
            records.extend(chunk.records)
            warnings.extend(chunk.warnings)
            flats.extend(chunk.flats)
        pages.sort(key=lambda page: page.number)  # pages listed twice come last (as copies)
        flats.sort(key=lambda flat: flat.number)
        skipped: list[int] = []
        _read_scanned(self.path, self.password, pages, flats,
                      [record.annotation for record in records], self.ocr, warnings,
                      workers, page_read=page_read, known=self._ocr_read,
                      engines=self._ocr_engines, skipped=skipped)
        annotations = _settled(records, warnings)
        release = published.read_release(pages, flats, warnings, annotations)
        if release is None:
            burned = [mark for flat in flats for mark in flat.marks]
        else:
            pages, burned = release.pages, release.annotations
        # Live and burned-in comments in page order (each kept in its own order on a page).
        annotations = sorted(annotations + burned, key=lambda a: a.page)
        by_page: dict[int, list[Annotation]] = {}
        for annotation in annotations:
            by_page.setdefault(annotation.page, []).append(annotation)
        for page in pages:
            _place_comments(by_page.get(page.number, []), page)
        if release is not None:
            published.anchor_unplaced(release, pages)
        with pypdf_warnings(warnings), counting_replacements() as replaced:
            outline = _outline(self.reader)
        if replaced[0]:
            warnings.append(replaced_warning(replaced[0], "outline: "))
        title = self.info.title or (release.title if release else None)
        found = notas.split_notas(pages, annotations=annotations, outline=outline, title=title)
        notas.assign_notas(annotations, found)
        ocr_confidence.assign(annotations, pages, release.summary_pages if release else [])
        info = DocumentInfo(
            path=self.info.path,
            sha256=self.info.sha256,
            pages=self.page_count,
            title=title or self.path.stem,
            source="pdf" if release is None else "summary-pdf",
        )
        return Extraction(
            document=info, pages=pages, notas=found, annotations=annotations,
            warnings=list(dict.fromkeys(warnings)),
            summary_pages=release.summary_pages if release else [],
            ocr_skipped=skipped,
        )


_CUT_SHORT = re.compile(
    r"draws itself|nested too deeply|the rest of the page is skipped|content stream of .*"
    r"skipped|the rest of the content stream is skipped|the rest of its content is skipped|"
    r"the text of the pages after them is skipped")
"""Warnings that say a page's content was cut short by a limit (not that it has none)."""


def _read_scanned(path: Path, password: str | None, pages: list[PageText],
                  flats: list[flattened.FlatPage], live: list[Annotation], mode: OcrMode,
                  warnings: list[str], workers: int | None = None, *,
                  page_read: ocr_pages.PageRead | None = None,
                  known: dict[int, ocr_pages.ScannedPage] | None = None,
                  engines: ocr_pages.Engines | None = None,
                  skipped: list[int] | None = None) -> None:
    """OCR for the pages without a text layer, except (under ``auto``) pages whose content a
    limit cut short: a form that draws itself, or content past the document's budget, would
    make the renderer do the same endless work (the warning of the limit met says why the
    page holds what was read before it)."""
    cut = {int(m.group(1)) for w in warnings if _CUT_SHORT.search(w)
           for m in [re.match(r"page (\d+): ", w)] if m}
    if mode == "auto" and any(_CUT_SHORT.search(w) and not w.startswith("page ")
                              for w in warnings):
        cut = {page.number for page in pages}  # the document's budget ran out
    keep = [i for i, page in enumerate(pages) if mode != "auto" or page.number not in cut]
    chosen, chosen_flats = [pages[i] for i in keep], [flats[i] for i in keep if i < len(flats)]
    if not pages_to_read(chosen, "auto" if mode == "never" else mode):
        return  # no page to read (nor, under never, to note as skipped): OCR stays unimported
    from tui.core.ocr import pages as ocr_pages  # OCR: imported for the pages that need it

    ocr_pages.read_scanned(path, password, chosen, chosen_flats, live, mode, warnings, workers,
                           page_read=page_read, known=known, engines=engines,
                           skipped=skipped)
    for at, index in enumerate(keep):
        pages[index] = chosen[at]
        if index < len(flats) and at < len(chosen_flats):
            flats[index] = chosen_flats[at]


def _settled(records: list[AnnotationRecord], warnings: list[str]) -> list[Annotation]:
    """Document-wide unique ids and resolved reply threads."""
    annots.settle_ids(records)
    annotations = [record.annotation for record in records]
    resolve_threads(annotations, {r.annotation.id: r.ref for r in records}, warnings)
    return annotations


def _finish_page(on_page: list[Annotation], page: PageText) -> None:
    """Quotes and spans, then anchors and grounds, on one page whose glyphs are at hand."""
    mark_text(on_page, page)
    _place_comments(on_page, page)


def _place_comments(on_page: list[Annotation], page: PageText) -> None:
    """Anchors for comments and grounds for redactions (quotes already known)."""
    anchors.anchor_page(on_page, page)
    _assign_grounds(on_page)


def _assign_grounds(on_page: list[Annotation]) -> None:
    """Grounds for redactions and for notes that state one; a redaction without its own
    takes the ground of the nearest note on the page that states one (reviewers mark the
    spots, then leave one note saying why)."""
    for annotation in on_page:
        if annotation.kind == "redaction":
            annotation.ground = grounds.normalise_ground(annotation.ground or annotation.contents)
        elif annotation.kind in {"note", "freetext"} and grounds.mentions_ground(
            annotation.contents
        ):
            annotation.ground = grounds.normalise_ground(annotation.contents)
    stating = [a for a in on_page if a.kind != "redaction" and a.ground and a.rect]
    for annotation in on_page:
        if annotation.kind == "redaction" and not annotation.ground and stating:
            annotation.ground = min(stating, key=lambda n: _distance(n, annotation)).ground


def _distance(a: Annotation, b: Annotation) -> float:
    if a.rect is None or b.rect is None:
        return float("inf")
    return abs((a.rect[1] + a.rect[3]) - (b.rect[1] + b.rect[3])) / 2


def _info_title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except Exception:  # a broken /Info is no reason to refuse the document
        return None
    return clean_line(str(title)).strip() or None if title else None


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    """Top-level outline entries as ``(title, 1-based page)``; empty when there are none.

    Pages are found in kantlijn's own page list (pypdf's would flatten the tree again,
    without its limits)."""
    entries: list[tuple[str, int]] = []
    try:
        numbers: dict[tuple[int, int], int] = {}
        for index, page in enumerate(pdfopen.pdf_pages(reader)):
            ref = getattr(page, "indirect_reference", None)
            if isinstance(ref, IndirectObject):
                numbers.setdefault((ref.idnum, ref.generation), index)
        for item in reader.outline[:MAX_OUTLINE_ENTRIES]:
            if isinstance(item, list):
                continue
            target = item.raw_get("/Page")
            if isinstance(target, IndirectObject):
                number = numbers.get((target.idnum, target.generation))
                if number is not None:
                    entries.append((clean_line(str(item.title)).strip(), number + 1))
    except Exception:  # outlines in damaged files are optional extras
        return []
    return entries
