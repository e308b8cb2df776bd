"""Copies of one release: linked by their text, one comment across copies, one hit in search.

On the bundled samples (the live release and the same release as published) and on
releases built from the sample's transcription (tools/pdfgen via sample_docs/build_sample.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import sample_builder

from tui.cli import main
from tui.core.document import load
from tui.core.library.library import Library
from tui.core.model import Span

REPO = Path(__file__).resolve().parent.parent
LIVE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
PUBLISHED = REPO / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"




@pytest.fixture(scope="module")
def build() -> ModuleType:
    """sample_docs/build_sample.py, imported by path (it is not part of the package)."""
    return sample_builder()


def _library(tmp_path: Path, *files: Path) -> Library:
    library = Library.open(tmp_path / "library.json")
    for file in files:
        library.add_document(load(file), file)
    library.flush()
    return library


def _number(annotation_id: str) -> str:
    """The comment's number on its page (both samples number them as the summary does)."""
    match = re.search(r"n0*(\d+)$", annotation_id)
    assert match is not None
    return match.group(1)


def test_the_samples_link_as_copies_with_every_comment_matched(tmp_path: Path) -> None:
    library = _library(tmp_path, LIVE, PUBLISHED)
    live, published = load(LIVE), load(PUBLISHED)
    assert len(live.annotations) == len(published.annotations) == 44
    forms = {c.document: c.form for c in library.copies.copies(live.document.sha256)}
    assert forms == {live.document.sha256: "live", published.document.sha256: "published"}
    # Every published comment shares its key with the live comment of the same page order
    # and number: 44 of 44, none left on its own.
    keys = {library.copies.key(published.document.sha256, a.id) for a in published.annotations}
    assert keys == {(live.document.sha256, a.id) for a in live.annotations}
    for ours, theirs in zip(published.annotations, live.annotations, strict=True):
        assert library.copies.key(published.document.sha256, ours.id)[1] == theirs.id
        assert _number(ours.id) == _number(theirs.id)
    assert library.copies.orphans(published.document.sha256) == []


