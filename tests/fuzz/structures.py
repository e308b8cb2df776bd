"""Structure-aware mutations: a small file that makes a reader do the same work many times, or
holds a value no writer would produce.

Each mutation appends an incremental update to a real file (new objects, a new cross-reference
section whose ``/Prev`` is the file's own, a new catalog), so the original stays readable and
the crafted part is what a reader meets first: a page tree listing one page 100,000 times,
thousands of pages sharing one heavy content stream, forms that draw themselves, reply chains
20,000 long, content nested a million deep, inline images without their end, UTF-16 with lone
surrogates, 100,000 annotations, strings of tens of megabytes, and such an update behind a
cross-reference table that cannot be used (the reader must rebuild it). ``scale`` (0 < scale <= 1)
shrinks the counts for the test suite's fixed sample.
"""

from __future__ import annotations

import io
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Ref = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Base:
    """A source file and what an incremental update needs to know about it."""

    data: bytes
    size: int
    """The next free object number."""
    startxref: int
    page: Ref | None
    """The first page's object, when it could be found."""


@cache
def base_of(path: Path) -> Base | None:
    """What :func:`append` needs to update ``path``; None for a file pypdf cannot read well
    enough (encrypted, no page tree): those get a generated source instead."""
    from pypdf import PdfReader

    data = path.read_bytes()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None
        size = int(reader.trailer.get("/Size", 0))
        page = reader.pages[0].indirect_reference if len(reader.pages) else None
    except Exception:
        return None
    found = list(re.finditer(rb"startxref\s+(\d+)", data))
    if not found:
        return None
    numbers = [int(m.group(1)) for m in re.finditer(rb"(?<!\d)(\d{1,7}) \d{1,5} obj\b", data)]
    size = max([size, *(n + 1 for n in numbers)])
    ref = (page.idnum, page.generation) if page is not None else None
    return Base(data, size, int(found[-1].group(1)), ref)


class Update:
    """New objects for one incremental update, numbered after the source's own."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.objects: dict[int, bytes] = {}
        self.next = base.size

    def reserve(self) -> int:
        """A new object number (its body given later with :meth:`put`)."""
        self.next += 1
        return self.next - 1

    def put(self, body: bytes, number: int | None = None) -> bytes:
        """Add an object; returns its reference (``b"12 0 R"``)."""
        number = self.reserve() if number is None else number
        self.objects[number] = body
        return b"%d 0 R" % number

    def stream(self, data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
        """Add a stream object (flate-compressed unless told otherwise)."""
        if compress:
            data = zlib.compress(data, 6)
            extra += b" /Filter /FlateDecode"
        return self.put(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data))

    def font(self) -> bytes:
        """A Helvetica font object."""
        return self.put(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                        b"/Encoding /WinAnsiEncoding >>")

    def page(self, parent: int, contents: bytes, resources: bytes, annots: bytes = b"",
             number: int | None = None) -> bytes:
        """Add a page under the ``/Pages`` node ``parent``."""
        extra = b" /Annots " + annots if annots else b""
        return self.put(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s "
                        b"/Contents %s%s >>" % (parent, resources, contents, extra), number)

    def finish(self, pages: int, kids: list[bytes] | bytes, count: int) -> bytes:
        """Write the ``/Pages`` node ``pages`` with ``kids``, a new catalog, the update."""
        listed = kids if isinstance(kids, bytes) else b" ".join(kids)
        self.objects[pages] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (listed, count)
        root = self.put(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
        return append(self.base, self.objects, root)


def append(base: Base, objects: dict[int, bytes], root: bytes) -> bytes:
    """``base``'s bytes with ``objects`` and a new trailer pointing at ``root`` appended."""
    out = bytearray(base.data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: dict[int, int] = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    size = max(base.size, max(offsets, default=0) + 1)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, base.startxref, xref)
    return bytes(out)


def _count(rng: random.Random, scale: float, *choices: int) -> int:
    return max(2, int(rng.choice(choices) * scale))


_TEXT = b"BT /F1 9 Tf 72 %d Td (Regel %d van de gedeelde inhoud) Tj ET\n"


