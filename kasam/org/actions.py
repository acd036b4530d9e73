"""Writes to the organisation tables: the units, persons and employments files (kasam.org.imports
checks them), and who imports. The dispatcher that checks a file completely, writes it all or nothing
in one transaction and logs it is kasam.site.imports; this app contributes its kinds through
kasam.org.contrib.

Every import is made by an `Importer`: a signed-in user limited to what their role covers (a role
over part of the organisation imports only that part, docs/import-formats.md "Who may import
what"), or the command line, which runs as the operator over the whole organisation."""

import getpass
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from django.db import connection, models
from django.db.models import Q

from kasam.core.dates import today
from kasam.core.validation import Counts, ImportMessage, ImportResult, ImportScope, Validated
from kasam.metrics.tree_history import lay_over, version_on
from kasam.org import access, staff_names, stats
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

__all__ = ["ImportMessage", "ImportResult", "Importer", "import_scope"]


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


def validate_units_file(data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    """The database is read here, once, so that the checks themselves stay pure."""
    return validate_units(data, filename, stored_history(), today(), scope)


def validate_people_file(data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    return validate_people(data, filename, latest_birth_year=today().year - MINIMUM_AGE, scope=scope)


def validate_employments_file(data: bytes, filename: str, scope: ImportScope | None) -> Validated:
    persons = set(Person.objects.values_list("id", flat=True))
    units = set(Unit.objects.values_list("id", flat=True))
    return validate_employments(data, filename, persons, units, scope)


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
        stats.bump()
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
        stats.bump()
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


apply_units, apply_people, apply_employments = _apply_units, _apply_people, _apply_employments
