"""Who sees a rehabilitation case (docs/definitions.md "Rehabilitation", "Roles and who sees what"):

- the person's manager: the unit manager of the unit of the person's employment with the highest rate
  (tie: the earliest start), or, where that unit has none (a team), of the nearest unit above it
  that has one. Computed from today's roles, so a case follows the person to a new manager and
  leaves the old one;
- HR over the person's unit;
- a user HR has delegated the case to (an area manager), until the delegation's end date.

Nobody else: not the health strategist, leadership, the committee, another manager or a colleague.
For everyone else a case is "not found", exactly like one that does not exist."""

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from kasam.core.dates import today
from kasam.org import access
from kasam.org.models import Employment, Person, Role, RoleAssignment, Unit
from kasam.org.roles import Capability
from kasam.rehab.models import Case, Delegation


def main_unit(person_id: str, day: date) -> Unit | None:
    """The unit of the person's employment in force on `day` with the highest rate (tie: the
    earliest start, then the lowest unit id); None for one without an employment that day."""
    employment = (
        Employment.objects.filter(person_id=person_id, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
        .order_by("-rate", "start_date", "unit_id")
        .first()
    )
    return employment.unit if employment else None


def _ancestor_paths(path: str) -> list[str]:
    """`path` and the paths of the units above it, nearest first ("/A/B/C/" → /A/B/C/, /A/B/, /A/)."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) + "/" for n in range(len(parts), 0, -1)]


def manager_unit(unit: Unit) -> Unit | None:
    """The unit whose unit managers manage the staff of `unit`: itself or the nearest above it with
    a unit manager."""
    paths = _ancestor_paths(unit.path)
    held = set(
        RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, unit__path__in=paths).values_list(
            "unit__path", flat=True
        )
    )
    for path in paths:
        if path in held:
            return Unit.objects.get(path=path)
    return None


def managers_of(unit: Unit | None) -> list:
    """The users who manage the staff of `unit` (see the module)."""
    if unit is None:
        return []
    above = manager_unit(unit)
    if above is None:
        return []
    return [
        a.user
        for a in RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, unit=above).select_related("user")
    ]


def _managed_units(user) -> QuerySet[Unit]:
    """The units whose staff `user` manages: each unit under one of the user's unit-manager
    assignments whose nearest managed unit is that assignment's own."""
    mine = [a.unit for a in access.assignments_of(user) if a.role == Role.UNIT_MANAGER]
    if not mine:
        return Unit.objects.none()
    managed = set(RoleAssignment.objects.filter(role=Role.UNIT_MANAGER).values_list("unit__path", flat=True))
    ids = []
    for top in mine:
        for unit_id, path in Unit.objects.filter(path__startswith=top.path).values_list("pk", "path"):
            nearest = next(p for p in _ancestor_paths(path) if p in managed)
            if nearest == top.path:
                ids.append(unit_id)
    return Unit.objects.filter(pk__in=ids)


def hr_units(user) -> QuerySet[Unit]:
    """The units over which the user holds HR's part in cases (closing, delegating, every case)."""
    return access.units_for(user, Capability.CLOSE_REHAB_CASES)


def cases_for(user, day: date | None = None) -> QuerySet[Case]:
    """Every case `user` may see today (see the module)."""
    if not user.is_authenticated:
        return Case.objects.none()
    day = day or today()
    condition = Q(pk__in=Delegation.objects.filter(user=user, ends_on__gte=day).values("case_id"))
    if access.can(user, Capability.CLOSE_REHAB_CASES):
        condition |= Q(unit__in=hr_units(user))
    if access.can(user, Capability.HANDLE_REHAB_CASES):
        condition |= Q(unit__in=_managed_units(user))
    return Case.objects.filter(condition)


def get_case(user, case_id: int) -> Case:
    """The case if `user` may see it; otherwise "not found"."""
    try:
        return cases_for(user).select_related("person", "unit").get(pk=case_id)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None


def may_open_for(user, person: Person, day: date | None = None) -> bool:
    """Whether `user` may open a case about `person`: their manager, or HR over their unit."""
    unit = main_unit(person.pk, day or today())
    if unit is None:
        return False
    if hr_units(user).filter(pk=unit.pk).exists():
        return True
    return access.can(user, Capability.HANDLE_REHAB_CASES) and any(m.pk == user.pk for m in managers_of(unit))


def is_hr_for(user, case: Case) -> bool:
    return case.unit_id is not None and hr_units(user).filter(pk=case.unit_id).exists()
