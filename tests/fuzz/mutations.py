"""Seeded mutations of real and generated PDFs: the same seed always gives the same bytes.

A case picks a source file and applies one to four mutations of the kinds careless tools and
crafted files produce: flipped bytes, truncation, chunks deleted or duplicated, random bytes
spliced in, extreme numbers after the keys geometry and sizes are read from (``/Rect``,
``/Widths``, ``/Count``, ``/MediaBox``, ...) or in place of any number (content operands
included: the generated sources keep their content streams uncompressed), broken xref
offsets, and a decompression bomb in place of a stream.
"""

from __future__ import annotations

import random
import re
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.fuzz.structures import STRUCTURES, base_of
from tests.raw_pdf import one_page, stream
from tools.pdfgen.annotation import PdfAnnot
from tools.pdfgen.document import PdfBuilder

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "sample_docs"
#: Sources larger than this are left out of the in-suite sample (they take long to read).
SMALL = 60_000

KEYS = (b"/Rect", b"/Widths", b"/Count", b"/MediaBox", b"/CropBox", b"/W", b"/DW",
        b"/FirstChar", b"/Length", b"/Size", b"/QuadPoints", b"/Matrix", b"/BBox",
        b"/InkList", b"/FontMatrix", b"/MissingWidth", b"/Rotate", b"/UserUnit", b"/Index")
