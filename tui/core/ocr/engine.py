"""Tesseract, called as a program: is it there, which languages, and its words on an image.

No Python binding: ``tesseract IMAGE - -l nld --psm 6 tsv`` prints one row per word with its
box (pixels, origin top-left) and its confidence (0..100).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tui.core.ocr import inprocess
from tui.core.ocr.render import Bitmap, write_pnm

#: What to install where the engine is missing (Debian, Ubuntu).
INSTALL_LINE = "apt-get install tesseract-ocr tesseract-ocr-nld"
#: Languages read. Dutch alone: with English as well, Tesseract reads each line it is unsure
#: of again with the English model (a third of the lines of a nota, a quarter more time)
#: for no more words found; the one slip it saves, an author's "J.N.J." read as "JN.J.", the
#: comment summary's reader puts right (:func:`tui.core.pdf.published.same_authors`).
WANTED_LANGUAGES = ("nld",)
#: Tesseract's page segmentation: the page as one block of lines. Its automatic layout
#: analysis (mode 3) costs a tenth more and finds no more words: the lines are put in
#: rows, columns and reading order afterwards (:mod:`.layout`) from the words' boxes.
PAGE_MODE = 6
#: One page should never take this long; a hung engine must not hang the reader.
TIMEOUT_SECONDS = 120


class EngineError(Exception):
    """Tesseract is missing or failed on a page."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word as Tesseract read it: pixel box (origin top-left) and confidence 0..100."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    paragraph: int
    line: int


def engine_path() -> str | None:
    """The ``tesseract`` program, or None when it is not installed."""
    return shutil.which("tesseract")


def missing_warning() -> str:
    """The one warning for pages that need OCR when the engine is missing."""
    return (
        "some pages have no text layer and were not read: OCR needs Tesseract "
        f"({INSTALL_LINE})"
    )


@functools.lru_cache(maxsize=1)
def languages() -> str:
    """``nld`` when its data is installed, for ``-l``; raises when it is not."""
    program = engine_path()
    if program is None:
        raise EngineError(missing_warning())
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as error:
        raise EngineError(f"tesseract could not be started ({error})") from error
    found = [lang for lang in WANTED_LANGUAGES if lang in listed]
    if not found:
        raise EngineError(f"tesseract has no Dutch language data ({INSTALL_LINE})")
    return "+".join(found)


def read_bitmap(bitmap: Bitmap) -> list[Word]:
    """The words Tesseract reads on a grey ``bitmap``: by the library this worker loaded
    (:mod:`.inprocess`), else by the program on a temporary image file."""
    if inprocess.loaded():
        dpi = max(1, round(bitmap.frame.scale * 72))
        return parse_tsv(inprocess.read_tsv(bitmap, dpi, PAGE_MODE))
    with tempfile.TemporaryDirectory(prefix="kantlijn-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        write_pnm(bitmap, image)
        return read_words(image)


def read_words(image: Path) -> list[Word]:
    """The words Tesseract reads on ``image``, in its reading order."""
    program = engine_path()
    if program is None:
        raise EngineError(missing_warning())
    env = single_thread_env()
    try:
        done = subprocess.run(
            [program, str(image), "-", "-l", languages(), "--psm", str(PAGE_MODE),
             "-c", "tessedit_do_invert=0", "tsv"],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env, check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise EngineError(f"tesseract failed ({error})") from error
    if done.returncode != 0:
        raise EngineError(f"tesseract failed ({done.stderr.strip()[:200]})")
    return parse_tsv(done.stdout)


def single_thread_env() -> dict[str, str]:
    """The environment for the program: one thread per engine. Pages run in parallel
    processes, and OpenMP threads fighting over the same cores make each page several
    times slower."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of Tesseract's TSV output; empty words dropped."""
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        try:
            block, paragraph, line = int(cells[2]), int(cells[3]), int(cells[4])
            left, top, width, height = (int(c) for c in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        words.append(Word(text, left, top, width, height, confidence, block, paragraph, line))
    return words
