"""Tesseract loaded into an OCR worker process (its C API, through ctypes), kept for every
page the worker reads.

Running the ``tesseract`` program costs a start and the loading of its model (0.2 s of CPU
for Dutch) per image, and a scanned page with printed redaction codes is two images.
A worker loads the library once and hands it the page's pixels straight from the renderer,
no file in between. Where the library cannot be loaded, :mod:`.engine` runs the program.

Only worker processes load it (:func:`start`): a crash in the library ends a worker, not
the reader. The library prints its notes to standard error, which a worker sends nowhere,
so nothing garbles the terminal the reader draws on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import time
from typing import Any

from tui.core.ocr.render import Bitmap

#: What the TSV text of the API lacks against the program's: its header row.
TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth"
              "\theight\tconf\ttext\n")

_API: tuple[Any, int] | None = None
"""The loaded library and its engine handle, in a worker that called :func:`start`."""

_CANCEL = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
"""``bool cancel(void *cancel_this, int words)``: Tesseract asks it between words (every
few hundredths of a second) whether to stop recognising."""


def start(languages: str) -> bool:
    """Load Tesseract into this (worker) process for ``languages``; False when it cannot be
    loaded (the program is used then)."""
    global _API
    os.environ["OMP_THREAD_LIMIT"] = "1"  # read as the library loads: one thread a worker
    name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
    try:
        lib = ctypes.CDLL(name)
        _declare(lib)
    except (OSError, AttributeError):
        return False
    api = lib.TessBaseAPICreate()
    if not api or lib.TessBaseAPIInit3(api, None, languages.encode()) != 0:
        return False
    # No second look at each line for light-on-dark text: the codes printed white in black
    # boxes are cut out and turned negative beforehand (:mod:`.labels`).
    lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"0")
    _quiet_stderr()
    _API = (lib, api)
    return True


def loaded() -> bool:
    """True when this process has Tesseract loaded."""
    return _API is not None


def read_tsv(bitmap: Bitmap, dpi: int, mode: int, cpu_seconds: float) -> tuple[str, bool]:
    """Tesseract's TSV (with its header row) for a grey ``bitmap`` drawn at ``dpi``, read
    in page segmentation ``mode``; and whether it was stopped after ``cpu_seconds`` of this
    thread's CPU time (then the TSV is its header alone).

    CPU time, not the clock: on a shared machine a page waiting for a core is not a page
    that costs too much. Nothing of a stopped page is asked for: the words it did not reach
    have no text, and the library's TSV of them can crash the process.
    """
    assert _API is not None, "start() was not called"
    lib, api = _API
    began = time.thread_time()
    stopped = False

    def cancel(_this: object, _words: int) -> bool:
        nonlocal stopped
        stopped = stopped or time.thread_time() - began > cpu_seconds
        return stopped

    callback = _CANCEL(cancel)  # held here while the library may call it
    monitor = lib.TessMonitorCreate()
    lib.TessMonitorSetCancelFunc(monitor, callback)
    lib.TessBaseAPISetPageSegMode(api, mode)
    lib.TessBaseAPISetImage(api, bitmap.data, bitmap.width, bitmap.height, bitmap.channels,
                            bitmap.width * bitmap.channels)
    lib.TessBaseAPISetSourceResolution(api, dpi)
    text = None
    try:
        lib.TessBaseAPIRecognize(api, monitor)
        if stopped:
            return TSV_HEADER, True
        text = lib.TessBaseAPIGetTsvText(api, 0)
        tsv = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
        return TSV_HEADER + tsv, False
    finally:
        if text:
            lib.TessDeleteText(text)
        lib.TessBaseAPIClear(api)  # the page's image and results, not the models
        lib.TessMonitorDelete(monitor)


def _declare(lib: Any) -> None:
    """Argument and result types of the functions used (ctypes assumes int otherwise, which
    cuts a 64-bit pointer)."""
    handle, text = ctypes.c_void_p, ctypes.c_void_p
    lib.TessBaseAPICreate.restype = handle
    lib.TessBaseAPIInit3.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.TessBaseAPISetPageSegMode.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPISetVariable.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.TessBaseAPISetImage.argtypes = [handle, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                                        ctypes.c_int, ctypes.c_int]
    lib.TessBaseAPISetSourceResolution.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPIGetTsvText.restype = text
    lib.TessBaseAPIGetTsvText.argtypes = [handle, ctypes.c_int]
    lib.TessDeleteText.argtypes = [text]
    lib.TessBaseAPIClear.argtypes = [handle]
    lib.TessMonitorCreate.restype = handle
    lib.TessMonitorSetCancelFunc.argtypes = [handle, _CANCEL]
    lib.TessMonitorDelete.argtypes = [handle]
    lib.TessBaseAPIRecognize.argtypes = [handle, handle]


def _quiet_stderr() -> None:
    """Standard error of this worker to nowhere: the library's notes ("Detected 12
    diacritics") would be drawn over the reader."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
