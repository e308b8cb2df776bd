"""Reading a document of the library again from its file, when its cached text is gone.

The extraction cache is derived data: when it is damaged (and moved aside) or missing, the
document is read again from the newest of the paths the library saw it at that still holds
the same bytes (a file changed since is another document), and cached again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from tui.core.errors import KantlijnError, readable_file
from tui.core.files import file_sha256
from tui.core.model import Extraction


def read_again(sha256: str, paths: Sequence[str]) -> Extraction | None:
    """The document with hash ``sha256`` read from the newest of ``paths`` that still holds
    it; None when none does (moved, changed, encrypted, unreadable)."""
    from tui.core.document import load  # the PDF reader is only imported when needed

    for path in reversed(paths):
        try:
            file = readable_file(Path(path))
            if file_sha256(file) == sha256:
                return load(file)
        except (KantlijnError, OSError):
            continue
        except Exception:  # a file that breaks the reader is one not read, not a crash
            continue
    return None


def reader_for(paths: Mapping[str, Sequence[str]]) -> Callable[[str], Extraction | None]:
    """:func:`read_again` for documents known by hash -> paths (a copy: usable in a worker
    thread while the library changes)."""
    known = {sha: list(seen) for sha, seen in paths.items()}
    return lambda sha256: read_again(sha256, known.get(sha256, []))
