"""Positioned text: walk a page's content stream and place every glyph on the page.

pypdf's own ``extract_text`` only reports where chunks *start*, so ends drift on justified
lines. This module parses the content stream itself (``ContentStream(..., "bytes")`` keeps the
raw character codes) and tracks the text state (Tf, Tc, Tw, Tz, TL, Ts, Td/TD/Tm/T*, ' and ",
Tj/TJ with kerning) and the graphics state (q/Q/cm and Form XObjects), so each glyph gets an
exact box. :mod:`tui.core.pdf.reading_order` then turns the glyphs into lines in reading order.
Filled boxes are collected on the way (:mod:`tui.core.pdf.shapes`).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from tui.core.collector import collector_paused
from tui.core.model import Line, PageText
from tui.core.pdf import bounds
from tui.core.pdf.content_streams import stream_operations
from tui.core.pdf.fonts import FontCache, FontInfo, undecoded_warnings
from tui.core.pdf.opening import pdf_pages
from tui.core.pdf.reading_order import RawGlyph, build_lines
from tui.core.pdf.reuse import Key, ReadCache, Walked, as_cache, object_key
from tui.core.pdf.shapes import BLACK, RGB, Fill, ShapeCollector
from tui.core.text import clean_line

log = logging.getLogger(__name__)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: Where text goes whose position could not be read: beyond any page, so it is left out.
FAR: Matrix = (1.0, 0.0, 0.0, 1.0, 2 * bounds.MAX_COORDINATE, 2 * bounds.MAX_COORDINATE)
_PLACING = frozenset((b"Tm", b"Td", b"TD", b"T*", b"'", b'"', b"cm"))
#: Nested Form XObjects deeper than this are skipped; a form already being drawn (one that
#: draws itself, directly or through others) is skipped whatever the depth.
MAX_FORM_DEPTH = 8
#: Per page, against crafted files: Form XObjects drawn, operators run, glyphs placed and
#: seconds of walking (CPU time of the walking thread, so a busy machine does not cut a page
#: short), counted from the first operator (parsing does not use up the time);
#: the rest of the page is skipped beyond them, what was read before stays. The document as
#: a whole has limits of its own (:mod:`tui.core.pdf.budget`).
MAX_FORMS = 2_000
MAX_OPERATIONS = 300_000
MAX_GLYPHS = 200_000
MAX_PAGE_SECONDS = 3.0
_BLOCK = 4_096


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix product ``m x n`` in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


class _State:
    """The part of the graphics state that q/Q save and restore."""

    __slots__ = ("ctm", "fill", "font", "size", "tc", "th", "tl", "ts", "tw")

    def __init__(self) -> None:
        self.ctm: Matrix = IDENTITY
        self.fill: RGB = BLACK
        self.font: FontInfo = FontInfo()
        self.size = 0.0
        self.tc = 0.0
        self.tw = 0.0
        self.th = 1.0
        self.tl = 0.0
        self.ts = 0.0

    def copy(self) -> _State:
        other = _State()
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        return other


class ContentWalker:
    """Interprets content streams and collects :class:`RawGlyph` objects in drawing order."""

    def __init__(self, reader: PdfReader | None,
                 cache: ReadCache | FontCache | None = None) -> None:
        self.reader = reader
        self.cache = as_cache(cache)
        self.fonts = self.cache.fonts
        self.glyphs: list[RawGlyph] = []
        self.warnings: list[str] = []
        self.undecoded: list[tuple[FontInfo, int, int]] = []
        """(font, glyphs drawn, glyphs without text) of each string with text missing."""
        self.state = _State()
        self.stack: list[_State] = []
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.ops: dict[bytes, Callable[[list[Any]], None]] = {
            b"q": self._q, b"Q": self._Q, b"cm": self._cm, b"BT": self._bt,
            b"Tf": self._tf, b"Tc": self._tc, b"Tw": self._tw, b"Tz": self._tz,
            b"TL": self._tl, b"Ts": self._ts, b"Td": self._td, b"TD": self._td_leading,
            b"Tm": self._tm, b"T*": self._tstar, b"Tj": self._tj, b"TJ": self._tj_array,
            b"'": self._quote, b'"': self._dquote, b"Do": self._do, b"EI": self._inline_image,
        }
        self.shapes = ShapeCollector(self)
        self.ops.update(self.shapes.operators())
        self.resources: DictionaryObject = DictionaryObject()
        self.depth = 0
        self.forms = self.operations = 0
        self.drawing: set[Key] = set()
        """The forms being drawn (the path from the page to the current one)."""
        self.deadline: float | None = None
        """When the page's time is up; set as its first operator runs."""
        self.stopped = False
        """Set once a limit was met: the rest of the page is skipped."""
        self.images = 0
        """Images drawn (image XObjects and inline images), in forms too: a page without
        text that draws none is not a scan, and OCR need not render it."""

    def walk(self, contents: Any, resources: Any, key: Key | None = None) -> None:
        """Interpret one content stream (a stream or an array of streams) with its resources;
        ``key`` names the stream for reuse of its parsed operators."""
        operations = stream_operations(contents, self.reader, self.cache, key,
                                       MAX_OPERATIONS + 1 - self.operations, self.warnings)
        saved = self.resources
        res = resources.get_object() if resources is not None else None
        self.resources = res if isinstance(res, DictionaryObject) else DictionaryObject()
        ops = self.ops
        failures = 0
        for start in range(0, len(operations), _BLOCK):  # limits checked a block at a time
            if self._over_limits(len(operations[start : start + _BLOCK])):
                break
            for operands, operator in operations[start : start + _BLOCK]:
                handler = ops.get(operator)
                if handler is None:
                    continue
                try:
                    handler(operands)
                except Exception as exc:  # one bad operator must not lose the page
                    failures += 1
                    if failures <= 3:
                        self.warnings.append(f"skipped {operator.decode('latin-1')}: {exc}")
                    if operator in _PLACING:  # what it places has no place: off the page
                        self.tm = self.tlm = FAR
                        if operator == b"cm":
                            self.state.ctm = FAR
        self.resources = saved

    def _over_limits(self, coming: int) -> bool:
        """True (with a warning, once) when the page has used up what one page may use, or
        the document what a document may."""
        now = time.thread_time()
        if self.deadline is None:
            self.deadline = now + MAX_PAGE_SECONDS
        self.operations += coming
        if not self.stopped:
            reason = ("too many operators" if self.operations > MAX_OPERATIONS
                      else "too much text" if len(self.glyphs) >= MAX_GLYPHS
                      else f"over {MAX_PAGE_SECONDS:g} s" if now > self.deadline
                      else None)
            if reason is not None:
                self._stop(reason)
            elif not self.cache.budget.spend_operations(coming):
                self.stopped = True  # the budget says so once for the whole document
        return self.stopped

    def _stop(self, reason: str) -> None:
        if not self.stopped:
            self.stopped = True
            self.warnings.append(f"{reason}; the rest of the page is skipped")

    # graphics state
    def _q(self, _: list[Any]) -> None:
        self.stack.append(self.state.copy())

    def _Q(self, _: list[Any]) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def _cm(self, o: list[Any]) -> None:
        m = _matrix(o)
        self.state.ctm = bounds.checked(multiply(m, self.state.ctm))

    # text state
    def _bt(self, _: list[Any]) -> None:
        self.tm = self.tlm = IDENTITY

    def _tf(self, o: list[Any]) -> None:
        fonts = self.resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else None
        ref = fonts.raw_get(o[0]) if isinstance(fonts, DictionaryObject) and o[0] in fonts else None
        self.state.font = self.fonts.get(ref) if ref is not None else FontInfo()
        self.state.size = bounds.number(o[1])

    def _tc(self, o: list[Any]) -> None:
        self.state.tc = bounds.number(o[0])

    def _tw(self, o: list[Any]) -> None:
        self.state.tw = bounds.number(o[0])

    def _tz(self, o: list[Any]) -> None:
        self.state.th = bounds.number(o[0]) / 100.0

    def _tl(self, o: list[Any]) -> None:
        self.state.tl = bounds.number(o[0])

    def _ts(self, o: list[Any]) -> None:
        self.state.ts = bounds.number(o[0])

    # text position
    def _move(self, tx: float, ty: float) -> None:
        a, b, c, d, e, f = self.tlm
        self.tlm = self.tm = bounds.checked((a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f))

    def _td(self, o: list[Any]) -> None:
        self._move(bounds.number(o[0]), bounds.number(o[1]))

    def _td_leading(self, o: list[Any]) -> None:
        self.state.tl = -bounds.number(o[1])
        self._move(bounds.number(o[0]), bounds.number(o[1]))

    def _tm(self, o: list[Any]) -> None:
        self.tm = self.tlm = _matrix(o)

    def _tstar(self, _: list[Any]) -> None:
        self._move(0.0, -self.state.tl)

    # text showing
    def _tj(self, o: list[Any]) -> None:
        self._show([o[0]])

    def _tj_array(self, o: list[Any]) -> None:
        self._show(o[0])

    def _quote(self, o: list[Any]) -> None:
        self._tstar([])
        self._show([o[0]])

    def _dquote(self, o: list[Any]) -> None:
        self.state.tw = bounds.number(o[0])
        self.state.tc = bounds.number(o[1])
        self._tstar([])
        self._show([o[2]])

    def _show(self, items: Iterable[Any]) -> None:
        st = self.state
        font, fs, th = st.font, st.size, st.th
        a, b, c, d, e, f = multiply(self.tm, st.ctm)
        height = fs * math.hypot(c, d)
        if height <= 0:
            height = abs(fs) or 1.0
        rise = st.ts
        acc = 0.0
        append = self.glyphs.append
        fs_th, tc_th = fs * th, st.tc * th
        space_advance = tc_th + st.tw * th if font.word_space else tc_th  # Tw: one-byte 32
        # code -> (width, text, advance) at this size and spacing (see ScaledGlyphs)
        table = font.scaled_table(fs_th, tc_th, space_advance)
        c_rise_e, d_rise_f = c * rise + e, d * rise + f
        # Upright text (b == 0): every glyph's baseline is d_rise_f itself, since 0 * acc
        # adds a zero (acc is finite: every operand is bounded) to a non-zero number.
        upright = b == 0.0 and d_rise_f != 0.0
        single = not font.two_byte
        drawn = missing = 0  # glyphs drawn, and those without text (an undecodable font)
        room = MAX_GLYPHS - len(self.glyphs)  # one string of megabytes stops here too
        for item in items:
            if isinstance(item, (int, float)):
                acc -= bounds.number(item) / 1000.0 * fs * th
                continue
            if not isinstance(item, bytes):
                continue
            if len(item) > room:
                item = item[: room * 4]  # a code is at most four bytes
            codes = item if single else font.codes(item)
            if len(codes) >= room:
                codes = codes[:room]
                self._stop("too much text")
            room -= len(codes)
            drawn += len(codes)
            for code in codes:
                w, text, advance = table[code]
                if text:
                    x0 = a * acc + c_rise_e
                    x1 = x0 + a * w
                    if x1 < x0:
                        x0, x1 = x1, x0
                    append((text, x0, x1, d_rise_f if upright else b * acc + d_rise_f, height))
                else:
                    missing += 1
                acc += advance
        if missing:
            self.undecoded.append((font, drawn, missing))
        # Tm moves along its own x axis by the total advance.
        ta, tb, tc, td, te, tf = self.tm
        self.tm = (ta, tb, tc, td, acc * ta + te, acc * tb + tf)

    # XObjects
    def _inline_image(self, _: list[Any]) -> None:
        self.images += 1

    def _do(self, o: list[Any]) -> None:
        xobjects = self.resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not isinstance(xobjects, DictionaryObject) or o[0] not in xobjects:
            return
        ref = xobjects.raw_get(o[0])
        form = ref.get_object()
        if not isinstance(form, StreamObject):
            return
        if form.get("/Subtype") != "/Form":
            self.images += form.get("/Subtype") == "/Image"
            return
        key = ("ref", ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else None
        if key is not None and key in self.drawing:
            self.warnings.append("a Form XObject that draws itself; skipped")
            return
        if self.depth >= MAX_FORM_DEPTH:
            self.warnings.append("Form XObjects nested too deeply; skipped")
            return
        self.forms += 1
        if self.forms > MAX_FORMS:
            self._stop(f"over {MAX_FORMS} Form XObjects drawn")
            return
        matrix = form.get("/Matrix")
        ctm = self.state.ctm
        if isinstance(matrix, ArrayObject) and len(matrix) == 6:
            ctm = bounds.checked(multiply(_matrix(list(matrix)), ctm))
        self._q([])
        self.state.ctm = ctm
        saved_tm, saved_tlm = self.tm, self.tlm
        self.depth += 1
        if key is not None:
            self.drawing.add(key)
        try:
            self.walk(form, form.get("/Resources") or self.resources, key)
        finally:
            self.depth -= 1
            self.drawing.discard(key)
            self.tm, self.tlm = saved_tm, saved_tlm
            self._Q([])


def _matrix(o: list[Any]) -> Matrix:
    return bounds.matrix(o)


def extract_page_text(reader: PdfReader, page_index: int,
                      fonts: ReadCache | FontCache | None = None,
                      warnings: list[str] | None = None,
                      fills: list[Fill] | None = None) -> PageText:
    """The text of page ``page_index`` (0-based) in reading order, with a box per character.

    The page is found in the reader's tolerant page list (:func:`pdf_pages`), which raises
    :class:`IndexError` when there is no such page. Past that it never raises: problems (a
    broken operator, an unreadable stream) are appended to ``warnings`` and the text found so
    far is returned. A page whose content and resources were walked before (another page
    sharing them) is not walked again.

    Args:
        reader: an open (and, if needed, decrypted) reader.
        page_index: 0-based page index.
        fonts: a cache to share between pages of the same reader (faster on long documents,
            and what keeps a document's work bounded: see :mod:`tui.core.pdf.reuse`).
        warnings: a list that receives one line per problem met.
        fills: a list that receives the page's filled boxes, in painting order.
    """
    page: Any = pdf_pages(reader)[page_index]  # a PageObject, or a dict the fallback found
    cache = as_cache(fonts)
    size: tuple[float, float, str | None] = (*bounds.A4, None)
    key: tuple[Any, ...] | None = None
    try:
        size = bounds.page_size(page.mediabox)
        key = (object_key(page.get("/Contents")), object_key(page.get("/Resources")), size)
    except Exception:  # a page too broken to name: walked (and failing) below
        pass
    width, height, odd_size = size
    walked = cache.walked(key if key is not None and key[0] is not None else None)
    if walked is None:
        walked = _walk_page(reader, page, cache, width)
        if odd_size:
            walked.warnings.insert(0, odd_size)
        if key is not None and key[0] is not None:
            cache.keep_walked(key, walked)
    if warnings is not None:
        warnings.extend(f"page {page_index + 1}: {w}" for w in walked.warnings)
    if not cache.budget.spend_characters(walked.size):  # (the budget says so, once)
        return PageText(number=page_index + 1, width=width, height=height)
    if fills is not None:
        fills.extend(walked.fills)
    lines = [Line(line.text, list(line.glyphs), line.column, line.box) for line in walked.lines]
    return PageText(number=page_index + 1, width=width, height=height, lines=lines,
                    pictures=walked.pictures)


def _walk_page(reader: PdfReader, page: Any, cache: ReadCache, width: float) -> Walked:
    with collector_paused():
        walker = ContentWalker(reader, cache)
        try:
            contents = page.get("/Contents")
            if contents is not None:
                walker.walk(contents, page.get("/Resources"), object_key(contents))
        except Exception as exc:  # a page too broken to walk still yields an (empty) page
            walker.warnings.append(clean_line(str(exc))[:200])
        walker.warnings.extend(undecoded_warnings(walker.undecoded))
        lines = build_lines(walker.glyphs, width, walker.warnings)
        return Walked(lines, walker.shapes.fills, walker.warnings, len(walker.glyphs),
                      pictures=bool(walker.images) or walker.stopped)
