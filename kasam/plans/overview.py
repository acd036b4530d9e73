"""Health plans above unit level: for the viewer's scope, which units have a plan
for the year, and how many of their activities are done or overdue.

Choices:
- The rows are the units of kind enhet in the scope, and any other unit (a team, an area) that has a
  plan for the year – a plan is one per workplace, and workplaces are enheter.
- Overdue = the follow-up date has passed (before today) and the activity is neither done nor
  cancelled. On the follow-up date itself it is due, not overdue (the reminder goes out that day).
- Counts are read in one grouped query over the year's plans in the scope.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet

from kasam.org.models import Unit
from kasam.plans.models import Activity, HealthPlan

CLOSED = (Activity.Status.DONE, Activity.Status.CANCELLED)


def overdue_q(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}follow_up_on__lt": day}) & ~Q(**{f"{prefix}status__in": CLOSED})


class Listed(NamedTuple):
    """A unit as a row names it: thousands of rows need no model instances."""

    pk: str
    name: str
    parent_id: str | None


@dataclass
class PlanRow:
    unit: Listed
    area: str
    plan: HealthPlan | None
    activities: int = 0
    done: int = 0
    overdue: int = 0


@dataclass
class Totals:
    units: int = 0
    with_plan: int = 0
    activities: int = 0
    done: int = 0
    overdue: int = 0


def plans_with_counts(units: QuerySet[Unit], year: int, day: date) -> dict[str, HealthPlan]:
    plans = HealthPlan.objects.filter(year=year, unit__in=units.values("pk")).annotate(
        n_activities=Count("activities"),
        n_done=Count("activities", filter=Q(activities__status=Activity.Status.DONE)),
        n_overdue=Count("activities", filter=overdue_q(day, "activities__")),
    )
    return {plan.unit_id: plan for plan in plans}


def overview_rows(scope: QuerySet[Unit], year: int, day: date) -> tuple[list[PlanRow], Totals]:
    plans = plans_with_counts(scope, year, day)
    with_plan = HealthPlan.objects.filter(year=year).values("unit_id")
    listed = scope.filter(Q(kind=Unit.Kind.UNIT) | Q(pk__in=with_plan)).order_by("path")
    units = [Listed(*row) for row in listed.values_list("pk", "name", "parent_id")]
    parents = dict(Unit.objects.filter(pk__in={u.parent_id for u in units}).values_list("pk", "name"))
    rows, totals = [], Totals()
    for unit in units:
        plan = plans.get(unit.pk)
        row = PlanRow(unit=unit, area=parents.get(unit.parent_id, ""), plan=plan)
        if plan is not None:
            row.activities, row.done, row.overdue = plan.n_activities, plan.n_done, plan.n_overdue
            totals.with_plan += 1
        totals.units += 1
        totals.activities += row.activities
        totals.done += row.done
        totals.overdue += row.overdue
        rows.append(row)
    return rows, totals
