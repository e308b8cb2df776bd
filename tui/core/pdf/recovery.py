"""Rebuilding a broken cross-reference table with work bounded by the file's bytes.

When a file's cross-reference table cannot be read, pypdf 7 rebuilds it by finding every
``N G obj`` in the file and then *parsing every object it found* to learn which are object
streams: a 50 MB string, or an array of 100,000 annotation dictionaries, is read a byte at a
time before any limit of ours can apply (17 s and 1.1 GB for one such file). The rebuild here
finds the objects with one regular expression and parses only those whose dictionary says
``/Type /ObjStm`` or ``/Type /XRef`` before its ``stream`` keyword; everything else is read
later, if at all, through the reader's size guard (:mod:`tui.core.pdf.object_sizes`).
Objects found, object-stream entries, decoded object-stream bytes and trailers read are
capped; what lies beyond a cap is left out with one warning.

:func:`object_offsets` is also the reader's index of where each object starts, used where
pypdf would search the whole file once per missing object (:mod:`tui.core.pdf.reader`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf.errors import LimitReachedError
from pypdf.generic import DictionaryObject, NameObject, StreamObject, read_object

#: Object headers (``N G obj``) looked at; a real file holds far fewer objects.
MAX_FOUND_OBJECTS = 500_000
#: Entries of object streams taken, all streams together.
MAX_STREAM_ENTRIES = 1_000_000
#: Bytes of object streams decoded while rebuilding, all streams together.
MAX_DECODED_BYTES = 200_000_000
#: Trailers read (the last ones in the file: later ones override earlier ones).
MAX_TRAILERS = 100
#: A stream's dictionary ends within this many bytes of its object's start.
HEAD_BYTES = 65_536
#: Keys of a cross-reference stream that stand in for a trailer (PDF 32000-2, table 17).
TRAILER_KEYS = ("/Root", "/Encrypt", "/Info", "/ID", "/Size")

_WS = rb"[\x00\t\n\f\r ]"
_HEADER = re.compile(rb"(?<![0-9])([0-9]{1,10})" + _WS + rb"+([0-9]{1,5})" + _WS + rb"+obj")
_STREAM_TYPE = re.compile(rb"/Type" + _WS + rb"*/(ObjStm|XRef)(?![A-Za-z0-9])")
_STREAM_OR_END = re.compile(rb"stream|endobj")
_TRAILER = re.compile(rb"trailer" + _WS + rb"*<<")
_PAIR = re.compile(_WS + rb"*([0-9]{1,20})" + _WS + rb"+([0-9]{1,20})")
_LOG = logging.getLogger("pypdf")


def object_offsets(data: bytes, limit: int = MAX_FOUND_OBJECTS
                   ) -> Iterator[tuple[int, int, int]]:
    """``(number, generation, offset)`` of each ``N G obj`` in ``data``, in file order, at
    most ``limit`` of them (one warning when there are more)."""
    for count, match in enumerate(_HEADER.finditer(data)):
        if count >= limit:
            _LOG.warning("over %d objects in the file; the rest are not looked at", limit)
            return
        yield int(match.group(1)), int(match.group(2)), match.start()


@dataclass(slots=True)
class Rebuilt:
    """What a rebuild found: the table (generation -> number -> offset), the entries that
    live in object streams (number -> (stream number, index)), and the trailer."""

    xref: dict[int, dict[int, int]] = field(default_factory=dict)
    in_streams: dict[int, tuple[int, int]] = field(default_factory=dict)
    trailer: DictionaryObject = field(default_factory=DictionaryObject)
    parsed: int = 0
    """Objects parsed to build it (only those that looked like object or xref streams)."""


def rebuild(reader: Any, stream: Any) -> Rebuilt:
    """The cross-reference table of the file in ``stream`` as pypdf's
    ``_rebuild_xref_table`` would make it, parsing only object and cross-reference streams
    (with ``reader``, whose objects they become)."""
    found = Rebuilt()
    stream.seek(0, 0)
    data = stream.read(-1)
    candidates: list[tuple[int, int]] = []
    for number, generation, offset in object_offsets(data):
        found.xref.setdefault(generation, {})[number] = offset  # the last one wins
        if _is_structure_stream(data, offset):
            candidates.append((number, offset))
    _LOG.warning("parsing for Object Streams")
    trailers: list[tuple[int, DictionaryObject]] = []
    decoded = 0
    for number, offset in candidates:
        if decoded > MAX_DECODED_BYTES:
            _LOG.warning("over %d MB of object streams; the rest are not read",
                         MAX_DECODED_BYTES // 1_000_000)
            break
        obj = _read_at(reader, stream, offset)
        found.parsed += 1
        kind = obj.get("/Type") if isinstance(obj, StreamObject) else None
        if kind == "/XRef":
            trailer = DictionaryObject()
            trailer.update((NameObject(k), obj.raw_get(k)) for k in TRAILER_KEYS if k in obj)
            trailers.append((offset, trailer))
        elif kind == "/ObjStm":
            decoded += _take_entries(obj, number, found.in_streams)
    trailers += _trailers(reader, stream, data)
    for _, trailer in sorted(trailers, key=lambda item: item[0]):
        found.trailer.update(trailer)
    return found


def _is_structure_stream(data: bytes, offset: int) -> bool:
    """True when the object at ``offset`` looks like an object or cross-reference stream:
    ``/Type /ObjStm`` or ``/Type /XRef`` before its ``stream`` keyword (cheap: no parse)."""
    end = _STREAM_OR_END.search(data, offset, offset + HEAD_BYTES)
    if end is None or end.group() != b"stream":
        return False
    return _STREAM_TYPE.search(data, offset, end.start()) is not None


def _read_at(reader: Any, stream: Any, offset: int) -> Any:
    """The object whose header starts at ``offset``; None when it cannot be read."""
    try:
        stream.seek(offset, 0)
        reader.read_object_header(stream)
        return read_object(stream, reader)
    except (LimitReachedError, MemoryError):
        raise
    except Exception:  # a damaged object: the rebuild goes on without it
        return None


def _take_entries(obj: StreamObject, number: int, in_streams: dict[int, tuple[int, int]]
                  ) -> int:
    """Record the entries of object stream ``number``; returns the bytes decoded."""
    try:
        data = obj.get_data()
    except (LimitReachedError, MemoryError):
        raise
    except Exception:  # undecodable: its objects stay unknown
        return 0
    position = 0
    while len(in_streams) < MAX_STREAM_ENTRIES:
        pair = _PAIR.match(data, position)
        if pair is None:
            break
        in_streams[int(pair.group(1))] = (number, int(pair.group(2)))
        position = pair.end()
    else:
        _LOG.warning("over %d objects in object streams; the rest are left out",
                     MAX_STREAM_ENTRIES)
    return len(data)


def _trailers(reader: Any, stream: Any, data: bytes) -> list[tuple[int, DictionaryObject]]:
    """The last :data:`MAX_TRAILERS` ``trailer`` dictionaries that can be read."""
    places = [match.end() - 2 for match in _TRAILER.finditer(data)]
    if len(places) > MAX_TRAILERS:
        _LOG.warning("%d trailers in the file; the last %d are read", len(places),
                     MAX_TRAILERS)
    read: list[tuple[int, DictionaryObject]] = []
    for place in places[-MAX_TRAILERS:]:
        try:
            stream.seek(place)
            trailer = read_object(stream, reader)
        except (LimitReachedError, MemoryError):
            raise
        except Exception:  # a damaged trailer: the others may still name the catalog
            _LOG.warning("a trailer at offset %d cannot be read", place)
            continue
        if isinstance(trailer, DictionaryObject):
            read.append((place, trailer))
    return read
