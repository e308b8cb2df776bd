"""A comment's identity across copies: what it is and the passage it stands on.

A reviewer's comment keeps no id from one copy to another (a live annotation's name, a
published copy's ``p<page>-n<number>``), and its page may move (a published copy prints a
summary after every page). So it is known by what it is — kind, author, contents — and by
its passage as a W3C ``TextQuoteSelector``: the words it covers (``exact``) with a few words
before (``prefix``) and after (``suffix``). Two comments are the same when what they are is
equal, their exact passage is equal, and the words around it mostly agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.copies.fingerprint import words_of
from tui.core.model import Annotation, Extraction, Span

_WORD = re.compile(r"\w+")
CONTEXT = 8
"""Words of prefix and of suffix."""
_AROUND = 0.5
"""How much of the prefix and suffix (together) must agree for a match."""


@dataclass(frozen=True, slots=True)
class QuoteSelector:
    """A passage as a W3C ``TextQuoteSelector``: its words, and the words around it."""

    exact: tuple[str, ...]
    prefix: tuple[str, ...]
    suffix: tuple[str, ...]

    def to_dict(self) -> dict[str, str]:
        """The W3C form."""
        return {"type": "TextQuoteSelector", "exact": " ".join(self.exact),
                "prefix": " ".join(self.prefix), "suffix": " ".join(self.suffix)}


@dataclass(frozen=True, slots=True)
class CommentIdentity:
    """What a comment is, apart from where a copy put it."""

    id: str
    kind: str
    author: str
    contents: str
    selector: QuoteSelector

    @property
    def what(self) -> tuple[str, str, str]:
        """Kind, author and contents, normalised."""
        return (self.kind, self.author, self.contents)


class TextStream:
    """A document's words, with where each line's words start and where each word stands
    (page, line, first and last character), to cut a passage out or find one."""

    def __init__(self, extraction: Extraction) -> None:
        """Read the words of ``extraction``'s pages."""
        self.words: list[str] = []
        self.places: list[tuple[int, int, int, int]] = []
        self.line_start: dict[tuple[int, int], int] = {}
        self.lines: dict[tuple[int, int], str] = {}
        for page in extraction.pages:
            for number, line in enumerate(page.lines):
                self.line_start[(page.number, number)] = len(self.words)
                self.lines[(page.number, number)] = line.text
                for match in _WORD.finditer(line.text):
                    word = match.group().casefold()
                    if not word.isdigit():
                        self.words.append(word)
                        self.places.append((page.number, number, match.start(), match.end()))

    def selector_at(self, start: int, end: int) -> QuoteSelector:
        """The passage of words ``start`` to ``end`` with its context."""
        return QuoteSelector(tuple(self.words[start:end]),
                             tuple(self.words[max(0, start - CONTEXT):start]),
                             tuple(self.words[end:end + CONTEXT]))

    def selector(self, spans: list[Span], page: int, line: int | None) -> QuoteSelector:
        """The passage of ``spans`` (or the whole of one line) with its context."""
        if spans:
            first, last = spans[0], spans[-1]
            start = self._offset(first.page, first.line, first.start)
            end = self._offset(last.page, last.line, last.end)
        elif line is not None and (page, line) in self.line_start:
            start = self.line_start[(page, line)]
            end = start + len(words_of([self.lines[(page, line)]]))
        else:
            return QuoteSelector((), (), ())
        start = max(0, start)
        return self.selector_at(start, max(start, end))

    def _offset(self, page: int, line: int, column: int) -> int:
        base = self.line_start.get((page, line))
        if base is None:
            return 0
        return base + sum(1 for word in _WORD.findall(self.lines[(page, line)][:column])
                          if not word.isdigit())


def _norm(text: str | None) -> str:
    return " ".join(words_of([text or ""]))


def identities(extraction: Extraction) -> list[CommentIdentity]:
    """Every comment of a document with its identity, in the document's order."""
    stream = TextStream(extraction)
    found: list[CommentIdentity] = []
    for annotation in extraction.annotations:
        found.append(identity(annotation, stream))
    return found


def identity(annotation: Annotation, stream: TextStream) -> CommentIdentity:
    """One comment's identity in its document."""
    anchor = annotation.anchor
    spans = annotation.spans or (anchor.spans if anchor else [])
    page, line = (anchor.page, anchor.line) if anchor else (annotation.page, None)
    selector = stream.selector(list(spans), page, line)
    if not selector.exact and annotation.quote:
        selector = QuoteSelector(tuple(words_of([annotation.quote])), (), ())
    return CommentIdentity(annotation.id, annotation.kind, _norm(annotation.author),
                           _norm(annotation.contents), selector)


def _agreement(first: QuoteSelector, second: QuoteSelector) -> float:
    """How much of the context agrees: the common words at the passage's edges, 0…2."""
    def common(a: tuple[str, ...], b: tuple[str, ...]) -> float:
        if not a and not b:
            return 1.0
        same = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            same += 1
        return same / max(len(a), len(b))

    before = common(first.prefix[::-1], second.prefix[::-1])
    return before + common(first.suffix, second.suffix)


def match_comments(
    ours: list[CommentIdentity], theirs: list[CommentIdentity]
) -> dict[str, str]:
    """Our comment id -> the id of the same comment in the other copy, one to one.

    Candidates are equal in kind, author and contents and in their exact passage; of those,
    the pairs whose context agrees best are taken first (ties in document order).
    """
    by_what: dict[tuple[object, ...], list[CommentIdentity]] = {}
    for comment in theirs:
        by_what.setdefault((*comment.what, comment.selector.exact), []).append(comment)
    pairs: list[tuple[float, int, int, str, str]] = []
    for mine_at, mine in enumerate(ours):
        for their_at, other in enumerate(by_what.get((*mine.what, mine.selector.exact), [])):
            agree = _agreement(mine.selector, other.selector)
            if agree >= _AROUND:
                pairs.append((-agree, mine_at, their_at, mine.id, other.id))
    pairs.sort()
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, _, mine_id, their_id in pairs:
        if mine_id not in matched and their_id not in taken:
            matched[mine_id] = their_id
            taken.add(their_id)
    return matched
