"""What reading one document keeps for reuse, so that work is bounded by what the file holds
rather than by how often it refers to it.

A font, a parsed content stream or form, and the glyphs a page's content draws are kept by
object number: a form drawn 2,000 times is parsed once, two thousand pages that share one
content stream and its resources are walked once. The document's :class:`DocumentBudget`
travels with the cache. Caches are bounded: parsed operators up to
:data:`MAX_CACHED_OPERATIONS`, walked pages up to :data:`MAX_CACHED_GLYPHS` glyphs.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tui.core.pdf.budget import DocumentBudget
from tui.core.pdf.fonts import FontCache

#: Parsed operators kept for reuse, all streams together.
MAX_CACHED_OPERATIONS = 300_000
#: Glyphs of walked pages kept for reuse, all pages together.
MAX_CACHED_GLYPHS = 200_000
#: A resources dictionary with more entries than this (all levels) is not used as a key.
_MAX_KEY_NODES = 400

Key = tuple[Any, ...]


@dataclass(slots=True)
class Walked:
    """What walking a page's content gave: its lines (with glyphs), filled boxes, warnings;
    ``size`` is the number of glyphs drawn; ``pictures`` False when the whole content was
    walked and draws no image (so OCR has nothing to read on the page)."""

    lines: list[Any]
    fills: list[Any]
    warnings: list[str]
    size: int
    pictures: bool = True


class ReadCache:
    """Fonts, parsed streams and walked pages of one document, and its budget."""

    def __init__(self, fonts: FontCache | None = None,
                 budget: DocumentBudget | None = None) -> None:
        """A cache sharing ``fonts`` and ``budget`` when given."""
        self.fonts = fonts or FontCache()
        self.budget = budget or DocumentBudget()
        self._parsed: OrderedDict[Key, list[Any]] = OrderedDict()
        self._parsed_size = 0
        self._walked: OrderedDict[Key, Walked] = OrderedDict()
        self._walked_size = 0

    def parsed(self, key: Key | None) -> list[Any] | None:
        """The operators parsed before for stream ``key``, if kept."""
        return self._parsed.get(key) if key is not None else None

    def keep_parsed(self, key: Key | None, operations: list[Any]) -> None:
        """Keep ``operations`` of stream ``key`` (the oldest go when over the bound)."""
        if key is None or len(operations) > MAX_CACHED_OPERATIONS:
            return
        self._parsed[key] = operations
        self._parsed_size += len(operations)
        while self._parsed_size > MAX_CACHED_OPERATIONS:
            _, dropped = self._parsed.popitem(last=False)
            self._parsed_size -= len(dropped)

    def walked(self, key: Key | None) -> Walked | None:
        """The result of walking content ``key`` before, if kept."""
        return self._walked.get(key) if key is not None else None

    def keep_walked(self, key: Key | None, walked: Walked) -> None:
        """Keep a page's walk (the oldest go when over the bound)."""
        if key is None or walked.size > MAX_CACHED_GLYPHS:
            return
        self._walked[key] = walked
        self._walked_size += walked.size
        while self._walked_size > MAX_CACHED_GLYPHS:
            _, dropped = self._walked.popitem(last=False)
            self._walked_size -= dropped.size


def as_cache(cache: ReadCache | FontCache | None) -> ReadCache:
    """A :class:`ReadCache` for what a caller passed (a bare font cache is wrapped)."""
    if isinstance(cache, ReadCache):
        return cache
    return ReadCache(cache)


def object_key(value: Any) -> Key | None:
    """A key naming ``value`` by what it holds: object numbers for indirect objects, plain
    values otherwise; None when it is too large to name (then nothing is reused)."""
    nodes = [0]
    try:
        return _key(value, nodes)
    except _TooLarge:
        return None


class _TooLarge(Exception):
    """The value has more than :data:`_MAX_KEY_NODES` parts."""


def _key(value: Any, nodes: list[int]) -> Any:
    nodes[0] += 1
    if nodes[0] > _MAX_KEY_NODES:
        raise _TooLarge
    if isinstance(value, IndirectObject):
        return ("ref", value.idnum, value.generation)
    if isinstance(value, DictionaryObject):
        return ("dict", tuple(sorted((str(k), _key(v, nodes))
                                     for k, v in value.items())))
    if isinstance(value, ArrayObject | list):
        return ("array", tuple(_key(v, nodes) for v in value))
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    raise _TooLarge  # a stream held directly, or anything without a plain value
