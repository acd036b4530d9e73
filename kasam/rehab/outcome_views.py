"""The page of what rehabilitation cases add up to (/rehabilitering/utfall/, docs/definitions.md "What
rehabilitation cases add up to"): plans for the return to work made on time, the days to the plan,
the share back at work by day 30, 90, 180 and 365, and the cases opened from an early signal that
never became long – in all, by adjustment kind and by length band, every group behind the rule of more
than 10 persons. No person is named.

HR (roles.REHAB_OUTCOMES_LIVE) sees the figures live over its scope, for a unit's subtree it picks,
for the last 12 months by default or a year or a from–to range it picks (kasam.rehab.outcomes). The
health strategist and the committee read only releases (kasam.rehab.release): the latest year, or a
year they pick, for the organisation and each unit the release shows."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from kasam.core import charts
from kasam.core.dates import today
from kasam.metrics import rehab_outcomes
from kasam.metrics.definitions import BANDS
from kasam.org import access
from kasam.org.models import Role, Unit
from kasam.org.roles import CAPABILITIES, REHAB_OUTCOMES_LIVE, Capability, roles_with
from kasam.rehab import outcomes
from kasam.rehab.models import Adjustment, Case
from kasam.releases.models import Release
from kasam.releases.publish import for_period, latest

CAPABILITY = Capability.VIEW_REHAB_OUTCOMES


def live_units(user):
    """The units whose outcomes `user` sees live (HR's scope); none for a user who reads releases."""
    others = frozenset(roles_with(CAPABILITY)) - REHAB_OUTCOMES_LIVE
    return access.units_for(user, CAPABILITY, excluding=others)


@login_required
@require_GET
@access.require_capability(CAPABILITY)
def outcomes_page(request):
    day = today()
    live = live_units(request.user)
    if live.exists():
        return _live(request, live, day)
    return _released(request, day)


# ------------------------------------------------------------------------------------------------ live


def _live(request, live, day: date):
    tops = _tops(request.user, live=True)
    picker = _picker(live, tops, request.GET.get("enhet"))
    chosen = next((u for u in picker if u.pk == request.GET.get("enhet")), None)
    paths = [chosen.path] if chosen else [u.path for u in tops]
    period, period_error = _period(request.GET, day)
    total, groups, hidden = outcomes.cached_figures(period, day, paths)
    first_year = _first_year(day)
    context = {
        "live": True,
        "picker": picker,
        "chosen": chosen,
        "period": period,
        "period_error": period_error,
        "years": list(range(day.year, first_year - 1, -1)),
        "chosen_year": period.start.year if period.is_year else None,
        "twelve_months": period == outcomes.last_twelve_months(day),
        "from_value": request.GET.get("fran", ""),
        "to_value": request.GET.get("till", ""),
        **_figures_context(total, groups, hidden),
    }
    return render(request, "rehab/outcomes.html", context)


def _period(query, day: date) -> tuple[outcomes.Period, bool]:
    """The period the reader picked: ?ar=YYYY, or ?fran=…&till=… (ISO dates), else the last 12 months;
    True beside it when what was picked could not be read."""
    year_text, start, end = query.get("ar", ""), query.get("fran", ""), query.get("till", "")
    if year_text:
        if year_text.isdigit() and 2000 <= int(year_text) <= day.year:
            return outcomes.year(int(year_text)), False
        return outcomes.last_twelve_months(day), True
    if start or end:
        try:
            first = date.fromisoformat(start) if start else date(2000, 1, 1)
            last = date.fromisoformat(end) if end else day
        except ValueError:
            return outcomes.last_twelve_months(day), True
        if first > last:
            return outcomes.last_twelve_months(day), True
        return outcomes.Period(first, last), False
    return outcomes.last_twelve_months(day), False


def _first_year(day: date) -> int:
    first = Case.objects.aggregate(first=Min(Coalesce("sick_case_start", "opened_on")))["first"]
    return first.year if first else day.year


# -------------------------------------------------------------------------------------------- releases


def _released(request, day: date):
    scope = access.units_for(request.user, CAPABILITY)
    tops = _tops(request.user, live=False)
    years = sorted(
        {int(p) for p in Release.objects.filter(kind=Release.Kind.REHAB).values_list("period", flat=True)},
        reverse=True,
    )
    asked = request.GET.get("ar", "")
    release = for_period(Release.Kind.REHAB, asked) if asked.isdigit() else None
    release = release or latest(Release.Kind.REHAB)
    context = {"live": False, "release": release, "years": years, "picker": [], "chosen": None}
    if release is not None:
        context["unpublished"] = day.year - 1 > release.start.year and (day.year - 1) not in years
        # The day the figures were counted (the reference date when it was published).
        context["as_of"] = date.fromisoformat(release.settings["as_of"])
        shown = release.figures
        picker = [u for u in _picker(scope, tops, request.GET.get("enhet")) if u.pk in shown]
        chosen = next((u for u in picker if u.pk == request.GET.get("enhet")), None)
        unit = chosen or next((u for u in tops if u.pk in shown), None)
        context |= {"picker": picker, "chosen": chosen, "unit": unit, "chosen_year": int(release.period)}
        entry = shown.get(unit.pk) if unit else None
        hidden_top = unit is None and bool(tops)
        context |= _figures_context(entry, (entry or {}).get("groups"), hidden_top)
    return render(request, "rehab/outcomes.html", context)


# ------------------------------------------------------------------------------------------ the figures


def _tops(user, live: bool) -> list[Unit]:
    """The topmost units of the user's scope (of HR's assignments when `live`), none nested in another."""
    others = frozenset(roles_with(CAPABILITY)) - REHAB_OUTCOMES_LIVE if live else frozenset()
    units = sorted(
        {
            a.unit.path: a.unit
            for a in access.assignments_of(user)
            if CAPABILITY in CAPABILITIES[Role(a.role)] and Role(a.role) not in others
        }.values(),
        key=lambda u: u.path,
    )
    found: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(top.path) for top in found):
            found.append(unit)
    return found


