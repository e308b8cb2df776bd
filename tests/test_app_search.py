"""The search screen as a user drives it: s, type, read the hits, open one in the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import reopened
from reader_fixture import settle
from textual.command import CommandPalette
from textual.widgets import Input, Static

from tui.app import KantlijnApp, make_app
from tui.core.library.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.widgets.hit_list import HitList


async def _search_screen(app: KantlijnApp, pilot: object) -> SearchScreen:
    await app.workers.wait_for_complete()  # the index, built in the background
    await pilot.press("s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, SearchScreen)
    return app.screen


async def _type(pilot: object, text: str) -> None:
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def _preview(screen: SearchScreen) -> str:
    shown = screen.query_one("#search-preview", Static).content
    return "\n".join(
        "".join(segment.text for segment in line)
        for line in screen.app.console.render_lines(shown, pad=False)  # type: ignore[arg-type]
    )


@pytest.mark.after_first_run
async def test_typing_lists_hits_and_enter_opens_the_reader_on_that_comment(
    library: Library, tmp_path: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        screen = await _search_screen(app, pilot)
        await _type(pilot, "zweden")
        hits = screen.query_one(HitList)
        # The first run imports the sample in both forms, linked as copies, and the sample
        # release, whose document 1007 is the nota with the Zweden comments: three comments
        # there, and three in the sample, each one hit with its two copies.
        assert hits.total == 3 * 2
        first = hits.current  # the release was added first: its document comes first
        assert first is not None and first.kind == "freetext" and first.page == 4
        assert [ref.form for ref in hits.current_copies] == ["live"]
        await pilot.press("enter")  # into the list
        assert hits.has_focus
        await pilot.press("down")  # the same comment in the sample: live and published
        await pilot.pause()
        assert hits.current is not None and hits.current.page == 21
        assert [ref.form for ref in hits.current_copies] == ["live", "published"]
        assert "Waarom in Zweden wel hier niet" in _preview(screen)
        assert "▸ live       nota-actieagenda-integratie.pdf" in _preview(screen)
        await pilot.press("enter")  # open it
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.complete
        thread = reader.page_view.focused_thread()
        assert thread is not None and "Waarom in Zweden" in (thread.root.contents or "")


@pytest.mark.after_first_run
async def test_a_malformed_query_says_what_is_wrong_beside_the_input(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _search_screen(app, pilot)
        await _type(pilot, "welke")
        found = screen.query_one(HitList).total
        await _type(pilot, ' "open')
        hint = screen.query_one("#search-hint", Static)
        assert hint.has_class("error") and "quote is not closed" in str(hint.content)
        # The old hits go: they answered another query.
        assert found > 0 and screen.query_one(HitList).total == 0
        await _type(pilot, '"')
        assert not hint.has_class("error")


@pytest.mark.after_first_run
async def test_the_page_text_scope_finds_passages_nobody_commented(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _search_screen(app, pilot)
        await _type(pilot, '"eerste versie"')
        assert screen.query_one(HitList).total == 0
        await pilot.press("ctrl+t")
        await pilot.pause()
        hits = screen.query_one(HitList)
        # The same line in each form of the sample (one hit, found in both copies) and in
        # document 1001 of the sample release.
        assert hits.total == 2 and hits.current is not None
        assert hits.current.kind == "text" and hits.current.page == 1
        forms = {tuple(ref.form for ref in hits.group(i).copies)  # type: ignore[union-attr]
                 for i in range(2)}
        assert forms == {("live",), ("live", "published")}
        assert "page text" in str(screen.query_one("#search-scope", Static).content)


@pytest.mark.after_first_run
async def test_recent_searches_come_back_and_saved_ones_are_in_the_palette(
    library: Library, tmp_path: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _search_screen(app, pilot)
        await _type(pilot, "kind:redaction ground:5.1.2a")
        await pilot.press("enter", "escape", "escape")  # remembered; back to the library
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        screen = await _search_screen(app, pilot)
        await pilot.press("up")
        field = screen.query_one("#search-input", Input)
        assert field.value == "kind:redaction ground:5.1.2a"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.library.searches.saved() == ["kind:redaction ground:5.1.2a"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await _type(pilot, "Search: kind")
        await settle(pilot)  # the palette gathers its commands in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == (
            "kind:redaction ground:5.1.2a"
        )
    assert reopened(library).searches.saved() == ["kind:redaction ground:5.1.2a"]


@pytest.mark.after_first_run
async def test_a_tag_made_in_the_app_is_found_at_once(library: Library, tmp_path: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        library = app.library
        doc = library.documents()[0].sha256
        extraction = library.cached_extraction(doc)
        assert extraction is not None
        welke = next(a for a in extraction.annotations if (a.contents or "").startswith("Welke"))
        library.tag(doc, welke.id, "nalopen")
        app.library.flush()  # as the reader does after a tag: the index follows
        screen = await _search_screen(app, pilot)
        await _type(pilot, "tag:nalopen")
        hits = screen.query_one(HitList)
        # The sample is in the library in both forms, linked as copies: the tag shows on the
        # comment in each, and the search lists the comment once, with both its copies.
        copies = library.copies.of_comment(doc, welke.id)
        assert len(copies) == 2 and hits.total == 1 and hits.current is not None
        assert hits.current.tags == ("nalopen",)
        assert {(ref.document, ref.id) for ref in hits.current_copies} == {
            (copy.document, ann) for copy, ann in copies}
        live = next(copy.document for copy, _ in copies if copy.form == "live")
        assert hits.current.doc == live  # the live copy is the one shown and opened


async def test_s_in_the_reader_opens_search(
    library: Library, tmp_path: Path, sample_pdf: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.after_first_run
async def test_a_word_not_in_the_library_gets_the_nearest_one_offered(
    library: Library,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _search_screen(app, pilot)
        await _type(pilot, "zwedne ")
        hint = screen.query_one("#search-hint", Static)
        assert screen.query_one(HitList).total == 0
        assert str(hint.content) == "did you mean zweden?"
        await pilot.press("ctrl+u")
        await _type(pilot, "zweden")
        assert "did you mean" not in str(hint.content)
        # The sample and documents 1006 and 1007 of the sample release share their title:
        # each hit says which one it is (the sample's two forms are one hit).
        hits = screen.query_one(HitList)
        assert {h.apart for h in (hits.hit(i) for i in range(2)) if h} == {
            "1007.pdf", "nota-actieagenda-integratie.pdf"}
        assert "(1007.pdf)" in _preview(screen)
