"""The reader's `/` also finds what stands in the margin: comments, replies, tags, notes."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import reader_when_read

from tui.app import make_app
from tui.core.library.library import Library


async def test_a_comment_only_in_the_margin_is_found_and_its_card_focused(
    library: Library, sample_pdf: Path, tmp_path: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        await pilot.press("slash", *"welke dan", "enter")
        await pilot.pause()
        assert screen.find is not None and screen.find.cards and not screen.find.matches
        thread = view.focused_thread()
        assert thread is not None and (thread.root.contents or "").startswith("Welke dan?")
        assert "match 1/1" in str(screen.query_one("#reader-status").render())


async def test_tags_and_notes_are_found_with_the_page_text(
    library: Library, sample_pdf: Path, tmp_path: Path
) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        assert screen.doc is not None and screen.annotations is not None
        library = app.library
        extraction = library.cached_extraction(screen.doc)
        assert extraction is not None
        zweden = next(a for a in extraction.annotations
                      if (a.contents or "").startswith("Waarom in Zweden"))
        library.tag(screen.doc, zweden.id, "Uitreisverbod Zweden")
        library.set_note(screen.doc, zweden.id, "Navragen bij J&V (beïnvloeding?)")
        app.library.flush()
        screen.annotations.reload()
        await pilot.pause()
        await pilot.press("slash", *"beinvloeding", "enter")  # accents optional
        await pilot.pause()
        find = screen.find
        assert find is not None
        card = screen.page_view.page_layout.cards  # type: ignore[union-attr]
        assert any(card[i].thread.root.id == zweden.id for i in find.cards)
        assert find.matches  # the page text mentions it too, and both are in one list
        assert find.found == len(find.matches) + len(find.cards)
        for _ in range(find.found):  # n walks text and margin matches in row order
            if find.order[find.current or 0][1] >= 0:
                break
            await pilot.press("n")
        thread = screen.page_view.focused_thread()
        assert thread is not None and thread.root.id == zweden.id
