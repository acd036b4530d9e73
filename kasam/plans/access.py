"""Who may read and who may write health plans and health-factor ratings, built on kasam.org.access
(the single door). docs/definitions.md "Roles and who sees what": the unit's staff and everyone above read
(VIEW_HEALTH_PLAN over the role's scope); the unit's manager writes (EDIT_HEALTH_PLAN over the role's scope).

A unit outside the reading scope is "not found", exactly like one that does not exist. Writing goes
through its own door: a reader who is not an editor of the unit also gets "not found" from every
write address (the form pages included), so the write views need no second rule."""

from django.db.models import QuerySet

from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability


def readable_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.VIEW_HEALTH_PLAN)


def editable_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.EDIT_HEALTH_PLAN)


def get_readable_unit(user, unit_id: str) -> Unit:
    return access.get_unit(user, unit_id, Capability.VIEW_HEALTH_PLAN)


def get_editable_unit(user, unit_id: str) -> Unit:
    return access.get_unit(user, unit_id, Capability.EDIT_HEALTH_PLAN)


def can_edit(user, unit: Unit) -> bool:
    return editable_units(user).filter(pk=unit.pk).exists()
