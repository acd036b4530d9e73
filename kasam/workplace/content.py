"""What the employee page shows, loaded for one person (docs/employee-page.md "What the page shows").

Everything here is about the person's workplace, never about the person: the page may be kept offline
on a phone. The pulse figures are the gate's (kasam.pulse.results): the person's own group when it is
shown, else the nearest shown unit above it, named as such.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from kasam.dialogs.models import DialogRecord, PlannedMeeting
from kasam.metrics.pulse import DimensionResult
from kasam.org.models import Employment, Person, Unit
from kasam.plans.models import Activity, HealthPlan
from kasam.pulse import results
from kasam.pulse.models import Invitation, Round

# Workplace meetings of the last half year show what the group agreed on.
AGREED_DAYS = 183


def home_unit(person: Person, day: date) -> Unit | None:
    """The unit of the person's current employment (the largest, if several)."""
    employment = (
        Employment.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
        .order_by("-rate", "unit__path")
        .first()
    )
    return employment.unit if employment else None


def lineage(unit: Unit) -> list[str]:
    """The unit's id and its ancestors', nearest first."""
    return unit.path.strip("/").split("/")[::-1]


@dataclass(frozen=True)
class PulseFigures:
    round: Round
    unit_name: str
    own_group: bool  # False: the group had too few answers, these are of the unit above
    respondents: int
    # (dimension id, result) in the pulse's order; the page names them in the employee's language.
    dimensions: list[tuple[str, DimensionResult]]


def pulse_figures(person: Person, unit: Unit) -> PulseFigures | None:
    """The latest closed round the person was invited to (or, if none, the latest with their unit): the
    figures of their own unit when it is shown, else of the nearest shown unit above it (the gate's
    nodes, kasam.pulse.results; a small group's answers may have been pooled with a unit above)."""
    invitation = (
        Invitation.objects.filter(person=person, round__status=Round.Status.CLOSED)
        .select_related("round")
        .order_by("-round__closes_on", "-round_id")
        .first()
    )
    round = invitation.round if invitation else results.latest_round({unit.pk}, Round.Status.CLOSED)
    if round is None:
        return None
    node = unit.pk if unit.pk in round.tree else (invitation.reporting_node if invitation else None)
    if node not in round.tree:
        return None
    loaded = results.load_round(round, figures=False)
    own = node in loaded.release.shown
    shown = node if own else results.nearest_shown(loaded, node)
    if shown is None:
        return None
    loaded.read([shown])
    figures = loaded.release.results.get(shown, {})
    name = Unit.objects.filter(pk=shown).values_list("name", flat=True).first() or ""
    return PulseFigures(
        round=round,
        unit_name=name,
        own_group=own,
        respondents=loaded.release.respondents[shown],
        dimensions=[(d, figures[d]) for d in results.DIMENSION_ORDER if d in figures],
    )


def invited_round(person: Person, day: date) -> Round | None:
    """An open round the person is invited to, answered or not (whether one has answered is the
    person's own and stays off this page: the answer button says it)."""
    invitation = (
        Invitation.objects.filter(person=person, round__status=Round.Status.OPEN, round__closes_on__gte=day)
        .select_related("round")
        .order_by("round__closes_on")
        .first()
    )
    return invitation.round if invitation else None


@dataclass
class PlanPart:
    plan: HealthPlan
    unit_name: str
    activities: list[Activity] = field(default_factory=list)


def plan_part(unit: Unit, day: date) -> PlanPart | None:
    """This year's health plan of the unit or, if it has none, of the nearest unit above with one."""
    ids = lineage(unit)
    plans = {
        p.unit_id: p for p in HealthPlan.objects.filter(unit_id__in=ids, year=day.year).select_related("unit")
    }
    plan = next((plans[i] for i in ids if i in plans), None)
    if plan is None:
        return None
    activities = list(
        plan.activities.exclude(status=Activity.Status.CANCELLED).order_by("follow_up_on", "id")
    )
    return PlanPart(plan=plan, unit_name=plan.unit.name, activities=activities)


def agreed(unit: Unit, day: date) -> list[DialogRecord]:
    """The workplace meetings of the unit (and the units above it) in the last half year that agreed on
    actions, newest first, with those actions."""
    since = day - timedelta(days=AGREED_DAYS)
    return list(
        DialogRecord.objects.filter(unit_id__in=lineage(unit), held_on__gte=since, held_on__lte=day)
        .filter(activities__isnull=False)
        .distinct()
        .select_related("programme", "theme")
        .prefetch_related("activities")
        .order_by("-held_on", "-id")[:5]
    )


def next_meeting(unit: Unit, day: date) -> PlannedMeeting | None:
    """The next planned workplace meeting of the unit or a unit above it."""
    return (
        PlannedMeeting.objects.filter(unit_id__in=lineage(unit), held_on__gte=day, record__isnull=True)
        .select_related("theme", "theme__programme", "unit")
        .order_by("held_on", "id")
        .first()
    )
