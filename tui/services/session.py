"""What one run of the app remembers beyond the library: what the user revealed, and where
the last export went.

Both are deliberate choices of this session only: words under an unapplied redaction that
the user showed (``r`` in the reader) go into this session's exports and dossiers, and say
so; the next run withholds them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.core.anchoring.withheld import Reveal
from tui.core.model import AnnotationKey


@dataclass(slots=True)
class ReadingSession:
    """The app's memory for this run (not saved)."""

    export_folder: Path | None = None
    """Where this session's last export went: the export dialog offers it again."""
    revealed: set[AnnotationKey] = field(default_factory=set)
    """Redactions whose words the user shows now."""

    @property
    def reveal(self) -> Reveal:
        """What this session reveals of the words still under redaction marks."""
        return Reveal(redactions=frozenset(self.revealed))

    def set_revealed(self, document: str, redaction: str, shown: bool) -> None:
        """Remember that the user showed (or hid again) a redaction's words."""
        key = AnnotationKey(document, redaction)
        if shown:
            self.revealed.add(key)
        else:
            self.revealed.discard(key)

    def export_folder_or(self, fallback: Path) -> Path:
        """The last export's folder while it exists, else ``fallback``."""
        last = self.export_folder
        return last if last is not None and last.is_dir() else fallback
