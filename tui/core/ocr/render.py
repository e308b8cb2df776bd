"""A page drawn to pixels with pypdfium2: grey at OCR resolution, colour small for boxes.

Pixels map to PDF user space through :class:`Frame` (points, origin bottom-left), so
words and boxes read from the image compare with glyph boxes of a text PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Resolution Tesseract reads at: 300 dpi is what it is trained for.
OCR_DPI = 300
#: A page that is one scanned image is read at the image's own resolution (no pixels made
#: up by drawing it larger: Tesseract's layout analysis costs by the pixel), but not below
#: this: small print in a coarse scan needs the pixels to be told apart.
MIN_NATIVE_DPI = 200
#: An image covering this share of its page is the page (a scan), not a picture on it.
FULL_PAGE = 0.9
#: Resolution boxes are looked for at: a redaction box or highlight is many pixels still.
BOX_DPI = 50
#: A page is drawn smaller than asked rather than in more pixels than this (an A3 page at
#: 300 dpi is 17 million): a crafted page size must not take all memory.
MAX_PIXELS = 40_000_000


@dataclass(frozen=True, slots=True)
class Frame:
    """Where an image of a page lies in PDF user space."""

    left: float
    bottom: float
    width: float
    height: float
    scale: float
    """Pixels per point."""

    def to_pdf(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, ...]:
        """A pixel box (origin top-left) as ``(x0, y0, x1, y1)`` in points, y upwards."""
        s = self.scale
        return (
            self.left + x0 / s,
            self.bottom + self.height - bottom / s,
            self.left + x1 / s,
            self.bottom + self.height - top / s,
        )


@dataclass(frozen=True, slots=True)
class Bitmap:
    """Rows of pixels: ``channels`` bytes a pixel (1 grey, 3 RGB), no padding."""

    width: int
    height: int
    channels: int
    data: bytes
    frame: Frame


def open_pdf(path: str | Path, password: str | None) -> Any:
    """The document, opened by pdfium (raises ImportError without pypdfium2)."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(path), password=password)


def open_page(document: Any, index: int) -> Any:
    """Page ``index`` (0-based) of ``document``, to draw several times and then close.

    A page is drawn twice (to read, and small to find boxes in): drawn from one open page,
    its scan is decoded once (pdfium keeps the decoded image with the page), not once a
    drawing.
    """
    return document[index]


def reading_dpi(page: Any) -> int | None:
    """The resolution to read ``page`` at: the scan's own when the page is one full-page
    image (between :data:`MIN_NATIVE_DPI` and :data:`OCR_DPI`), else :data:`OCR_DPI`; None
    when the page shows no image at all (nothing to read)."""
    import pypdfium2.raw as pdfium_c

    try:
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        if not images:
            return None
        left, bottom, right, top = page.get_cropbox()
        if len(images) != 1:
            return OCR_DPI
        x0, y0, x1, y1 = images[0].get_bounds()
        pixels = max(images[0].get_px_size())
    except Exception:  # an image pdfium cannot measure is read as any other page
        return OCR_DPI
    shown = (min(x1, right) - max(x0, left)) * (min(y1, top) - max(y0, bottom))
    area = abs(right - left) * abs(top - bottom)
    if area <= 0 or shown < FULL_PAGE * area or pixels <= 0:
        return OCR_DPI
    native = pixels / max(x1 - x0, y1 - y0) * 72
    return round(min(OCR_DPI, max(MIN_NATIVE_DPI, native)))


def render(page: Any, dpi: int, colour: bool, turn: int = 0) -> Bitmap:
    """``page`` (from :func:`open_page`) at ``dpi``, in colour (RGB) or grey, turned
    ``turn`` degrees clockwise (0, 90, 180, 270) beyond the page's own ``/Rotate``.

    A page drawn turned (by ``/Rotate`` or ``turn``) is placed in a frame of its own, as it
    is shown upright: origin bottom-left, width and height as drawn.
    """
    left, bottom, right, top = page.get_cropbox()
    area = max(abs(right - left) * abs(top - bottom), 1.0)
    scale = min(dpi / 72, (MAX_PIXELS / area) ** 0.5)
    bitmap = page.render(scale=scale, rotation=turn, grayscale=not colour,
                         rev_byteorder=colour)
    turned = (page.get_rotation() + turn) % 360 != 0
    channels = bitmap.n_channels
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    row_bytes = width * channels
    if stride != row_bytes:
        raw = b"".join(raw[y * stride : y * stride + row_bytes] for y in range(height))
    if turned:
        frame = Frame(0.0, 0.0, width / scale, height / scale, scale)
    else:
        frame = Frame(left, bottom, right - left, top - bottom, scale)
    return Bitmap(width, height, channels, raw, frame)


def write_pnm(bitmap: Bitmap, path: Path) -> None:
    """The bitmap as a PGM/PPM file, which Tesseract reads without any conversion."""
    magic = b"P5" if bitmap.channels == 1 else b"P6"
    with open(path, "wb") as handle:
        handle.write(b"%s\n%d %d\n255\n" % (magic, bitmap.width, bitmap.height))
        handle.write(bitmap.data)
