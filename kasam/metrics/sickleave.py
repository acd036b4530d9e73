"""Sick leave as DOMAIN.md defines it: hours ("Hours"), sick cases ("Sick cases, occasions and
bands"), the first two statutory figures ("The statutory annual-report figures") and healthy
attendance ("Healthy attendance"). Pure Polars: no Django, so imports, reports and benchmarks share it.

Input frames have the import files' columns (DOMAIN.md "Inputs"):
- employments: person_id, unit_id, start_date, end_date (null = ongoing), rate, weekly_hours
  (null = 40), pay (`monthly`/`hourly`);
- absences: person_id, start_date, end_date, extent (null = 100), kind (null or empty = `sjuk`).
Dates are Polars dates. The building blocks (`expand_ordinary_days`, `sick_days`,
`join_sick_cases`, `daily_hours`) are public so that the breakdowns by gender and age, occasions,
bands and case markers can be added on top of the same per-day frame.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

SICK_KIND = "sjuk"
RESICKNESS_GAP_DAYS = 5  # sjuklönelagen: a new period starting D+1 … D+5 continues the case
LONG_CASE_DAYS = 60  # a long-term case lasts at least 60 calendar days
DEFAULT_WEEKLY_HOURS = 40.0
# Day-equivalents are sums of fractions; compare "≤ N" with a tolerance so that 15 × (1/3) counts as 5.
DAY_EQUIVALENT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class SickLeave:
    """Additive sums for one period and set of units, and the figures formed from them."""

    ordinary_hours: float
    sick_hours: float
    long_term_sick_hours: float
    persons: int  # persons with ordinary working time in the set on at least one day of the period

    @property
    def sick_leave_pct(self) -> float | None:
        """Figure 1 (sick leave, total); None when there is no ordinary working time."""
        return 100 * self.sick_hours / self.ordinary_hours if self.ordinary_hours > 0 else None

    @property
    def long_term_share_pct(self) -> float | None:
        """Figure 2 (long-term share of sick hours); None when there are no sick hours."""
        return 100 * self.long_term_sick_hours / self.sick_hours if self.sick_hours > 0 else None


def sick_records(absences: pl.DataFrame) -> pl.DataFrame:
    """The sick records among absences ("Inputs", Absence): kind `sjuk` in any case, or empty.

    Choice: surrounding blanks in kind are ignored. Returns person_id, start_date, end_date, extent
    with a missing extent read as 100.
    """
    frame = absences
    if "kind" in frame.columns:
        kind = pl.col("kind").cast(pl.String).str.strip_chars().str.to_lowercase()
        frame = frame.filter(kind.is_null() | (kind == "") | (kind == SICK_KIND))
    extent = (
        pl.col("extent").cast(pl.Float64).fill_null(100.0) if "extent" in frame.columns else pl.lit(100.0)
    )
    return frame.select(
        pl.col("person_id").cast(pl.String),
        pl.col("start_date").cast(pl.Date),
        pl.col("end_date").cast(pl.Date),
        extent.alias("extent"),
    )


def assign_sick_cases(records: pl.DataFrame, gap: int = RESICKNESS_GAP_DAYS) -> pl.DataFrame:
    """Each record with the sick case it belongs to ("Sick cases, occasions and bands").

    Records of a person are taken in order of start; one starting at most `gap` days after the
    latest end so far (D + 1 … D + gap, or overlapping) joins the current case, one starting on
    D + gap + 1 or later opens a new case. Adds case_start, case_end and case_length
    (last − first + 1 calendar days) over all the records given, never cut at a period.
    """
    latest_end = pl.col("end_date").cum_max().shift(1).over("person_id")
    opens = latest_end.is_null() | ((pl.col("start_date") - latest_end).dt.total_days() > gap)
    return (
        records.sort(["person_id", "start_date", "end_date"])
        .with_columns(case_no=opens.cum_sum())
        .with_columns(
            case_start=pl.col("start_date").min().over("case_no"),
            case_end=pl.col("end_date").max().over("case_no"),
        )
        .with_columns(case_length=(pl.col("case_end") - pl.col("case_start")).dt.total_days() + 1)
        .drop("case_no")
    )


def join_sick_cases(periods: pl.DataFrame, gap: int = RESICKNESS_GAP_DAYS) -> pl.DataFrame:
    """One row per sick case: person_id, start_date, end_date, length (see `assign_sick_cases`).

    `periods` needs person_id, start_date, end_date (sick records or earlier cases: joining cases
    again gives the same cases).
    """
    return (
        assign_sick_cases(periods.select("person_id", "start_date", "end_date"), gap)
        .select("person_id", start_date="case_start", end_date="case_end", length="case_length")
        .unique(maintain_order=True)
    )


def _clip(frame: pl.DataFrame, start: date, end: date) -> pl.DataFrame:
    """Rows overlapping start…end with their dates cut to it; a null end_date means ongoing."""
    return frame.with_columns(
        start_date=pl.max_horizontal(pl.col("start_date"), pl.lit(start)),
        end_date=pl.min_horizontal(pl.col("end_date").fill_null(pl.lit(end)), pl.lit(end)),
    ).filter(pl.col("start_date") <= pl.col("end_date"))


def _explode_days(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(date=pl.date_ranges("start_date", "end_date")).explode("date")


def expand_ordinary_days(
    employments: pl.DataFrame, start: date, end: date, unit_ids: Iterable[str] | None = None
) -> pl.DataFrame:
    """Ordinary working time per employment and calendar day in start…end ("Hours").

    h = weekly_hours × rate / 100 / 7 on every day the employment covers (a 7-day week). Hourly
    employments have none and are left out; with `unit_ids`, only employments in those units
    count. Returns person_id, unit_id, date, ordinary_hours (one row per employment and day).
    """
    frame = employments.filter(pl.col("pay").cast(pl.String).str.to_lowercase() != "hourly")
    if unit_ids is not None:
        frame = frame.filter(pl.col("unit_id").is_in(pl.Series(list(unit_ids), dtype=pl.String).implode()))
    hours = (
        pl.col("weekly_hours").cast(pl.Float64).fill_null(DEFAULT_WEEKLY_HOURS)
        * pl.col("rate").cast(pl.Float64)
        / 100
        / 7
    )
    frame = frame.select(
        pl.col("person_id").cast(pl.String),
        pl.col("unit_id").cast(pl.String),
        pl.col("start_date").cast(pl.Date),
        pl.col("end_date").cast(pl.Date),
        hours.alias("ordinary_hours"),
    )
    return _explode_days(_clip(frame, start, end)).select("person_id", "unit_id", "date", "ordinary_hours")


def sick_days(
    absences: pl.DataFrame, start: date | None = None, end: date | None = None, gap: int = RESICKNESS_GAP_DAYS
) -> pl.DataFrame:
    """One row per person and sick day: person_id, date, extent, case_length.

    A day's extent is the highest among the person's sick records covering it ("Inputs"). Cases are
    joined over all of `absences` before the days are cut to start…end, so a case's length counts
    its days outside the period too. All records of one day overlap, so they share one case.
    """
    records = assign_sick_cases(sick_records(absences), gap)
    if start is not None and end is not None:
        records = _clip(records, start, end)
    return (
        _explode_days(records)
        .group_by("person_id", "date")
        .agg(pl.col("extent").max(), pl.col("case_length").first())
        .sort("person_id", "date")
    )


def daily_hours(
    employments: pl.DataFrame,
    absences: pl.DataFrame,
    start: date,
    end: date,
    unit_ids: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Ordinary and sick hours per employment and day in start…end ("Hours").

    Sick hours = h × extent / 100 with the day's extent of the person (the same on each of their
    employments that day). Sick days outside every employment carry no hours and do not appear.
    Returns person_id, unit_id, date, ordinary_hours, sick_hours, case_length (null if not sick).
    """
    ordinary = expand_ordinary_days(employments, start, end, unit_ids)
    persons = ordinary["person_id"].unique().implode()
    sick = sick_days(absences.filter(pl.col("person_id").cast(pl.String).is_in(persons)), start, end)
    return (
        ordinary.join(sick, on=["person_id", "date"], how="left")
        .with_columns(sick_hours=pl.col("ordinary_hours") * pl.col("extent").fill_null(0.0) / 100)
        .drop("extent")
    )


