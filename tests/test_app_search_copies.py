"""One hit per comment and per page line across linked copies, as the search screen and
``kantlijn search`` list them (:mod:`tui.core.search.copies`), on the two bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.document import load
from tui.core.library.library import Library
from tui.core.search import copies
from tui.core.search.library_search import LibrarySearch

REPO = Path(__file__).resolve().parent.parent
LIVE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
PUBLISHED = REPO / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"


@pytest.fixture
def search(tmp_path: Path) -> LibrarySearch:
    """A search over a library holding both samples (published first: its copy is the
    release's canonical one, and still the live copy's hit is shown)."""
    library = Library.open(tmp_path / "library.json")
    for file in (PUBLISHED, LIVE):
        library.add_document(load(file), file)
    library.flush()
    found = LibrarySearch(library)
    found.sync()
    return found


def test_page_lines_of_both_copies_are_one_hit_each_the_live_one_shown(
    search: LibrarySearch,
) -> None:
    raw = search.search("kabinet", "text", limit=100)
    groups = search.grouped("kabinet", "text")
    shown = groups.page(0, 100)
    assert len(raw) == 20 and len(shown) == groups.total() == 10
    live, published = load(LIVE).document.sha256, load(PUBLISHED).document.sha256
    for group in shown:
        assert group.hit.doc == live
        assert [(ref.document, ref.form) for ref in group.copies] == [
            (published, "published"), (live, "live")]
        # The published copy prints a summary page after every page: page N is 2N - 1.
        pages = {ref.form: int(ref.id.split(":")[1]) for ref in group.copies}
        assert pages["published"] == 2 * pages["live"] - 1
    # A line that stands twice in the release (pages 16 and 20) stays two hits.
    repeated = [g for g in shown if "SPI sterk ingekort" in g.hit.snippet]
    assert sorted(g.hit.page for g in repeated) == [16, 20]
    assert sorted(r.id for g in repeated for r in g.copies if r.form == "published") == [
        "line:31:28", "line:39:28"]


def test_a_search_in_one_copy_shows_that_copy_with_every_copy_listed(
    search: LibrarySearch,
) -> None:
    published = load(PUBLISHED).document.sha256
    [group] = search.grouped(f'doc:{published[:12]} "welke dan"').page(0, 10)
    assert group.hit.doc == published
    assert [ref.form for ref in group.copies] == ["published", "live"]


def test_comments_and_lines_together_page_the_same_in_small_steps(
    search: LibrarySearch, monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = search.grouped("zweden", "all").page(0, 100)
    assert [g.hit.kind for g in whole] == ["freetext", "highlight", "note", "text", "text"]
    monkeypatch.setattr(copies, "STEP", 1)  # the hits read one at a time while merging
    groups = search.grouped("zweden", "all")
    paged = [g for start in range(0, 6, 2) for g in groups.page(start, 2)]
    assert paged == whole and groups.total() == 5


def test_the_command_line_groups_page_text_too(
    search: LibrarySearch, capsys: pytest.CaptureFixture[str],
) -> None:
    library = ["--library", str(search.library.path)]
    assert main(["search", "kabinet", "--scope", "text", "--json", *library]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == len(found["hits"]) == 10
    assert main(["search", "Welke dan", "--json", *library]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert {ref["form"] for ref in hit["copies"]} == {"live", "published"}
    assert hit["document"]["file"] == LIVE.name


async def test_enter_on_a_comment_found_in_both_copies_opens_the_live_one_there(
    search: LibrarySearch,
) -> None:
    from reader_fixture import settle, until

    from tui.app import make_app
    from tui.screens.reader import ReaderScreen
    from tui.screens.search import SearchScreen

    library = search.library
    search.close()
    app = make_app(library)  # type: ignore[arg-type]
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*'"welke dan"')
        await pilot.pause()
        await pilot.press("enter", "enter")  # into the list; open the hit
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.complete, "the reader")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.doc == load(LIVE).document.sha256  # published is the first copy
        thread = reader.page_view.focused_thread()
        assert thread is not None and (thread.root.contents or "").startswith("Welke dan?")
