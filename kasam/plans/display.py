"""A plan as one viewer sees it: the stored snapshot turned into rows for the page and the PDF, and
the plan's areas and activities. The snapshot is read as stored – nothing here recomputes a figure.

The only viewer-dependent part is sick leave (kasam.plans.snapshot explains the rule): the live
figures to those who see the unit's sick leave unsuppressed, and to every other reader the latest
release of the day (nothing when there was none, or when the snapshot is older than that rule)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext

from kasam.absence.released import period_label
from kasam.metrics.periods import parse_period
from kasam.plans import tracking
from kasam.plans.factors import factor_label
from kasam.plans.models import Activity, FactorScore, HealthPlan, PlanArea
from kasam.plans.overview import CLOSED
from kasam.plans.snapshot import released_section, sick_leave_section


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass
class SickLeave:
    period_start: date
    period_end: date
    sick_leave_pct: float | None
    long_term_share_pct: float | None
    healthy_attendance_pct: float | None
    hidden: bool  # the gate hid it from this viewer
    label: str = ""  # the release the figures are from; "" for the live figures


@dataclass
class PulseFigures:
    closes_on: date
    programme: str
    shown: bool
    respondents: int | None
    dimensions: list[tuple[str, float | None, float | None]]  # (name, index, favourable %)


@dataclass
class FactorFigure:
    label: str
    score: int
    choice: str
    note: str


@dataclass
class Snapshot:
    taken_on: date
    sick_leave: SickLeave | None
    pulse: PulseFigures | None
    factors_rated_on: date | None
    factors: list[FactorFigure] = field(default_factory=list)
    survey: dict | None = None
    # Today's sick leave, read the same way for the same viewer, so that the plan's figure is never
    # shown without the one the sick-leave pages show today (and why they differ).
    sick_leave_now: SickLeave | None = None

    @property
    def sick_leave_moved(self) -> bool:
        """Today's figure differs from the plan's (another period, or the data changed since)."""
        then, now = self.sick_leave, self.sick_leave_now
        if now is None or then is None:
            return False
        return (now.period_start, now.period_end, now.sick_leave_pct) != (
            then.period_start,
            then.period_end,
            then.sick_leave_pct,
        )


def snapshot_for(plan: HealthPlan, viewer) -> Snapshot:
    """The plan's stored snapshot as `viewer` (the request's, kasam.anonymity.viewer) may see it."""
    from kasam.plans.factors import FACTORS
    from kasam.pulse.dimensions import dimension_name  # the names the pulse pages use

    stored = plan.snapshot or {}
    live = viewer.sick_leave_is_live(plan.unit_id)
    sick_leave = sick_leave_for(stored, live)
    unit = plan.unit
    current = (
        {"sick_leave": sick_leave_section(unit)} if live else {"sick_leave_released": released_section(unit)}
    )
    pulse = None
    if stored.get("pulse"):
        p = stored["pulse"]
        pulse = PulseFigures(
            closes_on=_date(p["closes_on"]),
            programme=p.get("programme", ""),
            shown=p.get("shown", False),
            respondents=p.get("respondents"),
            dimensions=[
                (dimension_name(name), d.get("index"), d.get("favourable_pct"))
                for name, d in (p.get("dimensions") or {}).items()
            ],
        )
    factors = stored.get("health_factors") or {}
    scores = factors.get("scores") or {}
    order = [f.value for f in FACTORS]
    return Snapshot(
        taken_on=_date(stored.get("taken_on")) or plan.snapshot_taken_on,
        sick_leave=sick_leave,
        pulse=pulse,
        factors_rated_on=_date(factors.get("rated_on")),
        factors=[
            FactorFigure(
                label=factor_label(key),
                score=scores[key]["score"],
                choice=scores[key].get("choice", ""),
                note=scores[key].get("note", ""),
            )
            for key in sorted(scores, key=lambda k: order.index(k) if k in order else 99)
        ],
        survey=stored.get("survey"),
        sick_leave_now=sick_leave_for(current, live),
    )


def sick_leave_for(stored: dict, unsuppressed: bool) -> SickLeave | None:
    """The live section for a viewer who sees the unit unsuppressed; the release of the day for
    everyone else."""
    sick = stored.get("sick_leave") if unsuppressed else stored.get("sick_leave_released")
    if not sick:
        return None
    hidden = False if unsuppressed else not sick.get("shown")
    label = ""
    if not unsuppressed:
        label = period_label(parse_period(sick["period"]))
        if sick.get("version", 1) > 1:
            label = gettext("%(label)s (corrected)") % {"label": label}
    return SickLeave(
        period_start=_date(sick["period_start"]),
        period_end=_date(sick["period_end"]),
        sick_leave_pct=None if hidden else sick.get("sick_leave_pct"),
        long_term_share_pct=None if hidden else sick.get("long_term_share_pct"),
        healthy_attendance_pct=None if hidden else sick.get("healthy_attendance_pct"),
        hidden=hidden,
        label=label,
    )


def choice_label(choice: str) -> str:
    """The unit's choice for a factor, in the words of the health-factor page."""
    if choice == FactorScore.Choice.KEEP:
        return gettext("Keep")
    if choice == FactorScore.Choice.STRENGTHEN:
        return gettext("Strengthen")
    return ""


def source_label(area: PlanArea) -> str:
    """Where an area came from, in the words of the plan page ("" for the unit's own)."""
    if area.source == PlanArea.Source.HEALTH_FACTOR:
        return gettext("from our health factors")
    if area.source == PlanArea.Source.SURVEY:
        return gettext("from the employee survey, question %(item)s") % {"item": area.source_ref}
    return ""


def is_overdue(activity: Activity, day: date) -> bool:
    return activity.follow_up_on < day and activity.status not in CLOSED


@dataclass
class ActivityView:
    activity: Activity
    overdue: bool
    due: bool  # the follow-up date is today or passed, and it is not followed up
    tracked_text: str
    trend_chart: object | None
    trend_latest: float | None


def activity_views(plan: HealthPlan, activities: list[Activity], day: date) -> list[ActivityView]:
    """Each activity with its state and, when it tracks a pulse statement, that statement's trend."""
    tracked = [a.tracked_statement for a in activities if a.tracked_statement]
    trends = tracking.statement_trends(plan.unit_id, tracked) if tracked else {}
    views = []
    for activity in activities:
        trend = trends.get(activity.tracked_statement, [])
        views.append(
            ActivityView(
                activity=activity,
                overdue=is_overdue(activity, day),
                due=activity.follow_up_on <= day
                and activity.followed_up_on is None
                and activity.status not in CLOSED,
                tracked_text=tracking.statement_text(activity.tracked_statement)
                if activity.tracked_statement
                else "",
                trend_chart=tracking.trend_chart(
                    activity.tracked_statement, trend, chart_id=f"trend-{activity.pk}"
                )
                if activity.tracked_statement
                else None,
                trend_latest=trend[-1][1] if trend else None,
            )
        )
    return views
