"""One malloc arena for the whole app process (glibc only).

glibc gives each thread that allocates at once its own arena, and memory freed in one arena
is not reused by another. The app reads, lays out, indexes and fingerprints a document in
several threads at once, so a document of 10,000 pages left 480–515 MB resident at its peak
with the default arenas and 447 MB with one (measured with ``MALLOC_ARENA_MAX``). Python
holds the GIL for nearly all of that work, so the threads hardly ever wait for each other's
allocations. Elsewhere (no glibc) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most arenas (malloc.h)."""


def use_one_arena() -> bool:
    """Ask glibc for a single arena for threads started from now on; True when it agreed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The process's own symbols hold the C library's: no search for libc's file name
        # (ctypes.util.find_library asks ldconfig, a few milliseconds before page 1).
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_ARENA_MAX, 1))
    except (OSError, AttributeError):  # not glibc: musl has no mallopt
        return False
