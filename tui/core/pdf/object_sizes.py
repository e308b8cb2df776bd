"""Objects too large to parse: refused before pypdf reads them.

pypdf reads a string or an array a byte at a time: a 50 MB ``/Contents`` string takes it a
minute and a gigabyte. Objects are found by their offsets in the cross-reference table, so
the space between one object and the next tells how large it is before anything is parsed.
:func:`guard_object_sizes` makes an object larger than :data:`MAX_OBJECT_BYTES` that is not a
stream (a stream's data is read as a block, and decoded within its own limit) read as null,
with one warning per object through pypdf's log (see :mod:`tui.core.pdf.log`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject, NullObject, PdfObject

#: The largest object (not a stream) read: a page, an annotation, a font are far smaller.
MAX_OBJECT_BYTES = 1_000_000
#: A stream's dictionary ends within this many bytes of its start.
_STREAM_HEAD = 65_536
_STREAM_KEYWORD = re.compile(rb">>\s*stream\r?\n")
_LOG = logging.getLogger("pypdf")


def guard_object_sizes(reader: PdfReader) -> None:
    """Have ``reader`` read every object over :data:`MAX_OBJECT_BYTES` that is not a
    stream as null (never raises: a table it cannot read leaves the reader as it was)."""
    try:
        large = _large_objects(reader)
    except Exception:  # a cross-reference table too odd to measure: nothing refused
        return
    if not large:
        return
    original = reader.get_object

    def get_object(reference: int | IndirectObject) -> PdfObject | None:
        key = (0, reference) if isinstance(reference, int) else (
            reference.generation, reference.idnum)
        size = large.get(key)
        if size is None:
            return original(reference)
        _LOG.warning("object %d is %d MB of data that is not a stream; read as null",
                     key[1], max(1, size // 1_000_000))
        return NullObject()

    reader.get_object = get_object  # type: ignore[method-assign,assignment]


def _large_objects(reader: PdfReader) -> dict[tuple[int, int], int]:
    """``(generation, number) -> size`` of the objects over the limit that are not streams."""
    stream: Any = reader.stream
    end = stream.seek(0, 2)
    places = sorted((offset, (generation, number))
                    for generation, table in reader.xref.items()
                    for number, offset in table.items()
                    if isinstance(offset, int) and 0 <= offset < end)
    large: dict[tuple[int, int], int] = {}
    for (offset, key), following in zip(places, [*places[1:], (end, None)], strict=True):
        size = following[0] - offset
        if size > MAX_OBJECT_BYTES and not _is_stream(stream, offset):
            large[key] = size
    stream.seek(0)
    return large


def _is_stream(stream: Any, offset: int) -> bool:
    stream.seek(offset)
    return _STREAM_KEYWORD.search(stream.read(_STREAM_HEAD)) is not None
