"""The single door to organisation data. Every view reads units and persons through these
functions; a unit or person outside the viewer's scope is "not found", exactly like one that does
not exist, so that URL guessing learns nothing.

    get_unit(user, unit_id, capability)   the unit, or 404 outside the scope where `capability` is held
    @require_capability(capability)       a view refused (403) to a user who holds it nowhere
"""

from datetime import date
from functools import reduce, wraps
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kasam.core.dates import today
from kasam.org.models import Employment, Person, Role, RoleAssignment, Unit
from kasam.org.roles import CAPABILITIES, Capability


def assignments_of(user) -> list[RoleAssignment]:
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_kasam_assignments", None)
    if cache is None:
        cache = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        user._kasam_assignments = cache
    return cache


def roles_of(user) -> set[Role]:
    return {Role(a.role) for a in assignments_of(user)}


def can(user, capability: Capability) -> bool:
    return any(capability in CAPABILITIES[role] for role in roles_of(user))


def _subtrees(assignments: list[RoleAssignment]) -> Q | None:
    if not assignments:
        return None
    return reduce(or_, (Q(path__startswith=a.unit.path) for a in assignments))


def units_for(user, capability: Capability, excluding: frozenset[Role] = frozenset()) -> QuerySet[Unit]:
    """Units in the subtrees of the user's assignments whose role grants `capability` (leaving out
    assignments of the roles in `excluding`)."""
    granting = [
        a
        for a in assignments_of(user)
        if capability in CAPABILITIES[Role(a.role)] and Role(a.role) not in excluding
    ]
    condition = _subtrees(granting)
    return Unit.objects.filter(condition) if condition is not None else Unit.objects.none()


def scope_key(user, capability: Capability) -> tuple[tuple[str, str], ...]:
    """The (role, unit) of each of the user's assignments granting `capability`: equal keys, equal
    views (for figures cached per viewer, kasam.core.generations). The role is part of it because two
    roles over one unit may see it differently (live or only through releases)."""
    granting = {(a.role, a.unit_id) for a in assignments_of(user) if capability in CAPABILITIES[Role(a.role)]}
    return tuple(sorted(granting))


def assignments_key(user) -> tuple[tuple[str, str], ...]:
    """Every (role, unit) of the user's assignments: equal keys, equal views of every figure (for
    figures cached per viewer that draw on several capabilities, such as a target's)."""
    return tuple(sorted({(a.role, a.unit_id) for a in assignments_of(user)}))


def covers_organisation(user, capability: Capability) -> bool:
    """Whether one of the user's assignments granting `capability` is over a root of the organisation:
    what a page about the whole organisation (the reports) needs."""
    return any(
        capability in CAPABILITIES[Role(a.role)] and a.unit.parent_id is None for a in assignments_of(user)
    )


def visible_units(user) -> QuerySet[Unit]:
    """Units in the subtree of any of the user's role assignments."""
    return units_for(user, Capability.VIEW_UNITS)


def scope_roots(user) -> list[Unit]:
    """The topmost visible units: the roots of the user's scope, without ones nested in another."""
    units = sorted({a.unit.path: a.unit for a in assignments_of(user)}.values(), key=lambda u: u.path)
    roots: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def get_unit(user, unit_id: str, capability: Capability = Capability.VIEW_UNITS) -> Unit:
    """The unit if the user holds `capability` over it; otherwise "not found" (404), exactly like a
    unit that does not exist."""
    try:
        return units_for(user, capability).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def require_capability(capability: Capability):
    """A view decorator: a user who holds `capability` over no unit is refused (403). Put it under
    @login_required and the method decorators, so that signing in and the method are checked first."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_units(user) -> QuerySet[Unit]:
    """Units whose staff the user may list: managers', HR's and the health strategist's scope."""
    return units_for(user, Capability.VIEW_STAFF)


def can_view_staff(user, unit: Unit) -> bool:
    return staff_units(user).filter(pk=unit.pk).exists()


def current_employments(units: QuerySet[Unit]) -> QuerySet[Employment]:
    """Employments in the units that run on or after today (current ones and those about to start)."""
    return Employment.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today()), unit__in=units)


def current_staff(units: QuerySet[Unit]) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=current_employments(units).values("person_id"))


def staff_on(units: QuerySet[Unit], day: date) -> QuerySet[Person]:
    """The units' staff of `day`: persons with an employment there in force that day (started on or
    before it, not ended before it). Unlike `current_staff`, one whose employment starts later is not
    in it yet."""
    in_force = Employment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day), unit__in=units, start_date__lte=day
    )
    return Person.objects.filter(pk__in=in_force.values("person_id"))


def visible_persons(user) -> QuerySet[Person]:
    return current_staff(staff_units(user))


def get_person_for(user, person_id: str) -> Person:
    try:
        return visible_persons(user).get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404 from None