def summarise(daily: pl.DataFrame, long_days: int = LONG_CASE_DAYS) -> SickLeave:
    """Figures 1 and 2 from a `daily_hours` frame: long-term hours are those of cases ≥ long_days."""
    sums = daily.select(
        ordinary=pl.col("ordinary_hours").sum(),
        sick=pl.col("sick_hours").sum(),
        long=pl.col("sick_hours").filter(pl.col("case_length") >= long_days).sum(),
        persons=pl.col("person_id").filter(pl.col("ordinary_hours") > 0).n_unique(),
    ).row(0, named=True)
    return SickLeave(float(sums["ordinary"]), float(sums["sick"]), float(sums["long"]), int(sums["persons"]))


def compute_sick_leave(
    employments: pl.DataFrame,
    absences: pl.DataFrame,
    start: date,
    end: date,
    unit_ids: Iterable[str] | None = None,
    person_ids: Iterable[str] | None = None,
) -> SickLeave:
    """Sick leave and long-term share for a period and set of units (all units if None).

    `person_ids` restricts to a group of persons (figures 3–7 are figure 1 over such groups).
    """
    if person_ids is not None:
        employments = employments.filter(pl.col("person_id").is_in(pl.Series(list(person_ids)).implode()))
    return summarise(daily_hours(employments, absences, start, end, unit_ids))


