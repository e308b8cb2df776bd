"""The minhash of every document, kept beside the library's caches (``fingerprints.json``).

Derived data: a document whose fingerprint is missing (an older library, a lost file) gets
it again from its cached extraction the next time a document joins. Written whole and
atomically; a file that does not read is started again.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.copies.fingerprint import SKETCH, Minhash
from tui.core.library.atomic_file import BrokenFileError, atomic_write_json, read_json_object

NAME = "fingerprints.json"


class FingerprintFile:
    """Document hash -> minhash, read once and written after each change."""

    def __init__(self, folder: Path) -> None:
        """The file ``fingerprints.json`` in the library's cache folder ``folder``."""
        self.path = folder / NAME
        self._known: dict[str, Minhash] | None = None

    def all(self) -> dict[str, Minhash]:
        """Every fingerprint known (a broken file reads as none)."""
        if self._known is None:
            try:
                data = read_json_object(self.path) or {}
            except (BrokenFileError, OSError):
                data = {}
            self._known = {
                sha: [int(v) for v in values] for sha, values in data.items()
                if isinstance(values, list) and len(values) <= SKETCH
                and all(isinstance(v, int) for v in values)
            }
        return self._known

    def put(self, found: dict[str, Minhash]) -> None:
        """Remember fingerprints (in memory at once)."""
        self.all().update(found)

    def forget(self, sha256: str) -> None:
        """Forget one document's fingerprint."""
        self.all().pop(sha256, None)

    def write(self) -> None:
        """Write the file (a folder that cannot be written: they are computed again later)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_json(self.path, self.all())
        except OSError:
            pass
