"""Exports of the sample library, read back with real parsers: CSV, JSON, Markdown (an
independent CommonMark parser), JSON-LD, and the annotated PDF copy (pypdf and pdfannots)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.core.document import load
from tui.core.errors import KantlijnError
from tui.core.export.notes_import import import_notes, read_notes
from tui.core.export.records import Selection, select
from tui.core.export.writer import Options, write_export
from tui.core.library.library import Library
from tui.core.model import Anchor, Annotation, Extraction, Span

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
HOSTILE = 'Zie [hier](http://evil.example) ![x](http://img) <script>alert(1)</script> & *a*'


@pytest.fixture(scope="module")
def sample() -> Extraction:
    return load(SAMPLE)


@pytest.fixture
def library(library: Library, sample: Extraction, tmp_path: Path) -> Library:
    """This test's own library (conftest) with the sample in it: a tagged and noted
    reviewer comment and one highlight of the user's."""
    pdf = tmp_path / "nota.pdf"
    pdf.write_bytes(SAMPLE.read_bytes())
    library.add_document(sample, pdf)
    doc = sample.document.sha256
    zweden = _by_contents(sample, "Waarom in Zweden")
    library.tag(doc, zweden.id, "follow-up")
    library.tag(doc, _by_contents(sample, "Welke dan").id, "=cmd|' /C calc'!A0")
    library.set_note(doc, zweden.id, HOSTILE)
    library.add_own_annotation(doc, _own_highlight(sample))
    library.flush()
    return library


def _by_contents(sample: Extraction, start: str) -> Annotation:
    return next(a for a in sample.annotations if (a.contents or "").startswith(start))


def _own_highlight(sample: Extraction) -> Annotation:
    """The user's highlight of "Hiervoor zijn al aanwijzingen." (whole words, one line)."""
    page, line, text = next(
        (p.number, i, ln.text) for p in sample.pages for i, ln in enumerate(p.lines)
        if "Hiervoor zijn al aanwijzingen." in ln.text
    )
    start = text.index("Hiervoor zijn al aanwijzingen.")
    end = start + len("Hiervoor zijn al aanwijzingen.")
    span = Span(page, line, start, end)
    return Annotation(
        id="", kind="highlight", subtype="Highlight", page=page, author="Jansen",
        created="2026-11-30T10:00:00+01:00", quote=text[start:end], spans=[span],
        anchor=Anchor(text[start:end], page, line, "quote", spans=[span]),
    )


def _export(library: Library, query: str, fmt: str, target: Path | None = None,
            **options: object) -> str:
    out = io.StringIO()
    written = write_export(select(library, Selection(query)),
                           Options(fmt, target, **options), stdout=out)  # type: ignore[arg-type]
    assert written.items > 0
    return out.getvalue() if target is None else target.read_text(encoding="utf-8-sig")


