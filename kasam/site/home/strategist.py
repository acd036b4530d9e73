"""The health strategist's home: what is due – pulse rounds opening or closing soon, the latest
imports, a report period that has ended but is not published – and where coverage is missing: units
without a pulse programme, without a health plan for the year, without a dialog for long (the reach
page's quiet units, with the reach's trend)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, gettext

from kasam.absence import pages as absence_pages
from kasam.absence.figures import latest_rolling_period
from kasam.absence.series import last_finished_refill
from kasam.core import generations
from kasam.core.dates import today
from kasam.dialogs import reach
from kasam.dialogs.models import GENERATION as DIALOGS
from kasam.dialogs.reach_views import reach_of
from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG
from kasam.plans.models import HealthPlan
from kasam.pulse.models import Programme, Round
from kasam.releases.views import may_publish
from kasam.site.home.trend import Trend, trend
from kasam.survey.results import latest_survey

OPENS_WITHIN_DAYS = 14
CLOSES_WITHIN_DAYS = 7


@dataclass(frozen=True)
class Coverage:
    text: str
    count: int
    url: str
    trend: Trend | None = None


@dataclass
class StrategistSection:
    rounds: list[Round]
    refill: object
    data_until: object
    survey: object
    unpublished: str
    releases_url: str
    coverage: list[Coverage]


def section(request) -> StrategistSection:
    user, day = request.user, today()
    scope = access.units_for(user, Capability.MANAGE_PULSE)
    rounds = list(
        Round.objects.filter(programme__root_unit__in=scope)
        .filter(
            Q(status=Round.Status.PLANNED, opens_on__lte=day + timedelta(days=OPENS_WITHIN_DAYS))
            | Q(status=Round.Status.OPEN, closes_on__lte=day + timedelta(days=CLOSES_WITHIN_DAYS))
        )
        .select_related("programme")
        .defer("tree", "counts", "answer_counts", "shown_nodes")
        .order_by("opens_on", "pk")
    )
    unpublished, releases_url = "", ""
    if may_publish(user):
        unpublished = absence_pages.release_note(request.viewer.latest_sick_leave_release)["unpublished"]
        releases_url = reverse("releases:list")
    period = latest_rolling_period()
    return StrategistSection(
        rounds=rounds,
        refill=last_finished_refill(),
        data_until=period[1] if period else None,
        survey=latest_survey(),
        unpublished=unpublished,
        releases_url=releases_url,
        coverage=_coverage(user, day),
    )


def _coverage(user, day) -> list[Coverage]:
    units = access.units_for(user, Capability.MANAGE_PULSE).filter(kind=Unit.Kind.UNIT)
    paths = list(units.values_list("pk", "path"))
    roots = Programme.objects.filter(active=True).values_list("root_unit__path", flat=True)
    covered = tuple(roots)
    without_pulse = sum(1 for _pk, path in paths if not path.startswith(covered)) if covered else len(paths)
    with_plan = set(
        HealthPlan.objects.filter(year=day.year, unit__in=units).values_list("unit_id", flat=True)
    )
    found = [
        Coverage(gettext("Units without a pulse programme"), without_pulse, reverse("pulse:programmes")),
        Coverage(
            gettext("Units without a health plan for %(year)s") % {"year": day.year},
            sum(1 for pk, _path in paths if pk not in with_plan),
            reverse("plans:overview"),
        ),
    ]
    if access.can(user, Capability.VIEW_DIALOG_REACH):
        found.append(_quiet(user, day))
    return found


def _quiet(user, day) -> Coverage:
    """The reach page's quiet units and its first programme's share of employees reached, from the
    reach page's own kept computation (the same key: one computation for both pages)."""
    units = access.units_for(user, Capability.VIEW_DIALOG_REACH)
    key = ("reach", access.scope_key(user, Capability.VIEW_DIALOG_REACH), day, get_language())
    programmes, quiet = generations.cached((DIALOGS, ORG), key, lambda: reach_of(units))
    line = None
    if programmes:
        first = programmes[0]
        title = gettext("Share of employees reached by %(programme)s, month by month") % {
            "programme": first.programme.title
        }
        line = trend(title, [value.employee_share for _day, value in first.series])
    text = gettext("Units without a dialog in the last %(days)s days") % {"days": reach.QUIET_DAYS}
    return Coverage(text, len(quiet), reverse("dialogs:reach"), line)
