"""A redaction over words the file still holds: blacked out in the reader, shown only when the
user asks (r on its card), hidden again with r."""

from __future__ import annotations

from pathlib import Path

from reader_fixture import messages, reader_when_read, screen_rows

from tests.pdf_fixtures import Note, Redaction, make_pdf
from tui.app import make_app
from tui.core.library.library import Library

SIZE = (160, 40)
WITHHELD = "Zweden en Noorwegen"


def _shown(rows: list[str]) -> str:
    return "\n".join(rows)


async def test_withheld_words_are_shown_only_on_request(
    library: Library, tmp_path: Path
) -> None:
    pdf = make_pdf(
        tmp_path / "leak.pdf",
        pages=[["De landen Zweden en Noorwegen zijn genoemd.", "Verder geen bijzonderheden."]],
        annotations=[Redaction(phrase=WITHHELD, name="rd"),
                     Note(beside="Verder geen", text="Navragen", name="nt")],
    )
    app = make_app(library, str(pdf))
    async with app.run_test(size=SIZE) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        assert view.page_layout is not None
        cards = [card.thread.root.id for card in view.page_layout.cards]
        assert WITHHELD not in _shown(screen_rows(view))
        screen.navigation.goto_card(cards.index("rd"))
        await pilot.pause()
        assert "words still in the file:" in _shown(screen_rows(view))
        await pilot.press("r")
        await pilot.pause()
        shown = _shown(screen_rows(view))
        assert f"De landen {WITHHELD} zijn genoemd." in shown
        assert f"“{WITHHELD}”" in shown  # on the card too
        await pilot.press("r")
        await pilot.pause()
        assert WITHHELD not in _shown(screen_rows(view))
        # On any other card r says what it is for and shows nothing.
        screen.navigation.goto_card(cards.index("nt"))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert WITHHELD not in _shown(screen_rows(view))
        assert any("the focused comment is not one" in message for message in messages(app))
