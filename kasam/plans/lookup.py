"""Finding a plan for a view through the plans' access door (kasam.plans.access): a unit outside the
scope, a year out of range and a plan that does not exist are all "not found"."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from kasam.org.models import Unit
from kasam.plans import access
from kasam.plans.models import Activity, HealthPlan, PlanArea

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def editable_plan(user, unit_id: str, year: int) -> tuple[Unit, HealthPlan]:
    unit = access.get_editable_unit(user, unit_id)
    return unit, get_object_or_404(HealthPlan, unit=unit, year=check_year(year))


def editable_area(user, unit_id: str, year: int, area_id: int) -> PlanArea:
    _unit, plan = editable_plan(user, unit_id, year)
    return get_object_or_404(PlanArea, plan=plan, pk=area_id)


def editable_activity(user, unit_id: str, year: int, activity_id: int) -> Activity:
    _unit, plan = editable_plan(user, unit_id, year)
    return get_object_or_404(Activity.objects.select_related("plan__unit"), plan=plan, pk=activity_id)
