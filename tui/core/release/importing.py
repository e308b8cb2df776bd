"""A release into a library: its documents added (those not there yet), the release recorded.

Each PDF is read once: a document the library holds opens from its cache, one it does not
is read and added. The release is then recorded in the library's release store, before the
caller flushes, so the search index that follows the flush sees both.
"""

from __future__ import annotations

from pathlib import Path

from tui.core.files import file_sha256
from tui.core.library.surface import LibrarySurface
from tui.core.model import Extraction
from tui.core.release.model import Release
from tui.core.release.reading import Loader, read_release
from tui.core.release.store import ReleaseStore, StoredRelease, stored_release


def library_loader(library: LibrarySurface, password: str | None = None
                   ) -> tuple[Loader, list[str]]:
    """A loader for :func:`read_release` that takes what the library holds and adds what it
    does not; and the list of the files it read (filled as it goes)."""
    seen: list[str] = []

    def load(path: Path) -> Extraction:
        from tui.core.document import load as read

        seen.append(str(path))
        known = library.cached_extraction(file_sha256(path))
        if known is not None:
            return known
        extraction = read(path, password=password)
        library.add_document(extraction, path)
        return extraction

    return load, seen


def import_release(library: LibrarySurface, path: str | Path,
                   password: str | None = None) -> StoredRelease:
    """Read the release at ``path`` into ``library`` and record it; the caller flushes.

    Raises:
        KantlijnError: not a release, or its inventory cannot be read.
    """
    load, seen = library_loader(library, password)
    release = read_release(Path(path).expanduser().resolve(), load)
    return record(library, release, seen)


def record(library: LibrarySurface, release: Release, files: list[str] | None = None
           ) -> StoredRelease:
    """Record ``release`` (read already) in the library's release store."""
    stored = stored_release(release, files)
    ReleaseStore(library.path).put(stored)
    return stored


def known_release(library: LibrarySurface, path: str | Path) -> StoredRelease | None:
    """The release recorded for the folder or combined PDF at ``path``, if any."""
    return ReleaseStore(library.path).find(str(path))
