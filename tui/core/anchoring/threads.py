"""Reply threads and grouped edits between annotations (``/IRT`` and ``/RT``), and the
threads a reader shows: one card per root comment, replies nested under it.

An annotation with ``/IRT`` (in reply to) points at another by its object reference. With
no ``/RT`` or ``/RT /R`` it is a reply in a discussion; with ``/RT /Group`` it is part of a
grouped edit (Acrobat's "replace text" is a Caret plus a StrikeOut) and not a reply.
:func:`resolve_threads` turns those links into ``in_reply_to`` / ``group_with``;
:func:`build_threads` groups the comments of a document into :class:`Thread` cards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.core.model import Annotation, Extraction, Nota

ObjectRef = tuple[int, int]
"""An indirect object's ``(number, generation)``."""


@dataclass(frozen=True, slots=True)
class ThreadRef:
    """Where one annotation sits in the file and what it points at."""

    obj: ObjectRef | None = None
    """Its own object reference (None for an annotation stored inline in ``/Annots``)."""
    irt: ObjectRef | None = None
    """The ``/IRT`` target's reference, if any."""
    group: bool = False
    """True for ``/RT /Group`` (a grouped edit), False for a reply."""


def resolve_threads(
    annotations: Sequence[Annotation],
    refs: Mapping[str, ThreadRef],
    warnings: list[str] | None = None,
) -> None:
    """Set ``in_reply_to`` / ``group_with`` on ``annotations`` from their ``refs`` (by id).

    Targets that are not among ``annotations`` (a popup, a link, a missing object) are
    ignored; a link that would close a loop of replies is dropped with a warning, so
    anything that follows a thread upwards always ends.
    """
    by_ref = {ref.obj: ann_id for ann_id, ref in refs.items() if ref.obj is not None}
    for annotation in annotations:
        ref = refs.get(annotation.id)
        target = by_ref.get(ref.irt) if ref and ref.irt else None
        if target is None or target == annotation.id:
            continue
        if ref is not None and ref.group:
            annotation.group_with = target
        else:
            annotation.in_reply_to = target
    _break_cycles(annotations, warnings)


def _break_cycles(annotations: Sequence[Annotation], warnings: list[str] | None) -> None:
    """Drop the link of each loop's first member in document order.

    Each annotation's chain of links is followed once: a chain already known to end is not
    walked again, so a reply chain 20,000 long costs 20,000 steps, not 20,000².
    """
    by_id = {a.id: a for a in annotations}
    order = {a.id: position for position, a in enumerate(annotations)}
    for attribute in ("in_reply_to", "group_with"):
        links: dict[str, str | None] = {a.id: getattr(a, attribute) for a in annotations}
        ends: set[str] = set()  # ids whose chain is known to end
        for annotation in annotations:
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = annotation.id
            while current is not None and current not in ends and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = links.get(current)
            if current is not None and current in on_path:  # a loop: cut it once
                closing = min(path[path.index(current):], key=order.__getitem__)
                links[closing] = None
                setattr(by_id[closing], attribute, None)
                if warnings is not None:
                    warnings.append(f"annotation {closing}: circular /IRT link ignored")
            ends.update(path)


@dataclass(slots=True)
class Thread:
    """A root comment, its replies (with nesting depth) and the markup it is about."""

    root: Annotation
    replies: list[tuple[int, Annotation]] = field(default_factory=list)
    marked: Annotation | None = None
    """The contents-less highlight (etc.) the root comments on, shown inside this card."""

    @property
    def page(self) -> int:
        """The page of the passage the thread is about."""
        return self.root.anchor.page if self.root.anchor else self.root.page

    @property
    def line(self) -> int | None:
        """The line index of that passage on its page, or None when unknown."""
        if self.root.anchor:
            return self.root.anchor.line
        if self.root.spans:
            return self.root.spans[0].line
        return None

    @property
    def column(self) -> int:
        """Where on its line the passage starts (0 when unknown): a long line wraps over
        several rows, and the card belongs level with the row the passage is on."""
        anchor = self.root.anchor
        marked = self.marked.spans if self.marked else []
        for span in [*(anchor.spans if anchor else []), *self.root.spans, *marked]:
            if span.page == self.page and span.line == self.line:
                return span.start
        return 0

    @property
    def annotations(self) -> list[Annotation]:
        """Every annotation shown in this thread's card."""
        found = [self.root, *(a for _, a in self.replies)]
        return [*found, self.marked] if self.marked else found


def _replies_of(
    parent: Annotation, children: dict[str, list[Annotation]]
) -> list[tuple[int, Annotation]]:
    """``parent``'s replies depth first, oldest first, each with its depth (walked with a
    stack: a chain of 20,000 replies is no deeper for Python than one reply)."""
    nested: list[tuple[int, Annotation]] = []
    stack = [(1, child) for child in _oldest_last(children.get(parent.id, []))]
    while stack:
        depth, child = stack.pop()
        nested.append((depth, child))
        stack.extend((depth + 1, c) for c in _oldest_last(children.get(child.id, [])))
    return nested


def _oldest_last(replies: list[Annotation]) -> list[Annotation]:
    """Replies newest first, so that popping from a stack takes the oldest first."""
    return sorted(replies, key=lambda a: a.date or "")[::-1]


def _no_own_text(markup: Annotation) -> bool:
    """True when a markup's contents are empty or just repeat its quote (Acrobat does that)."""
    contents = " ".join((markup.contents or "").split())
    return not contents or contents == " ".join((markup.quote or "").split())


def _absorbed_markup(roots: list[Annotation], has_replies: set[str]) -> dict[str, Annotation]:
    """Markup without text of its own that another comment anchors to: root id -> markup."""
    by_id = {a.id: a for a in roots}
    absorbed: dict[str, Annotation] = {}
    taken: set[str] = set()
    for comment in roots:
        target_id = comment.anchor.annotation if comment.anchor else None
        target = by_id.get(target_id) if target_id else None
        if (
            target is not None
            and target is not comment
            and target.is_markup
            and _no_own_text(target)
            and target.id not in has_replies
            and target.id not in taken
        ):
            absorbed[comment.id] = target
            taken.add(target.id)
    return absorbed


def build_threads(extraction: Extraction) -> list[Thread]:
    """The cards to show, in reading order of the passages they are about."""
    ids = {a.id for a in extraction.annotations}
    children: dict[str, list[Annotation]] = defaultdict(list)
    roots: list[Annotation] = []
    for annotation in extraction.annotations:
        if annotation.in_reply_to and annotation.in_reply_to in ids:
            children[annotation.in_reply_to].append(annotation)
        else:
            roots.append(annotation)
    absorbed = _absorbed_markup(roots, set(children))
    hidden = {a.id for a in absorbed.values()}
    threads = [
        Thread(root, _replies_of(root, children), absorbed.get(root.id))
        for root in roots
        if root.id not in hidden
    ]
    threads.sort(key=lambda t: (t.page, t.line if t.line is not None else -1))
    return threads


def comment_threads(extraction: Extraction, nota: Nota | None = None) -> list[Thread]:
    """The reviewer's comments of a document (or of one ``nota``), as the reader counts them.

    One comment is one card: a note, a highlight (with or without text of its own) or a
    redaction mark, with its replies inside it; a highlight that another comment stands beside
    is that comment's passage, not a comment of its own. The user's own annotations are not
    the reviewer's comments. The library, the nota list and the reader's "comment i/N" all
    count this way.
    """
    return [
        thread for thread in build_threads(extraction)
        if not thread.root.is_own and (nota is None or nota.holds(thread.root))
    ]
