"""Whole-document extraction: the sample's comments tied to their passages, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tui.core import document
from tui.core.model import Annotation, Extraction


@pytest.fixture(scope="module")
def sample(sample_pdf: Path) -> Extraction:
    return document.load(sample_pdf)


def _by_contents(extraction: Extraction, start: str) -> Annotation:
    found = [a for a in extraction.annotations if (a.contents or "").startswith(start)]
    assert len(found) == 1, [a.contents for a in found]
    return found[0]


def _by_id(extraction: Extraction, annotation_id: str | None) -> Annotation:
    return next(a for a in extraction.annotations if a.id == annotation_id)


def test_welke_dan_anchors_to_its_highlight(sample: Extraction) -> None:
    comment = _by_contents(sample, "Welke dan?")
    assert comment.kind == "freetext"
    assert comment.anchor is not None and comment.anchor.via == "markup"
    highlight = _by_id(sample, comment.anchor.annotation)
    assert highlight.kind == "highlight"
    assert highlight.quote == "Hiervoor zijn al aanwijzingen."
    assert comment.anchor.line == highlight.spans[0].line


def test_zweden_comment_anchors_to_the_highlight_across_a_line_break(sample: Extraction) -> None:
    comment = _by_contents(sample, "Waarom in Zweden wel hier niet")
    assert comment.anchor is not None
    highlight = _by_id(sample, comment.anchor.annotation)
    assert highlight.quote == (
        "In Nederland is een preventief uitreisverbod niet mogelijk (wel in bijvoorbeeld Zweden)"
    )
    assert len({span.line for span in highlight.spans}) >= 2


def test_every_highlight_quote_is_exactly_its_passage(sample: Extraction) -> None:
    quotes = sorted(a.quote or "" for a in sample.annotations if a.kind == "highlight")
    assert quotes == sorted([
        "Hiervoor zijn al aanwijzingen.",
        "de verwachting uitgesproken dat SZW hier op een actieagenda dient te ontwikkelen.",
        "3. Een sociaal stabiel Nederland",
        "In Nederland is een preventief uitreisverbod niet mogelijk (wel in bijvoorbeeld Zweden)",
    ])


def test_sample_inventory_and_notas(sample: Extraction) -> None:
    kinds = Counter(a.kind for a in sample.annotations)
    assert kinds == {"redaction": 23, "freetext": 9, "note": 8, "highlight": 4}
    assert len(sample.notas) == 8
    assert sample.notas[1].title == "Voortgang Actieagenda Integratie"
    assert sample.notas[1].decision == "TER BESLISSING"
    assert sample.notas[0].decision == "TER VOORBEREIDING"
    assert all(a.nota is not None for a in sample.annotations)


def test_redaction_grounds_follow_the_reviewers_note(sample: Extraction) -> None:
    notes = [
        a for a in sample.annotations
        if a.contents == "Lakken op grond van diplomatieke betrekkingen"
    ]
    assert notes and all(note.ground == "5.1.2a" for note in notes)
    for note in notes:
        marks = [a for a in sample.annotations if a.kind == "redaction" and a.page == note.page]
        assert marks and all(mark.ground == "5.1.2a" for mark in marks)


def test_json_round_trip_keeps_everything(sample: Extraction) -> None:
    data = json.loads(json.dumps(sample.to_dict(include_pages=True)))
    assert Extraction.from_dict(data) == sample


def test_seed_summary_and_sample_pdf_tell_the_same_comments(
    sample: Extraction, seed: Path
) -> None:
    """The text conversion and the PDF carry the same comments, kind by kind."""
    from_text = document.load(seed)

    def words(extraction: Extraction) -> Counter[tuple[str, str]]:
        return Counter(
            (a.kind, " ".join((a.contents or "").lower().split())[:20])
            for a in extraction.annotations
            if a.kind in {"freetext", "note"} and a.contents
        )

    shared = words(from_text) & words(sample)
    assert sum(shared.values()) >= 0.8 * sum(words(from_text).values())


def _kantlijn(*args: str, stdin: str = "",
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60,
        input=stdin, env={**os.environ, **(env or {})},
    )


def test_cli_extract_json_and_markdown(sample_pdf: Path) -> None:
    result = _kantlijn("extract", str(sample_pdf))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["pages"] == 22
    assert {"document", "notas", "annotations"} <= set(data)
    markdown = _kantlijn("extract", str(sample_pdf), "--format", "md").stdout
    assert "Welke dan?" in markdown and "Hiervoor zijn al aanwijzingen." in markdown
    # the highlight "Welke dan?" stands beside is its passage, quoted once (not again as a
    # highlight of its own, nor under the empty note on it)
    assert markdown.count("> Hiervoor zijn al aanwijzingen.") == 1


def test_cli_extract_a_directory_says_so(tmp_path: Path) -> None:
    result = _kantlijn("extract", str(tmp_path))
    assert (result.returncode, result.stderr) == (1, f"kantlijn: {tmp_path}: is a directory\n")


def test_cli_extract_encrypted_needs_a_password(corpus: Path) -> None:
    locked = corpus / "bad" / "r4-user-password.pdf"
    result = _kantlijn("extract", str(locked))
    assert result.returncode == 2
    assert result.stderr.strip() == f"kantlijn: {locked} is encrypted; use --password"
    # The password never stands in argv: --password asks (here on standard input)...
    opened = _kantlijn("extract", str(locked), "--password", stdin="asdfzxcv\n")
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout)["document"]["pages"] >= 1
    # ...or $KANTLIJN_PASSWORD gives it; a value after --password is refused, not used.
    assert _kantlijn("extract", str(locked), env={"KANTLIJN_PASSWORD": "asdfzxcv"}).returncode == 0
    given = _kantlijn("extract", str(locked), "--password", "asdfzxcv")
    assert given.returncode == 2 and "unrecognized arguments" in given.stderr
    wrong = _kantlijn("extract", str(locked), "--password", stdin="fout\n")
    assert wrong.returncode == 2 and "fout" not in wrong.stderr


def test_cli_extract_not_a_pdf_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01 this is not a PDF")
    result = _kantlijn("extract", str(junk))
    assert result.returncode == 1
    assert result.stderr.startswith("kantlijn: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_stamp_at_the_top_anchors_to_the_first_line(sample: Extraction) -> None:
    stamp = _by_contents(sample, "Staatssecretaris besproken 15-10-2024")
    assert stamp.anchor is not None
    assert stamp.anchor.line == 0
    assert stamp.anchor.text == "Aan Staatssecretaris"


def test_a_redaction_in_the_side_block_stays_in_the_side_block(sample: Extraction) -> None:
    page = sample.pages[0]
    side = {i for i, line in enumerate(page.lines) if line.column == 1}
    marks = [
        a for a in sample.annotations
        if a.kind == "redaction" and a.page == 1 and a.rect and a.rect[0] >= 420
    ]
    assert marks
    assert all(a.anchor is not None and a.anchor.line in side for a in marks)


def test_stopping_a_long_read_leaves_no_worker_behind(tmp_path: Path) -> None:
    import multiprocessing

    from tools.pdfgen.bulk import write_generated

    path = tmp_path / "long.pdf"
    write_generated(path, 120)

    class Stop(Exception):
        pass

    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        raise Stop

    with pytest.raises(Stop):
        document.open_document(path).extract(progress, workers=2)
    assert seen == [25]
    assert multiprocessing.active_children() == []
