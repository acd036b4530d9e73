"""The area manager's "which units need support": the units of kind enhet in the area, ranked by
kasam.metrics.support on the figures their pages show – sick leave's change over the last 12 months
(the sick-leave overview's "change"), the pulse dimensions that fell (the dashboard's early signal),
HME against the previous survey (the survey's unit page), and the health plan (the plans overview) –
each reason in words, linked to its page, with its trend."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from kasam.absence import figures
from kasam.absence import pages as absence_pages
from kasam.core.dates import today
from kasam.core.formatting import format_number
from kasam.metrics import support
from kasam.org import access
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability
from kasam.plans.overview import plans_with_counts
from kasam.pulse import results
from kasam.site.home.common import fallen_dimensions, monthly_sick_leave, sick_leave_trend
from kasam.site.home.trend import Trend, index, trend
from kasam.survey import results as survey

SHOWN = 5  # the units named; the rest are counted
OTHER_ROLES = frozenset(set(Role) - {Role.AREA_MANAGER})


@dataclass(frozen=True)
class Said:
    """One reason as the page says it: the sentence, the page behind it, the figure's trend."""

    text: str
    url: str
    trend: Trend | None = None


@dataclass(frozen=True)
class Support:
    unit: Unit
    reasons: list[Said]


@dataclass(frozen=True)
class AreaSection:
    ranked: list[Support]
    units: int  # units of kind enhet in the area
    calm: int  # of them, those without any reason
    more: int  # ranked but not named (after the first SHOWN)


def area_units(user) -> list[Unit]:
    """The units of kind enhet under the user's area-manager assignments."""
    scope = access.units_for(user, Capability.VIEW_UNITS, excluding=OTHER_ROLES)
    return list(scope.filter(kind=Unit.Kind.UNIT).order_by("path"))


def section(request) -> AreaSection | None:
    units = area_units(request.user)
    if not units:
        return None
    viewer, day = request.viewer, today()
    by_id = {unit.pk: unit for unit in units}
    ids = list(by_id)
    period = figures.latest_rolling_period()
    change = _sick_leave_changes(units, viewer, period)
    pulse = results.histories([i for i in ids if viewer.sees_pulse_unit(i)])
    fallen = {unit_id: fallen_dimensions(unit_id, points) for unit_id, points in pulse.items()}
    hme = _hme(ids, viewer)
    plans = plans_with_counts(Unit.objects.filter(pk__in=ids), day.year, day)
    ranked = support.rank(
        [
            support.UnitFigures(
                unit.pk,
                unit.name,
                sick_leave_change_pp=change.get(unit.pk),
                fallen_dimensions=tuple(f.dimension for f in fallen.get(unit.pk, [])),
                hme_change=hme[unit.pk][2] if unit.pk in hme else None,
                has_plan=unit.pk in plans,
                overdue_activities=plans[unit.pk].n_overdue if unit.pk in plans else 0,
            )
            for unit in units
        ]
    )
    named = ranked[:SHOWN]
    months = monthly_sick_leave([r.unit_id for r in named], period) if period else {}
    shown = [
        Support(
            by_id[r.unit_id],
            [_said(reason, r.unit_id, months, fallen, hme, day) for reason in r.reasons],
        )
        for r in named
    ]
    return AreaSection(shown, len(units), len(units) - len(ranked), len(ranked) - len(named))


def _sick_leave_changes(units: list[Unit], viewer, period) -> dict[str, float | None]:
    """The overview's change column: rolling 12 months against the 12 before, for the units the viewer
    sees live (a unit seen only through releases has no change)."""
    if period is None:
        return {}
    gated = {unit.pk for unit in units} - viewer.live_sick_leave_ids
    rows = absence_pages.overview_rows(units, [u.pk for u in units], units[0], period, gated, "name")
    return {row.unit.pk: row.trend_pp for row in rows}


def _hme(ids: list[str], viewer) -> dict[str, tuple[int, list[float | None], float | None]]:
    """{unit: (the latest survey's id, HME of the previous and the latest survey, the change)} for the
    units the viewer sees in the survey; a hidden figure is None, and so is a change with one hidden."""
    latest = survey.latest_survey()
    if latest is None:
        return {}
    previous = survey.previous_survey(latest)
    seen = [unit_id for unit_id in ids if viewer.sees_survey_unit(unit_id)]
    now = survey.stored_survey(latest)
    now.load(seen)
    before = survey.stored_survey(previous) if previous else None
    if before:
        before.load(seen)
    found = {}
    for unit_id in seen:
        a = before.unit_row(unit_id).total if before else None
        b = now.unit_row(unit_id).total
        found[unit_id] = (latest.pk, [a, b], b - a if a is not None and b is not None else None)
    return found


def _said(reason: support.Reason, unit_id: str, months, fallen, hme, day: date) -> Said:
    kind = reason.kind
    if kind == support.Kind.SICK_LEAVE_UP:
        text = gettext("Sick leave has risen by %(change)s percentage points") % {
            "change": format_number(reason.value, 1)
        }
        url = reverse("absence:unit", kwargs={"unit_id": unit_id})
        return Said(text, url, sick_leave_trend(months.get(unit_id, [])))
    if kind == support.Kind.PULSE_FELL:
        found = next(f for f in fallen[unit_id] if f.dimension == reason.dimension)
        text = gettext("%(dimension)s fell in the latest pulse") % {"dimension": found.name}
        return Said(text, found.url, found.trend)
    if kind == support.Kind.SURVEY_FELL:
        survey_id, values, _change = hme[unit_id]
        text = gettext("Engagement (HME) fell by %(points)s points in the employee survey") % {
            "points": format_number(reason.value, 0)
        }
        url = reverse("survey:unit", kwargs={"survey_id": survey_id, "unit_id": unit_id})
        return Said(text, url, trend(gettext("HME per employee survey"), values, index))
    url = reverse("plans:plan", kwargs={"unit_id": unit_id, "year": day.year})
    if kind == support.Kind.NO_PLAN:
        return Said(gettext("No health plan for %(year)s") % {"year": day.year}, url)
    count = int(reason.value or 0)
    text = ngettext(
        "%(count)s activity in the health plan is overdue",
        "%(count)s activities in the health plan are overdue",
        count,
    ) % {"count": count}
    return Said(text, url)
