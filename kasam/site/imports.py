"""The import dispatcher behind `kasam import` and the import page: every kind of file an app
contributes (its contrib.IMPORT_KINDS: kasam.org, kasam.absence, kasam.economy) is checked completely
first, and only a file without errors is written, in one transaction, all or nothing
(docs/adr/003-imports-all-or-nothing-vectorised.md). Every import – checked or saved, refused or not –
is written to the audit log."""

import hashlib

from django.db import transaction

from kasam.absence import contrib as absence
from kasam.audit.models import AuditEntry
from kasam.core.contrib import ImportKind
from kasam.core.validation import ImportMessage, ImportResult
from kasam.economy import contrib as economy
from kasam.org import contrib as org
from kasam.org.actions import Importer, import_scope
from kasam.rehab import contrib as rehab

__all__ = [
    "KINDS",
    "ImportMessage",
    "ImportResult",
    "Importer",
    "import_file",
    "recomputing",
    "wait_for_recomputing",
]

IMPORT_KINDS: dict[str, ImportKind] = {
    kind.name: kind for kind in (*org.IMPORT_KINDS, *absence.IMPORT_KINDS, *economy.IMPORT_KINDS)
}
# What runs after a saved import that changed something (the refill of the sick-leave series, the
# renewal of the rehabilitation cases of the persons in it): each returns whether it asked for figures
# to be recomputed. PENDING_AFTER_IMPORT says whether such work
# still waits or runs in the background; WAIT_AFTER_IMPORT does it here or waits for it.
AFTER_IMPORT = (*absence.AFTER_IMPORT, *rehab.AFTER_IMPORT)
PENDING_AFTER_IMPORT = (*absence.PENDING_AFTER_IMPORT,)
WAIT_AFTER_IMPORT = (*absence.WAIT_AFTER_IMPORT,)
ORGANISATION_KINDS = tuple(kind.name for kind in (*org.IMPORT_KINDS, *absence.IMPORT_KINDS))
KINDS = tuple(IMPORT_KINDS)  # the economics files share the command and the page
# The audit entry lists at most this many of the ids an import created or changed (and says how
# many more): a first import of 50,000 employments must not make one entry of megabytes.
AUDIT_IDS = 200


def import_file(
    kind: str, data: bytes, filename: str, dry_run: bool = False, *, importer: Importer | None = None
) -> ImportResult:
    """Check `data` (CSV or XLSX) as a file of `kind` and, if it has no errors, write it.

    On any error nothing is written, `errors` lists every problem found and the counts stay 0. With
    `dry_run` the file is checked and the counts say what would change, but nothing is written.
    Importing the same file twice changes nothing the second time. Units, persons and employments
    are upserted and never deleted by an import; absences follow kasam.absence.actions.apply_absences.

    The header must name every column of docs/import-formats.md, in any order and any case, also those
    whose values may be empty (parent_id, activity, end_date, weekly_hours, extent, kind): a missing
    column is more often a wrong file than a choice. Only a person's first_name, last_name, email and
    phone may be left out, and then their stored values are kept.

    `importer` (None: Kasam itself, as "system", e.g. the demo) limits the file to the part of the
    organisation the importer's role covers; a row outside it is an error like any other. The
    import is written to the audit log, in the same transaction as its changes."""
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    importer = importer or Importer(None, "system")
    scope = import_scope(importer.roots) if importer.roots is not None else None
    result = ImportResult(kind=kind, filename=filename, dry_run=dry_run)
    validated = IMPORT_KINDS[kind].validate(data, filename, scope)
    result.errors, result.warnings = validated.errors, validated.warnings
    if validated.errors:
        _audit(importer, result, data, [])
        return result
    with transaction.atomic():
        frame = validated.frame
        counts, changed = IMPORT_KINDS[kind].apply(frame, dry_run)
        result.created, result.updated, result.unchanged, result.deleted = counts
        _audit(importer, result, data, changed)
    if not dry_run and (result.created or result.updated or result.deleted):
        asked = [after(kind, validated.frame) for after in AFTER_IMPORT]
        result.recompute = any(asked)
    return result


def recomputing(result: ImportResult) -> str | None:
    """What became of the recomputation the import asked for: "queued" while it waits or runs in the
    background, "done" once it ran; None when the import asked for none."""
    if not result.recompute:
        return None
    return "queued" if any(pending() for pending in PENDING_AFTER_IMPORT) else "done"


def wait_for_recomputing() -> None:
    """Recompute here what an import queued, or wait for the worker that runs it."""
    for wait in WAIT_AFTER_IMPORT:
        wait()


def _audit(importer: Importer, result: ImportResult, data: bytes, changed: list[str]) -> None:
    """One audit entry for the import: who (the user, or the command line with the OS user), which
    kind, which file (its name and SHA-256), whether it was saved, and what changed – the counts and
    the ids created or changed (for absences and economics: the file's persons or units)."""
    roots = importer.roots
    detail = {
        "kind": result.kind,
        "file": result.filename.replace("\0", "\ufffd")[:200],
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "dry_run": result.dry_run,
        "saved": result.ok and not result.dry_run,
        "scope": [root.pk for root in roots] if roots is not None else "organisation",
    }
    if not result.ok:
        detail["errors"] = len(result.errors)
    else:
        detail |= {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "deleted": result.deleted,
            "changed": changed[:AUDIT_IDS],
        }
        if len(changed) > AUDIT_IDS:
            detail["changed_more"] = len(changed) - AUDIT_IDS
    user = importer.user if getattr(importer.user, "is_authenticated", False) else None
    AuditEntry.objects.create(
        user=user,
        username=importer.username[:150],
        action=AuditEntry.Action.IMPORT_FILE,
        unit_id=roots[0].pk if roots is not None and len(roots) == 1 else "",
        detail=detail,
    )
