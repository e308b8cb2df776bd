"""Copies of one release in the app: tags that follow a comment from copy to copy, linking
and unlinking from the command palette, comparing two copies, a new version's orphans.

On the two bundled samples (the live release and the same release as published) and on a
new version built from the sample's transcription with one paragraph changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import sample_builder
from reader_fixture import messages, reader_when_read, settle, until
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui.app import KantlijnApp, make_app
from tui.core.document import load
from tui.core.library.library import Library
from tui.dialogs.copy_compare import CopyCompareDialog
from tui.dialogs.pick import PickDialog
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

REPO = Path(__file__).resolve().parent.parent
LIVE = REPO / "sample_docs" / "nota-actieagenda-integratie.pdf"
PUBLISHED = REPO / "sample_docs" / "nota-actieagenda-integratie-gepubliceerd.pdf"
SIZE = (180, 48)
WELKE_DAN = "Welke dan?"
OLD_SENTENCE = "de verwachting uitgesproken dat SZW hier op een actieagenda dient te ontwikkelen."
NEW_SENTENCE = "de wens geuit dat SZW hiervoor een plan van aanpak opstelt."


@pytest.fixture
def both(library: Library) -> Library:
    """The test's library with both samples, linked as copies when the second joined."""
    for file in (LIVE, PUBLISHED):
        library.add_document(load(file), file)
    library.flush()
    return library


def _sha(file: Path) -> str:
    return load(file).document.sha256


async def _reader(pilot: Pilot[None]) -> ReaderScreen:
    screen = await reader_when_read(pilot)
    assert screen.doc
    return screen


def _card(view: PageView, text: str) -> int:
    assert view.page_layout is not None
    for index, card in enumerate(view.page_layout.cards):
        if text in (card.thread.root.contents or ""):
            return index
    raise AssertionError(f"no card about {text!r}")


def _card_text(view: PageView, index: int) -> str:
    assert view.page_layout is not None
    return "\n".join(line.plain for line in view.page_layout.cards[index].lines)