def _picker(units, tops: list[Unit], chosen_id: str | None = None) -> list[Unit]:
    """The units to pick from, in the tree's order: the tops and the units right below them, and the
    chosen unit with the units right below it (so that one goes down the tree a level at a time)."""
    near = Q(pk__in=[t.pk for t in tops]) | Q(parent__in=[t.pk for t in tops])
    if chosen_id:
        near |= Q(pk=chosen_id) | Q(parent_id=chosen_id)
    return list(units.filter(near).order_by("path").only("pk", "path", "name", "parent_id"))


def _percent(share) -> float | None:
    return None if share is None else 100 * share


def _row(label: str, entry: dict | None) -> dict:
    """One row of a table: a group's label and its figures in the page's terms; `hidden` for a group
    the rule hides (no figure, no count), `empty` for one without a case."""
    if entry is None:
        return {"label": label, "hidden": True}
    if not entry["persons"]:
        return {"label": label, "empty": True}
    plan, days, back, early = (entry[f] for f in rehab_outcomes.FIGURES)
    hidden = set(entry.get("hidden_figures", ()))
    return {
        "label": label,
        "plan_hidden": "plan_on_time" in hidden,
        "days_hidden": "days_to_plan" in hidden,
        "back_hidden": "returned_by" in hidden,
        "early_hidden": "early_signal_not_long" in hidden,
        "cases": entry["cases"],
        "plan_share": _percent(plan["share"]) if plan else None,
        "plan_count": plan["count"] if plan else None,
        "plan_of": plan["of"] if plan else None,
        "days_median": days["median"] if days else None,
        "back": [(day, _percent((back or {}).get(str(day)))) for day in rehab_outcomes.DAYS],
        "early_share": _percent(early["share"]) if early else None,
        "early_count": early["count"] if early else None,
        "early_of": early["of"] if early else None,
    }


def _labels(key: str) -> dict[str, str]:
    if key == "adjustment_kind":
        return {**dict(Adjustment.Kind.choices), rehab_outcomes.NONE: gettext("No adjustment")}
    return {
        **{
            name: gettext("%(first)s–%(last)s days") % {"first": first, "last": last}
            if last is not None
            else gettext("%(first)s days or more") % {"first": first}
            for name, first, last in BANDS
        },
        rehab_outcomes.NONE: gettext("No sick leave"),
    }


def _figures_context(total: dict | None, groups: dict | None, hidden: bool) -> dict:
    """The page's figures from a total and its groups as kasam.rehab.outcomes.as_dict writes them (live
    or from a release); a group absent from `groups` is hidden."""
    if total is None or hidden or total.get("persons") is None:
        return {"total": {"hidden": hidden}, "tables": [], "chart": None}
    row = _row("", total)
    tables = []
    for key, caption in (
        ("adjustment_kind", gettext("By adjustment at work")),
        ("length_band", gettext("By length of the sick leave")),
    ):
        if groups is None or key not in groups:
            continue
        found = {g["group"]: g for g in groups[key]}
        tables.append(
            {
                "id": key.replace("_", "-"),
                "caption": caption,
                "rows": [_row(label, found.get(name)) for name, label in _labels(key).items()],
            }
        )
    return {"total": row, "tables": tables, "chart": _chart(row)}


def _chart(row: dict):
    values = [(day, share) for day, share in row.get("back", []) if share is not None]
    if not values:
        return None
    return charts.bar_chart(
        [{"day": gettext("Day %(day)s") % {"day": day}, "share": share} for day, share in values],
        x="day",
        y="share",
        title=gettext("Back at work by day 30, 90, 180 and 365 of the sick leave"),
        y_title=gettext("Share back at work (%)"),
        x_title=gettext("Day of the sick leave"),
        description=gettext(
            "The estimated share of people back at work by each day. The same figures are in the table."
        ),
        chart_id="back-at-work-chart",
    )
