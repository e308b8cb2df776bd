"""The reviewer's questions marked answered or open in a team library.

Each member's mark is their own row (with its time); what the team sees for a question is
the latest mark by any member, so a question a teammate answered shows as answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from tui.core.team import store
from tui.core.team.outbox import Op

if TYPE_CHECKING:
    import psycopg


class MarksWriter(Protocol):
    """What the marks are written through (the team library: one step per change, kept for
    undo and queued offline); named here so this module does not import the library."""

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The library's connection."""

    def _apply(self, step: Callable[[], Any], undo_as: str, ops: list[Op]) -> None:
        """Make one change."""

    def question_marks(self, doc: str | None = None
                       ) -> dict[tuple[str, str], tuple[str, str | None, str]]:
        """(document, id) -> (status, answer, member) of the latest mark on each question."""


class TeamQuestions:
    """Answered or open, per question, per member (a question never marked is open)."""

    def __init__(self, library: MarksWriter) -> None:
        """Write through ``library`` (one step per mark, kept for undo, queued offline)."""
        self._library = library

    def mark(self, doc: str, ann: str, status: str, answer: str | None = None) -> None:
        """This member's mark on question ``ann`` of ``doc``, with an optional answer note."""
        note = answer.strip() if answer and answer.strip() else None
        op = Op("mark", {"doc": doc, "ann": ann, "status": status, "answer": note})
        self._library._apply(lambda: self._step(doc, ann, (status, note)),
                             f"mark a question {status}", [op])

    def _step(self, doc: str, ann: str, state: tuple[str, str | None] | None
              ) -> Callable[[], Any] | None:
        connection = self._library.connection
        before = store.own_question(connection, doc, ann)
        if before == state:
            return None
        if state is None:
            store.clear_question(connection, doc, ann)
        else:
            store.mark_question(connection, doc, ann, *state)
        return lambda: self._step(doc, ann, before)

    def states(self, doc: str | None = None) -> dict[tuple[str, str], tuple[str, str | None]]:
        """(document, id) -> (status, answer) of the latest mark on each question."""
        found = self._library.question_marks(doc)
        return {key: (status, answer) for key, (status, answer, _) in found.items()}

    def marks(self, doc: str | None = None) -> dict[tuple[str, str], tuple[str, str | None, str]]:
        """As :meth:`states`, with the member who made each mark."""
        return self._library.question_marks(doc)
