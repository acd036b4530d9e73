"""The unit manager's "what needs attention this week", for each unit the manager holds: a pulse
dimension that fell in the latest closed round, early signals nobody has followed up yet, plan
activities whose follow-up is due, the next dialog theme for the workplace meeting – and the unit's
sick leave with its trend. Each item links to the page it comes from."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse

from kasam.absence import follow_ups
from kasam.absence import pages as absence_pages
from kasam.absence.conf import sick_leave_settings
from kasam.absence.early_signals import unit_signals
from kasam.absence.figures import latest_rolling_period
from kasam.core.dates import today
from kasam.dialogs import meetings
from kasam.dialogs.models import PlannedMeeting
from kasam.org import access
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability
from kasam.plans.models import Activity, HealthPlan
from kasam.pulse import results
from kasam.site.home.common import (
    Fallen,
    NextTheme,
    fallen_dimensions,
    monthly_sick_leave,
    next_themes,
    sick_leave_trend,
)
from kasam.site.home.trend import Trend

MAX_UNITS = 5  # a manager of more units than this finds the rest under "Dina enheter"
DUE_WITHIN_DAYS = 14  # a follow-up this close is "due this week" or the next
MAX_ACTIVITIES = 3
RUNNING = (Activity.Status.PLANNED, Activity.Status.ONGOING)


@dataclass
class SickLeave:
    pct: float | None
    trend_pp: float | None
    trend: Trend | None
    url: str


@dataclass
class Attention:
    unit: Unit
    sick_leave: SickLeave | None = None
    fallen: list[Fallen] = field(default_factory=list)
    waiting_signals: int | None = None  # None: the viewer does not see the unit's early signals
    signals_url: str = ""
    plan: HealthPlan | None = None
    plan_url: str = ""
    due: list[Activity] = field(default_factory=list)
    next_theme: NextTheme | None = None
    meeting: PlannedMeeting | None = None  # the next planned workplace meeting
    meeting_url: str = ""  # leading it on the big screen
    plan_meeting_url: str = ""

    @property
    def calm(self) -> bool:
        """Nothing asks for attention (the page says so instead of showing an empty list)."""
        return not (self.fallen or self.waiting_signals or self.due or self.plan is None)


def managed_units(user) -> list[Unit]:
    units = {a.unit.pk: a.unit for a in access.assignments_of(user) if a.role == Role.UNIT_MANAGER}
    return sorted(units.values(), key=lambda unit: unit.path)[:MAX_UNITS]


def section(request) -> list[Attention]:
    user, viewer, day = request.user, request.viewer, today()
    units = managed_units(user)
    if not units:
        return []
    ids = [unit.pk for unit in units]
    found = {unit.pk: Attention(unit) for unit in units}
    _sick_leave(found, viewer)
    if access.can(user, Capability.VIEW_PULSE_SIGNALS):
        for unit_id, points in results.histories([i for i in ids if viewer.sees_pulse_unit(i)]).items():
            found[unit_id].fallen = fallen_dimensions(unit_id, points)
    signal_units = set(
        access.units_for(user, Capability.VIEW_EARLY_SIGNALS).filter(pk__in=ids).values_list("pk", flat=True)
    )
    for unit_id in ids:
        if unit_id in signal_units:
            _early_signals(found[unit_id], day)
    _plans(found, day)
    for unit_id, theme in next_themes(ids).items():
        found[unit_id].next_theme = theme
    _meetings(found, user, day)
    return [found[unit_id] for unit_id in ids]


def _meetings(found: dict[str, Attention], user, day: date) -> None:
    """The next planned workplace meeting of each unit (one query), or where to plan one."""
    for meeting in meetings.upcoming(list(found), day):
        item = found[meeting.unit_id]
        if item.meeting is None:
            item.meeting, item.meeting_url = meeting, meetings.facilitator_url(meeting)
    if access.can(user, Capability.RUN_DIALOGS):
        for unit_id, item in found.items():
            item.plan_meeting_url = f"{reverse('dialogs:plan-meeting')}?enhet={unit_id}"


def _sick_leave(found: dict[str, Attention], viewer) -> None:
    period = latest_rolling_period()
    live = [unit_id for unit_id in found if viewer.sick_leave_is_live(unit_id)]
    if period is None or not live:
        return
    months = monthly_sick_leave(live, period)
    for unit_id in live:
        headline = absence_pages.unit_headline(found[unit_id].unit, period)
        if headline is None:
            continue
        found[unit_id].sick_leave = SickLeave(
            headline["current"].sick_leave_pct,
            headline["trend_pp"],
            sick_leave_trend(months[unit_id]),
            reverse("absence:unit", kwargs={"unit_id": unit_id}),
        )


def _early_signals(item: Attention, day: date) -> None:
    """The unit's current early signals, computed as the list computes them on each view (they are
    never stored: docs/definitions.md "Following up early signals"), counted without naming anyone."""
    signals = unit_signals(item.unit, day, sick_leave_settings())
    item.waiting_signals = follow_ups.waiting(follow_ups.signals_of(signals.people))
    item.signals_url = reverse("absence:early-signals", kwargs={"unit_id": item.unit.pk})


def _plans(found: dict[str, Attention], day: date) -> None:
    plans = {plan.unit_id: plan for plan in HealthPlan.objects.filter(unit__in=list(found), year=day.year)}
    due = (
        Activity.objects.filter(
            plan__in=list(plans.values()),
            status__in=RUNNING,
            followed_up_on__isnull=True,
            follow_up_on__lte=day + timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("plan")
        .order_by("follow_up_on", "id")
    )
    for activity in due:
        item = found[activity.plan.unit_id]
        if len(item.due) < MAX_ACTIVITIES:
            item.due.append(activity)
    for unit_id, item in found.items():
        item.plan = plans.get(unit_id)
        item.plan_url = reverse("plans:plan", kwargs={"unit_id": unit_id, "year": day.year})