EXTREMES = (b"100000000000000000000", b"-100000000000000000000", b"100000000000",
            b"20000000", b"-20000000", b"2147483648", b"-2147483649", b"9" * 40,
            b"1" + b"0" * 400, b"0", b"-0.000001", b"340282346638528859811704183484516925440",
            b".", b"-", b"1.#INF", b"nan")
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzz input: where it came from, what was done to it, and its bytes."""

    seed: int
    source: str
    mutations: tuple[str, ...]
    data: bytes


def sources(small_only: bool = False) -> list[Path]:
    """The files mutations start from: the corpus (its broken files too), the sample
    release and two generated memos with uncompressed content."""
    found = sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []
    found += sorted(SAMPLES.glob("*.pdf"))
    found += generated()
    if small_only:
        found = [p for p in found if p.stat().st_size <= SMALL]
    return found


@cache
def generated() -> list[Path]:
    """Two small documents written here, content streams uncompressed, so that number
    mutations reach text positions, font sizes and matrices."""
    folder = Path(tempfile.gettempdir()) / "kantlijn-fuzz-sources"
    folder.mkdir(exist_ok=True)
    memo = folder / "memo.pdf"
    if not memo.exists():
        _memo(memo)
    composite = folder / "composite.pdf"
    if not composite.exists():
        _composite(composite)
    return [memo, composite]


def _memo(path: Path) -> None:
    doc = PdfBuilder(title="Fuzz memo", compress=False)
    for number in range(1, 4):
        page = doc.new_page()
        doc.text(page, 70, 780, f"Nota {number}: voorbereiding overleg", size=16)
        doc.paragraph(page, "De passages over polarisatie en preventie van discriminatie "
                      "zijn op uw verzoek sterk ingekort. Hiervoor zijn al aanwijzingen. "
                      "Het kabinet vraagt om één geïntegreerde aanpak. " * 3,
                      x=70, y=740, width=300)
        doc.text(page, 420, 740, "Datum", size=8)
        doc.text(page, 420, 728, "09-10-2024", size=8)
        boxes = doc.layout.find("Hiervoor zijn al aanwijzingen.", page=page)
        doc.annotate(PdfAnnot("Highlight", page, boxes=boxes, contents="Welke dan?",
                              author="Nobel", name=f"hl{number}"))
        doc.annotate(PdfAnnot("FreeText", page, rect=(412, 600, 580, 630),
                              contents="Lakken op grond van 5.1.2e", name=f"ft{number}"))
        redacted = doc.layout.find("polarisatie", page=page)
        doc.annotate(PdfAnnot("Redact", page, boxes=redacted, name=f"rd{number}"))
        doc.annotate(PdfAnnot("Ink", page, rect=(100, 100, 200, 150), name=f"ink{number}",
                              ink=[[(100, 100), (150, 140), (200, 110)]]))
        doc.annotate(PdfAnnot("Text", page, rect=(402, 700, 420, 718), popup=True,
                              contents="Eens.", reply_to=f"hl{number}", name=f"re{number}"))
    doc.write(path)


def _composite(path: Path) -> None:
    cmap = (b"begincmap 1 begincodespacerange <00> <ff> endcodespacerange "
            b"1 begincidrange <00> <ff> 0 endcidrange endcmap")
    to_unicode = b"begincmap 1 beginbfrange <20> <7e> <0020> endbfrange endcmap"
    font = {"/Type": "/Font", "/Subtype": "/Type0", "/BaseFont": "/Mono",
            "/Encoding": stream(cmap), "/ToUnicode": stream(to_unicode),
            "/DescendantFonts": [{"/Type": "/Font", "/Subtype": "/CIDFontType2",
                                  "/BaseFont": "/Mono", "/DW": 600, "/W": [72, [800]]}]}
    content = (b"BT /F1 10 Tf 72 700 Td (Hello one-byte world) Tj 0 -14 Td 2 Tw 50 Tz "
               b"[(Kern) -250 (ing)] TJ /F2 24 Tf 1 0 0 1 72 600 Tm (T) Tj /F2 9 Tf "
               b"1 0 0 1 90 610 Tm (he first line) Tj 4.5 Ts /F2 6 Tf (1) Tj ET "
               b"q 2 0 0 2 10 10 cm BT /F2 8 Tf 30 30 Td (Scaled) Tj ET Q")
    one_page(path, content, {"F1": font, "F2": {"/Type": "/Font", "/Subtype": "/Type1",
                                              "/BaseFont": "/Helvetica"}},
             annotations=[{"/Subtype": "/Highlight", "/Rect": [70, 695, 200, 712],
                           "/QuadPoints": [70, 710, 200, 710, 70, 697, 200, 697],
                           "/Contents": "Klopt dit?", "/NM": "hl"}])


def make_case(seed: int, files: list[Path], structural: float = 0.5,
              scale: float = 1.0) -> Case:
    """The input of ``seed``: a source from ``files`` with one to four mutations.

    Files that read well weigh four times as much as the corpus's broken ones, and the
    generated memos (the only ones whose content numbers mutations reach) sixteen times.
    A share ``structural`` of the cases gets one structure-aware mutation
    (:mod:`tests.fuzz.structures`, its counts times ``scale``) instead, sometimes followed
    by one mutation of the bytes.
    """
    rng = random.Random(seed)
    weights = [1 if "bad" in f.parts else 16 if f in generated() else 4 for f in files]
    source = rng.choices(files, weights)[0]
    if rng.random() < structural:
        base = base_of(source) or base_of(generated()[0])
        assert base is not None, "the generated memo is always readable"
        name, structure = rng.choice(STRUCTURES)
        data = bytearray(structure(base, rng, scale))
        done = [name]
        if rng.random() < 0.2:
            byte_name, mutation = rng.choice(MUTATIONS)
            data = mutation(data, rng)
            done.append(byte_name)
        return Case(seed, source.name, tuple(done), bytes(data))
    data = bytearray(_read(source))
    done = []
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        name, mutation = rng.choice(MUTATIONS)
        data = mutation(data, rng)
        done.append(name)
    return Case(seed, source.name, tuple(done), bytes(data))


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def _flip(data: bytearray, rng: random.Random) -> bytearray:
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return data


def _truncate(data: bytearray, rng: random.Random) -> bytearray:
    return data[: rng.randrange(len(data) + 1)]


def _delete(data: bytearray, rng: random.Random) -> bytearray:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randint(1, 2000):]


def _duplicate(data: bytearray, rng: random.Random) -> bytearray:
    start = rng.randrange(len(data) + 1)
    chunk = data[start : start + rng.randint(1, 4000)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.choice((1, 1, 2, 50)) + data[at:]


def _splice(data: bytearray, rng: random.Random) -> bytearray:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytearray(rng.randbytes(rng.randint(1, 64))) + data[at:]


def _extreme_after_key(data: bytearray, rng: random.Random) -> bytearray:
    key = rng.choice(KEYS)
    places = [m.end() for m in re.finditer(re.escape(key) + rb"\s*\[?\s*", data)]
    if not places:
        return _extreme_number(data, rng)
    at = rng.choice(places)
    number = _NUMBER.match(data, at) or _NUMBER.search(data, at, at + 40)
    if number is None:
        return data[:at] + rng.choice(EXTREMES) + b" " + data[at:]
    return data[: number.start()] + rng.choice(EXTREMES) + data[number.end():]


def _extreme_number(data: bytearray, rng: random.Random) -> bytearray:
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return data
    for number in rng.sample(numbers, min(len(numbers), rng.randint(1, 5))):
        data = data[: number.start()] + rng.choice(EXTREMES).ljust(
            number.end() - number.start()) + data[number.end():]
    return data


def _break_xref(data: bytearray, rng: random.Random) -> bytearray:
    found = list(re.finditer(rb"startxref\s*(\d+)", data)) + list(
        re.finditer(rb"(\d{10}) \d{5} [nf]", data))
    if not found:
        return _flip(data, rng)
    match = rng.choice(found)
    value = str(rng.choice((0, 1, len(data), len(data) * 10, int(match.group(1)) + rng.randint(
        -50, 50), 2**40))).encode()
    return data[: match.start(1)] + value + data[match.end(1):]


def _bomb(data: bytearray, rng: random.Random) -> bytearray:
    """A stream's data replaced by a small flate stream that inflates to tens of MB."""
    streams = list(re.finditer(rb"stream\r?\n", data))
    if not streams:
        return data
    start = rng.choice(streams).end()
    end = data.find(b"endstream", start)
    if end < 0:
        return data
    size = rng.choice((20, 60)) * 1_000_000  # past the 16 MB a stream may inflate to
    payload = _bomb_payload(size, rng.choice((b"0 0 m ", b"(x) Tj ", b"\0")))
    return data[:start] + payload + b"\n" + data[end:]


@cache
def _bomb_payload(size: int, unit: bytes) -> bytes:
    compressor = zlib.compressobj(9)
    block = unit * (1_000_000 // len(unit))
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + compressor.flush()


Mutation = Callable[[bytearray, random.Random], bytearray]
MUTATIONS: tuple[tuple[str, Mutation], ...] = (
    ("flip", _flip), ("flip", _flip), ("truncate", _truncate), ("delete", _delete),
    ("duplicate", _duplicate), ("splice", _splice), ("extreme-after-key", _extreme_after_key),
    ("extreme-after-key", _extreme_after_key), ("extreme-number", _extreme_number),
    ("extreme-number", _extreme_number), ("xref", _break_xref), ("bomb", _bomb),
)
