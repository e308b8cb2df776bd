"""``kantlijn import`` of a release: a folder's PDFs go into the library one by one, a
combined PDF as itself; afterwards each release's inventory and findings are reported.

Not a command module of its own: :mod:`tui.commands.importing` calls :func:`expand` before
the import and :func:`report` after it (and imports nothing from here the other way). The
release is read from the library's cache, so nothing is read twice.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import KantlijnError

if TYPE_CHECKING:
    from tui.core.library.surface import LibrarySurface
    from tui.core.model import Extraction


def expand(names: list[str]) -> list[str]:
    """The files to import: a release folder stands for its PDFs (letter, inventory PDF,
    documents), anything else for itself."""
    from tui.core.release.folder import folder_parts
    from tui.core.release.reading import is_release_folder

    files: list[str] = []
    for name in names:
        path = Path(name)
        if is_release_folder(path):
            parts = folder_parts(path)
            files.extend(str(p) for p in [*parts.others, *parts.documents.values()])
        else:
            files.append(name)
    return files


def report(names: list[str], library: LibrarySurface, password: str | None = None) -> None:
    """For each release among ``names``: record it in the library, print a line with its
    counts, then its findings."""
    from tui.core.release.importing import record
    from tui.core.release.reading import is_release_folder, read_release, release_from_extraction

    def load(path: Path) -> Extraction:
        from tui.core.document import load as read
        from tui.core.files import file_sha256

        known = library.cached_extraction(file_sha256(path))
        return known if known is not None else read(path, password=password)

    for name in names:
        path = Path(name).expanduser().resolve()
        try:
            if path.is_dir():
                release = read_release(path, load) if is_release_folder(path) else None
            elif (known := _imported(library, path)) is not None:
                release = release_from_extraction(path, known, password)
            else:
                release = None  # not a PDF, or it failed to import (already reported)
        except KantlijnError as error:
            print(f"kantlijn: {error}", file=sys.stderr)
            continue
        if release is None:
            continue
        record(library, release, [str(p) for p in expand([str(path)]) if p != str(path)])
        print(f"release {release.title}: {len(release.inventory.rows)} listed, "
              f"{len(release.documents)} documents, {len(release.findings)} findings")
        for finding in release.findings:
            page = f" p.{finding.page}" if finding.page else ""
            print(f"  {finding.kind}  {finding.docnr or ''}{page}  {finding.text}")


def _imported(library: LibrarySurface, path: Path) -> Extraction | None:
    """The library's extraction of a PDF just imported, or None."""
    from tui.core.files import file_sha256

    if path.suffix.lower() != ".pdf" or not path.is_file():
        return None
    try:
        return library.cached_extraction(file_sha256(path))
    except OSError:
        return None
