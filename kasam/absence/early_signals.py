"""The early-signals list of one unit: the current staff of its subtree, each with the signals the
employer's rehabilitation duty asks the manager to notice (docs/definitions.md "Sick cases"). Reads only the
absences of those persons, computes with kasam.metrics.sickcases."""

from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.db.models import Q

from kasam.absence.models import Absence
from kasam.metrics.definitions import SickLeaveSettings
from kasam.metrics.sickcases import open_cases, repeated_short_term, returning_after_long_absence, sick_cases
from kasam.org import access
from kasam.org.models import Employment, Person, Role, RoleAssignment, Unit


@dataclass
class PersonSignals:
    person: Person
    repeated: dict | None = None  # {"short_cases", "all_cases", "high_risk"}
    high_risk: bool = False
    open_case: dict | None = None  # a row of open_cases
    returning: dict | None = None  # a row of returning_after_long_absence
    unit: Unit | None = None  # where the person works in the subtree (the highest rate)
    managers: list[str] = field(default_factory=list)  # that unit's managers, by name
    manager_ids: list[int] = field(default_factory=list)  # and their logins' ids

    @property
    def has_signal(self) -> bool:
        return bool(self.repeated or self.high_risk or self.open_case or self.returning)


@dataclass
class UnitSignals:
    unit: Unit
    staff_count: int
    people: list[PersonSignals] = field(default_factory=list)
    staff_ids: list[str] = field(default_factory=list)  # everyone in the list, with a signal or not

    @property
    def without_signals(self) -> int:
        return self.staff_count - len(self.people)


CHUNK = 900  # ids a query


def absence_frame(person_ids: list[str]) -> pl.DataFrame:
    """The absences of these persons as kasam.metrics.sickcases reads them (read in chunks: a list
    over a whole organisation holds tens of thousands of ids)."""
    rows = []
    for start in range(0, len(person_ids), CHUNK):
        rows += Absence.objects.filter(person_id__in=person_ids[start : start + CHUNK]).values_list(
            "person_id", "start_date", "end_date", "extent", "kind"
        )
    schema = {
        "person_id": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "extent": pl.Float64,
        "kind": pl.String,
    }
    return pl.DataFrame([(p, s, e, float(x), k) for p, s, e, x, k in rows], schema=schema, orient="row")


def _by_person(frame: pl.DataFrame) -> dict[str, dict]:
    # The latest row per person: a person has at most one open case, and the latest return counts.
    return {row["person_id"]: row for row in frame.iter_rows(named=True)}


def unit_signals(unit: Unit, today: date, settings: SickLeaveSettings) -> UnitSignals:
    # The staff of today: not someone whose employment here starts later, nor one who has left.
    subtree = Unit.objects.filter(path__startswith=unit.path)
    staff = list(access.staff_on(subtree, today).order_by("last_name", "first_name"))
    cases = sick_cases(absence_frame([p.pk for p in staff]), settings)
    repeated = _by_person(
        repeated_short_term(cases, today, settings).filter(pl.col("repeated") | pl.col("high_risk"))
    )
    opened = _by_person(open_cases(cases, today, settings))
    back = _by_person(returning_after_long_absence(cases, today, settings))
    result = UnitSignals(unit=unit, staff_count=len(staff), staff_ids=[p.pk for p in staff])
    for person in staff:
        signals = PersonSignals(
            person=person,
            repeated=repeated.get(person.pk) if repeated.get(person.pk, {}).get("repeated") else None,
            high_risk=bool(repeated.get(person.pk, {}).get("high_risk")),
            open_case=opened.get(person.pk),
            returning=back.get(person.pk),
        )
        if signals.has_signal:
            result.people.append(signals)
    _place(result.people, subtree, today)
    return result


def _place(people: list[PersonSignals], subtree, today: date) -> None:
    """Each person's unit in the subtree (the employment with the highest rate) and its managers: the
    unit managers of that unit or, where it has none (a team), of the nearest unit above it."""
    in_force = (
        Employment.objects.filter(person_id__in=[p.person.pk for p in people], unit__in=subtree)
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("unit")
        .order_by("-rate", "start_date", "unit_id")
    )
    unit_of: dict[str, Unit] = {}
    for employment in in_force:
        unit_of.setdefault(employment.person_id, employment.unit)
    by_path: dict[str, list] = {}
    for assignment in RoleAssignment.objects.filter(role=Role.UNIT_MANAGER).select_related("user", "unit"):
        by_path.setdefault(assignment.unit.path, []).append(assignment.user)
    for item in people:
        item.unit = unit_of.get(item.person.pk)
        users = _nearest(by_path, item.unit.path) if item.unit else []
        item.managers = sorted(user.get_full_name() or user.get_username() for user in users)
        item.manager_ids = [user.pk for user in users]


def _nearest(by_path: dict[str, list], path: str) -> list:
    """The users kept under `path` or the longest path above it that has any."""
    while path:
        if path in by_path:
            return by_path[path]
        path = path[: path.rstrip("/").rfind("/") + 1] if path.rstrip("/").count("/") else ""
    return []