def _simple_page(update: Update, parent: int, content: bytes, annots: bytes = b"") -> bytes:
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    return update.page(parent, update.stream(content), resources, annots)


def page_tree_amplification(base: Base, rng: random.Random, scale: float) -> bytes:
    """One page listed thousands of times: flat, two levels deep, or in a cycle."""
    update = Update(base)
    pages = update.reserve()
    page = b"%d %d R" % base.page if base.page else _simple_page(
        update, pages, b"BT /F1 9 Tf 72 700 Td (Een pagina) Tj ET")
    how = rng.choice(("flat", "square", "cycle"))
    if how == "flat":
        n = _count(rng, scale, 1_000, 10_000, 100_000)
        return update.finish(pages, b" ".join([page] * n), n)
    if how == "square":
        k = _count(rng, scale, 100, 300)
        inner = update.reserve()
        update.objects[inner] = b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>" % (
            pages, b" ".join([page] * k), k)
        return update.finish(pages, [b"%d 0 R" % inner] * k, k * k)
    return update.finish(pages, [page, b"%d 0 R" % pages, page], 3)


def shared_heavy_content(base: Base, rng: random.Random, scale: float) -> bytes:
    """Many pages drawing one heavy content stream: 30,000 text operators or 200,000 ``q``."""
    update = Update(base)
    pages = update.reserve()
    if rng.random() < 0.5:
        lines = _count(rng, scale, 30_000)
        heavy = b"".join(_TEXT % (800 - i % 700, i) for i in range(lines))
    else:
        heavy = b"q " * _count(rng, scale, 200_000) + b"BT /F1 9 Tf 72 700 Td (Na q) Tj ET"
    contents = update.stream(heavy)
    resources = b"<< /Font << /F1 %s >> >>" % update.font()
    n = _count(rng, scale, 50, 500, 2_000)
    kids = [update.page(pages, contents, resources) for _ in range(n)]
    return update.finish(pages, kids, n)


def self_drawing_forms(base: Base, rng: random.Random, scale: float) -> bytes:
    """A form that draws itself, two forms drawing each other, or a chain of forms each
    drawing the next ten times (10^12 drawings if nothing stops it)."""
    update = Update(base)
    pages = update.reserve()
    font = update.font()
    how = rng.choice(("self", "mutual", "fan"))
    forms = [update.reserve() for _ in range(12 if how == "fan" else 2)]
    for index, number in enumerate(forms):
        target = number if how == "self" else forms[(index + 1) % len(forms)]
        last = how == "fan" and index == len(forms) - 1
        body = b"BT /F1 6 Tf 0 0 Td (x) Tj ET" + (b"" if last else b" /X Do" * 10)
        data = zlib.compress(body)
        update.objects[number] = (
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 %s"
            b" >> /XObject << /X %d 0 R >> >> /Length %d /Filter /FlateDecode >>\nstream\n%s\n"
            b"endstream" % (font, target, len(data), data))
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (Boven de vorm) Tj ET /X Do")
    resources = b"<< /Font << /F1 %s >> /XObject << /X %d 0 R >> >>" % (font, forms[0])
    return update.finish(pages, [update.page(pages, content, resources)], 1)


def reply_chains(base: Base, rng: random.Random, scale: float) -> bytes:
    """Thousands of notes each replying to the one before (or a loop), popups that are their
    own parents."""
    update = Update(base)
    pages = update.reserve()
    page = update.reserve()
    n = _count(rng, scale, 1_000, 5_000, 20_000)
    numbers = [update.reserve() for _ in range(n)]
    loop = rng.random() < 0.3
    for index, number in enumerate(numbers):
        irt = numbers[index - 1] if index or loop else None
        popup = number if rng.random() < 0.1 else None
        update.objects[number] = (
            b"<< /Type /Annot /Subtype /Text /Rect [100 %d 120 %d] /Contents (Antwoord %d) "
            b"/T (Lezer) /P %d 0 R%s%s >>" % (
                700 - index % 600, 720 - index % 600, index, page,
                b" /IRT %d 0 R" % irt if irt is not None else b"",
                b" /Popup %d 0 R /Parent %d 0 R" % (popup, popup) if popup else b""))
    annots = b"[%s]" % b" ".join(b"%d 0 R" % n for n in numbers)
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (Een draad) Tj ET")
    update.page(pages, content, b"<< /Font << /F1 %s >> >>" % update.font(), annots, page)
    return update.finish(pages, [b"%d 0 R" % page], 1)


