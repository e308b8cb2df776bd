"""Building a document's dossier from its extraction and the user's answers.

Nota's in date order (two with the same title and date are versions of one nota), the
redactions counted per Woo ground for the document and per nota — each with the note that
states its ground, unstated ones flagged, redactions over words still in the file counted —
the reviewer's questions with their status, and every dated event in one timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import asdict, dataclass, field
from typing import Any

from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.anchoring.notas import iso_nota_date
from tui.core.anchoring.questions import ANSWERED, OPEN, asks
from tui.core.anchoring.threads import comment_threads
from tui.core.anchoring.withheld import is_withheld, withhold
from tui.core.dossier.woo import WORDING, article
from tui.core.model import Annotation, DocumentInfo, Extraction, Nota

States = dict[str, tuple[str, str | None]]
"""Annotation id -> (status, answer note): the user's marks on questions."""


@dataclass(slots=True)
class NotaEntry:
    """One nota as the dossier lists it."""

    index: int
    title: str
    date: str | None
    decision: str | None
    discussed: str | None
    discussed_date: str | None
    discussed_by: str | None
    first_page: int
    last_page: int
    comments_by_author: dict[str, int] = field(default_factory=dict)
    redactions: int = 0
    versions: list[int] = field(default_factory=list)
    """The other nota's with the same title and date (indexes)."""


@dataclass(slots=True)
class RedactionEntry:
    """One redaction mark: where, on which ground, and which note states it."""

    id: str
    page: int
    nota: int | None
    ground: str | None
    wording: str | None
    stated_by: str | None
    applied: bool | None


@dataclass(slots=True)
class QuestionEntry:
    """A comment that asks something, with the passage it is about and its status."""

    id: str
    page: int
    nota: int | None
    author: str | None
    date: str | None
    """The comment's date (:attr:`Annotation.date`)."""
    contents: str
    anchor: str | None
    status: str
    answer: str | None
    marked_by: str | None = None
    """In a team library: the member whose mark (open or answered) the status is."""


@dataclass(slots=True)
class Event:
    """One dated thing: a nota's date, a discussion stamp, a comment."""

    date: str
    kind: str
    text: str
    nota: int | None = None
    page: int | None = None


@dataclass(slots=True)
class Dossier:
    """Everything the dossier shows of one document."""

    document: DocumentInfo
    notas: list[NotaEntry]
    grounds: dict[str, int]
    grounds_by_nota: dict[int, dict[str, int]]
    redactions: list[RedactionEntry]
    questions: list[QuestionEntry]
    timeline: list[Event]
    revealed: bool = False
    """True when words still under redaction marks were asked for (they show in passages);
    otherwise they stand as a block."""
    team: bool = False
    """From a team library: each question's mark names its member (``marked_by``)."""

    @property
    def unapplied(self) -> list[RedactionEntry]:
        """Redactions over words still in the file (marked, never applied)."""
        return [r for r in self.redactions if r.applied is False]

    @property
    def unstated(self) -> list[RedactionEntry]:
        """Redactions whose ground nobody stated."""
        return [r for r in self.redactions if r.ground is None]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (README, "Dossier")."""
        return {
            "document": asdict(self.document),
            "notas": [asdict(n) for n in self.notas],
            "grounds": dict(self.grounds),
            "grounds_by_nota": {str(k): v for k, v in self.grounds_by_nota.items()},
            "redactions": [asdict(r) for r in self.redactions],
            "unapplied_redactions": len(self.unapplied),
            "unstated_redactions": len(self.unstated),
            "withheld_words": "included" if self.revealed else "withheld",
            "questions": [_question_dict(q, self.team) for q in self.questions],
            "timeline": [asdict(e) for e in self.timeline],
        }


def _question_dict(question: QuestionEntry, team: bool) -> dict[str, Any]:
    data = asdict(question)
    if not team:  # a library file has one reader: its dossier names no member
        del data["marked_by"]
    return data


def build_dossier(extraction: Extraction, states: States | None = None,
                  shown: Container[str] | None = (),
                  marked_by: dict[str, str] | None = None) -> Dossier:
    """The dossier of ``extraction``; ``states`` are the user's marks on its questions,
    ``marked_by`` (a team library) the member of each mark (annotation id -> member).

    Words still under a redaction mark stand as a block in every passage and text, except
    those of the redactions in ``shown`` (None: all of them, asked for on purpose)."""
    revealed = shown is None or any(is_withheld(a) and a.id in shown
                                    for a in extraction.annotations)
    extraction = withhold(extraction, shown)
    annotations = [a for a in extraction.annotations if not a.is_own]
    nota_of = {a.id: _nota_of(extraction.notas, a) for a in annotations}
    redactions = _redactions(annotations, nota_of)
    grounds = Counter(r.ground for r in redactions if r.ground)
    by_nota: dict[int, dict[str, int]] = {}
    for r in redactions:
        if r.ground and r.nota is not None:
            counts = by_nota.setdefault(r.nota, {})
            counts[r.ground] = counts.get(r.ground, 0) + 1
    notas = _notas(extraction, annotations, nota_of)
    questions = _questions(annotations, nota_of, states or {}, marked_by or {})
    return Dossier(
        document=extraction.document, notas=notas,
        grounds={code: grounds[code] for code in GROUND_LABELS if grounds[code]},
        grounds_by_nota=by_nota, redactions=redactions, questions=questions,
        timeline=_timeline(notas, annotations, nota_of), revealed=revealed,
        team=marked_by is not None,
    )


def _nota_of(notas: list[Nota], annotation: Annotation) -> int | None:
    return next((n.index for n in notas if n.holds(annotation)), None)


def _notas(extraction: Extraction, annotations: list[Annotation],
           nota_of: dict[str, int | None]) -> list[NotaEntry]:
    entries = []
    for nota in extraction.notas:
        mine = [a for a in annotations if nota_of[a.id] == nota.index]
        authors = _comments_by_author(extraction, nota)
        discussed_by = None
        if nota.discussed and "besproken" in nota.discussed.lower():
            discussed_by = nota.discussed[: nota.discussed.lower().index("besproken")].strip()
        entries.append(NotaEntry(
            nota.index, nota.title, nota.date, nota.decision, nota.discussed,
            iso_nota_date(nota.discussed) if nota.discussed else None, discussed_by or None,
            nota.first_page, nota.last_page, dict(authors),
            sum(1 for a in mine if a.kind == "redaction"),
        ))
    for entry in entries:
        entry.versions = [other.index for other in entries if other is not entry
                          and _same_nota(entry, other)]
    return sorted(entries, key=lambda e: (e.date or "9999", e.index))


def _comments_by_author(extraction: Extraction, nota: Nota) -> Counter[str]:
    """Comments per reviewer, counted as the reader counts them (a comment with its
    replies; a redaction mark is not a remark), and every reviewer who marked anything —
    a highlight beside another reviewer's comment counts for whoever made it."""
    authors: Counter[str] = Counter()
    for thread in comment_threads(extraction, nota):
        root = thread.root
        if root.kind != "redaction":
            authors[_author(root)] += 1
        for _, reply in thread.replies:
            authors[_author(reply)] += 1
        marked = thread.marked
        if marked is not None and _author(marked) != _author(root):
            authors[_author(marked)] += 1
    return authors