def test_csv_is_rfc4180_one_row_per_annotation_and_safe_in_a_spreadsheet(
    library: Library, sample: Extraction, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    _export(library, "", "csv", target, excel=True)
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(sample.annotations) + 1  # the user's highlight too
    tagged = next(r for r in rows if r["contents"].startswith("Waarom in Zweden"))
    assert tagged["note"] == HOSTILE and tagged["page"] == "21"
    assert "follow-up" in tagged["tags"].split("; ")
    welke = next(r for r in rows if r["contents"].startswith("Welke dan"))
    assert welke["tags"] == "'=cmd|' /C calc'!A0"  # a formula is neutralised
    assert tagged["citation"].endswith("#page=21")
    mine = [r for r in rows if r["mine"] == "yes"]
    assert [r["passage"] for r in mine] == ["Hiervoor zijn al aanwijzingen."]


def test_json_export_round_trips_into_a_fresh_library(
    library: Library, sample: Extraction, tmp_path: Path
) -> None:
    target = tmp_path / "notes.json"
    _export(library, "has:tag OR has:note OR is:mine", "json", target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "kantlijn-notes" and data["version"] == 1
    items = data["documents"][0]["annotations"]
    assert {i["id"] for i in items if i["mine"]} and all("tags" in i and "note" in i
                                                         for i in items)
    with Library.open(tmp_path / "other.json") as other:  # another machine, same PDF
        other.add_document(sample, tmp_path / "copy-elsewhere.pdf")
        report = import_notes(other, read_notes(target))
        assert report.missing_documents == [] and report.missing_annotations == 0
        doc = sample.document.sha256
        for item in items:
            assert other.tags_of(doc, item["id"]) == item["tags"]
            assert other.note_of(doc, item["id"]) == item["note"]
        assert [a.id for a in other.own_annotations(doc)] == [
            i["id"] for i in items if i["mine"]]
        again = import_notes(other, read_notes(target))
        assert (again.tags, again.notes, again.own) == (0, 0, 0)  # nothing doubled


def test_markdown_has_front_matter_citations_tags_and_no_injected_markup(
    library: Library, tmp_path: Path
) -> None:
    text = _export(library, "zweden OR is:mine", "md")
    assert text.startswith("---\n") and '\nsha256: "' in text and "\nexported: " in text
    tokens = MarkdownIt("commonmark").parse(text)
    # GitHub and Obsidian also link bare addresses (linkify): none may become a link either.
    linkified = MarkdownIt("gfm-like").parse(text)
    links = [t.attrGet("href") for tok in linkified for t in (tok.children or [])
             if t.type == "link_open"]
    images = [t for tok in tokens for t in (tok.children or []) if t.type == "image"]
    html = [t for tok in tokens for t in [tok, *(tok.children or [])]
            if t.type in ("html_inline", "html_block")]
    assert images == [] and html == []
    assert links and all(h.startswith("nota.pdf#page=") for h in links)  # only citations
    assert "nota.pdf#page=21" in links
    assert "#follow-up" in text
    rendered = MarkdownIt("commonmark").render(text)
    # Shown literally, the bare address as code (no renderer links it).
    assert "[hier](<code>http://evil.example</code>)" in rendered
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert quotes  # passages as quote blocks


def test_jsonld_is_web_annotation_shaped(library: Library, sample: Extraction) -> None:
    data = json.loads(_export(library, "", "jsonld"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert len(items) == len(sample.annotations) + 1
    motivations = {i["motivation"] for i in items}
    assert {"commenting", "highlighting", "classifying"} <= motivations
    zweden = next(i for i in items if any(b.get("value", "").startswith("Waarom in Zweden")
                                          for b in i["body"]))
    purposes = {b["purpose"] for b in zweden["body"]}
    assert {"commenting", "tagging", "describing"} <= purposes
    target = zweden["target"]
    assert target["source"] == f"urn:sha256:{sample.document.sha256}"
    kinds = {s["type"]: s for s in target["selector"]}
    assert kinds["FragmentSelector"]["value"] == "page=21"
    assert "Zweden" in kinds["TextQuoteSelector"]["exact"]
    replies = [i for i in items if i["motivation"] == "replying"]
    assert all(isinstance(r["target"], str) for r in replies)


def test_pdf_copy_carries_the_users_highlight_with_its_exact_quote(
    library: Library, tmp_path: Path
) -> None:
    pdfannots = pytest.importorskip("pdfannots")
    original = tmp_path / "nota.pdf"
    before = original.read_bytes()
    target = tmp_path / "copy.pdf"
    written = write_export(select(library, Selection("")),
                           Options("pdf", target, author="Jansen"))
    assert written.path == target and original.read_bytes() == before  # never modified
    with open(target, "rb") as handle:
        document = pdfannots.process_file(handle)
    annots = [a for page in document.pages for a in page.annots]
    mine = [a for a in annots if a.author == "Jansen" and a.subtype.name == "Highlight"]
    assert [a.gettext() for a in mine] == ["Hiervoor zijn al aanwijzingen."]
    notes = [a for a in annots if (a.contents or "").startswith("Tags: follow-up")]
    assert notes and "Note: Zie [hier]" in (notes[0].contents or "")


def test_bad_targets_are_one_line_errors(library: Library, tmp_path: Path) -> None:
    existing = tmp_path / "exists.md"
    existing.write_text("keep me")
    with pytest.raises(KantlijnError, match="exists; add --force"):
        write_export(select(library, Selection("")), Options("md", existing))
    assert existing.read_text() == "keep me"
    with pytest.raises(KantlijnError, match="no such folder"):
        write_export(select(library, Selection("")), Options("md", tmp_path / "no" / "x.md"))
    with pytest.raises(KantlijnError, match="nothing to export"):
        write_export(select(library, Selection("tag:nergens")), Options("md", tmp_path / "e.md"))
    with pytest.raises(KantlijnError, match="needs a file"):
        write_export(select(library, Selection("")), Options("pdf", None))
    assert not list(tmp_path.glob(".*.part"))  # no half-written files left


def test_the_export_command(library: Library, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui", *args, "--library", str(library.path)],
            capture_output=True, text=True, check=False,
        )

    done = run("export", "tag:follow-up", "-f", "csv", "-o", str(tmp_path / "t.csv"))
    assert done.returncode == 0 and "1 annotation from 1 document" in done.stderr
    again = run("export", "tag:follow-up", "-f", "csv", "-o", str(tmp_path / "t.csv"))
    assert again.returncode == 1 and "exists; add --force" in again.stderr
    bad = run("export", '"open', "-o", "-")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    imported = run("import-notes", str(tmp_path / "missing.json"))
    assert imported.returncode == 1 and "no such file" in imported.stderr
