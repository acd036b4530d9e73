"""Writes to the organisation tables. Imports are all-or-nothing: a file is checked completely first
(kasam.org.imports, kasam.absence.imports), and only a file without errors is written, in one
transaction.

Every import is made by an `Importer`: a signed-in user limited to what their role covers (a role
over part of the organisation imports only that part, docs/import-formats.md "Who may import
what"), or the command line, which runs as the operator over the whole organisation. Every import –
checked or saved, refused or not – is written to the audit log."""

import getpass
import hashlib
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from django.db import connection, models, transaction
from django.db.models import Q

from kasam.absence.actions import apply_absences
from kasam.absence.imports import validate_absences
from kasam.audit.models import AuditEntry
from kasam.core.dates import today
from kasam.core.validation import Counts, ImportMessage, ImportResult, ImportScope, Validated
from kasam.economy import actions as economy
from kasam.economy.actions import KINDS as ECONOMY_KINDS
from kasam.metrics.tree_history import lay_over, version_on
from kasam.org import access, staff_names
from kasam.org.history import stored_history, write_history
from kasam.org.imports import (
    MINIMUM_AGE,
    PERSON_OPTIONAL,
    file_versions,
    validate_employments,
    validate_people,
    validate_units,
)
from kasam.org.models import Employment, Person, Role, Unit
from kasam.org.roles import CAPABILITIES, Capability
from kasam.org.tree import compute_paths

__all__ = ["KINDS", "ImportMessage", "ImportResult", "Importer", "import_file"]

ORGANISATION_KINDS = ("units", "people", "employments", "absences")
KINDS = ORGANISATION_KINDS + ECONOMY_KINDS  # the economics files share the command and the page
# The audit entry lists at most this many of the ids an import created or changed (and says how
# many more): a first import of 50,000 employments must not make one entry of megabytes.
AUDIT_IDS = 200


@dataclass(frozen=True)
class Importer:
    """Who imports, as the audit log names them, and the units (subtree roots) their role covers;
    `roots` None is the whole organisation."""

    user: object | None
    username: str
    roots: tuple[Unit, ...] | None = None

    @classmethod
    def command_line(cls) -> "Importer":
        """`kasam import` runs as the operator of the server, over the whole organisation."""
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no name for the process's user id (e.g. a bare container)
            name = "?"
        return cls(None, f"command line ({name})")

    @classmethod
    def for_user(cls, user) -> "Importer":
        """A signed-in user: the subtrees of their role assignments that grant IMPORT_DATA; a role
        over a root unit covers the whole organisation."""
        units = [
            a.unit
            for a in access.assignments_of(user)
            if Capability.IMPORT_DATA in CAPABILITIES[Role(a.role)]
        ]
        if any(unit.parent_id is None for unit in units):
            return cls(user, user.get_username())
        roots: list[Unit] = []
        for unit in sorted(units, key=lambda u: u.path):
            if not any(unit.path.startswith(root.path) for root in roots):
                roots.append(unit)
        return cls(user, user.get_username(), tuple(roots))


def import_scope(roots: tuple[Unit, ...]) -> ImportScope:
    """The stored units and persons outside the subtrees of `roots` (today's tree). A person is within
    when they have an employment, now or before, in the subtrees and none now or later outside them;
    a person without any employment belongs to no part yet and may be imported by any importer."""
    inside = Q()
    for root in roots:
        inside |= Q(path__startswith=root.path)
    units_inside = set(Unit.objects.filter(inside).values_list("id", flat=True))
    units_outside = frozenset(Unit.objects.exclude(pk__in=units_inside).values_list("id", flat=True))
    day = today()
    has_inside: set[str] = set()
    now_outside: set[str] = set()
    for person, unit, end in Employment.objects.values_list("person_id", "unit_id", "end_date").iterator():
        if unit in units_inside:
            has_inside.add(person)
        elif end is None or end >= day:
            now_outside.add(person)
    employed = set(Employment.objects.values_list("person_id", flat=True).distinct())
    persons_outside = frozenset(employed - (has_inside - now_outside))
    label = ", ".join(root.name for root in roots)
    return ImportScope(label, units_outside, persons_outside)


