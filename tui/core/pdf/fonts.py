"""What a PDF font tells the layout walker: how to split a string into codes, each code's
width and the text it stands for.

Widths are keyed by character *code*, never by Unicode: ``/FirstChar`` + ``/Widths`` for simple
fonts (``/MissingWidth`` otherwise), ``/W`` + ``/DW`` of the descendant font for Type0 fonts (by
the CID the font's CMap gives each code, see :mod:`tui.core.pdf.cmaps`), and pypdf's bundled
metrics for the standard 14 fonts that carry no widths. Text comes from ``/ToUnicode`` when
present, else from the encoding (pypdf's ``get_encoding`` handles ``/Differences`` and the named
encodings; a predefined CJK CMap has its own).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from math import copysign
from typing import Any

from pypdf._cmap import get_encoding
from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tui.core.pdf.cmaps import CMap, read_cmap
from tui.core.text import clean_line, expand_ligatures

log = logging.getLogger(__name__)

#: Glyph-space units per text-space unit for every font type except Type3.
_GLYPH_SCALE = 0.001
#: The widest advance taken from a font, in ems; wider ones come from damaged widths.
MAX_ADVANCE = 100.0

@dataclass(slots=True)
class FontInfo:
    """A font reduced to what positioned text extraction needs.

    ``widths`` and ``default_width`` are in glyph space; ``scale`` turns them into text space
    (1/1000 for ordinary fonts, the ``/FontMatrix`` for Type3).
    """

    two_byte: bool = False
    """Codes are not one byte each: split shown strings with :meth:`codes`."""
    word_space: bool = True
    """Word spacing (Tw) applies to the one-byte code 32 (not in two-byte fonts)."""
    cmap: CMap | None = None
    """A Type0 font's encoding CMap (code lengths, CIDs)."""
    name: str = ""
    """The font's /BaseFont, for messages."""
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = 500.0
    scale: float = _GLYPH_SCALE
    to_text: dict[int, str] = field(default_factory=dict)
    identity: bool = False
    """Two-byte font without a text map: take each code as a Unicode code point."""
    _table: GlyphTable | None = field(default=None, repr=False, compare=False)
    _scaled: dict[tuple[float, ...], ScaledGlyphs] = field(
        default_factory=dict, repr=False, compare=False)

    def glyph(self, code: int) -> tuple[float, str]:
        """``(width, text)`` of ``code``: see :meth:`glyph_table`."""
        return self.glyph_table()[code]

    def glyph_table(self) -> GlyphTable:
        """Code to ``(width, text)``, filled on first use of each code.

        The text is ready to show: ligatures expanded, control characters (untrusted input)
        removed, so it may be ``""``. The walker asks for every glyph drawn; a plain dict
        lookup is the cheapest way to answer.
        """
        if self._table is None:
            self._table = GlyphTable(self)
        return self._table

    def scaled_table(self, size: float, spacing: float, space: float) -> ScaledGlyphs:
        """Code to ``(width, text, advance)`` for text drawn at ``size`` (font size times
        horizontal scaling) with character spacing ``spacing`` (``space`` for code 32, word
        spacing included): what the walker needs for each glyph, with the arithmetic that
        depends only on the code done once per font and text state."""
        # The signs keep 0.0 and -0.0 apart (equal as keys, not always in what they give).
        key = (size, spacing, space, copysign(1.0, size), copysign(1.0, spacing),
               copysign(1.0, space))
        table = self._scaled.get(key)
        if table is None:
            if len(self._scaled) >= _MAX_SCALED:  # a crafted file with endless sizes
                self._scaled.clear()
            table = self._scaled[key] = ScaledGlyphs(self.glyph_table(), size, spacing, space)
        return table

    def codes(self, data: bytes) -> list[int]:
        """Split a shown string into character codes."""
        if self.cmap is not None:
            return self.cmap.codespace.split(data)
        if not self.two_byte:
            return list(data)
        if len(data) % 2:
            data += b"\x00"
        return [(data[i] << 8) | data[i + 1] for i in range(0, len(data), 2)]

    def width(self, code: int) -> float:
        """The advance of ``code`` in text space units per unit of font size."""
        if self.cmap is not None:
            cid = self.cmap.cid(code)
            if cid is None:
                return self.default_width * self.scale
            code = cid
        return self.widths.get(code, self.default_width) * self.scale

    def text(self, code: int) -> str:
        """The Unicode text of ``code``; ``""`` when unknown.

        Ligatures are expanded (as pdfannots does), so search and quotes match typed words.
        """
        text = self.to_text.get(code)
        if text is None:
            if self.cmap is not None and self.cmap.codec is not None:
                return expand_ligatures(self.cmap.text(code))
            return chr(code) if self.identity and 32 <= code < 0xD800 else ""
        return text