def deep_nesting(base: Base, rng: random.Random, scale: float) -> bytes:
    """``[`` or ``<<`` a million deep in a content stream, or objects 1,000 deep."""
    update = Update(base)
    pages = update.reserve()
    how = rng.choice(("content-array", "content-dict", "object", "annotation"))
    if how.startswith("content"):
        opener = b"[" if how == "content-array" else b"<<"
        depth = _count(rng, scale, 1_000, 100_000, 1_000_000)
        content = b"BT /F1 10 Tf 72 700 Td (Voor het nest) Tj ET " + opener * depth
        return update.finish(pages, [_simple_page(update, pages, content)], 1)
    depth = _count(rng, scale, 1_000, 5_000)
    nested = b"[" * depth + b"(diep)" + b"]" * depth
    if how == "object":
        value = b"<< /Font << /F1 %s >> /Extra %s >>" % (update.font(), nested)
        content = update.stream(b"BT /F1 10 Tf 72 700 Td (Diep genest) Tj ET")
        return update.finish(pages, [update.page(pages, content, value)], 1)
    annots = b"[<< /Type /Annot /Subtype /Text /Rect [1 1 2 2] /Contents %s >>]" % nested
    content = b"BT /F1 10 Tf 72 700 Td (Diep genest) Tj ET"
    return update.finish(pages, [_simple_page(update, pages, content, annots)], 1)


def bad_inline_images(base: Base, rng: random.Random, scale: float) -> bytes:
    """Inline images with a wrong or missing length, no ``EI``, megabytes of data."""
    update = Update(base)
    pages = update.reserve()
    body = rng.randbytes(_count(rng, scale, 1_000, 100_000, 2_000_000)).replace(b"EI", b"EJ")
    length = rng.choice((b"", b" /L 3", b" /L 999999999", b" /Length -5"))
    image = b"BI /W 100 /H 100 /BPC 8 /CS /G" + length + b" ID " + body
    end = rng.choice((b"", b" EI ", b"EI"))
    repeat = rng.choice((1, 1, _count(rng, scale, 1_000)))
    content = (b"BT /F1 10 Tf 72 700 Td (Voor het beeld) Tj ET "
               + (image[:2_000] + end) * (repeat - 1) + image + end
               + b" BT /F1 10 Tf 72 600 Td (Na het beeld) Tj ET")
    return update.finish(pages, [_simple_page(update, pages, content)], 1)


_SURROGATES = (b"\xfe\xff\xd8\x00\x00A", b"\xfe\xff\x00A\xdc\x00", b"\xfe\xff\xd8\x00",
               b"\xfe\xff\x00A\x00", b"\xff\xfe\x00\xd8A\x00", b"\xfe\xff\xdb\xff\xdb\xff")


def _hex(data: bytes) -> bytes:
    return b"<" + data.hex().encode() + b">"