def import_file(
    kind: str, data: bytes, filename: str, dry_run: bool = False, *, importer: Importer | None = None
) -> ImportResult:
    """Check `data` (CSV or XLSX) as a file of `kind` and, if it has no errors, write it.

    On any error nothing is written, `errors` lists every problem found and the counts stay 0. With
    `dry_run` the file is checked and the counts say what would change, but nothing is written.
    Importing the same file twice changes nothing the second time. Units, persons and employments
    are upserted and never deleted by an import; absences follow `apply_absences`.

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
    validated = _validate(kind, data, filename, scope)
    result.errors, result.warnings = validated.errors, validated.warnings
    if validated.errors:
        _audit(importer, result, data, [])
        return result
    with transaction.atomic():
        frame = validated.frame
        if kind in ECONOMY_KINDS:
            counts, changed = economy.apply(kind, frame, dry_run), _keys(frame, "unit_id")
        elif kind == "absences":
            counts, changed = apply_absences(frame, dry_run), _keys(frame, "person_id")
        else:
            counts, changed = _APPLY[kind](frame, dry_run)
        result.created, result.updated, result.unchanged, result.deleted = counts
        _audit(importer, result, data, changed)
    if not dry_run and kind in ORGANISATION_KINDS and (result.created or result.updated or result.deleted):
        from kasam.absence.tasks import enqueue_refill_after_import  # the series build on this app

        enqueue_refill_after_import(kind, validated.frame)
    return result


def _validate(kind: str, data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    """The database is read here, once, so that the checks themselves stay pure."""
    if kind in ECONOMY_KINDS:
        return economy.validate(kind, data, filename, scope)
    if kind == "units":
        return validate_units(data, filename, stored_history(), today(), scope)
    if kind == "people":
        return validate_people(data, filename, latest_birth_year=today().year - MINIMUM_AGE, scope=scope)
    persons = set(Person.objects.values_list("id", flat=True))
    if kind == "employments":
        units = set(Unit.objects.values_list("id", flat=True))
        return validate_employments(data, filename, persons, units, scope)
    return validate_absences(data, filename, persons, scope)


def _keys(frame: pl.DataFrame, column: str) -> list[str]:
    """The ids of a file whose changes are not told one by one (absences, economics): its persons or
    units, whose rows the import may have changed."""
    return sorted({value for value in frame[column].to_list() if value})


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


def _apply_units(frame: pl.DataFrame, dry_run: bool) -> tuple[Counts, list[str]]:
    """Lay the file's rows over the stored history (kasam.metrics.tree_history.lay_over): a move
    closes the unit's old version the day before the row's valid_from and opens a new one, history
    is written, never overwritten. Unit keeps today's version, and every unit's path is recomputed:
    moving one unit moves its subtree. Counts are of units: created, whose history changed, unchanged;
    with the ids of the units created or changed."""
    stored = stored_history()
    rows = {unit: [version for _line, version in pairs] for unit, pairs in file_versions(frame).items()}
    history = lay_over(stored, rows)
    existing = set(Unit.objects.values_list("id", flat=True))
    new = [unit for unit in rows if unit not in existing]
    changed = [unit for unit in rows if unit in existing and history[unit] != stored[unit]]
    if not dry_run:
        fields = ["parent_id", "name", "kind", "activity"]
        current = {unit: version_on(history[unit], today()) for unit in [*new, *changed]}
        Unit.objects.bulk_create(
            [Unit(id=unit, path="", **{f: getattr(current[unit], f) for f in fields}) for unit in new]
        )
        _update(Unit, [{"id": unit, **current[unit]._asdict()} for unit in changed], fields)
        write_history(history, [*new, *changed])
        recompute_paths()
    return Counts(len(new), len(changed), len(rows) - len(new) - len(changed), 0), [*new, *changed]


def recompute_paths() -> int:
    """Store `Unit.path` for the whole tree; returns how many paths changed."""
    parent_of = dict(Unit.objects.values_list("id", "parent_id"))
    stored = dict(Unit.objects.values_list("id", "path"))
    paths = compute_paths(parent_of)
    stale = [{"id": unit, "path": path} for unit, path in paths.items() if stored[unit] != path]
    _update(Unit, stale, ["path"])
    return len(stale)


def _apply_people(frame: pl.DataFrame, dry_run: bool) -> tuple[Counts, list[str]]:
    """Upsert on person_id. Optional columns that the file lacks are left as they are. Returns the
    counts and the ids of the persons created or changed."""
    fields = ["birth_year", "gender", *(column for column in PERSON_OPTIONAL if column in frame.columns)]
    stored = {person["id"]: person for person in Person.objects.values("id", *fields)}
    rows = [{"id": row["person_id"], **{f: row[f] for f in fields}} for row in frame.iter_rows(named=True)]
    new, changed, unchanged = _split(rows, stored, fields)
    if not dry_run:
        Person.objects.bulk_create([Person(**row) for row in new], batch_size=5000)
        _update(Person, changed, fields)
        if new or changed:
            staff_names.bump()
    return Counts(len(new), len(changed), unchanged, 0), [row["id"] for row in [*new, *changed]]


def _apply_employments(frame: pl.DataFrame, dry_run: bool) -> tuple[Counts, list[str]]:
    """Upsert on (person, unit, start_date). Employments that are not in the file are kept: a file
    may hold only recent changes, and an ended employment is said with its end_date. Returns the
    counts and the employments created or changed as "person unit start_date"."""
    fields = ["end_date", "rate", "weekly_hours", "pay"]
    stored = {
        (e["person_id"], e["unit_id"], e["start_date"]): e
        for e in Employment.objects.values("id", "person_id", "unit_id", "start_date", *fields)
    }
    new, changed, unchanged, touched = [], [], 0, []
    for row in frame.iter_rows(named=True):
        key = (row["person_id"], row["unit_id"], row["start_date"])
        values = {
            "end_date": row["end_date"],
            "rate": _decimal(row["rate"]),
            "weekly_hours": _decimal(row["weekly_hours"]),
            "pay": row["pay"],
        }
        old = stored.get(key)
        if old is None:
            new.append(Employment(person_id=key[0], unit_id=key[1], start_date=key[2], **values))
        elif any(old[field] != values[field] for field in fields):
            changed.append({"id": old["id"], **values})
        else:
            unchanged += 1
            continue
        touched.append(f"{key[0]} {key[1]} {key[2].isoformat()}")
    if not dry_run:
        Employment.objects.bulk_create(new, batch_size=5000)
        _update(Employment, changed, fields)
    return Counts(len(new), len(changed), unchanged, 0), touched


def _split(rows: list[dict], stored: dict[str, dict], fields: list[str]) -> tuple[list, list, int]:
    """Rows keyed on "id": (new rows, rows that differ from the stored ones, number unchanged)."""
    new = [row for row in rows if row["id"] not in stored]
    changed = [
        row for row in rows if row["id"] in stored and any(stored[row["id"]][f] != row[f] for f in fields)
    ]
    return new, changed, len(rows) - len(new) - len(changed)


def _update(model: type[models.Model], rows: list[dict], fields: list[str]) -> None:
    """One `UPDATE … WHERE pk = %s` through executemany for rows {"id": …, field: value}. Django's
    bulk_update builds a CASE expression per field and batch: half a minute for 50,000 employments,
    where this takes a second or two."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [column.get_db_prep_save(row[name], connection) for column, name in zip(columns, fields, strict=True)]
        + [row["id"]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


_APPLY = {"units": _apply_units, "people": _apply_people, "employments": _apply_employments}