class GlyphTable(dict[int, tuple[float, str]]):
    """A font's ``code -> (width, text)`` map that reads each code from the font once."""

    __slots__ = ("font",)

    def __init__(self, font: FontInfo) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, code: int) -> tuple[float, str]:
        text = self.font.text(code)
        if not text.isprintable():
            text = clean_line(text)
        width = self.font.width(code)
        if not -MAX_ADVANCE <= width <= MAX_ADVANCE:  # a damaged /Widths (or NaN)
            width = 0.5
        entry = self[code] = (width, text)
        return entry


class ScaledGlyphs(dict[int, tuple[float, str, float]]):
    """A font's ``code -> (width, text, advance)`` at one size and spacing, filled on use.

    ``width`` is the glyph's width times the size; ``advance`` is that plus the spacing after
    it, added exactly as the walker would add them glyph by glyph.
    """

    __slots__ = ("glyphs", "size", "space", "spacing")

    def __init__(self, glyphs: GlyphTable, size: float, spacing: float, space: float) -> None:
        super().__init__()
        self.glyphs, self.size, self.spacing, self.space = glyphs, size, spacing, space

    def __missing__(self, code: int) -> tuple[float, str, float]:
        width, text = self.glyphs[code]
        w = width * self.size
        entry = self[code] = (w, text, w + (self.space if code == 32 else self.spacing))
        return entry


#: Sizes and spacings a font keeps scaled tables for at once.
_MAX_SCALED = 64


class FontCache:
    """Fonts already read, keyed by the font dictionary's object number (shared across pages)."""

    def __init__(self) -> None:
        self._fonts: dict[Any, FontInfo] = {}

    def get(self, ref: Any) -> FontInfo:
        """The :class:`FontInfo` for a font reference or dictionary; a fallback when unreadable."""
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)
        font = self._fonts.get(key)
        if font is None:
            font = load_font(ref)
            if isinstance(ref, IndirectObject):
                self._fonts[key] = font
        return font


def undecoded_warnings(undecoded: list[tuple[FontInfo, int, int]]) -> list[str]:
    """One line per font whose text could mostly not be decoded on a page.

    ``undecoded`` holds ``(font, glyphs drawn, glyphs without text)`` for every string that
    lost text. A font that loses most of what it draws (no /ToUnicode map and codes that
    mean nothing, a CMap kantlijn cannot read) would leave the page silently empty.
    """
    totals: dict[int, tuple[FontInfo, int, int]] = {}
    for font, drawn, missing in undecoded:
        _, seen, lost = totals.get(id(font), (font, 0, 0))
        totals[id(font)] = (font, seen + drawn, lost + missing)
    return [
        f"text in font {clean_line(font.name) or 'without a name'} cannot be decoded "
        f"({lost} of {seen} characters left out)"
        for font, seen, lost in totals.values()
        if lost >= _UNDECODED_AT_LEAST and 2 * lost >= seen
    ]


#: Fewer characters than this without text are no reason for a warning (a stray symbol).
_UNDECODED_AT_LEAST = 3


def load_font(ref: Any) -> FontInfo:
    """Read a font dictionary; never raises (a broken font gives default widths and no text)."""
    try:
        font_dict = ref.get_object()
        if not isinstance(font_dict, DictionaryObject):
            return FontInfo()
        return _load(font_dict)
    except Exception as exc:  # a broken font must not end the page
        log.debug("unreadable font %r: %s", ref, exc)
        return FontInfo()