def sick_leave_pct(employments, absences, start: date, end: date, unit_ids=None) -> float | None:
    """Figure 1: 100 × Σ sick hours / Σ ordinary hours."""
    return compute_sick_leave(employments, absences, start, end, unit_ids).sick_leave_pct


def long_term_share_pct(employments, absences, start: date, end: date, unit_ids=None) -> float | None:
    """Figure 2: 100 × sick hours in cases of ≥ 60 calendar days / all sick hours in the period."""
    return compute_sick_leave(employments, absences, start, end, unit_ids).long_term_share_pct


def healthy_attendance(daily: pl.DataFrame, start: date, end: date, n: float = 0) -> float | None:
    """Healthy attendance from a `daily_hours` frame ("Healthy attendance").

    The persons counted have ordinary working time (in the frame's units) on at least half the days
    of start…end: 2 × their days ≥ the period's days. A day's sick day-equivalent is its sick hours
    ÷ its ordinary hours summed over the person's employments in the set that day. Returns the
    percentage of those persons whose day-equivalents add up to at most n; None if there are none.
    """
    period_days = (end - start).days + 1
    per_day = (
        daily.filter(pl.col("ordinary_hours") > 0)
        .group_by("person_id", "date")
        .agg(day_equivalent=pl.col("sick_hours").sum() / pl.col("ordinary_hours").sum())
    )
    persons = per_day.group_by("person_id").agg(days=pl.len(), day_equivalents=pl.col("day_equivalent").sum())
    counted = persons.filter(2 * pl.col("days") >= period_days)
    if counted.height == 0:
        return None
    healthy = counted.filter(pl.col("day_equivalents") <= n + DAY_EQUIVALENT_TOLERANCE).height
    return 100 * healthy / counted.height


def healthy_attendance_pct(
    employments, absences, start: date, end: date, unit_ids=None, n: float = 0
) -> float | None:
    """Healthy attendance with N = n (presets 0 and 5) for a period and set of units."""
    return healthy_attendance(daily_hours(employments, absences, start, end, unit_ids), start, end, n)


def subtree_unit_ids(units: pl.DataFrame, root_id: str) -> list[str]:
    """The unit and all units below it (a unit's figures include its whole subtree)."""
    found, frontier = [root_id], [root_id]
    while frontier:
        frontier = units.filter(pl.col("parent_id").is_in(pl.Series(frontier).implode()))["unit_id"].to_list()
        found += frontier
    return sorted(found)
