"""Tesseract, called as a program: is it there, which languages, and its words on an image.

No Python binding: ``tesseract IMAGE - -l nld --psm 6 tsv`` prints one row per word with its
box (pixels, origin top-left) and its confidence (0..100).
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tui.core.ocr import inprocess
from tui.core.ocr.install import INSTALL_LINE
from tui.core.ocr.render import Bitmap, write_pnm

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
#: CPU seconds Tesseract may spend on one image, unless config.toml's ``ocr_seconds``
#: says otherwise (:func:`cpu_budget`). A dense page of a nota costs it 1-2 s; an image that
#: holds no text (a damaged scan decoded to streaks, noise) can cost many times that for
#: nothing. Stopped there, the page is left unread and says so.
CPU_SECONDS = 4.0


@functools.cache
def _configured_seconds() -> float | None:
    from tui.core.settings import load_config

    return load_config()[0].ocr_seconds  # (its warnings are the app's to show)


def cpu_budget() -> float:
    """CPU seconds Tesseract may spend on one image: ``ocr_seconds`` in the user's
    config.toml (a slow machine may need more), else :data:`CPU_SECONDS`. Read once per
    process: every process that reads pages by OCR reads it the same."""
    configured = _configured_seconds()
    return CPU_SECONDS if configured is None else configured


class EngineError(Exception):
    """Tesseract is missing or failed on a page."""


def stopped_warning(number: int) -> str:
    """The warning for page ``number`` when the engine was stopped on it."""
    return (f"page {number}: not read by OCR, stopped after {cpu_budget():g} s of CPU "
            "(its image does not read as text)")


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


@dataclass(frozen=True, slots=True)
class Reading:
    """What Tesseract read on one image, and whether it was stopped at :func:`cpu_budget`
    (then ``words`` is empty)."""

    words: list[Word]
    stopped: bool = False


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


def read_bitmap(bitmap: Bitmap) -> Reading:
    """The words Tesseract reads on a grey ``bitmap``: by the library this worker loaded
    (:mod:`.inprocess`), else by the program on a temporary image file."""
    if inprocess.loaded():
        dpi = max(1, round(bitmap.frame.scale * 72))
        tsv, stopped = inprocess.read_tsv(bitmap, dpi, PAGE_MODE, cpu_budget())
        return Reading(parse_tsv(tsv), stopped)
    with tempfile.TemporaryDirectory(prefix="kantlijn-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        write_pnm(bitmap, image)
        return read_words(image)


def read_words(image: Path) -> Reading:
    """The words Tesseract reads on ``image``, in its reading order."""
    program = engine_path()
    if program is None:
        raise EngineError(missing_warning())
    code, out, err = run_program(
        [program, str(image), "-", "-l", languages(), "--psm", str(PAGE_MODE),
         "-c", "tessedit_do_invert=0", "tsv"])
    if code == -signal.SIGKILL:  # its CPU time ran out (see run_program)
        return Reading([], stopped=True)
    if code != 0:
        raise EngineError(f"tesseract failed ({err.strip()[:200]})")
    return Reading(parse_tsv(out))


def run_program(args: list[str]) -> tuple[int, str, str]:
    """Run Tesseract (``args``, the program first) on one thread, within :func:`cpu_budget`
    of CPU time (past that the kernel ends it: return code ``-SIGKILL``) and
    :data:`TIMEOUT_SECONDS` of the clock; its return code, output and errors."""
    try:
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=single_thread_env())
    except OSError as error:
        raise EngineError(f"tesseract could not be started ({error})") from error
    # Soft and hard limit alike: the kernel's SIGKILL, not SIGXCPU and a core file. Set
    # after the start, as the CPU time it counts is the process's whole.
    limit = math.ceil(cpu_budget())
    with contextlib.suppress(OSError, ValueError, AttributeError):  # gone, or no prlimit
        resource.prlimit(process.pid, resource.RLIMIT_CPU, (limit, limit))
    try:
        out, err = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise EngineError(f"tesseract failed ({error})") from error
    return process.returncode, out, err


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