async def _palette(pilot: Pilot[None], command: str) -> None:
    """Run ``command`` from the command palette."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await settle(pilot)  # the palette gathers its commands in a worker
    await pilot.press("enter")
    await settle(pilot)


def _choices(app: KantlijnApp) -> list[str]:
    dialog = app.screen
    assert isinstance(dialog, PickDialog)
    options = dialog.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("tagged", ["live", "published"])
async def test_a_tag_made_in_the_reader_on_one_copy_shows_on_the_other(
    both: Library, tagged: str,
) -> None:
    first, second = (LIVE, PUBLISHED) if tagged == "live" else (PUBLISHED, LIVE)
    app = make_app(both, str(first))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _reader(pilot)
        screen.navigation.goto_card(_card(screen.page_view, WELKE_DAN))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"nalopen", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"navragen bij DG", "ctrl+s")
        await pilot.pause()
        view = screen.page_view
        assert " nalopen " in _card_text(view, _card(view, WELKE_DAN))
        app.open_document(str(second))  # the other copy, in a new reader
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.doc == _sha(second), "the other copy in the reader")
        other = await _reader(pilot)
        card = _card_text(other.page_view, _card(other.page_view, WELKE_DAN))
        assert " nalopen " in card and "navragen bij DG" in card
    # Stored once: one comment carries the tag, one note, whatever copy shows it.
    assert both.all_tags() == [("nalopen", 1)]
    assert [r for r in both.copies.user_rows() if r[3]] and len(
        {both.copies.key(doc, ann) for doc, ann, _, note in both.copies.user_rows()
         if note}) == 1


async def test_the_palette_links_and_unlinks_the_open_document(both: Library) -> None:
    live, published = _sha(LIVE), _sha(PUBLISHED)
    both.copies.unlink(live, published)
    both.flush()
    app = make_app(both, str(LIVE))
    async with app.run_test(size=SIZE) as pilot:
        await _reader(pilot)
        await _palette(pilot, "Link as copy")
        assert _choices(app) == [
            "Openbaarmaking nota's bij actieagenda integratie · "
            "nota-actieagenda-integratie-gepubliceerd.pdf"]
        await pilot.press("enter")
        await settle(pilot)
        assert messages(app, title="Copies")[-1] == (
            "Linked as copies of one release (published, live): 100% of their text in "
            "common, 44 comments matched.")
        assert {c.form for c in both.copies.copies(live)} == {"live", "published"}
        # Linked twice: refused in one line, nothing changes.
        await _palette(pilot, "Link as copy")
        assert _choices(app)[0].endswith("(a copy already)")
        await pilot.press("enter")
        await settle(pilot)
        assert messages(app, severity="warning")[-1] == (
            "Not linked: the two documents are copies of one release already.")
        await _palette(pilot, "Unlink copy")
        assert _choices(app) == ["published: nota-actieagenda-integratie-gepubliceerd.pdf"]
        await pilot.press("enter")
        await settle(pilot)
        assert messages(app, title="Copies")[-1].startswith("Unlinked: the two are no copies")
        assert len(both.copies.copies(live)) == 1
        await _palette(pilot, "Unlink copy")
        assert not isinstance(app.screen, PickDialog)
        assert messages(app, severity="warning")[-1] == (
            "This document is not linked to any copy.")


async def test_linking_with_nothing_else_in_the_library_says_so(library: Library) -> None:
    app = make_app(library, str(LIVE))
    async with app.run_test(size=SIZE) as pilot:
        await _reader(pilot)
        await _palette(pilot, "Link as copy")
        assert not isinstance(app.screen, PickDialog)
        assert messages(app, severity="warning")[-1] == (
            "There is no other document in the library to link to.")


def _compared(app: KantlijnApp) -> tuple[str, str]:
    dialog = app.screen
    assert isinstance(dialog, CopyCompareDialog)
    return (str(dialog.query_one("#compare-text", Static).content),
            str(dialog.query_one("#compare-comments", Static).content))


async def test_comparing_the_live_and_the_published_copy(both: Library) -> None:
    app = make_app(both, str(PUBLISHED))
    async with app.run_test(size=SIZE) as pilot:
        await _reader(pilot)
        await _palette(pilot, "Compare with a copy")  # only one copy: no question asked
        await until(pilot, lambda: isinstance(app.screen, CopyCompareDialog)
                    and app.screen.changes is not None, "the text compared")
        text, comments = _compared(app)
        assert text == "The text is the same in both copies."
        assert comments.startswith("Comments: 44 in both, 0 only in live, 0 only in "
                                   "published, 0 orphaned")
        assert "p.20 → p.39" in comments  # Welke dan? on its page in each copy


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """sample_docs/build_sample.py."""
    return sample_builder()


def _new_version(build: ModuleType, folder: Path) -> Path:
    """The sample release with one paragraph changed, written to ``folder``."""
    text = json.dumps(build.load_release(), ensure_ascii=False)
    text = text.replace(OLD_SENTENCE, NEW_SENTENCE)
    text = text.replace('"de verwachting uitgesproken dat SZW"', '"de wens geuit dat SZW"')
    changed: dict[str, Any] = json.loads(text)
    path = folder / "nota-actieagenda-integratie-v2.pdf"
    build.build(changed).write(path)
    return path


async def test_a_new_version_tells_its_orphans_and_compares_with_the_copy_picked(
    both: Library, build: ModuleType, tmp_path: Path,
) -> None:
    live = load(LIVE)
    highlight = next(a for a in live.annotations if a.quote and "verwachting" in a.quote)
    both.tag(live.document.sha256, highlight.id, "weg")
    version = _new_version(build, tmp_path)
    both.add_document(load(version), version)
    both.flush()
    app = make_app(both, str(version))
    async with app.run_test(size=SIZE) as pilot:
        await _reader(pilot)
        [told] = messages(app, title="Copies")
        assert told.startswith("1 of your tags or notes on another copy of this release has "
                               "no place in this one")
        await _palette(pilot, "Compare with a copy")
        assert [c.split(":")[0] for c in _choices(app)] == ["live", "published"]
        await pilot.press("enter")  # the live copy
        await until(pilot, lambda: isinstance(app.screen, CopyCompareDialog)
                    and app.screen.changes is not None, "the text compared")
        text, comments = _compared(app)
        assert text.startswith("The text: 2 changes")  # the paragraph stands on two pages
        assert "− " in text and "verwachting uitgesproken" in text
        assert "+ " in text and "plan van aanpak" in text
        assert "live ↔ version 2" in str(app.screen.query_one(".dialog-title", Static).content)
        assert "Orphaned: your tags and notes" in comments and "#weg" in comments
        assert "verwachting" in comments.split("Orphaned")[1].split("\n")[1]


async def test_c_in_the_dossier_compares_the_copies_when_the_nota_has_no_other_version(
    both: Library,
) -> None:
    app = make_app(both, str(LIVE))
    async with app.run_test(size=SIZE) as pilot:
        await _reader(pilot)
        await pilot.press("D")  # the dossier, on the first nota (no other version of it)
        await settle(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CopyCompareDialog)
                    and app.screen.changes is not None, "the copies compared")
        assert _compared(app)[0] == "The text is the same in both copies."
