"""A release as a folder: the decision letter, the inventory and one PDF per document.

Documents are PDFs named by their number (``1234.pdf``, ``ID 1234.pdf``, ``1234 - nota.pdf``,
``VWS-WOO-195461-FW_Noodverordening.pdf`` as open.minvws.nl names them),
in the folder or a subfolder; the inventory is a spreadsheet (``.xlsx``/``.csv``) or, failing
that, a PDF holding the table (often the letter's appendix); the letter is the PDF that is
neither (the one named *besluit* first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.release.inventory import SPREADSHEET_SUFFIXES

#: Files deeper than this below the release folder are not looked at.
MAX_DEPTH = 2
#: At most this many files of a folder are looked at.
MAX_FILES = 20_000
_NUMBERED = re.compile(
    r"^(?:doc(?:ument)?|id|d|(?:[a-z]{2,8}[-_])?wo[ob])?[\s._-]*(\d{1,7})(?:[\s._-].*)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class FolderParts:
    """The files of a release folder by role."""

    inventory: list[Path] = field(default_factory=list)
    """Spreadsheets, the one named like an inventory first."""
    documents: dict[str, Path] = field(default_factory=dict)
    """Document number (as in the file name) -> its PDF."""
    others: list[Path] = field(default_factory=list)
    """PDFs named by no number: the letter first, then e.g. an inventory printed as PDF."""
    duplicates: list[tuple[str, Path]] = field(default_factory=list)


def document_number(path: Path) -> str | None:
    """The document number a PDF's name gives (``"1234"`` for ``ID-1234.pdf``), or None."""
    match = _NUMBERED.match(path.stem.strip())
    return str(int(match.group(1))) if match else None


def folder_parts(folder: Path) -> FolderParts:
    """The release's files in ``folder`` (and its subfolders) by role, in name order."""
    parts = FolderParts()
    for path in _files(folder):
        suffix = path.suffix.lower()
        if suffix in SPREADSHEET_SUFFIXES:
            parts.inventory.append(path)
        elif suffix == ".pdf":
            number = document_number(path)
            if number is None:
                parts.others.append(path)
            elif number in parts.documents:
                parts.duplicates.append((number, path))
            else:
                parts.documents[number] = path
    parts.inventory.sort(key=lambda p: ("inventar" not in p.name.lower(), str(p)))
    parts.others.sort(key=lambda p: (_letter_rank(p), str(p)))
    return parts


def _letter_rank(path: Path) -> int:
    name = path.name.lower()
    if "besluit" in name or "letter" in name or "brief" in name:
        return 0
    if "inventar" in name:
        return 2
    return 1


def _files(folder: Path) -> list[Path]:
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack and len(found) < MAX_FILES:
        current, depth = stack.pop()
        for entry in sorted(current.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and depth < MAX_DEPTH:
                stack.append((entry, depth + 1))
            elif entry.is_file():
                found.append(entry)
    return sorted(found)


def looks_like_release_folder(folder: Path) -> bool:
    """True when the folder holds an inventory spreadsheet or PDFs named by number."""
    try:
        parts = folder_parts(folder)
    except OSError:
        return False
    return bool(parts.inventory or parts.documents)
