"""What the sick-leave pages show, assembled for one viewer: live figures from kasam.absence.figures
for the units the viewer sees unsuppressed, and releases (kasam.absence.released) for every other
unit (docs/anonymity.md "Sick leave")."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.absence import figures
from kasam.absence.figures import PeriodFigure, add_months, pct
from kasam.absence.released import (
    HIDDEN,
    SickLeaveRelease,
    period_label,
    released_years,
    unpublished_since,
    year_release,
)
from kasam.absence.series import GENERATION
from kasam.core import charts, generations
from kasam.core.dates import today
from kasam.metrics.definitions import BANDS
from kasam.metrics.periods import parse_period
from kasam.org.models import Unit
from kasam.org.stats import ORG


def release_note(release: SickLeaveRelease | None) -> dict:
    """What a page tells a viewer who sees releases only: the release shown (`release`, None when
    nothing is published yet) and, when a later period has ended but is not published yet, its name
    in running text (`unpublished`, e.g. "delårsrapport januari–augusti 2026")."""
    later = unpublished_since(release)
    label = period_label(later) if later else ""
    return {"release": release, "unpublished": label[:1].lower() + label[1:]}


def year_note(release: SickLeaveRelease | None) -> dict:
    """As `release_note`, for a page of whole years: the unpublished period is the last ended year
    when it has no release."""
    last_year = today().year - 1
    label = "" if last_year in released_years() else period_label(parse_period(str(last_year)))
    return {"release": release, "unpublished": label[:1].lower() + label[1:]}


SORTS = {
    "name": lambda row: row.unit.path,
    "sick_leave": lambda row: (row.current.sick_leave_pct is None, -(row.current.sick_leave_pct or 0)),
    "trend": lambda row: (row.trend_pp is None, row.trend_pp or 0),
    "healthy": lambda row: (
        row.current.healthy_attendance_pct is None,
        -(row.current.healthy_attendance_pct or 0),
    ),
}


@dataclass
class UnitRow:
    unit: Unit
    level: int
    current: PeriodFigure
    trend_pp: float | None  # change against the 12 months before, in percentage points


def overview_rows(
    units: list[Unit],
    scope,
    root: Unit,
    period: tuple[date, date] | None,
    gated: set[str],
    sort: str,
    release: SickLeaveRelease | None = None,
) -> list[UnitRow]:
    """One row per unit: the rolling-12-month figures and the change against the 12 months before.
    Gated units (`gated`: the viewer sees them only through releases) show the latest release's
    figure – hidden when the release does not show the unit, or when there is no release – and no
    trend (docs/anonymity.md "Sick leave")."""
    live = period is not None and any(unit.pk not in gated for unit in units)
    rows_by_unit, before = {}, {}
    if live:
        start, _end = period
        rows_by_unit = figures.period_rows(*period, unit_ids=scope)
        first = date(start.year, start.month, 1)
        before = figures.month_sums(scope, add_months(first, -12), add_months(first, -1))
    result = []
    for unit in units:
        if unit.pk in gated:
            current = release.figure(unit.pk) if release else HIDDEN
            result.append(UnitRow(unit=unit, level=unit.depth - root.depth, current=current, trend_pp=None))
            continue
        row = rows_by_unit.get(unit.pk)
        if row is None:
            continue
        current = PeriodFigure.of(row)
        trend = None
        previous = before.get(unit.pk)
        if previous and current.sick_leave_pct is not None:
            earlier = pct(previous["sick_hours"], previous["ordinary_hours"])
            trend = current.sick_leave_pct - earlier if earlier is not None else None
        result.append(UnitRow(unit=unit, level=unit.depth - root.depth, current=current, trend_pp=trend))
    return sorted(result, key=SORTS.get(sort, SORTS["name"]))


@dataclass
class ActivityRow:
    activity: str
    units: int
    sick_leave_pct: float | None


def activity_rows(units: list[Unit], period: tuple[date, date], live_ids=()) -> list[ActivityRow]:
    """Each activity among the viewer's units of kind enhet, with the organisation's pooled figure for
    the units of that activity (`figures.activity_averages`: the shown ones and the viewer's own)."""
    counts: dict[str, int] = {}
    for unit in units:
        if unit.kind == Unit.Kind.UNIT and unit.activity:
            counts[unit.activity] = counts.get(unit.activity, 0) + 1
    averages = figures.activity_averages(*period, activities=counts, live_ids=live_ids)
    return [ActivityRow(activity, counts[activity], averages.get(activity)) for activity in sorted(counts)]


def heatmap_units(units: list[Unit], root: Unit, limit: int = 60) -> list[Unit]:
    """The rows of the heat map: the units of kind enhet, or – when there are more than `limit` – the
    areas, so that the map stays readable (the table above lists every unit)."""
    enheter = [u for u in units if u.kind == Unit.Kind.UNIT]
    if len(enheter) <= limit:
        return enheter
    return [u for u in units if u.kind == Unit.Kind.AREA][:limit]


@dataclass
class AnnualTable:
    unit: Unit
    year: int
    start: date
    end: date
    total: PeriodFigure
    groups: dict[str, PeriodFigure]
    repeated_short_term_persons: int | None
    release: SickLeaveRelease | None = None  # the release the figures are from; None: live

    def key_figures(self) -> list[tuple[str, float | None, bool]]:
        """(label, percent, hidden) in the order of the annual report's seven key figures, then
        healthy attendance; a group without persons has no figure."""
        empty = PeriodFigure(0, None, None, None, None, 0)
        rows = [
            (
                _("Total sick leave as a share of ordinary working time"),
                self.total.sick_leave_pct,
                self.total.hidden,
            ),
            (
                _("Share of sick leave in sick cases of 60 days or more"),
                self.total.long_term_share_pct,
                self.total.hidden,
            ),
        ]
        for key, label in GROUP_LABELS:
            figure = self.groups.get(key, empty)
            rows.append((label, figure.sick_leave_pct, figure.hidden))
        rows.append(
            (_("Healthy attendance (no sick day)"), self.total.healthy_attendance_pct, self.total.hidden)
        )
        rows.append(
            (
                _("Healthy attendance (at most 5 sick days)"),
                self.total.healthy_attendance_5_pct,
                self.total.hidden,
            )
        )
        return rows


GROUP_LABELS = [
    ("K", _("Sick leave, women")),
    ("M", _("Sick leave, men")),
    ("-29", _("Sick leave, 29 years or younger")),
    ("30-49", _("Sick leave, 30–49 years")),
    ("50-", _("Sick leave, 50 years or older")),
]


def annual_table(unit: Unit, year: int) -> AnnualTable | None:
    """The seven statutory figures of one year for a unit (its subtree), live, for a viewer who sees
    the unit unsuppressed; the groups (figures 3–7) follow the split rule."""
    period = figures.year_period(year)
    if period is None:
        return None
    start, end = period
    rows = {g: r for g, r in figures.group_rows(unit.pk, start, end).items()}
    if "all" not in rows:
        return None
    return AnnualTable(
        unit=unit,
        year=year,
        start=start,
        end=end,
        total=PeriodFigure.of(rows["all"]),
        groups=figures.split_figures(rows, gated=False),
        repeated_short_term_persons=rows["all"].repeated_short_term_persons,
    )


def released_annual_table(unit: Unit, release: SickLeaveRelease) -> AnnualTable:
    """The statutory figures of a unit as a year's release holds them, for a viewer who sees the unit
    only through releases. The unit is hidden when the release does not show it; a group the release
    does not hold is hidden too (a release keeps nothing about a hidden group, and so cannot tell it
    from an empty one)."""
    period = release.period
    groups = release.groups(unit.pk)
    return AnnualTable(
        unit=unit,
        year=period.year,
        start=period.start,
        end=period.end,
        total=release.figure(unit.pk),
        groups={key: groups.get(key, HIDDEN) for key, _label in GROUP_LABELS},
        repeated_short_term_persons=None,
        release=release,
    )


def released_unit_context(unit: Unit, release: SickLeaveRelease | None) -> dict:
    """A unit's page for a viewer who sees it only through releases: the latest release's figure and
    each released year's; no series, bands, trend or comparison (nothing live)."""
    years = [released_annual_table(unit, found) for found in map(year_release, released_years()) if found]
    return {
        "current": release.figure(unit.pk) if release else None,
        "years": years,
        "gated": True,
        "release": release,
    }


@dataclass
class Improvement:
    text: str
    change: float


def unit_context(unit: Unit, period: tuple[date, date], live_ids=()) -> dict:
    """A unit's page, live, for a viewer who sees the unit (and `live_ids`) unsuppressed
    (released_unit_context is everyone else's)."""
    start, end = period
    headline = unit_headline(unit, period)
    if headline is None:
        return {}
    current, earlier = headline["current"], headline["previous_pct"]
    years = [t for t in (annual_table(unit, y) for y in figures.stored_years()) if t]
    context = {"current": current, "years": years, "gated": False}
    first = date(start.year, start.month, 1)
    last = date(end.year, end.month, 1)
    now = figures.month_sums([unit.pk], first, last).get(unit.pk) or {}
    context.update(
        trend_pp=headline["trend_pp"],
        previous_pct=earlier,
        series_chart=series_chart(figures.series(unit, add_months(last, -35), last)),
        bands=[
            (
                band_label(first, last),
                now.get(field) or 0.0,
                pct(now.get(field) or 0.0, now.get("sick_hours")),
            )
            for (_label, first, last), field in zip(BANDS, figures.BAND_FIELDS, strict=True)
        ],
        activity_pct=activity_average(start, end, unit.activity, live_ids),
    )
    context["improvements"] = improvements(current, earlier, years)
    return context


def unit_headline(unit: Unit, period: tuple[date, date]) -> dict | None:
    """A unit's live figure over the stored rolling 12 months (`current`), the 12 months before
    (`previous_pct`) and the change between them in percentage points (`trend_pp`): the head of the
    unit's page, and what the home pages show of it. None when the period has no row for the unit."""
    start, _end = period
    row = figures.period_rows(*period, unit_ids=[unit.pk]).get(unit.pk)
    if row is None:
        return None
    current = PeriodFigure.of(row)
    first = date(start.year, start.month, 1)
    previous = figures.month_sums([unit.pk], add_months(first, -12), add_months(first, -1)).get(unit.pk)
    earlier = pct(previous["sick_hours"], previous["ordinary_hours"]) if previous else None
    trend = (
        current.sick_leave_pct - earlier
        if earlier is not None and current.sick_leave_pct is not None
        else None
    )
    return {"current": current, "previous_pct": earlier, "trend_pp": trend}


def activity_average(start: date, end: date, activity: str, live_ids) -> float | None:
    """`figures.activity_averages` of one activity, kept until a refill or a change of the organisation
    (kasam.core.generations) for viewers who see the same units live: the pool can hold thousands of
    them."""
    key = ("activity-average", start, end, activity, tuple(sorted(live_ids)))
    return generations.cached(
        (GENERATION, ORG),
        key,
        lambda: figures.activity_averages(start, end, [activity], live_ids).get(activity),
    )


def band_label(first: int, last: int | None) -> str:
    if last is None:
        return gettext("%(first)s or more") % {"first": first}
    return f"{first}\u2013{last}"


def improvements(
    current: PeriodFigure, earlier_pct: float | None, years: list[AnnualTable]
) -> list[Improvement]:
    """What got better, told first (salutogenic framing): lower sick leave than the 12 months before,
    and higher healthy attendance than in the last full year."""
    found = []
    if (
        earlier_pct is not None
        and current.sick_leave_pct is not None
        and current.sick_leave_pct < earlier_pct
    ):
        found.append(Improvement("sick_leave_down", earlier_pct - current.sick_leave_pct))
    full_years = [t for t in years if t.end.month == 12 and t.end.day == 31 and not t.total.hidden]
    if full_years and current.healthy_attendance_pct is not None:
        last_year = full_years[0].total.healthy_attendance_pct
        if last_year is not None and current.healthy_attendance_pct > last_year:
            found.append(Improvement("healthy_up", current.healthy_attendance_pct - last_year))
    return found


def heatmap_chart(units: list[Unit], root: Unit, period: tuple[date, date], months: int = 24):
    """Units × the last `months` months: each cell the month's sick leave."""
    rows_units = heatmap_units(units, root)
    if not rows_units:
        return None
    last = date(period[1].year, period[1].month, 1)
    first = add_months(last, 1 - months)
    cells = figures.monthly_rows([u.pk for u in rows_units], first, last)
    names = {u.pk: u.name for u in rows_units}
    data = [
        {"unit": names[unit_id], "month": month, "sick_leave": pct(sick, ordinary)}
        for unit_id, month, sick, ordinary in cells
    ]
    order = {u.name: i for i, u in enumerate(rows_units)}
    data.sort(key=lambda row: (order[row["unit"]], row["month"]))
    return charts.heatmap(
        data,
        x="month",
        y="unit",
        value="sick_leave",
        title=gettext("Sick leave month by month, per unit"),
        value_title=gettext("Sick leave, %"),
        y_title=gettext("Unit"),
        description=gettext("Darker cells are months with more sick leave."),
        chart_id="heatmap",
    )


def series_chart(series: list[dict]):
    """The unit's monthly sick leave and the rolling 12-month figure."""
    monthly, rolling = gettext("Month"), gettext("Rolling 12 months")
    data = [{"month": r["month"], "line": monthly, "value": r["sick_leave_pct"]} for r in series]
    data += [
        {"month": r["month"], "line": rolling, "value": r["rolling_pct"]}
        for r in series
        if r["rolling_pct"] is not None
    ]
    if not data:
        return None
    return charts.line_chart(
        data,
        x="month",
        y="value",
        series="line",
        title=gettext("Sick leave per month and over the last 12 months"),
        y_title=gettext("Sick leave, %"),
        x_title=gettext("Month"),
        description=gettext(
            "The rolling figure evens out the seasons: each point covers the 12 months up to it."
        ),
        chart_id="series",
    )
