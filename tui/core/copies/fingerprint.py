"""A document's text as a fingerprint, and the share of text two documents have in common.

The reading text of every page (summary pages of a published copy are set apart by the reader,
the numbers printed beside its marks are taken out of the text) is cut into words, casefolded,
without pure numbers (page numbers, markers); every run of :data:`SHINGLE` words is a shingle.
The share two documents have in common is the Jaccard index of their shingle sets. A sketch
of each set — its :data:`SKETCH` smallest shingle hashes (a bottom-k minhash: one pass over
the shingles) — estimates it cheaply, so that a document joining a library of thousands is
compared in full only with the few whose estimate comes close.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable, Sequence

from tui.core.model import Extraction

SHINGLE = 5
SKETCH = 48
_WORD = re.compile(r"\w+")

Minhash = list[int]


def words_of(lines: Iterable[str]) -> list[str]:
    """The words of ``lines``, casefolded, without pure numbers (page numbers, markers)."""
    return [w for line in lines for w in _WORD.findall(line.casefold()) if not w.isdigit()]


def document_words(extraction: Extraction) -> list[str]:
    """The normalised words of a document's reading text, page after page."""
    return words_of(line.text for page in extraction.pages for line in page.lines)


def shingles(words: Sequence[str]) -> set[int]:
    """Every run of :data:`SHINGLE` words, hashed to 32 bits (a short text: its whole)."""
    if not words:
        return set()
    size = min(SHINGLE, len(words))
    return {_hash(words[i:i + size]) for i in range(len(words) - size + 1)}


def _hash(run: Sequence[str]) -> int:
    """One run of words, hashed to 32 bits."""
    return int.from_bytes(hashlib.blake2b(" ".join(run).encode(), digest_size=4).digest())


def text_shingles(extraction: Extraction) -> set[int]:
    """The shingles of a document's reading text (those of :func:`shingles` over
    :func:`document_words`).

    Page by page: the runs inside a page depend on its words alone, so a page whose text
    came before (a page listed many times, a repeated form) costs a look-up, and only the
    few runs across its edges are hashed again. The words of one page are held at a time.
    """
    pages = [tuple(line.text for line in page.lines) for page in extraction.pages]
    known: dict[tuple[str, ...], tuple[list[str], set[int]]] = {}
    for key in pages:
        if key not in known:
            words = words_of(key)
            known[key] = (words, {_hash(words[i:i + SHINGLE])
                                  for i in range(len(words) - SHINGLE + 1)})
    if sum(len(known[key][0]) for key in pages) < SHINGLE:  # a short text: its whole
        return shingles([w for key in pages for w in known[key][0]])
    values: set[int] = set()
    for _, inner in known.values():
        values |= inner
    carry: list[str] = []  # the stream's last words, whose runs are not complete yet
    for key in pages:
        words = known[key][0]
        tail = carry + words[:SHINGLE - 1]
        values.update(_hash(tail[i:i + SHINGLE])
                      for i in range(min(len(carry), len(tail) - SHINGLE + 1)))
        carry = (carry + words)[-(SHINGLE - 1):] if SHINGLE > 1 else []
    return values


def minhash(values: set[int]) -> Minhash:
    """The sketch of a shingle set: its :data:`SKETCH` smallest hashes, in order (the whole
    set when smaller; empty for a document without text)."""
    return sorted(heapq.nsmallest(SKETCH, values))


def estimated_share(first: Minhash, second: Minhash) -> float:
    """The share of text in common as two sketches estimate it: of the smallest hashes of
    both together, how many are in both (0 when either is empty)."""
    if not first or not second:
        return 0.0
    ours, theirs = set(first), set(second)
    smallest = sorted(ours | theirs)[:min(SKETCH, max(len(ours), len(theirs)))]
    return sum(1 for value in smallest if value in ours and value in theirs) / len(smallest)


def share(first: set[int], second: set[int]) -> float:
    """The share of text two documents have in common: shared shingles over all of them."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def part_sketch(extraction: Extraction, start: int, stop: int) -> tuple[Minhash, int]:
    """The sketch of the shingles that start in pages ``start``..``stop - 1`` (indices into
    ``extraction.pages``; the words of the pages after them finish the last shingles), and
    how many words those pages hold.

    The sketches of parts that cover a document, merged by :func:`merged_sketch`, are its
    :func:`minhash` when it holds at least :data:`SHINGLE` words: every run of words starts
    in exactly one part. Worker processes sketch a long document in parts this way.
    """
    words = words_of(line.text for page in extraction.pages[start:stop] for line in page.lines)
    tail: list[str] = []
    for page in extraction.pages[stop:]:
        if len(tail) >= SHINGLE - 1:
            break
        tail += words_of(line.text for line in page.lines)
    both = words + tail[:SHINGLE - 1]
    values = {
        int.from_bytes(hashlib.blake2b(" ".join(both[i:i + SHINGLE]).encode(),
                                       digest_size=4).digest())
        for i in range(min(len(words), len(both) - SHINGLE + 1))
    }
    return sorted(heapq.nsmallest(SKETCH, values)), len(words)


def merged_sketch(parts: Iterable[Minhash]) -> Minhash:
    """The sketch of a document from the sketches of its parts (:func:`part_sketch`)."""
    return minhash({value for part in parts for value in part})
