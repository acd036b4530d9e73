"""Who may do what with leadership building blocks, built on kasam.org.access (the single door).

- Everyone logged in reads the catalogue (it is Kasam's text and the organisation's).
- A leader – a unit manager or area manager (KEEP_LEADER_CHECKLIST) – keeps their own trainings and
  their private checklist. No address takes another user's id for the checklist: a leader's answers
  are read only through `request.user`.
- Leadership, the health strategist and HR (VIEW_LEADERSHIP) see the trainings of the leaders in their
  scope and the checklist's aggregates over at least k of them; the health strategist and HR
  (MANAGE_LEADERSHIP) record trainings for the leaders in their scope.

A leader in scope is an active user with a unit-manager or area-manager assignment over a unit in
the viewer's VIEW_LEADERSHIP units."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from kasam.org import access
from kasam.org.models import RoleAssignment, Unit
from kasam.org.roles import Capability, roles_with

# The leaders: the roles that keep a leader's checklist (unit managers and area managers).
LEADER_ROLES = tuple(roles_with(Capability.KEEP_LEADER_CHECKLIST))


def is_leader(user) -> bool:
    return access.can(user, Capability.KEEP_LEADER_CHECKLIST)


def can_view(user) -> bool:
    return access.can(user, Capability.VIEW_LEADERSHIP)


def can_manage(user) -> bool:
    return access.can(user, Capability.MANAGE_LEADERSHIP)


def scope_units(user, capability: Capability = Capability.VIEW_LEADERSHIP) -> QuerySet[Unit]:
    return access.units_for(user, capability)


def leaders_in(units: QuerySet[Unit]):
    """Active users holding a leader's role over one of `units`, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, role_assignments__role__in=LEADER_ROLES, role_assignments__unit__in=units
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def leaders_in_scope(user, capability: Capability = Capability.VIEW_LEADERSHIP):
    return leaders_in(scope_units(user, capability))


def leader_units(leader_ids, units: QuerySet[Unit]) -> dict[int, list[Unit]]:
    """Each leader's units among `units` (the units of their leader assignments), by path."""
    result: dict[int, list[Unit]] = {}
    assignments = (
        RoleAssignment.objects.filter(user_id__in=leader_ids, role__in=LEADER_ROLES, unit__in=units)
        .select_related("unit")
        .order_by("unit__path")
    )
    for assignment in assignments:
        result.setdefault(assignment.user_id, []).append(assignment.unit)
    return result


def display_name(user) -> str:
    """The person's name when the login belongs to one, else the login's name, else its username."""
    person = getattr(user, "person", None)
    if person is not None and str(person) != person.id:
        return str(person)
    return user.get_full_name() or user.username
