"""Every write of a health plan that is more than saving a form: making the plan (with its
snapshot), an area to strengthen from a source, the follow-up of an activity.

Choices:
- A plan can be made for this year and next year (planning for next year starts in the autumn); a
  plan for a past year would carry today's figures as if they were that year's.
- `area_from_source` is idempotent per plan, source and reference: a second click (or a second
  survey page posting the same gap) finds the area already in the plan instead of adding it twice.
- The follow-up closes the activity (status done) with its reflection (Kolb's cycle: what we did,
  noticed and conclude). "Try again" is a new activity, which the plan page offers after each
  follow-up, so an activity's own reflection is never overwritten by the next round of the cycle.
"""

from datetime import date

from django.db import IntegrityError, transaction

from kasam.core.dates import today
from kasam.org.models import Unit
from kasam.plans import snapshot
from kasam.plans.models import Activity, HealthFactor, HealthPlan, PlanArea
from kasam.pulse.question_bank import DIMENSION_IDS


class PlanYearError(ValueError):
    """A plan cannot be made for that year."""


def creatable_years(day: date | None = None) -> tuple[int, int]:
    year = (day or today()).year
    return (year, year + 1)


def get_or_create_plan(unit: Unit, year: int, user=None) -> tuple[HealthPlan, bool]:
    """The unit's plan for the year, made now with its snapshot if there is none."""
    existing = HealthPlan.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing, False
    day = today()
    if year not in creatable_years(day):
        raise PlanYearError(year)
    taken = snapshot.take_snapshot(unit, year, day)
    try:
        with transaction.atomic():
            plan = HealthPlan.objects.create(
                unit=unit, year=year, snapshot=taken, snapshot_taken_on=day, created_by=user
            )
    except IntegrityError:  # made meanwhile by another request
        return HealthPlan.objects.get(unit=unit, year=year), False
    return plan, True


SOURCES = {PlanArea.Source.SURVEY, PlanArea.Source.HEALTH_FACTOR, PlanArea.Source.PULSE}


@transaction.atomic
def area_from_source(
    unit: Unit, year: int, source: str, ref: str, title: str, user=None
) -> tuple[PlanArea, bool]:
    """An area to strengthen in the unit's plan for the year, from a survey item, a health factor or a
    pulse dimension;
    the plan is made first when missing. Returns (area, created)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source: {source!r}")
    if source == PlanArea.Source.HEALTH_FACTOR and ref not in HealthFactor.values:
        raise ValueError(f"unknown health factor: {ref!r}")
    if source == PlanArea.Source.PULSE and ref not in DIMENSION_IDS:
        raise ValueError(f"unknown pulse dimension: {ref!r}")
    plan, _created = get_or_create_plan(unit, year, user)
    existing = PlanArea.objects.filter(
        plan=plan, kind=PlanArea.Kind.STRENGTHEN, source=source, source_ref=ref
    ).first()
    if existing is not None:
        return existing, False
    area = PlanArea.objects.create(
        plan=plan, kind=PlanArea.Kind.STRENGTHEN, title=title, source=source, source_ref=ref
    )
    return area, True


def follow_up(activity: Activity, followed_up_on: date, reflection: str) -> Activity:
    activity.followed_up_on = followed_up_on
    activity.reflection = reflection
    activity.status = Activity.Status.DONE
    activity.save(update_fields=["followed_up_on", "reflection", "status"])
    return activity
