"""Reply threads and grouped edits between annotations (``/IRT`` and ``/RT``).

An annotation with ``/IRT`` (in reply to) points at another by its object reference. With
no ``/RT`` or ``/RT /R`` it is a reply in a discussion; with ``/RT /Group`` it is part of a
grouped edit (Acrobat's "replace text" is a Caret plus a StrikeOut) and not a reply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.core.model import Annotation

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
    parent = {a.id: a.in_reply_to for a in annotations}
    group = {a.id: a.group_with for a in annotations}
    for annotation in annotations:
        for field, links in (("in_reply_to", parent), ("group_with", group)):
            if _closes_loop(annotation.id, links):
                setattr(annotation, field, None)
                links[annotation.id] = None
                if warnings is not None:
                    warnings.append(f"annotation {annotation.id}: circular /IRT link ignored")


def _closes_loop(start: str, links: Mapping[str, str | None]) -> bool:
    seen = {start}
    current = links.get(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = links.get(current)
    return False
