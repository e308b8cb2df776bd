"""Cards (issue 13, item 10): an empty reviewer note is a number in the gutter, not a card
pushing others away; in a comment summary a comment stands level with its highlight."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader_fixture import reader_when_read, screen_rows
from rich.style import Style
from rich.text import Text

from tui.app import make_app
from tui.core.anchoring.threads import Thread
from tui.core.document import load
from tui.core.library.library import Library
from tui.reading.layout import build_layout
from tui.screens.reader import ReaderScreen
from tui.widgets.cards import CardStyles, card_lines

EMPTY_NOTE = "sample-p20-n03"
"""A sticky note without text on the highlight "Welke dan?" is about."""


def test_an_empty_note_takes_no_room_from_other_cards(sample_pdf: Path) -> None:
    extraction = load(sample_pdf)
    styles = CardStyles(Style(), Style(), Style(), Style())

    def draw(thread: Thread, label: str, width: int) -> list[Text]:
        return card_lines(thread, label, width, styles)

    with_note = build_layout(extraction, 80, 40, draw)
    without = build_layout(
        replace(extraction, annotations=[a for a in extraction.annotations if a.id != EMPTY_NOTE]),
        80, 40, draw,
    )
    [marker] = [c for c in with_note.cards if c.thread.root.id == EMPTY_NOTE]
    assert marker.lines == [] and marker.number is not None
    assert marker.number in [n for row in with_note.marks.values() for n in
                             [with_note.cards[i].number for i in row]]
    tops = {c.thread.root.id: c.top for c in with_note.cards if c.lines}
    assert tops == {c.thread.root.id: c.top for c in without.cards if c.lines}


async def test_focusing_the_empty_note_says_what_it_is(library: Library, sample_pdf: Path) -> None:
    app = make_app(library, str(sample_pdf))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        view = screen.page_view
        assert view.page_layout is not None
        index = next(i for i, c in enumerate(view.page_layout.cards)
                     if c.thread.root.id == EMPTY_NOTE)
        screen.navigation.goto_card(index)
        await pilot.pause()
        status = str(screen.query_one("#reader-status").render())
        number = view.page_layout.cards[index].number
        assert f"comment {number}/" in status and "an empty note by" in status
        date = view.page_layout.cards[index].thread.root.date
        assert date and f", {date[:10]}" in status  # its date, which no card shows


async def test_in_a_summary_welke_dan_is_level_with_its_highlight(
    library: Library, seed: Path
) -> None:
    app = make_app(library, str(seed))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await reader_when_read(pilot)
        assert isinstance(screen, ReaderScreen)
        view = screen.page_view
        layout = view.page_layout
        assert layout is not None and not layout.inline
        index = next(i for i, c in enumerate(layout.cards)
                     if "Welke dan?" in (c.thread.root.contents or ""))
        screen.navigation.goto_card(index)
        await pilot.pause()
        card = layout.cards[index]
        thread = card.thread
        assert card.top == card.anchor_row > layout.row_of(thread.page, thread.line)
        row = screen_rows(view)[card.top - int(view.scroll_y)]
        assert card.lines[0].plain in row
        passage = row[: layout.text_width]
        assert "Hiervoor" in passage or "aanwijzingen." in passage


def test_a_long_reply_chain_keeps_its_replies_readable() -> None:
    # A reviewer replying to the reply before, 200 times: every reply still shows its text
    # (at a bounded indent), not a column of blanks pushed past the card's width.
    from tui.core.model import Annotation
    from tui.widgets.cards import MAX_REPLY_INDENT

    styles = CardStyles(Style(), Style(), Style(), Style())
    root = Annotation(id="r", kind="text", subtype="/Text", page=1, contents="Welke dan?",
                      author="A")
    replies = [(depth, Annotation(id=f"r{depth}", kind="text", subtype="/Text", page=1,
                                  contents=f"antwoord {depth}", author="B"))
               for depth in range(1, 201)]
    lines = [line.plain for line in card_lines(Thread(root, replies), "1", 40, styles)]
    assert all(len(line) <= 40 for line in lines)
    assert "antwoord 200" in " ".join(lines)
    deepest = next(line for line in lines if "antwoord 200" in line)
    assert len(deepest) - len(deepest.lstrip()) <= 2 * MAX_REPLY_INDENT + 2
