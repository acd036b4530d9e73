"""The dialog coach's home, kept small: its units' recent dialogs and each unit's next theme, linked
to the unit's reach page (kasam.dialogs reach: aggregates and the group's own words, never a person)."""

from dataclasses import dataclass

from django.urls import reverse

from kasam.dialogs.models import DialogRecord
from kasam.org import access
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability
from kasam.site.home.common import NextTheme, next_themes

RECENT = 5


@dataclass(frozen=True)
class CoachUnit:
    unit: Unit
    next_theme: NextTheme | None
    url: str


@dataclass(frozen=True)
class CoachSection:
    units: list[CoachUnit]
    recent: list[DialogRecord]


def section(request) -> CoachSection | None:
    units = sorted(
        {
            a.unit.pk: a.unit for a in access.assignments_of(request.user) if a.role == Role.DIALOG_COACH
        }.values(),
        key=lambda unit: unit.path,
    )
    if not units:
        return None
    ids = [unit.pk for unit in units]
    themes = next_themes(ids)
    reached = access.units_for(request.user, Capability.VIEW_DIALOG_REACH)
    recent = list(
        DialogRecord.objects.filter(unit__in=reached)
        .select_related("unit", "programme", "theme")
        .order_by("-held_on", "-id")[:RECENT]
    )
    return CoachSection(
        [
            CoachUnit(u, themes.get(u.pk), reverse("dialogs:unit-reach", kwargs={"unit_id": u.pk}))
            for u in units
        ],
        recent,
    )
