"""The release as a report: one entry per document (the inventory's rows in their order,
then the documents it does not name) and the counts an overview shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.core.anchoring.grounds import GROUND_LABELS
from tui.core.release.model import (
    FINDING_KINDS,
    JUDGEMENTS,
    Finding,
    InventoryRow,
    Release,
    ReleaseDocument,
    docnr_key,
)


@dataclass(slots=True)
class Entry:
    """A document as the report lists it: its row (if listed), the document (if present),
    and its findings."""

    docnr: str
    row: InventoryRow | None
    document: ReleaseDocument | None
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (README, "The dossier of a release")."""
        row, doc = self.row, self.document
        return {
            "docnr": self.docnr,
            "name": row.name if row else "",
            "date": row.date if row else None,
            "judgement": row.judgement if row else None,
            "grounds_inventory": list(row.grounds) if row else [],
            "reasons_inventory": list(row.reasons) if row else [],
            "grounds_found": list(doc.grounds_found) if doc else [],
            "pages": doc.pages if doc else 0,
            "findings": [f.to_dict() for f in self.findings],
            "listed": row is not None,
            "in_release": doc is not None,
            "file": doc.path if doc else None,
            "first_page": doc.first_page if doc else None,
            "redactions": doc.redactions if doc else 0,
            "comments": doc.comments if doc else 0,
            "removed_pages": [{"page": p.page, "count": p.count, "reason": p.reason}
                              for p in doc.placeholders] if doc else [],
            "explanation": row.explanation if row else "",
            "link": row.link if row else "",
        }


def entries(release: Release) -> list[Entry]:
    """Every document of the release, the inventory's order first; findings attached."""
    by_key: dict[str, Entry] = {}
    for row in release.inventory.rows:
        by_key.setdefault(docnr_key(row.docnr), Entry(row.docnr, row, None))
    for document in release.documents:
        key = docnr_key(document.docnr)
        if key in by_key:
            by_key[key].document = document
        else:
            by_key[key] = Entry(document.docnr, None, document)
    for finding in release.findings:
        if finding.docnr is not None and (entry := by_key.get(docnr_key(finding.docnr))):
            entry.findings.append(finding)
    return list(by_key.values())


def release_dict(release: Release) -> dict[str, Any]:
    """The JSON form of the release."""
    return {
        "title": release.title,
        "path": release.path,
        "form": release.form,
        "letter": release.letter,
        "inventory": {"source": release.inventory.source,
                      "headers": list(release.inventory.headers),
                      "rows": len(release.inventory.rows)},
        "documents": [entry.to_dict() for entry in entries(release)],
        "findings": [f.to_dict() for f in release.findings],
        "overview": overview(release),
        "warnings": list(release.warnings),
    }


def overview(release: Release) -> dict[str, dict[str, int]]:
    """Documents by judgement, redactions by ground, findings by kind (only those with any)."""
    judged = Counter(row.judgement or "(none)" for row in release.inventory.by_docnr().values())
    grounds: Counter[str] = Counter()
    for document in release.documents:
        grounds.update(document.redactions_by_ground)
    kinds = Counter(f.kind for f in release.findings)
    others = sorted(j for j in judged if j not in JUDGEMENTS)
    return {
        "documents_by_judgement": {j: judged[j] for j in (*JUDGEMENTS, *others) if judged[j]},
        "redactions_by_ground": {g: grounds[g] for g in GROUND_LABELS if grounds[g]},
        "findings_by_kind": {k: kinds[k] for k in FINDING_KINDS if kinds[k]},
    }
