"""Fingerprints computed where a document is read, so that adding it only looks them up.

Comparing a document that joins the library with the others needs its fingerprint
(:func:`tui.core.copies.fingerprint.minhash` of its text): about a second per thousand pages.
The thread or process that reads the document computes it (:func:`prepare`), or hands in
one computed elsewhere (:func:`remember`), and :class:`~tui.core.copies.book.CopyBook` asks
:func:`fingerprint_of` when the document is added — on the app's UI thread that is then a
lookup. Kept by the extraction object itself (not its hash: the same file read with or
without OCR has other text), for the few documents between reading and adding.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from tui.core.copies.fingerprint import Minhash, minhash, text_shingles
from tui.core.model import Extraction

KEEP = 8
"""Documents read but not added yet whose fingerprints are kept (the oldest go first)."""

_lock = threading.Lock()
_ready: OrderedDict[int, tuple[Extraction, Minhash]] = OrderedDict()


def remember(extraction: Extraction, fingerprint: Minhash) -> None:
    """Keep ``fingerprint`` (computed in a worker) for when ``extraction`` is added."""
    with _lock:
        _ready[id(extraction)] = (extraction, fingerprint)
        _ready.move_to_end(id(extraction))
        while len(_ready) > KEEP:
            _ready.popitem(last=False)


def prepare(extraction: Extraction) -> Minhash:
    """Compute ``extraction``'s fingerprint here (a reading thread) and keep it."""
    fingerprint = minhash(text_shingles(extraction))
    remember(extraction, fingerprint)
    return fingerprint


def is_prepared(extraction: Extraction) -> bool:
    """True when ``extraction``'s fingerprint is kept (adding it computes nothing)."""
    with _lock:
        kept = _ready.get(id(extraction))
    return kept is not None and kept[0] is extraction


def fingerprint_of(extraction: Extraction) -> Minhash:
    """The fingerprint kept for ``extraction`` (and forgotten here), else computed now."""
    with _lock:
        kept = _ready.pop(id(extraction), None)
    if kept is not None and kept[0] is extraction:
        return kept[1]
    return minhash(text_shingles(extraction))
