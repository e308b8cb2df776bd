"""The app on a team library (issue 21): teammates' work with their names, live between two
running apps, read-only where it is someone else's, the library screen listing the team's
documents.

Each test has a fresh team library on the session's PostgreSQL server with members alice and
bob (``team_fixture``); "two apps" are two :func:`make_app` apps running at once in one test,
each on its own member's connection, as two reporters' machines would be.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from postgres_server import PostgresServer, server_or_skip
from reader_fixture import messages, until
from team_fixture import Team, make_team
from test_reader_actions import WELKE_DAN, card_about, card_text, focus_card, tag_focused
from test_reader_own import own_comment
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from tui.app import make_app
from tui.core.document import load
from tui.core.model import Extraction
from tui.core.team.library import TeamLibrary
from tui.dialogs.export import ExportDialog
from tui.screens.dossier import DossierScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.services.library import close_library, open_app_library
from tui.widgets.hit_list import HitList

SIZE = (180, 48)


@pytest.fixture
def shared(team: Team, sample: Extraction, sample_pdf: Path) -> str:
    """The sample release imported into the team library by alice; its hash."""
    return team.share(sample, sample_pdf)


@pytest.fixture
def members(team: Team, shared: str) -> Iterator[tuple[TeamLibrary, TeamLibrary]]:
    """alice's and bob's connections to the team library (closed after the test)."""
    with team.members() as both:
        yield both


async def reader_ready(pilot: Pilot[None]) -> ReaderScreen:
    """Wait until the reader has read the document and has it in the library.

    (Not ``reader_fixture.settle``: the team feed's worker runs as long as the app.)
    """
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        return isinstance(screen, ReaderScreen) and screen.complete and screen.doc is not None

    await until(pilot, ready, "the reader to read the document")
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def card_of(screen: ReaderScreen, text: str) -> str:
    """The rows of the card about ``text``, as one string."""
    return "\n".join(card_text(screen.page_view, card_about(screen.page_view, text)))


def plain(widget: Static) -> str:
    """The text a Static shows (a Text, or a Group of them)."""
    content = widget.content
    parts = getattr(content, "renderables", [content])
    return "\n".join(getattr(part, "plain", str(part)) for part in parts)


def feed_running(app: App[None]) -> bool:
    """True once the app waits on the team library's change feed."""
    return any(w.group == "team-feed" and not w.is_finished for w in app.workers)


async def following(pilot: Pilot[None]) -> None:
    """Wait until ``pilot``'s app follows the team library (waits on its change feed)."""
    await until(pilot, lambda: feed_running(pilot.app), "the app to follow the team library")


@asynccontextmanager
async def both_reading(
    members: tuple[TeamLibrary, TeamLibrary], pdf: Path,
) -> AsyncIterator[tuple[Pilot[None], Pilot[None], ReaderScreen, ReaderScreen]]:
    """alice's and bob's apps reading ``pdf`` at once, bob's following the team library:
    their pilots and readers."""
    alice, bob = (make_app(library, str(pdf)) for library in members)
    async with alice.run_test(size=SIZE) as a, bob.run_test(size=SIZE) as b:
        alice_reader, bob_reader = await reader_ready(a), await reader_ready(b)
        await following(b)
        yield a, b, alice_reader, bob_reader


async def test_a_teammates_tag_and_note_reach_an_open_reader_live_with_their_name(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path,
) -> None:
    async with both_reading(members, sample_pdf) as (a, b, alice_reader, bob_reader):
        bob = b.app
        await focus_card(a, alice_reader, WELKE_DAN)
        await tag_focused(a, "follow-up")
        assert " follow-up " in card_of(alice_reader, WELKE_DAN)  # hers: no name needed
        # bob presses nothing: the change comes to him through LISTEN/NOTIFY.
        await until(b, lambda: "follow-up · alice" in card_of(bob_reader, WELKE_DAN),
                    "alice's tag, with her name, in bob's reader")
        await a.press("e")
        await a.pause()
        await a.press(*"vragen aan ministerie", "ctrl+s")
        await until(b, lambda: "alice: vragen aan ministerie" in card_of(bob_reader, WELKE_DAN),
                    "alice's note, with her name, in bob's reader")
        assert bob_reader.page_view.has_focus  # nothing moved under bob's keys
        assert not messages(bob, severity="error")


async def test_the_search_screen_follows_a_teammates_tag_live(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path,
) -> None:
    alice_library, bob_library = members
    alice, bob = make_app(alice_library, str(sample_pdf)), make_app(bob_library)
    async with alice.run_test(size=SIZE) as a, bob.run_test(size=SIZE) as b:
        alice_reader = await reader_ready(a)
        await following(b)
        await b.press("s")
        await until(b, lambda: isinstance(bob.screen, SearchScreen), "bob's search screen")
        await b.press(*"by:alice")
        hits = bob.screen.query_one(HitList)
        await until(b, lambda: hits.total == 0 and not bob.search.updating,  # type: ignore[union-attr]
                    "bob's search for by:alice to find nothing yet")
        await focus_card(a, alice_reader, WELKE_DAN)
        await tag_focused(a, "wob-verzoek")
        await until(b, lambda: hits.total == 1, "alice's tagged comment among bob's hits")
        hit = hits.hit(0)
        assert hit is not None and "wob-verzoek" in hit.tags
        preview = bob.screen.query_one("#search-preview", Static)
        await until(b, lambda: "#wob-verzoek (alice)" in plain(preview),
                    "the preview naming who tagged it")


async def test_a_teammates_note_and_tag_stay_theirs(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path, shared: str,
) -> None:
    alice_library, bob_library = members
    ann = next(a.id for a in load(sample_pdf).annotations if WELKE_DAN in (a.contents or ""))
    alice_library.tag(shared, ann, "alleen-alice")
    alice_library.set_note(shared, ann, "mijn vraag")
    bob = make_app(bob_library, str(sample_pdf))
    async with bob.run_test(size=SIZE) as b:
        reader = await reader_ready(b)
        shown = card_of(reader, WELKE_DAN)
        assert "alleen-alice · alice" in shown and "alice: mijn vraag" in shown
        await focus_card(b, reader, WELKE_DAN)
        await b.press("e")  # bob's note dialog: his own note, empty; alice's is not his
        await b.pause()
        assert bob.screen.query_one(TextArea).text == ""
        await b.press(*"mijn eigen", "ctrl+s")
        await until(b, lambda: "mijn eigen" in card_of(reader, WELKE_DAN), "bob's own note")
        await b.press("T")  # untag: alice's tag is refused, in one line
        await b.pause()
        await b.press("enter")
        await until(b, lambda: messages(bob, severity="error"), "the refusal")
        refusal = messages(bob, severity="error")
        assert len(refusal) == 1 and "alice's" in refusal[0] and "\n" not in refusal[0]
        assert "alleen-alice · alice" in card_of(reader, WELKE_DAN)
    assert alice_library.notes_by(shared, ann) == {"alice": "mijn vraag", "bob": "mijn eigen"}
    assert alice_library.tags_by(shared, ann) == {"alleen-alice": ["alice"]}


async def test_the_library_screen_lists_the_teams_documents_and_opens_one(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path,
) -> None:
    _, bob_library = members
    bob = make_app(bob_library)  # bob never imported anything: alice did
    async with bob.run_test(size=SIZE) as b:
        await until(b, lambda: isinstance(bob.screen, LibraryScreen), "the library screen")
        screen = bob.screen
        assert isinstance(screen, LibraryScreen)
        titles = [e.title for e in screen.entries]
        assert titles == ["Openbaarmaking nota's bij actieagenda integratie"]
        assert screen.query_one(DataTable).row_count == 1  # no sample added to a team library
        await b.press("enter")
        reader = await reader_ready(b)
        assert "Welke dan?" in card_of(reader, WELKE_DAN)


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, to stop and start (the session's stays up)."""
    yield from server_or_skip()


def offline_told(app: App[None], count: int) -> bool:
    """True once the app said it is offline with ``count`` changes waiting."""
    return any(f"offline: {count} change" in m for m in messages(app, title="Team library"))


async def server_gone(pilot: Pilot[None], server: PostgresServer) -> ReaderScreen:
    """Once ``pilot``'s app reads its document and follows the team library, stop ``server``;
    the reader, once the app said it is offline."""
    reader = await reader_ready(pilot)
    await following(pilot)
    server.halt()
    await until(pilot, lambda: offline_told(pilot.app, 0), "the app to say it is offline")
    return reader


async def test_a_server_gone_mid_session_is_said_once_and_quitting_stays_clean(
    own_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    sample: Extraction, sample_pdf: Path,
) -> None:
    team = make_team(own_server, tmp_path, monkeypatch)
    team.share(sample, sample_pdf)
    library = TeamLibrary.open(team.uri("bob"))
    bob = make_app(library, str(sample_pdf))
    try:
        async with bob.run_test(size=SIZE) as b:
            reader = await server_gone(b, own_server)
            told = messages(bob, title="Team library")
            assert len(told) == 1 and "\n" not in told[0] and "alice-Secret" not in told[0]
            assert "cannot reach the team library at" in told[0]
            assert "Welke dan?" in card_of(reader, WELKE_DAN)  # still reading
    finally:
        library.close()


@pytest.mark.skipif(not hasattr(TeamLibrary, "reconnect"),
                    reason="needs the team library's outbox (TeamLibrary.reconnect)")
async def test_a_change_made_offline_is_sent_when_the_server_is_back(
    own_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    sample: Extraction, sample_pdf: Path,
) -> None:
    team = make_team(own_server, tmp_path, monkeypatch)
    doc = team.share(sample, sample_pdf)
    library = open_app_library(team.uri("bob"))  # as the app opens it: with an outbox
    bob = make_app(library, str(sample_pdf))
    try:
        async with bob.run_test(size=SIZE) as b:
            reader = await server_gone(b, own_server)
            await focus_card(b, reader, WELKE_DAN)
            await tag_focused(b, "offline-tag")
            await until(b, lambda: offline_told(bob, 1), "one change waiting")
            own_server.resume()
            await until(b, lambda: any("back online" in m for m in messages(bob)),
                        "the app to be back online")
    finally:
        close_library(library)
    with TeamLibrary.open(team.uri("alice")) as alice:
        ann = next(a.id for a in sample.annotations if WELKE_DAN in (a.contents or ""))
        assert alice.tags_by(doc, ann) == {"offline-tag": ["bob"]}


async def test_a_team_library_opened_read_only_refuses_edits_in_one_line(
    own_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    sample: Extraction, sample_pdf: Path,
) -> None:
    # The server is really away (a read-only flag set on a library whose server is up would
    # last only until the app's next look for the server, 2 s later).
    team = make_team(own_server, tmp_path, monkeypatch)
    team.share(sample, sample_pdf)
    close_library(open_app_library(team.uri("bob")))  # bob's app synced once
    own_server.halt()
    bob_library = open_app_library(team.uri("bob"))  # from the synced copy
    assert bob_library.read_only
    bob = make_app(bob_library, str(sample_pdf))
    try:
        async with bob.run_test(size=SIZE) as b:
            reader = await reader_ready(b)
            await focus_card(b, reader, WELKE_DAN)
            before = len(messages(bob, severity="warning"))
            await b.press("t")
            await b.pause()
            assert isinstance(bob.screen, ReaderScreen)  # no tag dialog
            # The team feed says it is offline when it finds out, before or after the key.
            said = [m for m in messages(bob, severity="warning")[before:]
                    if not m.startswith("offline: ")]
            assert len(said) == 1 and said[0].startswith("Read-only: ") and "\n" not in said[0]
        assert bob_library.all_tags() == []
    finally:
        close_library(bob_library)


async def test_export_and_dossier_in_the_app_carry_the_teams_work(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path, shared: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice_library, bob_library = members
    ann = next(a.id for a in load(sample_pdf).annotations if WELKE_DAN in (a.contents or ""))
    alice_library.set_note(shared, ann, "navragen bij DG")
    monkeypatch.chdir(tmp_path)
    bob = make_app(bob_library, str(sample_pdf))
    async with bob.run_test(size=SIZE) as b:
        reader = await reader_ready(b)
        await b.press("D")
        await until(b, lambda: isinstance(bob.screen, DossierScreen), "the dossier")
        await b.press("escape")
        await until(b, lambda: bob.screen is reader, "back in the reader")
        await b.press("x")
        await until(b, lambda: isinstance(bob.screen, ExportDialog), "the export dialog")
        dialog = bob.screen
        path = dialog.query_one("#export-path", Input)
        await until(b, lambda: str(dialog.query_one("#export-preview", Static).content),
                    "the preview")
        dialog.query_one("#export-query", Input).value = "has:note"  # not only this nota
        await b.pause()
        await b.press("ctrl+s")
        await until(b, lambda: bob.screen is reader, "the export to be written")
        assert "*Note (alice):* navragen bij DG" in Path(path.value).read_text(encoding="utf-8")


async def test_a_document_a_teammate_imports_appears_on_the_open_library_screen(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path,
) -> None:
    alice_library, bob_library = members
    bob = make_app(bob_library)
    async with bob.run_test(size=SIZE) as b:
        await following(b)
        screen = bob.screen
        assert isinstance(screen, LibraryScreen) and len(screen.entries) == 1
        published = sample_pdf.with_name("nota-actieagenda-integratie-gepubliceerd.pdf")
        alice_library.add_document(load(published), published)
        await until(b, lambda: len(screen.entries) == 2, "alice's document on bob's list")
        assert screen.query_one(DataTable).row_count == 2


async def test_a_teammates_own_comment_shows_as_theirs_and_stays_theirs(
    members: tuple[TeamLibrary, TeamLibrary], sample_pdf: Path,
) -> None:
    async with both_reading(members, sample_pdf) as (a, b, alice_reader, bob_reader):
        bob = b.app
        await own_comment(a, alice_reader, "eigen opmerking")
        await until(b, lambda: any("eigen opmerking" in (c.thread.root.contents or "")
                                   for c in bob_reader.page_view.page_layout.cards)
                    if bob_reader.page_view.page_layout else False,
                    "alice's own comment in bob's reader")
        card = card_of(bob_reader, "eigen opmerking")
        assert "alice" in card.splitlines()[0] and "(yours)" not in card
        await focus_card(b, bob_reader, "eigen opmerking")
        await b.press("d")
        await until(b, lambda: messages(bob, severity="error"), "the refusal")
        refusal = messages(bob, severity="error")
        assert len(refusal) == 1 and "alice's" in refusal[0] and "\n" not in refusal[0]
        assert "eigen opmerking" in card_of(bob_reader, "eigen opmerking")
