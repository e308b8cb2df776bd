"""Pages scanned sideways or upside down: told from how the words came out, turned by OSD.

Reading a page at the wrong angle does not always fail loudly: Tesseract reads a page
turned a quarter as columns of upright words, with good confidence. So a page is looked at
again when its words came out as a page upside down or sideways does — low confidence, or
words taller than wide — and Tesseract's orientation detection (``--psm 0``) then says how
far to turn it; the page is drawn turned and read again.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from tui.core.ocr import engine
from tui.core.ocr.engine import Word
from tui.core.ocr.render import Bitmap, write_pnm

#: A page whose words (of three letters and more) are read with less confidence than this
#: on average may be upside down.
LOW_CONFIDENCE = 70.0
#: A page where more than this share of those words is taller than wide is sideways.
TALL_SHARE = 0.5
#: Orientation detection with less confidence than this is not acted on.
MIN_OSD_CONFIDENCE = 2.0
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def looks_turned(words: list[Word]) -> bool:
    """True when the words came out as a page read at the wrong angle does."""
    long = [w for w in words if len(w.text) >= 3]
    if len(long) < 5:  # (almost) nothing read: a blank page, not worth asking
        return False
    confidence = sum(w.confidence for w in long) / len(long)
    tall = sum(1 for w in long if w.height > w.width) / len(long)
    return confidence < LOW_CONFIDENCE or tall > TALL_SHARE


def upright_turn(grey: Bitmap) -> int:
    """How far (degrees clockwise: 0, 90, 180, 270) to turn the page to read it upright,
    by Tesseract's orientation detection; 0 when it cannot tell."""
    program = engine.engine_path()
    if program is None:
        return 0
    dpi = max(1, round(grey.frame.scale * 72))
    with tempfile.TemporaryDirectory(prefix="kantlijn-osd-") as folder:
        image = Path(folder) / "page.pgm"
        write_pnm(grey, image)
        try:
            _, out, _ = engine.run_program(
                [program, str(image), "-", "--psm", "0", "--dpi", str(dpi)])
        except engine.EngineError:
            return 0
    return parse_osd(out)


def parse_osd(output: str) -> int:
    """The turn in Tesseract's ``--psm 0`` output; 0 when absent or unsure."""
    rotate, confidence = _ROTATE.search(output), _CONFIDENCE.search(output)
    if rotate is None or confidence is None or float(confidence[1]) < MIN_OSD_CONFIDENCE:
        return 0
    turn = int(rotate[1]) % 360
    return turn if turn in (90, 180, 270) else 0