def _author(annotation: Annotation) -> str:
    return (annotation.author or "").strip() or "anonymous"


def _same_nota(a: NotaEntry, b: NotaEntry) -> bool:
    def key(e: NotaEntry) -> str:
        return " ".join(e.title.casefold().split())
    return bool(a.date) and a.date == b.date and key(a) == key(b)


def _redactions(annotations: list[Annotation],
                nota_of: dict[str, int | None]) -> list[RedactionEntry]:
    stating = [a for a in annotations if a.kind != "redaction" and a.ground]
    entries = []
    for a in annotations:
        if a.kind != "redaction":
            continue
        note = _stating_note(a, stating)
        code = a.ground if a.ground in GROUND_LABELS else None
        wording = f"{article(code)}: {WORDING[code]}" if code else a.ground
        entries.append(RedactionEntry(
            a.id, a.page, nota_of[a.id], code, wording,
            " ".join((note.contents or "").split()) if note else None, a.applied,
        ))
    return entries


def _stating_note(redaction: Annotation, stating: list[Annotation]) -> Annotation | None:
    """The note on the redaction's page that states its ground (the nearest, when several)."""
    same = [n for n in stating if n.page == redaction.page and n.ground == redaction.ground]
    if not same:
        return None
    if redaction.rect is None:
        return same[0]
    middle = (redaction.rect[1] + redaction.rect[3]) / 2
    return min(same, key=lambda n: abs(((n.rect[1] + n.rect[3]) / 2 if n.rect else 0) - middle))


def _questions(annotations: list[Annotation], nota_of: dict[str, int | None],
               states: States, marked_by: dict[str, str]) -> list[QuestionEntry]:
    entries = []
    for a in annotations:
        if not asks(a):
            continue
        status, answer = states.get(a.id, (OPEN, None))
        passage = a.quote if a.is_markup else (a.anchor.text if a.anchor else None)
        entries.append(QuestionEntry(
            a.id, a.page, nota_of[a.id], a.author, a.date, (a.contents or "").strip(),
            passage, status if status in (OPEN, ANSWERED) else OPEN, answer,
            marked_by.get(a.id),
        ))
    return entries


def _timeline(notas: list[NotaEntry], annotations: list[Annotation],
              nota_of: dict[str, int | None]) -> list[Event]:
    events: list[Event] = []
    for nota in notas:
        if nota.date:
            decision = f" ({nota.decision.lower()})" if nota.decision else ""
            events.append(Event(nota.date, "nota", f"nota {nota.index}: {nota.title}{decision}",
                                nota.index, nota.first_page))
        if nota.discussed_date:
            events.append(Event(nota.discussed_date, "discussed",
                                f"nota {nota.index} discussed: {nota.discussed}", nota.index,
                                nota.first_page))
    for a in annotations:
        text = " ".join((a.contents or "").split())
        if a.date and text and a.kind != "redaction":
            who = f"{a.author}: " if a.author else ""
            events.append(Event(a.date, "reply" if a.in_reply_to else "comment",
                                f"{who}{text[:120]}", nota_of[a.id], a.page))
    return sorted(events, key=lambda e: (e.date[:10], e.date, e.kind != "nota"))
