"""Reader test helpers: a small hand-built Extraction, and reading what the reader shows.

Text and comments of the Extraction follow the real release (seed): nota 2 carries the
highlight "Hiervoor zijn al aanwijzingen." with Nobel's FreeText "Welke dan? ..." anchored
to it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.app import App
from textual.notifications import SeverityLevel
from textual.pilot import Pilot

from tui.core.model import (
    Anchor,
    Annotation,
    DocumentInfo,
    Extraction,
    Line,
    Nota,
    PageText,
    Span,
)
from tui.screens.reader import ReaderScreen
from tui.widgets.page_view import PageView

HIGHLIGHT = "Hiervoor zijn al aanwijzingen."
WELKE_DAN = (
    "Welke dan? De lengte van de passages is ingekort maar ook dit kabinet en szw in het "
    "bijzonder zal blijven werken aan het tegengaan van elke vorm van discriminatie en racisme"
)
INJECTION_BOLD = "[b]x[/b]"
INJECTION_CLICK = "[@click=app.quit]bye[/]"

PARAGRAPH = [
    "De passages over polarisatie en preventie van discriminatie en racisme zijn op",
    "uw verzoek sterk ingekort. Dit komt niet overeen met de verantwoordelijkheden die",
    "SI op dit terrein heeft. De summiere aandacht voor deze zaken kunnen bovendien",
    "maken dat het draagvlak voor uitwerking en uitvoering van de Actieagenda bij",
    "andere departementen, gemeenten en maatschappelijke partners minder groot wordt.",
    HIGHLIGHT,
]
FILLER = "Ter voorbereiding ontvangt u een eerste versie van de outline van de Actieagenda."
PAGES = 12
HIGHLIGHT_PAGE, HIGHLIGHT_LINE = 3, 24


def _page(number: int) -> PageText:
    lines = [Line(f"{FILLER} ({number}.{i})") for i in range(40)]
    if number == 1:
        lines[2] = Line("Aan Staatssecretaris — nota Voorbereiding overleg Actieagenda Integratie")
        lines[6] = Line(
            "Dit overleg wordt begeleid door DG SZI. Vanuit SJ sluiten aan: XXXXXXXX (DS&I)."
        )
    if number == HIGHLIGHT_PAGE:
        start = HIGHLIGHT_LINE - len(PARAGRAPH) + 1
        for offset, text in enumerate(PARAGRAPH):
            lines[start + offset] = Line(text)
        lines[10] = Line("Control\x1b[31m chars \x07 are stripped from page text.")
    return PageText(number=number, lines=lines)


def _annotations() -> list[Annotation]:
    hl_span = Span(HIGHLIGHT_PAGE, HIGHLIGHT_LINE, 0, len(HIGHLIGHT))
    redact_start = "Dit overleg wordt begeleid door DG SZI. Vanuit SJ sluiten aan: ".__len__()
    return [
        Annotation(
            id="hl-1", kind="highlight", subtype="Highlight", page=HIGHLIGHT_PAGE,
            color="#ffff00", author="Nobel, J.N.J.", quote=HIGHLIGHT, spans=[hl_span],
            anchor=Anchor(HIGHLIGHT, HIGHLIGHT_PAGE, HIGHLIGHT_LINE, "quote", spans=[hl_span]),
        ),
        Annotation(
            id="ft-1", kind="freetext", subtype="FreeText", page=HIGHLIGHT_PAGE,
            color="#e56eee", author="Nobel, J.N.J.", created="2025-02-07T13:10:51+01:00",
            contents=WELKE_DAN,
            anchor=Anchor(HIGHLIGHT, HIGHLIGHT_PAGE, HIGHLIGHT_LINE, "markup", "hl-1"),
        ),
        Annotation(
            id="re-1", kind="note", subtype="Text", page=HIGHLIGHT_PAGE, author="Jansen, P.",
            created="2025-02-08T09:00:00+01:00", contents="Eens, graag voorbeelden.",
            in_reply_to="ft-1",
        ),
        Annotation(
            id="ul-1", kind="underline", subtype="Underline", page=HIGHLIGHT_PAGE,
            color="#2ea8e5", author="Nobel, J.N.J.", contents="Klopt dit?",
            quote="sterk ingekort", spans=[Span(HIGHLIGHT_PAGE, 20, 12, 26)],
            anchor=Anchor("sterk ingekort", HIGHLIGHT_PAGE, 20, "quote"),
        ),
        Annotation(
            id="rd-1", kind="redaction", subtype="Redact", page=1, ground="5.1.2e",
            spans=[Span(1, 6, redact_start, redact_start + 8)],
            anchor=Anchor("XXXXXXXX", 1, 6, "line"),
        ),
        Annotation(
            id="nt-inj", kind="note", subtype="Text", page=1, author=INJECTION_CLICK,
            contents=f"{INJECTION_BOLD} {INJECTION_CLICK}",
            anchor=Anchor("", 1, 12, "line"),
        ),
        Annotation(
            id="ink-1", kind="ink", subtype="Ink", page=2, author="Nobel, J.N.J.",
            color="#ff0000", ink=[[(100, 700), (150, 720), (200, 700), (250, 720)]],
            anchor=Anchor("", 2, 5, "line"),
        ),
        Annotation(
            id="nt-9", kind="note", subtype="Text", page=9, author="Nobel, J.N.J.",
            contents="Later in the document.", anchor=Anchor("", 9, 3, "line"),
        ),
    ]


def sample_extraction() -> Extraction:
    """Twelve pages, two nota's, highlights, a thread, a redaction, ink and an injection."""
    return Extraction(
        document=DocumentInfo(path="fixture.pdf", sha256="0" * 64, pages=PAGES,
                              title="Fixture: Actieagenda Integratie"),
        pages=[_page(n) for n in range(1, PAGES + 1)],
        notas=[
            Nota(1, "Voorbereiding overleg Actieagenda Integratie", 1, 6, date="09-10-2024",
                 decision="TER VOORBEREIDING"),
            Nota(2, "Reactie op de outline", 7, 12, date="2025-02-07", decision="TER INFORMATIE"),
        ],
        annotations=_annotations(),
    )


