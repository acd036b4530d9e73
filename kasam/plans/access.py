"""Who may read and who may write health plans and health-factor ratings, built on kasam.org.access
(the single door). docs/definitions.md "Roles and who sees what": the unit's staff and everyone above read
(VIEW_HEALTH_PLAN over the role's scope); the unit's manager writes (EDIT_HEALTH_PLAN over the role's scope).

A unit outside the reading scope is "not found", exactly like one that does not exist. Writing goes
through its own door: a reader who is not an editor of the unit also gets "not found" from every
write address (the form pages included), so the write views need no second rule."""

from django.db.models import QuerySet
from django.http import Http404

from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability


def readable_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.VIEW_HEALTH_PLAN)


def editable_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.EDIT_HEALTH_PLAN)


def _get(units: QuerySet[Unit], unit_id: str) -> Unit:
    try:
        return units.get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def get_readable_unit(user, unit_id: str) -> Unit:
    return _get(readable_units(user), unit_id)


def get_editable_unit(user, unit_id: str) -> Unit:
    return _get(editable_units(user), unit_id)


def can_edit(user, unit: Unit) -> bool:
    return editable_units(user).filter(pk=unit.pk).exists()
