"""Sick-leave figures for the pages, read from the stored series (never from raw absences) and
passed through the disclosure gate for viewers who see suppressed figures only.

Every number is formed from additive stored quantities by the DOMAIN.md formulas: sick leave =
100 × Σ sick hours / Σ ordinary hours over the months summed; long-term share = 100 × Σ long-case
sick hours / Σ sick hours; healthy attendance = healthy persons / persons counted, from the stored
period rows (it does not add up over months or units).
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import QuerySet, Sum

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.metrics.anonymity import Group, UnitFigure, hide_in_split, hide_units
from kasam.metrics.definitions import BANDS
from kasam.org.models import Unit

SUMMED = ("ordinary_hours", "sick_hours", "long_sick_hours", "occasions")
BAND_FIELDS = [f"sick_hours_{label.replace('-', '_').rstrip('_')}" for label, _first, _last in BANDS]


def _ids(unit_ids):
    """A list of unit ids, or a queryset of units read as a subquery (no list of thousands of ids)."""
    return unit_ids.values("pk") if isinstance(unit_ids, QuerySet) else list(unit_ids)


def pct(numerator: float | None, denominator: float | None) -> float | None:
    """100 × numerator / denominator, or None when the denominator is 0 (DOMAIN.md)."""
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


def latest_rolling_period() -> tuple[date, date] | None:
    """The stored rolling-12-month period (the refill decides which months it covers)."""
    row = SickLeavePeriod.objects.filter(kind="rolling12").order_by("-end").values("start", "end").first()
    return (row["start"], row["end"]) if row else None


def stored_years() -> list[int]:
    starts = (
        SickLeavePeriod.objects.filter(kind="year", group="all").values_list("start", flat=True).distinct()
    )
    return sorted({start.year for start in starts}, reverse=True)


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


def _stored(rows) -> list[StoredPeriod]:
    return [StoredPeriod(*values) for values in rows.values_list(*StoredPeriod._fields)]


def period_rows(start: date, end: date, group: str = "all", unit_ids=None) -> dict[str, StoredPeriod]:
    rows = SickLeavePeriod.objects.filter(start=start, end=end, group=group)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=_ids(unit_ids))
    return {row.unit_id: row for row in _stored(rows)}


def hidden_units(start: date, end: date) -> set[str]:
    """The units the gate hides for the period – decided over the whole tree, the same for every
    gated viewer, so that no two views can be subtracted from each other."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    figures = [
        UnitFigure(
            unit_id, parents.get(unit_id), Group(row.persons, row.sick_hours, row.max_person_sick_hours)
        )
        for unit_id, row in period_rows(start, end).items()
    ]
    return hide_units(figures)


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


def split_figures(rows: dict[str, SickLeavePeriod]) -> dict[str, PeriodFigure]:
    """Figures 3–7 of one unit: each split (K/M; the three age groups) through hide_in_split. Empty
    groups have no figure and are not hidden."""
    result = {}
    for split in (("K", "M"), ("-29", "30-49", "50-")):
        present = [rows.get(name) for name in split]
        groups = [
            Group(r.persons, r.sick_hours, r.max_person_sick_hours) if r else Group(0, 0, 0) for r in present
        ]
        for name, row, hidden in zip(split, present, hide_in_split(groups), strict=True):
            if row is not None:
                result[name] = PeriodFigure.of(row, hidden)
    return result


def activity_averages(start: date, end: date, activities=None) -> dict[str, float | None]:
    """Sick leave of all units of kind enhet with the same activity, their hours pooled (DOMAIN.md),
    for every activity (or those given), in one query."""
    rows = SickLeavePeriod.objects.filter(start=start, end=end, group="all", unit__kind=Unit.Kind.UNIT)
    if activities is not None:
        rows = rows.filter(unit__activity__in=list(activities))
    sums = rows.values("unit__activity").annotate(ordinary=Sum("ordinary_hours"), sick=Sum("sick_hours"))
    return {row["unit__activity"]: pct(row["sick"], row["ordinary"]) for row in sums}


def year_period(year: int) -> tuple[date, date] | None:
    """The stored period of a calendar year (the current year runs to the refill's last day)."""
    row = (
        SickLeavePeriod.objects.filter(kind="year", group="all", start=date(year, 1, 1))
        .order_by("-end")
        .values("start", "end")
        .first()
    )
    return (row["start"], row["end"]) if row else None


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
