"""The cross-check: where the inventory and the documents disagree, as findings.

* ``missing-document`` — listed *openbaar*, *deels openbaar* or *reeds openbaar*, not in the
  release (and its publication not suspended, *Opgeschort*);
* ``not-in-inventory`` — a document the list does not name;
* ``redacted-but-public`` — listed *openbaar*, with redactions;
* ``partly-public-without-redaction`` — listed *deels openbaar*, no redaction found;
* ``ground-not-in-inventory`` — a ground on a redaction or in a note that the row does not list;
* ``inventory-ground-not-found`` — a ground the row lists that the document nowhere shows;
* ``pages-removed`` — a page standing in for removed pages;
* and ``unreadable-document`` and the inventory's own ``duplicate-id``.

Sentences name documents by number and pages within the document, so a release read from
a folder and the same release as one combined PDF give the same findings.
"""

from __future__ import annotations

from tui.core.release.model import Finding, Inventory, InventoryRow, ReleaseDocument, docnr_key

#: Judgements under which a document belongs in the release.
PUBLISHED = ("openbaar", "deels openbaar", "reeds openbaar")
_YES = frozenset({"ja", "j", "yes", "y", "x", "true", "waar", "1", "opgeschort"})


def cross_check(inventory: Inventory, documents: list[ReleaseDocument]) -> list[Finding]:
    """Every finding of the release: per inventory row in its order, then the documents the
    list does not name, then the inventory's own (duplicate numbers)."""
    findings: list[Finding] = []
    present = {docnr_key(d.docnr): d for d in documents}
    for key, row in inventory.by_docnr().items():
        document = present.get(key)
        if document is None:
            if row.judgement in PUBLISHED and not suspended(row):
                link = f" (the inventory links to {row.link})" if row.link else ""
                findings.append(Finding(
                    "missing-document", row.docnr, None,
                    f"document {row.docnr} is listed as {row.judgement} but is not in the "
                    f"release{link}"))
            continue
        findings.extend(document_findings(row, document))
    listed = inventory.by_docnr()
    for document in documents:
        if docnr_key(document.docnr) not in listed:
            if document.error:
                findings.append(_unreadable(document))
            findings.append(Finding(
                "not-in-inventory", document.docnr, None,
                f"document {document.docnr} is in the release but not in the inventory"))
    return findings + inventory.findings


def suspended(row: InventoryRow) -> bool:
    """True when the row says its publication is suspended (*Opgeschort*: ja): the document
    is rightly not in the release yet."""
    return row.suspended.strip().lower() in _YES


def document_findings(row: InventoryRow, document: ReleaseDocument) -> list[Finding]:
    """What one listed document shows that its row does not say (or the other way round)."""
    if document.error:
        return [_unreadable(document)]
    nr = row.docnr
    found: list[Finding] = []
    if row.judgement == "openbaar" and document.redactions:
        found.append(Finding(
            "redacted-but-public", nr, document.redaction_pages[0],
            f"document {nr} is listed as openbaar but has {_count(document.redactions)}"))
    if row.judgement == "deels openbaar" and not document.redactions:
        found.append(Finding(
            "partly-public-without-redaction", nr, None,
            f"document {nr} is listed as deels openbaar but no redaction was found in it"))
    listed = set(row.grounds)
    for code in document.grounds_found:
        if code not in listed:
            where = f"; the inventory lists {', '.join(row.grounds)}" if row.grounds else (
                "; the inventory lists no ground")
            found.append(Finding(
                "ground-not-in-inventory", nr, document.ground_pages[code],
                f"document {nr} shows ground {code}{where}"))
    for code in row.grounds:
        if code not in document.ground_pages:
            found.append(Finding(
                "inventory-ground-not-found", nr, None,
                f"the inventory lists ground {code} for document {nr}, but the document "
                "nowhere shows it"))
    for placeholder in document.placeholders:
        count = "pages" if placeholder.count is None else (
            "1 page" if placeholder.count == 1 else f"{placeholder.count} pages")
        reason = f" ({placeholder.reason})" if placeholder.reason else ""
        found.append(Finding(
            "pages-removed", nr, placeholder.page,
            f"document {nr}: {count} removed{reason}"))
    return found


def _count(redactions: int) -> str:
    return "1 redaction" if redactions == 1 else f"{redactions} redactions"


def _unreadable(document: ReleaseDocument) -> Finding:
    return Finding("unreadable-document", document.docnr, None,
                   f"document {document.docnr} cannot be read: {document.error}")
