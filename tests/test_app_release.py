"""A Woo release in the app (issue 22, item 4): one library entry that opens to its
documents, the reader's status line naming a document's number and judgement, the release's
dossier (overview bars, then findings that take you to their page), search by judgement."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_fixture import reader_when_read, settle, until
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tools.pdfgen.release import DocSpec, ReleaseSpec, write_combined
from tui.app import make_app
from tui.core.library.library import Library
from tui.core.paths import sample_release_path
from tui.core.release.importing import import_release
from tui.core.release.store import ReleaseStore, StoredRelease
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.pick import PickDialog
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.release import ReleaseScreen
from tui.screens.release_dossier import ReleaseDossierScreen
from tui.screens.search import SearchScreen
from tui.widgets.hit_list import HitList

SIZE = (160, 48)
LINES = 44
"""Lines on each page: a page fills the reader, so the page asked for stands at its top."""
SPEC = ReleaseSpec("Besluit Woo-verzoek kantlijn", ["Geachte heer, hierbij het besluit."], [
    DocSpec("2001", "Nota overleg", judgement="Deels openbaar", grounds="5.1.2e",
            redactions=["5.1.2e"], pages=2, lines=LINES),
    DocSpec("2002", "Nota voortgang", judgement="Openbaar", redactions=["5.1.2e", "5.1.2e"],
            pages=2, lines=LINES),
    DocSpec("2003", "Verslag", judgement="Deels openbaar", grounds="5.1.2a", present=False),
])


def rows(screen: ReleaseScreen | ReleaseDossierScreen | LibraryScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def status(reader: ReaderScreen) -> str:
    return str(reader.query_one("#reader-status").render())


@pytest.fixture
def combined(tmp_path: Path) -> Path:
    return write_combined(SPEC, tmp_path / "besluit.pdf")


@pytest.fixture
def with_release(library: Library, combined: Path) -> Library:
    """The library holding the combined release (so no sample is added on a first run)."""
    import_release(library, combined)
    library.flush()
    return library


async def test_the_sample_release_is_one_entry_that_opens_to_its_documents(
    data_dir: Path,
) -> None:
    app = make_app(Library.open())  # a first run, as the README's first command starts it
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        listed = rows(screen)
        release = next(i for i, e in enumerate(screen.entries) if e.release is not None)
        assert sum(1 for e in screen.entries if e.release is not None) == 1
        assert listed[release][0] == "Besluit op het Woo-verzoek over de Actieagenda Integratie"
        assert listed[release][1] == "woo-besluit/"
        assert listed[release][2] == "release: 8 docs, 0 findings"
        screen.query_one(DataTable).move_cursor(row=release)
        await pilot.press("enter")
        await pilot.pause()
        documents = app.screen
        assert isinstance(documents, ReleaseScreen)
        table = rows(documents)
        assert [r[0] for r in table] == [str(n) for n in range(1001, 1009)]
        assert table[3][:4] == ["1004", "Nieuwe versie 2 december 2025 Brief Aankondiging "
                                "Actieagenda Integratie", "2024-12-02", "openbaar"]
        assert table[0][3:6] == ["deels openbaar", "11", "–"]  # 11 comments, no finding
        await pilot.press("j", "j", "j", "enter")  # 1004: openbaar
        reader = await reader_when_read(pilot)
        assert Path(reader.path or "").name == "1004.pdf"
        assert "doc 1004 · openbaar" in status(reader)
        await pilot.press("l")  # back to the release's documents, then to the library
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert sample_release_path().is_dir()


async def test_a_combined_release_opens_on_its_documents_with_each_one_s_number(
    with_release: Library, combined: Path,
) -> None:
    app = make_app(with_release, release=str(combined))  # kantlijn besluit.pdf
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReleaseScreen)
        table = rows(screen)
        assert [r[0] for r in table] == ["2001", "2002", "2003"]
        assert table[2][6] == "not in the release"
        # 2002: redacted-but-public and ground-not-in-inventory; 2003: missing-document
        assert [r[5] for r in table] == ["–", "2", "1"]
        part = screen.release.parts[1]
        await pilot.press("j", "enter")
        reader = await reader_when_read(pilot)
        assert reader.page_view.reading_position()[0] == part.first_page  # in the file
        assert "doc 2002 · openbaar" in status(reader)
        await pilot.press("colon", *str(screen.release.parts[0].first_page), "enter")
        await until(pilot, lambda: "doc 2001 · deels openbaar" in status(reader),
                    "the status line to follow the page into document 2001")


async def test_the_release_dossier_shows_bars_then_findings_that_go_to_their_page(
    with_release: Library, combined: Path,
) -> None:
    app = make_app(with_release, release=str(combined))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        dossier = app.screen
        assert isinstance(dossier, ReleaseDossierScreen)
        columns = [str(s.render()) for s in dossier.query(".overview-column").results(Static)]
        assert columns[0].splitlines() == ["Documents by judgement",
                                           "openbaar       ████████         1",
                                           "deels openbaar ████████████████ 2"]
        assert columns[1].splitlines() == ["Redactions by ground",
                                           "5.1.2e ████████████████ 3"]
        assert "redacted-but-public" in columns[2] and "missing-document" in columns[2]
        table = rows(dossier)
        kinds = [r[0] for r in table]
        assert sorted(kinds[:3]) == ["ground-not-in-inventory",  # the findings first
                                     "missing-document", "redacted-but-public"]
        assert [(r[0], r[1]) for r in table[3:]] == [
            ("document (2 findings)", "2002"), ("document (1 finding)", "2003"),
            ("document", "2001")]
        part = next(p for p in dossier.release.parts if p.docnr == "2002")
        await pilot.press(*"j" * kinds.index("redacted-but-public"), "enter")  # 2002, p. 1
        reader = await reader_when_read(pilot)
        assert reader.page_view.reading_position()[0] == part.first_page
        assert "doc 2002 · openbaar" in status(reader)


async def test_search_by_judgement_finds_only_the_documents_listed_so(
    with_release: Library,
) -> None:
    app = make_app(with_release)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the index, built in the background
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"judgement:openbaar")
        hits = screen.query_one(HitList)
        await until(pilot, lambda: hits.total == 2, "the two redactions of 2002")
        part = next(p for p in screen_release(with_release).parts if p.docnr == "2002")
        found = [hits.hit(i) for i in range(2)]
        assert {hit.page for hit in found if hit is not None} == {part.first_page}
        await pilot.press(*" -kind:redaction")
        await until(pilot, lambda: hits.total == 0, "no hit left")


def screen_release(library: Library) -> StoredRelease:
    return ReleaseStore(library.path).all()[0]


async def test_delete_on_a_release_removes_it_and_its_documents_after_asking(
    with_release: Library, combined: Path,
) -> None:
    app = make_app(with_release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert [e.source for e in screen.entries] == ["release"]
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Its documents (1) go with it" in dialog.text and str(combined) in dialog.text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.screen.entries == []
    assert ReleaseStore(with_release.path).all() == []
    assert combined.is_file()


def test_snapshot_of_the_release_dossier(
    with_release: Library, combined: Path, snap_compare: object
) -> None:
    """The overview's bars, then the findings and the inventory, at 120 columns."""

    async def open_dossier(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()

    app = make_app(with_release, release=str(combined))
    assert snap_compare(app, terminal_size=(120, 36), run_before=open_dossier)  # type: ignore[operator]


async def test_d_on_a_release_in_the_library_opens_its_dossier(
    with_release: Library,
) -> None:
    app = make_app(with_release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseDossierScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_linked_copies_are_one_entry_and_c_picks_the_form_to_read(data_dir: Path) -> None:
    app = make_app(Library.open())  # a first run: the sample nota's live and as published
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert rows(screen)[0][2] == "PDF: live + published"
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickDialog)
        assert [Path(p).name for p in dialog.choices] == [
            "nota-actieagenda-integratie.pdf", "nota-actieagenda-integratie-gepubliceerd.pdf"]
        assert dialog.labels[1].startswith("published  ·  ")
        await pilot.press("down", "enter")
        reader = await reader_when_read(pilot)
        assert Path(reader.path or "").name == "nota-actieagenda-integratie-gepubliceerd.pdf"
