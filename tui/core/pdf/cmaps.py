"""The encoding CMap of a Type0 (composite) font: how a shown string splits into character
codes, which CID each code selects, and — for the predefined CJK CMaps — which text it means.

A Type0 font's ``/Encoding`` names a predefined CMap (``Identity-H``, ``90ms-RKSJ-H``, ...)
or holds an embedded one. The CMap's *codespace ranges* say how many bytes each code takes:
one (``OneByteIdentityH``, codespace ``<00> <FF>``), two (``Identity-H``) or a mix (Shift-JIS:
one byte for ASCII, two for kanji). Reading a one-byte font two bytes at a time pairs up its
codes and loses every character, so the split follows the ranges. The ``cidrange`` /
``cidchar`` entries map codes to CIDs, the keys of the font's ``/W`` widths.

Predefined CMaps other than Identity are not shipped with kantlijn: their codespaces and
text encodings are known here, their CID tables are not, so those fonts' widths fall back
to the font's default width (the text still comes out).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import NameObject, StreamObject

#: Entries read from an embedded CMap at most (a hostile file may declare millions).
MAX_ENTRIES = 20_000
#: Codespace ranges kept at most (real CMaps have a handful).
MAX_RANGES = 64

Range = tuple[int, int, int]
"""``(first code, last code, number of bytes)`` of one codespace range."""


@dataclass(frozen=True, slots=True)
class CodeSpace:
    """Codespace ranges: which byte sequences are codes, and of how many bytes."""

    ranges: tuple[Range, ...] = ((0, 0xFFFF, 2),)
    widths: tuple[int, ...] = field(init=False)
    """The code lengths in bytes that occur, shortest first (``(1,)``, ``(2,)``, ``(1, 2)``)."""

    def __post_init__(self) -> None:
        ranges = self.ranges[:MAX_RANGES]
        object.__setattr__(self, "ranges", ranges)
        object.__setattr__(self, "widths", tuple(sorted({r[2] for r in ranges})) or (2,))

    def split(self, data: bytes) -> list[int]:
        """``data`` split into codes: at each position the shortest code that matches a
        range; bytes that match none are taken one code of the shortest length at a time."""
        widths = self.widths
        if widths == (1,):
            return list(data)
        if widths == (2,):
            if len(data) % 2:
                data += b"\x00"
            return [(data[i] << 8) | data[i + 1] for i in range(0, len(data), 2)]
        return self._split_mixed(data, widths)

    def _split_mixed(self, data: bytes, widths: tuple[int, ...]) -> list[int]:
        codes: list[int] = []
        at, end = 0, len(data)
        while at < end:
            for width in widths:
                code = int.from_bytes(data[at : at + width], "big")
                if at + width <= end and self._holds(code, width):
                    break
            else:
                width = widths[0]
                code = int.from_bytes(data[at : at + width], "big")
            codes.append(code)
            at += width
        return codes

    def _holds(self, code: int, width: int) -> bool:
        return any(w == width and lo <= code <= hi for lo, hi, w in self.ranges)

    def one_byte_space(self) -> bool:
        """True when byte 32 is a one-byte code (word spacing, Tw, applies to it alone)."""
        return self._holds(32, 1)


@dataclass(slots=True)
class CMap:
    """What kantlijn needs from a Type0 font's encoding CMap."""

    codespace: CodeSpace = field(default_factory=CodeSpace)
    cid_ranges: list[tuple[int, int, int]] | None = None
    """``(first code, last code, first CID)`` sorted by first code; None: CID = code."""
    codec: str | None = None
    """For predefined CMaps of a text encoding: the Python codec that gives a code's text
    (used when the font has no /ToUnicode)."""
    known: bool = True
    """False for a CMap this module does not know (then read as Identity-H)."""

    def cid(self, code: int) -> int | None:
        """The CID of ``code``; None when the CMap does not say (then the default width)."""
        ranges = self.cid_ranges
        if ranges is None:
            return code
        at = bisect_right(ranges, (code, 1 << 62, 0)) - 1
        if at >= 0 and ranges[at][0] <= code <= ranges[at][1]:
            return ranges[at][2] + code - ranges[at][0]
        return None

    def text(self, code: int) -> str:
        """The text of ``code`` by the CMap's own encoding, or ``""`` when it has none."""
        if self.codec is None:
            return ""
        if self.codec.startswith("utf-16"):
            length = 2 if code <= 0xFFFF else 4
        elif self.codec.startswith("utf-32"):
            length = 4
        else:  # legacy multi-byte encodings: a two-byte code never starts with 00
            length = max(1, (code.bit_length() + 7) // 8)
        try:
            return code.to_bytes(length, "big").decode(self.codec)
        except (UnicodeDecodeError, LookupError, OverflowError):
            return ""


def read_cmap(encoding: Any) -> CMap:
    """The CMap a Type0 font's ``/Encoding`` names or embeds; never raises (an unreadable
    one is read as Identity-H, with ``known`` False)."""
    try:
        encoding = encoding.get_object() if encoding is not None else None
        if isinstance(encoding, StreamObject):
            return _embedded(encoding, depth=0)
        if isinstance(encoding, str):
            return predefined(str(encoding).lstrip("/"))
    except Exception:  # a broken CMap: read as Identity-H rather than lose the page
        pass
    return CMap(known=False)


# Predefined CMaps (ISO 32000-1, 9.7.5.2) ------------------------------------------------

_ASCII = (0x00, 0x80, 1)
_UTF16 = ((0x0000, 0xD7FF, 2), (0xD800DC00, 0xDBFFDFFF, 4), (0xE000, 0xFFFF, 2))
_UTF8 = ((0x00, 0x7F, 1), (0xC280, 0xDFBF, 2), (0xE0A080, 0xEFBFBF, 3),
         (0xF0908080, 0xF48FBFBF, 4))
#: Name fragment -> (codespace ranges, codec), checked in order.
_FAMILIES: tuple[tuple[str, tuple[Range, ...], str | None], ...] = (
    ("UCS2", ((0x0000, 0xFFFF, 2),), "utf-16-be"),
    ("UTF16", _UTF16, "utf-16-be"),
    ("UTF8", _UTF8, "utf-8"),
    ("UTF32", ((0x00000000, 0x0010FFFF, 4),), "utf-32-be"),
    ("RKSJ", (_ASCII, (0x8140, 0x9FFC, 2), (0xA0, 0xDF, 1), (0xE040, 0xFCFC, 2)), "cp932"),
    ("GBK2K", (_ASCII, (0x8140, 0xFEFE, 2), (0x81308130, 0xFE39FE39, 4)), "gb18030"),
    ("GBK", (_ASCII, (0x8140, 0xFEFE, 2)), "gbk"),
    ("GB", (_ASCII, (0xA1A1, 0xFEFE, 2)), "gb2312"),
    ("KSCms-UHC", (_ASCII, (0x8141, 0xFEFE, 2)), "cp949"),
    ("KSC", (_ASCII, (0xA1A1, 0xFEFE, 2)), "euc_kr"),
    ("HK", (_ASCII, (0x8140, 0xFEFE, 2)), "big5hkscs"),
    ("B5", (_ASCII, (0x8140, 0xFEFE, 2)), "cp950"),
    ("CNS-EUC", (_ASCII, (0xA1A1, 0xFEFE, 2)), "cp950"),
    ("EUC", (_ASCII, (0x8EA0, 0x8EDF, 2), (0xA1A1, 0xFEFE, 2)), "euc_jp"),
)


def predefined(name: str) -> CMap:
    """The predefined CMap called ``name`` (``Identity-H``, ``UniGB-UCS2-H``, ...)."""
    if name in ("Identity-H", "Identity-V"):
        return CMap()
    for fragment, ranges, codec in _FAMILIES:
        if fragment in name:
            # Codes map to CIDs through Adobe's tables, which kantlijn does not ship.
            return CMap(CodeSpace(ranges), cid_ranges=[], codec=codec)
    if name in ("H", "V"):  # the JIS X 0208 two-byte CMaps
        return CMap(CodeSpace(((0x2121, 0x7E7E, 2),)), cid_ranges=[])
    return CMap(known=False)


# Embedded CMaps ---------------------------------------------------------------------------

_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|/([^\s/<>\[\]()%]+)|([A-Za-z]+)|(-?\d+)|%[^\r\n]*")


def _embedded(stream: StreamObject, depth: int) -> CMap:
    """Parse a CMap stream (codespacerange, cidrange, cidchar, usecmap)."""
    base = _used(stream.get("/UseCMap"), depth)
    spaces: list[Range] = []
    cids: list[tuple[int, int, int]] = []
    operands: list[tuple[int, int] | str | int] = []  # hex (value, bytes), name or number
    section = b""
    for match in _TOKEN.finditer(stream.get_data()):
        hexa, name, word, number = match.groups()
        if hexa is not None:
            digits = re.sub(rb"\s", b"", hexa)
            operands.append((int(digits or b"0", 16), max(1, (len(digits) + 1) // 2)))
        elif name is not None:
            operands.append(name.decode("latin-1"))
        elif number is not None:
            operands.append(int(number))
        elif word is not None:
            if word.startswith(b"begin"):
                section, operands = word[5:], []
            elif word.startswith(b"end") and word[3:] == section:
                _take(section, operands, spaces, cids)
                section, operands = b"", []
            elif word == b"usecmap" and operands and isinstance(operands[-1], str):
                base = predefined(operands[-1])
                operands = []
        if len(spaces) + len(cids) > MAX_ENTRIES:
            break
    codespace = CodeSpace(tuple(spaces)) if spaces else (base or CMap()).codespace
    if base is not None and base.cid_ranges is None and not cids:
        return CMap(codespace, None, base.codec)
    # CIDs the CMap gives itself come before those of the CMap it is based on.
    merged = sorted(cids + [r for r in (base.cid_ranges or []) if not _covered(r, cids)]
                    if base is not None else cids)
    if base is None and all(first == cid for first, _last, cid in merged):
        return CMap(codespace, None)  # an identity mapping written out (OneByteIdentityH)
    return CMap(codespace, merged, base.codec if base is not None else None)


def _covered(entry: tuple[int, int, int], cids: list[tuple[int, int, int]]) -> bool:
    return any(first <= entry[1] and entry[0] <= last for first, last, _cid in cids)


def _used(value: Any, depth: int) -> CMap | None:
    """The CMap a ``/UseCMap`` entry names (or embeds); None when there is none."""
    value = value.get_object() if value is not None else None
    if isinstance(value, NameObject):
        return predefined(str(value).lstrip("/"))
    if isinstance(value, StreamObject) and depth < 2:
        return _embedded(value, depth + 1)
    return None


def _take(section: bytes, operands: list[Any], spaces: list[Range],
          cids: list[tuple[int, int, int]]) -> None:
    """Store the entries of one ``begin...end`` section."""
    if section == b"codespacerange":
        for low, high in zip(operands[0::2], operands[1::2], strict=False):
            if isinstance(low, tuple) and isinstance(high, tuple):
                spaces.append((low[0], high[0], max(low[1], high[1])))
    elif section == b"cidrange":
        for low, high, cid in zip(operands[0::3], operands[1::3], operands[2::3], strict=False):
            if isinstance(low, tuple) and isinstance(high, tuple) and isinstance(cid, int):
                cids.append((low[0], high[0], cid))
    elif section == b"cidchar":
        for code, cid in zip(operands[0::2], operands[1::2], strict=False):
            if isinstance(code, tuple) and isinstance(cid, int):
                cids.append((code[0], code[0], cid))
