"""Sick-leave figures for the pages, read from the stored series (never from raw absences) and
passed through the disclosure gate for viewers who see suppressed figures only.

The gate's decision is made once per stored period by the refill (kasam.absence.series, from
person-level hours) and stored with the rows; `hidden_units` and `split_figures` read it. These are
live figures: a viewer who sees a unit only through the gate (the committee) reads its sick leave,
its cost, targets, plan snapshots and reports from releases instead (kasam.absence.released;
docs/anonymity.md "Sick leave").

Every number is formed from additive stored quantities by the formulas of docs/definitions.md: sick leave =
100 × Σ sick hours / Σ ordinary hours over the months summed; long-term share = 100 × Σ long-case
sick hours / Σ sick hours; healthy attendance = healthy persons / persons counted, from the stored
period rows (it does not add up over months or units).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Q, QuerySet, Sum

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.absence.series import GENERATION
from kasam.core import generations
from kasam.metrics.definitions import BANDS
from kasam.org.models import Unit

SUMMED = ("ordinary_hours", "sick_hours", "long_sick_hours", "occasions")
BAND_FIELDS = [f"sick_hours_{label.replace('-', '_').rstrip('_')}" for label, _first, _last in BANDS]


def _ids(unit_ids):
    """A list of unit ids, or a queryset of units read as a subquery (no list of thousands of ids)."""
    return unit_ids.values("pk") if isinstance(unit_ids, QuerySet) else list(unit_ids)


def pct(numerator: float | None, denominator: float | None) -> float | None:
    """100 × numerator / denominator, or None when the denominator is 0 (docs/definitions.md)."""
    if numerator is None or not denominator:
        return None
    return 100 * numerator / denominator


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class PeriodFigure:
    """One unit's (or group's) figures for a stored period; `hidden` when the gate hides it."""

    persons: int
    sick_leave_pct: float | None
    long_term_share_pct: float | None
    healthy_attendance_pct: float | None
    healthy_attendance_5_pct: float | None
    occasions: int
    hidden: bool = False

    @classmethod
    def of(cls, row: "StoredPeriod", hidden: bool = False) -> "PeriodFigure":
        if hidden:
            return cls(row.persons, None, None, None, None, 0, hidden=True)
        return cls(
            persons=row.persons,
            sick_leave_pct=pct(row.sick_hours, row.ordinary_hours),
            long_term_share_pct=pct(row.long_sick_hours, row.sick_hours),
            healthy_attendance_pct=pct(row.ha_healthy_0, row.ha_persons),
            healthy_attendance_5_pct=pct(row.ha_healthy_5, row.ha_persons),
            occasions=row.occasions,
        )


# Which periods are stored is asked on most sick-leave pages and answered by reading across every
# unit's rows: kept until the next refill (kasam.core.generations).


def latest_rolling_period() -> tuple[date, date] | None:
    """The stored rolling-12-month period (the refill decides which months it covers)."""

    def read():
        row = SickLeavePeriod.objects.filter(kind="rolling12").order_by("-end").values("start", "end").first()
        return (row["start"], row["end"]) if row else None

    return generations.cached(GENERATION, "latest-rolling-period", read)


def stored_years() -> list[int]:
    def read():
        starts = SickLeavePeriod.objects.filter(kind="year", group="all").values_list("start", flat=True)
        return sorted({start.year for start in starts.distinct()}, reverse=True)

    return list(generations.cached(GENERATION, "stored-years", read))


class StoredPeriod(NamedTuple):
    """The stored quantities of one SickLeavePeriod row, read without building model instances
    (the overview reads thousands)."""

    unit_id: str
    group: str
    persons: int
    ordinary_hours: float
    sick_hours: float
    long_sick_hours: float
    max_person_sick_hours: float
    occasions: int
    repeated_short_term_persons: int
    ha_persons: int
    ha_healthy_0: int
    ha_healthy_5: int
    split_hidden: bool
    gated_hidden: bool


def _stored(rows) -> list[StoredPeriod]:
    return [StoredPeriod(*values) for values in rows.values_list(*StoredPeriod._fields)]


def period_rows(start: date, end: date, group: str = "all", unit_ids=None) -> dict[str, StoredPeriod]:
    rows = SickLeavePeriod.objects.filter(start=start, end=end, group=group)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=_ids(unit_ids))
    return {row.unit_id: row for row in _stored(rows)}


def hidden_units(start: date, end: date) -> set[str]:
    """The units whose sick-leave figures – and every figure computed from sick hours or sick days –
    are hidden for the period from viewers who see suppressed figures only: the refill's stored
    decision, made over the whole tree, the same for every gated viewer, so that no two views can be
    subtracted from each other. A root (the organisation's total) is never hidden; a unit the refill
    did not decide for the period (a stored period older than the decision, a unit added since) is."""
    shown = SickLeavePeriod.objects.filter(start=start, end=end, group="all", gated_hidden=False)
    return set(
        Unit.objects.filter(parent__isnull=False)
        .exclude(pk__in=shown.values("unit_id"))
        .values_list("pk", flat=True)
    )


def month_sums(unit_ids, first: date, last: date) -> dict[str, dict]:
    """Σ of the additive monthly quantities per unit over first…last (months, inclusive)."""
    rows = (
        SickLeaveMonth.objects.filter(unit_id__in=_ids(unit_ids), month__gte=first, month__lte=last)
        .values("unit_id")
        .annotate(**{name: Sum(name) for name in (*SUMMED, *BAND_FIELDS)})
    )
    return {row["unit_id"]: row for row in rows}


def series(unit: Unit, first: date, last: date) -> list[dict]:
    """Month by month: sick leave, and the rolling-12-month figure over the 12 months' summed hours."""
    months = list(
        SickLeaveMonth.objects.filter(unit=unit, month__gte=add_months(first, -11), month__lte=last).order_by(
            "month"
        )
    )
    by_month = {row.month: row for row in months}
    result = []
    for row in months:
        if row.month < first:
            continue
        window = [by_month[m] for m in (add_months(row.month, -k) for k in range(12)) if m in by_month]
        rolling = (
            pct(sum(r.sick_hours for r in window), sum(r.ordinary_hours for r in window))
            if len(window) == 12
            else None
        )
        result.append(
            {
                "month": row.month,
                "sick_leave_pct": pct(row.sick_hours, row.ordinary_hours),
                "rolling_pct": rolling,
                "occasions": row.occasions,
                "persons": row.persons,
            }
        )
    return result


def split_figures(rows: dict[str, StoredPeriod], gated: bool) -> dict[str, PeriodFigure]:
    """Figures 3–7 of one unit (K/M; the three age groups) as the refill decided them: hidden by the
    split rule for every viewer (`split_hidden`), and for a gated viewer also by the remainder rule and
    with a hidden unit (`gated_hidden`). Empty groups have no figure and are not hidden."""
    result = {}
    for name in ("K", "M", "-29", "30-49", "50-"):
        row = rows.get(name)
        if row is not None and row.persons > 0:
            result[name] = PeriodFigure.of(row, row.gated_hidden if gated else row.split_hidden)
    return result


def activity_averages(
    start: date, end: date, activities=None, live_ids: Iterable[str] = ()
) -> dict[str, float | None]:
    """Sick leave of the units of kind enhet with the same activity, their hours pooled, for every
    activity (or those given), in one query (docs/definitions.md).

    Pooled are the units the gate shows for the period and the units the viewer sees live
    (`live_ids`), never a unit the gate hides from others: a manager who knows the own unit's live
    figure could otherwise take it out of the average and read a hidden unit's (docs/anonymity.md,
    "Aggregates over people"). What is left after taking out the own units is a pool of shown units,
    each large enough on its own."""
    rows = SickLeavePeriod.objects.filter(start=start, end=end, group="all", unit__kind=Unit.Kind.UNIT)
    rows = rows.filter(Q(gated_hidden=False) | Q(unit_id__in=list(live_ids)))
    if activities is not None:
        rows = rows.filter(unit__activity__in=list(activities))
    sums = rows.values("unit__activity").annotate(ordinary=Sum("ordinary_hours"), sick=Sum("sick_hours"))
    return {row["unit__activity"]: pct(row["sick"], row["ordinary"]) for row in sums}


def year_period(year: int) -> tuple[date, date] | None:
    """The stored period of a calendar year (the current year runs to the refill's last day)."""

    def read():
        rows = SickLeavePeriod.objects.filter(kind="year", group="all", start=date(year, 1, 1))
        row = rows.order_by("-end").values("start", "end").first()
        return (row["start"], row["end"]) if row else None

    return generations.cached(GENERATION, ("year-period", year), read)


def group_rows(unit_id: str, start: date, end: date) -> dict[str, StoredPeriod]:
    return {
        row.group: row
        for row in _stored(SickLeavePeriod.objects.filter(unit_id=unit_id, start=start, end=end))
    }


def monthly_rows(unit_ids, first: date, last: date) -> list[tuple[str, date, float, float]]:
    """(unit_id, month, sick hours, ordinary hours) for the units and months first…last."""
    return list(
        SickLeaveMonth.objects.filter(unit_id__in=_ids(unit_ids), month__gte=first, month__lte=last)
        .order_by("unit_id", "month")
        .values_list("unit_id", "month", "sick_hours", "ordinary_hours")
    )