def bad_utf16(base: Base, rng: random.Random, scale: float) -> bytes:
    """UTF-16 strings with lone surrogates or an odd length in dates, names, contents, the
    document's title, and a text map whose output is a lone surrogate."""
    update = Update(base)
    pages = update.reserve()

    def value() -> bytes:
        return _hex(rng.choice(_SURROGATES) + rng.choice((b"", b"\x00B\x00C")))

    annots = b"[%s]" % b" ".join(
        b"<< /Type /Annot /Subtype /%s /Rect [70 690 200 712] /QuadPoints [70 710 200 710 70 "
        b"697 200 697] /Contents %s /T %s /NM %s /Subj %s /CreationDate %s /M %s >>" % (
            rng.choice((b"Text", b"Highlight", b"FreeText")), value(), value(), value(),
            value(), value(), value()) for _ in range(3))
    target = rng.choice((b"d800", b"dc00", b"dfff", b"d83d"))
    to_unicode = update.stream(b"begincmap 1 begincodespacerange <00> <ff> endcodespacerange "
                               b"2 beginbfchar <41> <%s> <42> <0042d800> endbfchar endcmap"
                               % target)
    font = update.put(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %s >>"
                      % to_unicode)
    content = update.stream(b"BT /F1 10 Tf 72 700 Td (ABBA en meer) Tj ET")
    page = update.page(pages, content, b"<< /Font << /F1 %s >> >>" % font, annots)
    info = update.put(b"<< /Title %s /Author %s >>" % (value(), value()))
    update.objects[pages] = b"<< /Type /Pages /Kids [%s] /Count 1 >>" % page
    root = update.put(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    data = append(update.base, update.objects, root)
    return data.replace(b"/Root %s /Prev" % root, b"/Root %s /Info %s /Prev" % (root, info))


def many_annotations(base: Base, rng: random.Random, scale: float) -> bytes:
    """100,000 annotations on one page: one reference repeated, or as many small ones."""
    update = Update(base)
    pages = update.reserve()
    n = _count(rng, scale, 10_000, 100_000)
    if rng.random() < 0.5:
        one = update.put(b"<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] "
                         b"/Contents (Steeds dezelfde) /NM (een) >>")
        annots = b"[%s]" % b" ".join([one] * n)
    else:
        annots = b"[%s]" % b" ".join(
            b"<< /Subtype /Square /Rect [%d %d %d %d] /Contents (Vak %d) >>" % (
                i % 500, i % 800, i % 500 + 5, i % 800 + 5, i) for i in range(n))
    content = b"BT /F1 10 Tf 72 700 Td (Vol opmerkingen) Tj ET"
    return update.finish(pages, [_simple_page(update, pages, content, annots)], 1)


def huge_strings(base: Base, rng: random.Random, scale: float) -> bytes:
    """A string of megabytes shown with ``Tj``, or as a comment's ``/Contents``, ``/NM``
    or ``/T``."""
    update = Update(base)
    pages = update.reserve()
    size = max(1_000, int(rng.choice((1, 2, 10, 50)) * 1_000_000 * scale))
    if rng.random() < 0.5:
        content = b"BT /F1 10 Tf 72 700 Td (" + b"a" * size + b") Tj ET"
        return update.finish(pages, [_simple_page(update, pages, content)], 1)
    key = rng.choice((b"/Contents", b"/NM", b"/T", b"/RC"))
    annots = b"[<< /Type /Annot /Subtype /Text /Rect [100 700 120 720] %s (%s) >>]" % (
        key, b"Lang " * (size // 5))
    content = b"BT /F1 10 Tf 72 700 Td (Lange opmerking) Tj ET"
    return update.finish(pages, [_simple_page(update, pages, content, annots)], 1)


def broken_table(base: Base, rng: random.Random, scale: float) -> bytes:
    """A heavy update (a huge string, many annotations, a reply chain) whose cross-reference
    table cannot be used: ``startxref`` pointing nowhere, or every offset shifted by bytes
    inserted after the header, so the reader must find the objects itself."""
    heavy = rng.choice((huge_strings, many_annotations, reply_chains))
    data = heavy(base, rng, scale)
    if rng.random() < 0.5:
        end = data.rfind(b"startxref")
        return data[:end] + b"startxref\n%d\n%%%%EOF\n" % rng.choice((1, 0, len(data) * 3))
    at = data.find(b"\n", 9) + 1
    return data[:at] + b"%" + b"x" * rng.randint(1, 5_000) + b"\n" + data[at:]


Structure = Callable[[Base, random.Random, float], bytes]
STRUCTURES: tuple[tuple[str, Structure], ...] = (
    ("page-tree", page_tree_amplification), ("shared-content", shared_heavy_content),
    ("self-drawing-form", self_drawing_forms), ("reply-chain", reply_chains),
    ("deep-nesting", deep_nesting), ("inline-image", bad_inline_images),
    ("bad-utf16", bad_utf16), ("many-annotations", many_annotations),
    ("huge-string", huge_strings), ("broken-table", broken_table),
)