@dataclass(frozen=True, slots=True)
class Told:
    """One notification an app showed."""

    message: str
    title: str
    severity: str


TOLD: WeakKeyDictionary[App[Any], list[Told]] = WeakKeyDictionary()
"""Every notification of every app in this test (see :func:`keep_notifications`)."""


def keep_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every notification an app shows, for :func:`messages`: a toast leaves the screen
    after seconds, and a slow machine must not make a test miss it."""
    show = App.notify

    def notify(app: App[Any], message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        TOLD.setdefault(app, []).append(Told(message, title, severity))
        show(app, message, title=title, severity=severity, timeout=timeout, markup=markup)

    monkeypatch.setattr(App, "notify", notify)


def messages(app: App[Any], title: str | None = None, severity: str | None = None) -> list[str]:
    """The notifications ``app`` has shown (of ``title``, of ``severity``), oldest first."""
    return [told.message for told in TOLD.get(app, [])
            if title in (None, told.title) and severity in (None, told.severity)]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and the messages they sent are handled (a reader
    given its whole document lays it out after the next paint: that too)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await until(pilot, lambda: not any(getattr(screen, "whole_waiting", False)
                                       for screen in pilot.app.screen_stack),
                "the whole document to be laid out")


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str,
                seconds: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds (failing, saying ``what``, after
    ``seconds``: long enough for a machine under load, so only a real hang fails)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:.0f} s for {what}"
        await pilot.pause(0.02)


def errors(app: App[Any]) -> list[str]:
    """The notifications the app has shown as errors, oldest first."""
    return messages(app, severity="error")


async def reader_when_read(pilot: Pilot[None]) -> ReaderScreen:
    """Wait until the background reading has finished; the reader screen."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen) and screen.complete
    return screen


def screen_rows(view: PageView) -> list[str]:
    """The text of every visible row of the page view, as drawn."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