@pytest.mark.parametrize("tagged", ["live", "published"])
def test_a_tag_made_on_either_copy_shows_on_both(tmp_path: Path, tagged: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _library(tmp_path, PUBLISHED, LIVE).flush()
    lib = ["--library", str(tmp_path / "library.json")]
    live, published = load(LIVE), load(PUBLISHED)
    pairs = list(zip(live.annotations, published.annotations, strict=True))
    on_live, on_published = pairs[30]
    doc, ann = (LIVE, on_live.id) if tagged == "live" else (PUBLISHED, on_published.id)
    assert main(["tag", ann, "opvolgen", "--doc", str(doc), *lib]) == 0
    assert main(["note", ann, "navragen bij DG", "--doc", str(doc), *lib]) == 0
    capsys.readouterr()
    library = Library.open(tmp_path / "library.json")
    for sha, annotation in ((live.document.sha256, on_live),
                            (published.document.sha256, on_published)):
        assert library.tags_of(sha, annotation.id) == ["opvolgen"]
        assert library.annotation_data(sha)[annotation.id]["note"] == "navragen bij DG"
    # Stored once: one record in the library file.
    stored = json.loads((tmp_path / "library.json").read_text())["annotations"]
    assert len(stored) == 1
    # Searching and exporting find it on the one comment, listing both copies.
    assert main(["search", "tag:opvolgen", "--json", *lib]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["id"] == on_live.id and hit["tags"] == ["opvolgen"]
    assert {c["id"] for c in hit["copies"]} == {on_live.id, on_published.id}
    assert main(["export", "-f", "json", "-o", "-", *lib]) == 0
    exported = capsys.readouterr().out
    assert exported.count("navragen bij DG") == 2  # once in each copy's document


def test_search_gives_one_hit_with_two_copies(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _library(tmp_path, PUBLISHED, LIVE).flush()
    assert main(["search", "Welke dan", "--json", "--library", str(tmp_path / "library.json")]
                ) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 1
    [hit] = found["hits"]
    assert hit["document"]["file"] == LIVE.name  # the live copy is the preview
    live, published = load(LIVE), load(PUBLISHED)
    assert sorted((c["document"], c["form"]) for c in hit["copies"]) == sorted([
        (live.document.sha256, "live"), (published.document.sha256, "published")])


def test_unlink_keeps_the_tags_on_both_and_link_joins_them_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, LIVE, PUBLISHED).flush()
    lib = ["--library", str(tmp_path / "library.json")]
    live, published = load(LIVE), load(PUBLISHED)
    first, second = live.annotations[0].id, published.annotations[0].id
    assert main(["tag", first, "eerste", "--doc", str(LIVE), *lib]) == 0
    assert main(["unlink", str(LIVE), str(PUBLISHED), *lib]) == 0
    assert main(["tag", second, "alleen-hier", "--doc", str(PUBLISHED), *lib]) == 0
    library = Library.open(tmp_path / "library.json")
    assert library.tags_of(live.document.sha256, first) == ["eerste"]
    assert library.tags_of(published.document.sha256, second) == ["eerste", "alleen-hier"]
    assert len(library.copies.copies(live.document.sha256)) == 1
    # Importing the published copy again does not link what the user unlinked.
    assert main(["import", str(PUBLISHED), *lib]) == 0
    assert len(Library.open(tmp_path / "library.json").copies.copies(
        live.document.sha256)) == 1
    assert main(["link", str(LIVE), str(PUBLISHED), *lib]) == 0
    assert "100% of their text in common" in capsys.readouterr().out
    library = Library.open(tmp_path / "library.json")
    for sha, ann in ((live.document.sha256, first), (published.document.sha256, second)):
        assert library.tags_of(sha, ann) == ["eerste", "alleen-hier"]


def test_linking_is_undone_like_a_tag(tmp_path: Path) -> None:
    library = _library(tmp_path, LIVE)
    live = load(LIVE)
    library.tag(live.document.sha256, live.annotations[3].id, "x")
    library.add_document(load(PUBLISHED), PUBLISHED)
    published = load(PUBLISHED)
    assert library.tags_of(published.document.sha256, published.annotations[3].id) == ["x"]
    assert library.undo() is not None  # the link
    assert library.tags_of(published.document.sha256, published.annotations[3].id) == []
    assert library.tags_of(live.document.sha256, live.annotations[3].id) == ["x"]


def _release(build: ModuleType, notas: list[dict[str, Any]], title: str) -> Any:
    return build.build({"title": title, "notas": notas})


def test_two_different_notas_with_the_same_title_are_not_linked(
    tmp_path: Path, build: ModuleType
) -> None:
    notas = build.expand(build.load_release()["notas"])
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    _release(build, [notas[0]], "Nota aan de staatssecretaris").write(first)
    _release(build, [{**notas[1], "title": notas[0]["title"]}],
             "Nota aan de staatssecretaris").write(second)
    assert load(first).document.title == load(second).document.title
    library = _library(tmp_path, first, second)
    assert len(library.copies.copies(load(first).document.sha256)) == 1
    assert len(library.copies.copies(load(second).document.sha256)) == 1


OLD_SENTENCE = "de verwachting uitgesproken dat SZW hier op een actieagenda dient te ontwikkelen."
NEW_SENTENCE = "de wens geuit dat SZW hiervoor een plan van aanpak opstelt."


def _new_version(build: ModuleType) -> dict[str, Any]:
    """The sample release with one paragraph changed (and the comments on it following)."""
    release = build.load_release()
    text = json.dumps(release, ensure_ascii=False)
    assert text.count(OLD_SENTENCE) >= 2  # the paragraph and the highlight on it
    text = text.replace(OLD_SENTENCE, NEW_SENTENCE)
    text = text.replace('"de verwachting uitgesproken dat SZW"', '"de wens geuit dat SZW"')
    changed: dict[str, Any] = json.loads(text)
    return changed


def test_a_new_version_keeps_every_tag_but_the_one_whose_passage_went(
    tmp_path: Path, build: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    version = tmp_path / "nota-actieagenda-integratie-v2.pdf"
    build.build(_new_version(build)).write(version)
    library = _library(tmp_path, LIVE)
    live = load(LIVE)
    sha = live.document.sha256
    for annotation in live.annotations:
        library.tag(sha, annotation.id, f"t-{annotation.id}")
    kept = library.add_own_annotation(sha, _own_highlight(live, "Hiervoor zijn al aanwijzingen"))
    gone = library.add_own_annotation(sha, _own_highlight(live, "de verwachting uitgesproken"))
    library.add_document(load(version), version)
    library.flush()
    second = load(version)
    [copy] = [c for c in library.copies.copies(sha) if c.document == second.document.sha256]
    assert copy.form == "version 2" and 0.6 < copy.share < 1
    carried = {t for a in second.annotations
               for t in library.tags_of(second.document.sha256, a.id)}
    orphans = library.copies.orphans(second.document.sha256)
    orphaned = {tag for orphan in orphans for tag in orphan.tags}
    # Every tag is either on the new version's comment or listed as orphaned; none lost.
    assert carried | orphaned == {f"t-{a.id}" for a in live.annotations}
    assert not carried & orphaned
    # Only what stood on the changed sentence is orphaned, the highlight on it among them.
    highlight = next(a for a in live.annotations if a.quote and "verwachting" in a.quote)
    assert f"t-{highlight.id}" in orphaned
    for orphan in orphans:
        assert orphan.quote and set(orphan.quote.casefold().split()) & {"verwachting", "szw"}
    # The own highlight on a passage still there is carried across; the other is orphaned.
    assert [a.id for a in library.own_annotations(second.document.sha256)] == [kept]
    assert gone in {orphan.id for orphan in orphans}
    # The command line lists them, with their old passage.
    assert main(["copies", str(version), "--library", str(tmp_path / "library.json")]) == 0
    out = capsys.readouterr().out
    assert "version 2" in out
    assert f"orphaned: {highlight.id}" in out and "de verwachting uitgesproken" in out


def _own_highlight(extraction: Any, words: str) -> Any:
    """An own highlight over ``words`` where they stand in ``extraction``."""
    from tui.core.model import Anchor, Annotation

    for page in extraction.pages:
        for number, line in enumerate(page.lines):
            at = line.text.find(words)
            if at >= 0:
                span = Span(page.number, number, at, at + len(words))
                return Annotation(id="", kind="highlight", subtype="Highlight", page=page.number,
                                  quote=words, spans=[span], contents="eigen opmerking",
                                  anchor=Anchor(line.text, page.number, number, "quote", None,
                                                [span]))
    raise AssertionError(f"{words!r} is not in the document")


def test_own_annotations_show_on_every_copy_where_their_words_stand(tmp_path: Path) -> None:
    library = _library(tmp_path, LIVE, PUBLISHED)
    live, published = load(LIVE), load(PUBLISHED)
    words = "is een preventief uitreisverbod"
    own_id = library.add_own_annotation(live.document.sha256, _own_highlight(live, words))
    [placed] = library.own_annotations(published.document.sha256)
    assert placed.id == own_id and placed.contents == "eigen opmerking"
    [span] = placed.spans
    line = next(p for p in published.pages if p.number == span.page).lines[span.line].text
    assert line[span.start:span.end] == words
    assert placed.page != library.own_annotations(live.document.sha256)[0].page
    # Deleted from the copy it shows on, it is gone from both.
    library.delete_own_annotation(published.document.sha256, own_id)
    assert library.own_annotations(live.document.sha256) == []
    assert library.own_annotations(published.document.sha256) == []


def test_removing_the_first_copy_keeps_the_tags_on_the_others(tmp_path: Path) -> None:
    library = _library(tmp_path, LIVE, PUBLISHED)
    live, published = load(LIVE), load(PUBLISHED)
    library.tag(live.document.sha256, live.annotations[5].id, "bewaren")
    library.remove_document(live.document.sha256)
    library.flush()
    reopened = Library.open(tmp_path / "library.json")
    assert reopened.tags_of(published.document.sha256, published.annotations[5].id) == [
        "bewaren"]
    assert len(reopened.copies.copies(published.document.sha256)) == 1
