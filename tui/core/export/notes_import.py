"""``kantlijn import-notes``: the JSON export read back into a library.

Annotations are matched by document hash and id, so the notes of one library land on the
same comments in another (another machine, another copy of the same PDF): tags are added
(none is removed), a note is set where it differs, the user's own annotations are added with
their ids. Documents the library does not know yet are reported, not guessed at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.errors import KantlijnError, os_error_message
from tui.core.export.notes_json import EXPORT_ONLY, FORMAT
from tui.core.files import read_regular_bytes, shown_name
from tui.core.library.surface import LibrarySurface
from tui.core.model import annotation_from_dict


@dataclass(slots=True)
class ImportReport:
    """What an import did."""

    tags: int = 0
    notes: int = 0
    own: int = 0
    unchanged: int = 0
    missing_documents: list[str] = field(default_factory=list)
    """Titles of documents that are not in the library (import the PDF first)."""
    missing_annotations: int = 0


def read_notes(path: Path) -> dict[str, Any]:
    """The export at ``path``.

    Raises:
        KantlijnError: unreadable, not JSON, or not a kantlijn notes export.
    """
    shown = shown_name(path)
    try:
        data = json.loads(read_regular_bytes(path).decode("utf-8"))
    except FileNotFoundError:
        raise KantlijnError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise KantlijnError(f"{shown} is a directory") from None
    except OSError as error:  # a FIFO or device is refused, never waited on
        raise KantlijnError(f"cannot read {os_error_message(shown, error)}") from None
    except UnicodeDecodeError as error:
        raise KantlijnError(f"cannot read {shown}: {error}") from None
    except json.JSONDecodeError as error:
        raise KantlijnError(f"{shown} is not JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise KantlijnError(f"{shown} is not a kantlijn notes export (nested too deeply)"
                            ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KantlijnError(f"{shown} is not a kantlijn notes export (kantlijn export "
                            "--format json writes one)")
    return data


def import_notes(library: LibrarySurface, data: dict[str, Any]) -> ImportReport:
    """Bring the tags, notes and own annotations in ``data`` into ``library``."""
    report = ImportReport()
    known = {r.sha256 for r in library.searchable()[0]}
    for document in data.get("documents", []):
        info = document.get("document", {}) if isinstance(document, dict) else {}
        sha = info.get("sha256")
        if sha not in known:
            report.missing_documents.append(str(info.get("title") or info.get("file") or sha))
            continue
        for item in document.get("annotations", []):
            if isinstance(item, dict):
                _import_item(library, sha, item, report)
    return report


def _import_item(
    library: LibrarySurface, doc: str, item: dict[str, Any], report: ImportReport
) -> None:
    ann = str(item.get("id", ""))
    changed = False
    if item.get("mine"):
        if ann not in {a.id for a in library.own_annotations(doc)}:
            fields = {k: v for k, v in item.items() if k not in EXPORT_ONLY}
            library.add_own_annotation(doc, annotation_from_dict(fields), keep_id=True)
            report.own += 1
            changed = True
    elif doc not in library.holders(ann):
        report.missing_annotations += 1
        return
    have = {t.casefold() for t in library.tags_of(doc, ann)}
    new = [str(t) for t in item.get("tags", []) if str(t).strip() and str(t).casefold() not in have]
    if new:
        library.tag(doc, ann, *new)
        report.tags += len(new)
        changed = True
    note = item.get("note")
    if note and note != library.note_of(doc, ann):
        library.set_note(doc, ann, str(note))
        report.notes += 1
        changed = True
    if not changed:
        report.unchanged += 1
