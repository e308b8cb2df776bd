"""The operators of a content stream (a page's, or a form's), read once per document.

A stream is decoded within the per-stream limit and the document's byte budget, parsed by the
fast tokenizer (:mod:`tui.core.pdf.content_tokens`), and kept by object number in the
document's :class:`~tui.core.pdf.reuse.ReadCache`, so a stream drawn again costs a look-up.
Only a small stream the fast path cannot read exactly goes to pypdf's slower parser, and
only a small broken one is searched for the part that still parses.
"""

from __future__ import annotations

import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DecodedStreamObject

from tui.core.pdf.content_tokens import parse_operations
from tui.core.pdf.reuse import Key, ReadCache
from tui.core.text import clean_line

#: The most bytes one content stream may decode to; beyond it the stream is skipped.
MAX_CONTENT_BYTES = 16_000_000
#: A stream longer than this that the fast path cannot read is skipped, not given to pypdf
#: (whose parser reads a byte at a time, and recurses into nested arrays).
MAX_PYPDF_BYTES = 1_000_000
#: A broken stream longer than this is not searched for the part that still parses.
MAX_SALVAGE_BYTES = 200_000

Operation = tuple[list[Any], bytes]


def stream_operations(contents: Any, reader: PdfReader | None, cache: ReadCache,
                      key: Key | None, limit: int, warnings: list[str]) -> list[Operation]:
    """The parsed operators of ``contents`` (a stream or an array of streams), at most
    ``limit``; ``key`` names it for reuse (None: not kept). Problems go to ``warnings``."""
    kept = cache.parsed(key)
    if kept is not None:
        return kept
    try:
        stream = ContentStream(contents, reader, "bytes")
        data = stream.get_data()
    except Exception as exc:  # unreadable or undecodable stream
        warnings.append(f"unreadable content stream: {clean_line(str(exc))[:200]}")
        return []
    if len(data) > MAX_CONTENT_BYTES:
        warnings.append(f"content stream of {len(data) // 1_000_000} MB skipped")
        return []
    if not cache.budget.spend_bytes(len(data)):
        return []
    operations = parse_operations(data, limit, warnings)
    if operations is None:
        operations = _by_pypdf(stream, data, reader, warnings)
    if len(operations) < limit:  # a stream cut at the limit is not what it holds
        cache.keep_parsed(key, operations)
    return operations


def _by_pypdf(stream: ContentStream, data: bytes, reader: PdfReader | None,
              warnings: list[str]) -> list[Operation]:
    if len(data) > MAX_PYPDF_BYTES:
        warnings.append(f"content stream of {len(data) // 1_000:,} kB cannot be read; skipped")
        return []
    try:
        return list(stream.operations)
    except Exception as exc:  # RecursionError too: pypdf recurses into nested arrays
        warnings.append(f"content stream broken part-way: {clean_line(str(exc))[:200]}")
    return _longest_parsable_prefix(data, reader)


def _longest_parsable_prefix(data: bytes, reader: PdfReader | None) -> list[Operation]:
    """Operators of the longest prefix of ``data`` that ends at an ``ET`` and parses."""
    if len(data) > MAX_SALVAGE_BYTES:
        return []  # each try parses the prefix again with pypdf's slow parser
    ends = [m.end() for m in re.finditer(rb"\bET\b", data)]
    best: list[Operation] = []
    lo, hi = 0, len(ends) - 1
    while lo <= hi:  # binary search: a prefix parses until the first broken token
        mid = (lo + hi) // 2
        try:
            prefix = DecodedStreamObject()
            prefix.set_data(data[: ends[mid]])
            best = list(ContentStream(prefix, reader, "bytes").operations)
            lo = mid + 1
        except Exception:
            hi = mid - 1
    return best