def _load(font: DictionaryObject) -> FontInfo:
    subtype = str(font.get("/Subtype", ""))
    composite = subtype == "/Type0"
    info = FontInfo(name=str(font.get("/BaseFont", "")).lstrip("/"))
    if composite:
        info.cmap = cmap = read_cmap(font.get("/Encoding"))
        info.two_byte = cmap.codespace.widths != (1,)
        info.word_space = cmap.codespace.one_byte_space()
        _cid_widths(font, info)
    else:
        _simple_widths(font, info)
    if subtype == "/Type3":
        matrix = _numbers(font.get("/FontMatrix"))
        if len(matrix) == 6 and matrix[0]:
            info.scale = abs(matrix[0])
    info.to_text = _unicode_map(font, composite)
    # Identity-H without a ToUnicode map: the code is often the Unicode value itself.
    info.identity = (info.cmap is not None and info.cmap.codespace.widths == (2,)
                     and info.cmap.cid_ranges is None and not info.to_text)
    return info


def _numbers(value: Any) -> list[float]:
    value = value.get_object() if value is not None else None
    if not isinstance(value, ArrayObject):
        return []
    out = []
    for item in value:
        item = item.get_object()
        if isinstance(item, (int, float)):
            out.append(float(item))
    return out


def _simple_widths(font: DictionaryObject, info: FontInfo) -> None:
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else None
    if isinstance(descriptor, DictionaryObject):
        missing = descriptor.get("/MissingWidth")
        if isinstance(missing, (int, float)):
            info.default_width = float(missing)
    widths = _numbers(font.get("/Widths"))
    if widths:
        first = font.get("/FirstChar", 0)
        first = int(first) if isinstance(first, (int, float)) else 0
        info.widths = {first + i: w for i, w in enumerate(widths[:256])}
        return
    _core_widths(font, info)


def _core_widths(font: DictionaryObject, info: FontInfo) -> None:
    """Widths of a standard-14 font from pypdf's metrics, mapped through the font's encoding."""
    name = str(font.get("/BaseFont", "")).lstrip("/")
    metrics = CORE_FONT_METRICS.get(name) or CORE_FONT_METRICS.get(name.split("+")[-1])
    if metrics is None:
        return
    by_char = metrics.character_widths
    encoding, _ = get_encoding(font)
    if not isinstance(encoding, dict):
        return
    for code, char in encoding.items():
        if isinstance(char, str) and char in by_char:
            info.widths[code] = float(by_char[char])
    info.default_width = float(by_char.get("default", by_char.get(" ", 500)))


def _cid_widths(font: DictionaryObject, info: FontInfo) -> None:
    descendants = font.get("/DescendantFonts")
    descendants = descendants.get_object() if descendants is not None else None
    if not isinstance(descendants, ArrayObject) or not descendants:
        info.default_width = 1000.0
        return
    cid_font = descendants[0].get_object()
    if not isinstance(cid_font, DictionaryObject):
        return
    dw = cid_font.get("/DW", 1000)
    info.default_width = float(dw) if isinstance(dw, (int, float)) else 1000.0
    w = cid_font.get("/W")
    w = w.get_object() if w is not None else None
    if isinstance(w, ArrayObject):
        info.widths = _parse_w([item.get_object() for item in w])


def _parse_w(items: list[Any]) -> dict[int, float]:
    """Parse a ``/W`` array: ``c [w1 w2 ...]`` and ``c_first c_last w`` entries, mixed."""
    widths: dict[int, float] = {}
    i = 0
    while i < len(items) - 1:
        start, nxt = items[i], items[i + 1]
        if isinstance(nxt, ArrayObject) and isinstance(start, (int, float)):
            for k, width in enumerate(nxt):
                width = width.get_object()
                if isinstance(width, (int, float)):
                    widths[int(start) + k] = float(width)
            i += 2
        elif i + 2 < len(items) and all(isinstance(v, (int, float)) for v in items[i : i + 3]):
            first, last, width = int(items[i]), int(items[i + 1]), float(items[i + 2])
            for code in range(first, min(last, first + 65536) + 1):
                widths[code] = width
            i += 3
        else:
            i += 1
    return widths


def _unicode_map(font: DictionaryObject, composite: bool) -> dict[int, str]:
    """Code to text: ``/ToUnicode`` wins, the encoding fills the rest (simple fonts)."""
    encoding, cmap = get_encoding(font)
    out: dict[int, str] = {}
    if isinstance(encoding, dict) and not composite:
        for code, char in encoding.items():
            if isinstance(char, str) and len(char) == 1:
                out[code] = char
    for key, text in cmap.items():
        if isinstance(key, str) and len(key) == 1 and isinstance(text, str):
            out[ord(key)] = text
    return {code: expand_ligatures(text) for code, text in out.items()}
