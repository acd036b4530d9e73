"""The dialogs' reach (VIEW_DIALOG_REACH over the scope): per programme the share of units and of
employees reached, now and month by month (a chart with its table); the units that have been quiet
for long; the dialog coaches with their units and what they have led; and per unit which themes are
done and when. Aggregates and the groups' own words only – never a person."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import dateformat
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from kasam.core import charts, generations
from kasam.core.dates import today
from kasam.dialogs import access, meetings, reach
from kasam.dialogs.models import GENERATION, DialogRecord, Programme
from kasam.metrics.reach import themes_done
from kasam.org.access import require_capability, scope_key
from kasam.org.models import Role, RoleAssignment, Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG

QUIET_PER_PAGE = 100


def reach_chart(found: list[reach.ProgrammeReach]):
    rows = [
        {
            "month": dateformat.format(day, "M Y"),
            "programme": item.programme.title,
            "share": value.employee_share,
        }
        for item in found
        for day, value in item.series
    ]
    if not any(row["share"] for row in rows):
        return None
    return charts.line_chart(
        rows,
        x="month",
        y="share",
        series="programme",
        title=gettext("Share of employees reached, month by month"),
        y_title=gettext("Share of employees (%)"),
        x_title=gettext("Month"),
        description=gettext("How many of the employees have had at least one dialog of each programme."),
        decimals=0,
        chart_id="reach-chart",
    )


def coaches(units) -> list[dict]:
    """The dialog coaches assigned to units in the scope, with those units and how many dialogs they
    have recorded as leaders there. The scope stays a subquery: thousands of unit ids as parameters
    cost more to send than the query takes."""
    assignments = RoleAssignment.objects.filter(role=Role.DIALOG_COACH, unit__in=units).select_related(
        "user", "unit"
    )
    by_user: dict = {}
    for assignment in assignments:
        by_user.setdefault(assignment.user, []).append(assignment.unit)
    led = Counter(
        DialogRecord.objects.filter(led_by__in=list(by_user), unit__in=units).values_list("led_by", flat=True)
    )
    return [
        {"user": user, "units": sorted(found, key=lambda u: u.name), "led": led.get(user.pk, 0)}
        for user, found in sorted(
            by_user.items(), key=lambda item: item[0].get_full_name() or item[0].username
        )
    ]


def reach_of(units) -> tuple[list[reach.ProgrammeReach], list[tuple[str, str, object]]]:
    """Each programme's reach over `units`, and the quiet units (id, name, last dialog): computed once
    per worker for a scope until a dialog or the organisation changes (kasam.core.generations) – it
    reads every employment of the scope."""
    data = reach.load(units)
    found = reach.programme_reach(data, list(Programme.objects.filter(in_use=True)))
    return found, [(unit, data.names[unit], last) for unit, last in reach.quiet(data)]


@login_required
@require_GET
@require_capability(Capability.VIEW_DIALOG_REACH)
def overview(request):
    units = access.reach_units(request.user)
    found, quiet = generations.cached(
        (GENERATION, ORG),
        ("reach", scope_key(request.user, Capability.VIEW_DIALOG_REACH), today(), get_language()),
        lambda: reach_of(units),
    )
    return render(
        request,
        "dialogs/reach.html",
        {
            "reach": found,
            "chart": reach_chart(found),
            "quiet": Paginator(quiet, QUIET_PER_PAGE).get_page(request.GET.get("page")),
            "quiet_days": reach.QUIET_DAYS,
            "coaches": coaches(units),
            "today": today(),
            **_planned(units),
        },
    )


PLANNED_SHOWN = 20


def _planned(units) -> dict:
    """The coming workplace meetings of the units (the dialog schedule), the first PLANNED_SHOWN."""
    coming = meetings.upcoming(units, today())
    shown = list(coming[:PLANNED_SHOWN])
    more = coming.count() - PLANNED_SHOWN if len(shown) == PLANNED_SHOWN else 0
    return {"planned": shown, "planned_more": more}


@login_required
@require_GET
def unit_reach(request, unit_id: str):
    try:
        unit = access.reach_units(request.user).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None
    records = (
        DialogRecord.objects.filter(unit=unit)
        .select_related("programme", "theme")
        .prefetch_related("activities")
    )
    dialogs = reach.load(access.reach_units(request.user).filter(pk=unit.pk)).dialogs
    series = []
    for programme in Programme.objects.filter(in_use=True, kind=Programme.Kind.SERIES).prefetch_related(
        "themes"
    ):
        done = themes_done(dialogs, unit.pk, programme.slug)
        series.append(
            {
                "programme": programme,
                "themes": [(theme, done.get(theme.slug, [])) for theme in programme.themes.all()],
                "done": sum(1 for theme in programme.themes.all() if theme.slug in done),
            }
        )
    return render(
        request,
        "dialogs/unit_reach.html",
        {
            "unit": unit,
            "records": records,
            "series": series,
            "can_record": access.recordable_units(request.user).filter(pk=unit.pk).exists(),
        },
    )
