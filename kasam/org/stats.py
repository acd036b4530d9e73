"""Headcounts for the unit lists: one query for the direct staff of every unit, rolled up the tree in
Python (a unit's figures include its whole subtree, docs/definitions.md), computed once per day and
change of the organisation and held by every worker (kasam.core.generations, name "org")."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kasam.core import generations
from kasam.core.dates import today
from kasam.org.models import Employment, Unit

ORG = "org"  # the generation of units and employments


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    level: int  # depth below the first unit listed, 0 for that unit itself
    headcount: int


def bump() -> None:
    """Units or employments changed (call inside the transaction that changes them)."""
    generations.bump(ORG)


def count_current_staff(day: date) -> dict[str, int]:
    """Distinct persons employed on `day` in each unit's subtree, for every unit."""
    pairs = (
        Employment.objects.filter(start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values_list("unit__path", "person_id")
        .distinct()
    )
    members: dict[str, set[str]] = {unit_id: set() for unit_id in Unit.objects.values_list("pk", flat=True)}
    for path, person_id in pairs:
        # "/root/area/unit/" counts the person in the unit and in every unit above it.
        for ancestor in path.strip("/").split("/"):
            members.setdefault(ancestor, set()).add(person_id)
    return {unit_id: len(staff) for unit_id, staff in members.items()}


def headcounts() -> dict[str, int]:
    """Today's headcount of every unit's subtree."""
    day = today()
    return generations.cached(ORG, ("headcounts", day), lambda: count_current_staff(day))


def unit_rows(units: list[Unit]) -> list[UnitRow]:
    """The units in the order given, each indented by its depth below the shallowest of them."""
    counts = headcounts()
    top = min((unit.depth for unit in units), default=0)
    return [UnitRow(unit=unit, level=unit.depth - top, headcount=counts.get(unit.pk, 0)) for unit in units]


@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
@receiver(post_save, sender=Employment)
@receiver(post_delete, sender=Employment)
def _organisation_changed(**kwargs) -> None:
    bump()
