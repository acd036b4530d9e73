"""Who may do what with dialogs, built on kasam.org.access (the single door). docs/definitions.md "Roles and
who sees what": the unit's manager, the area manager and the health strategist over their scope, and dialog
coaches over their assigned units, run and record dialogs (RUN_DIALOGS); the reach is read over the scope
(VIEW_DIALOG_REACH); the health strategist and HR edit the library (MANAGE_DIALOG_LIBRARY). The
library itself is Kasam's text and the organisation's, readable by everyone logged in.

A unit outside the scope is "not found", exactly like one that does not exist."""

from datetime import date

from django.db.models import Q, QuerySet

from kasam.org import access
from kasam.org.models import Employment, Unit
from kasam.org.roles import Capability


def recordable_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.RUN_DIALOGS)


def reach_units(user) -> QuerySet[Unit]:
    return access.units_for(user, Capability.VIEW_DIALOG_REACH)


def can_record(user) -> bool:
    return access.can(user, Capability.RUN_DIALOGS)


def can_see_reach(user) -> bool:
    return access.can(user, Capability.VIEW_DIALOG_REACH)


def can_manage_library(user) -> bool:
    return access.can(user, Capability.MANAGE_DIALOG_LIBRARY)


def staff_on(unit: Unit, day: date) -> int:
    """Persons employed in the unit or below it on the day (monthly and hourly paid alike: everyone
    may take part in the workplace meeting)."""
    return (
        Employment.objects.filter(unit__path__startswith=unit.path, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .values("person_id")
        .distinct()
        .count()
    )
