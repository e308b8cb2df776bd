"""What the library keeps of a release (releases.json), the status line's labels and the
overview's bars: plain data, tested without an app."""

from __future__ import annotations

from pathlib import Path

from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined
from tui.core.dossier.bars import bar, bar_lines
from tui.core.library.library import Library
from tui.core.release.importing import import_release
from tui.core.release.store import ReleaseStore, StoredRelease, label_at, page_labels

SPEC = ReleaseSpec("Besluit", ["Geachte heer."], [
    DocSpec("31", "Nota", judgement="Deels openbaar", grounds="5.1.2e", redactions=["5.1.2e"],
            pages=2),
    DocSpec("32", "Verslag", judgement="Openbaar", pages=3),
])


def test_a_recorded_release_reads_back_the_same_and_labels_its_pages(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library.json")
    pdf = write_combined(SPEC, tmp_path / "besluit.pdf")
    stored = import_release(library, pdf)
    (again,) = ReleaseStore(library.path).all()
    assert again == StoredRelease.from_dict(stored.to_dict()) == stored
    first, second = stored.parts
    assert (first.last_page + 1, second.pages) == (second.first_page, 3)
    assert stored.members == [first.doc] == [second.doc]  # one file holds both
    labels = page_labels([stored], first.doc or "")
    assert label_at(labels, first.first_page) == "doc 31 · deels openbaar"
    assert label_at(labels, second.last_page) == "doc 32 · openbaar"
    assert label_at(labels, 1) is None  # the letter's page belongs to no document
    assert page_labels([stored], "another file") == ()


def test_a_damaged_store_reads_as_no_release(tmp_path: Path) -> None:
    store = ReleaseStore(tmp_path / "library.json")
    store.path.parent.mkdir()
    for text in ("{ not json", '{"version": 1, "releases": [{"path": 3}]}', "[]"):
        store.path.write_text(text)
        assert store.all() == []


def test_bars_are_eighths_of_a_cell_and_never_vanish() -> None:
    assert bar(8, 8, 4) == "████"
    assert bar(1, 8, 4) == "▌"  # half a cell
    assert bar(1, 1000, 4) == "▏"  # a count above zero always shows
    assert bar(0, 8, 4) == ""
    assert bar_lines({"5.1.2a": 6, "5.1.2e": 3}, 2) == [("5.1.2a", "██", 6), ("5.1.2e", "█", 3)]
