"""A document's text as a fingerprint, and the share of text two documents have in common.

The reading text of every page (summary pages of a published copy are set apart by the reader,
the numbers printed beside its marks are taken out of the text) is cut into words, casefolded,
without pure numbers (page numbers, markers); every run of :data:`SHINGLE` words is a shingle.
The share two documents have in common is the Jaccard index of their shingle sets. A minhash
of :data:`PERMUTATIONS` values estimates it cheaply, so that a document joining a library of
thousands is compared in full only with the few whose estimate comes close.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from tui.core.model import Extraction

SHINGLE = 5
PERMUTATIONS = 48
_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1
#: Fixed per-permutation multipliers and offsets (derived, so every run agrees).
_SALTS = [
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest()) % _PRIME | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest()) % _PRIME)
    for i in range(PERMUTATIONS)
]

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
    return {
        int.from_bytes(hashlib.blake2b(" ".join(words[i:i + size]).encode(),
                                       digest_size=4).digest())
        for i in range(len(words) - size + 1)
    }


def text_shingles(extraction: Extraction) -> set[int]:
    """The shingles of a document's reading text."""
    return shingles(document_words(extraction))


def minhash(values: set[int]) -> Minhash:
    """The minhash of a shingle set (empty for a document without text)."""
    if not values:
        return []
    return [min(((a * v + b) % _PRIME) & _MASK for v in values) for a, b in _SALTS]


def estimated_share(first: Minhash, second: Minhash) -> float:
    """The share of text in common as two minhashes estimate it (0 when either is empty)."""
    if not first or not second or len(first) != len(second):
        return 0.0
    return sum(1 for a, b in zip(first, second, strict=True) if a == b) / len(first)


def share(first: set[int], second: set[int]) -> float:
    """The share of text two documents have in common: shared shingles over all of them."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
