"""Headcounts for the unit overview: one query for the direct staff of every visible unit, then
rolled up the tree in Python (a unit's figures include its whole subtree, docs/definitions.md)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from kasam.core.dates import today
from kasam.org.models import Employment, Unit


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    level: int  # depth below the scope root it is shown under, 0 for the root itself
    headcount: int


def count_current_staff(units: list[Unit]) -> dict[str, int]:
    """Distinct persons employed on today's date in each unit's subtree."""
    day = today()
    pairs = (
        Employment.objects.filter(unit__in=[u.pk for u in units], start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("unit__path", "person_id")
        .distinct()
    )
    members: dict[str, set[str]] = {u.pk: set() for u in units}
    for path, person_id in pairs:
        # "/root/area/unit/" counts the person in the unit and in every ancestor shown.
        for ancestor in path.strip("/").split("/"):
            if ancestor in members:
                members[ancestor].add(person_id)
    return {unit_id: len(staff) for unit_id, staff in members.items()}


def unit_overview(units: QuerySet[Unit], roots: list[Unit]) -> list[UnitRow]:
    listed = list(units.order_by("path"))
    counts = count_current_staff(listed)
    rows = []
    for unit in listed:
        root = next((r for r in roots if unit.path.startswith(r.path)), None)
        level = unit.depth - root.depth if root else 0
        rows.append(UnitRow(unit=unit, level=level, headcount=counts[unit.pk]))
    return rows
