"""pypdf's reader with its repairs of broken files bounded by the file's bytes.

pypdf repairs what it can of a damaged file, and two of its repairs cost far more than the
file: rebuilding a cross-reference table parses every object in the file (see
:mod:`tui.core.pdf.recovery`), and an object whose table entry is wrong or missing is looked
for by a search through the whole file — once per such object, so a table shifted by a
deleted chunk, or a catalog searched for among 10,000 numbers, scans a large file thousands of
times. :class:`BoundedReader` rebuilds with :func:`recovery.rebuild` and finds misplaced
objects in an index of the file's object headers, made once; an object the index does not
hold is read as null, with pypdf's own warning, instead of being searched for.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject, PdfObject

from tui.core.pdf import fast_objects, recovery

_LOG = logging.getLogger("pypdf")
_SUBTYPE = re.compile(rb"/Subtype[\x00\t\n\f\r ]*/([A-Za-z0-9]+)(?=[\x00\t\n\f\r /<>\[\]()%])")
#: How far past an object's header :meth:`BoundedReader.plain_subtype` looks.
_SUBTYPE_WINDOW = 65_536
_HEADER_AT = re.compile(rb"[\x00\t\n\f\r ]*([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+obj")


class BoundedReader(PdfReader):
    """A :class:`PdfReader` whose repairs of a broken file are bounded (see the module)."""

    _object_index: dict[int, int] | None = None
    """``number << 16 | generation`` -> offset of its first header in the file, made when
    first needed."""
    _bytes: bytes | None = None

    def _rebuild_xref_table(self, stream: Any) -> None:
        found = recovery.rebuild(self, stream)
        self.xref = found.xref
        self.xref_objStm.update(found.in_streams)
        for key, value in found.trailer.items():
            self.trailer[key] = value
        stream.seek(0, 0)

    def get_object(self, indirect_reference: int | IndirectObject) -> PdfObject | None:
        """The object ``indirect_reference`` refers to, as pypdf reads it, except that one
        whose table entry is wrong or missing is found in the index (or read as null)."""
        ref = (IndirectObject(indirect_reference, 0, self)
               if isinstance(indirect_reference, int) else indirect_reference)
        key = (ref.generation, ref.idnum)
        if (key not in self.resolved_objects and hasattr(self, "stream")
                and not (ref.generation == 0 and ref.idnum in self.xref_objStm)
                and not self._locate(ref.idnum, ref.generation)):
            _LOG.warning("Object %d %d not defined.", ref.idnum, ref.generation)
            self.cache_indirect_object(ref.generation, ref.idnum, None)
            return None
        if key not in self.resolved_objects and self._encryption is None:
            plain = self._read_plain(ref.idnum, ref.generation)
            if plain is not None:
                self.cache_indirect_object(ref.generation, ref.idnum, plain)
                return plain
        return super().get_object(ref)

    def plain_subtype(self, number: int, generation: int) -> str | None:
        """The ``/Subtype`` written plainly in object ``number``'s bytes, without parsing it
        (None when that cannot be told for sure: in an object stream, written with ``#``
        escapes or by reference, more than one ``/Subtype``)."""
        if (generation, number) in self.resolved_objects or not hasattr(self, "stream"):
            return None
        offset = self.xref.get(generation, {}).get(number)
        if not isinstance(offset, int) or offset < 0:
            return None
        data = self._data()
        end = data.find(b"endobj", offset, offset + _SUBTYPE_WINDOW)
        if end < 0:
            return None
        found = _SUBTYPE.findall(data, offset, end)
        if len(found) != 1 or data.count(b"/Subtype", offset, end) != 1:
            return None
        return "/" + found[0].decode("ascii")

    def _read_plain(self, number: int, generation: int) -> PdfObject | None:
        """The object read by :func:`fast_objects.read_plain_object` when its table entry
        points at its header and it has the plain shape; None for pypdf to read it."""
        if not hasattr(self, "stream") or (generation == 0 and number in self.xref_objStm):
            return None
        offset = self.xref.get(generation, {}).get(number)
        if not isinstance(offset, int) or offset < 0 or self.xref_free_entry.get(
                generation, {}).get(number, False):
            return None
        header = _HEADER_AT.match(self._data(), offset)
        if header is None or (int(header.group(1)), int(header.group(2))) != (number,
                                                                              generation):
            return None
        return fast_objects.read_plain_object(self._data(), header.end(), self)

    def _locate(self, number: int, generation: int) -> bool:
        """Make the table's entry for the object point at its header; False when the file
        holds no such object (pypdf would search the whole file for it)."""
        table = self.xref.get(generation)
        if table is not None and number in table:
            if self.xref_free_entry.get(generation, {}).get(number, False):
                return True  # a free entry: pypdf reads it as null without searching
            if self._header_at(table[number]) == (number, generation):
                return True
        where = self._index().get(number << 16 | generation)
        if where is None:
            return False
        _LOG.warning("Object %d %d found at offset %d", number, generation, where)
        self.xref.setdefault(generation, {})[number] = where
        return True

    def _header_at(self, offset: Any) -> tuple[int, int] | None:
        """The ``N G`` of the object header at ``offset``, None when there is none (a
        regular expression on the file's bytes; pypdf's own reading where it does not
        match, as comments may stand before a header)."""
        if isinstance(offset, int) and offset >= 0:
            found = _HEADER_AT.match(self._data(), offset)
            if found is not None:
                return int(found.group(1)), int(found.group(2))
        try:
            self.stream.seek(offset, 0)
            return self.read_object_header(self.stream)
        except Exception:  # not a header: the index is asked instead
            return None

    def _data(self) -> bytes:
        """The file's bytes (read once)."""
        if self._bytes is None:
            self.stream.seek(0, 0)
            self._bytes = self.stream.read(-1)
        return self._bytes

    def _index(self) -> dict[int, int]:
        if self._object_index is None:
            data = self._data()
            index: dict[int, int] = {}
            for number, generation, offset in recovery.object_offsets(data):
                if generation < 1 << 16:
                    index.setdefault(number << 16 | generation, offset)
            self._object_index = index
        return self._object_index
