"""Economics (docs/definitions.md): the budget deviation and the cost of sick leave. Pure: no Django.

- Deviation = budget − outcome; negative is an overspend.
- The cost of sick leave counts sick days by their place in the sick case (the case of
  docs/definitions.md "Sick cases": all of a person's sick days joined by the re-sickness rule, over all
  data): days 1–14 of a case cost `short_factor` (10 %) of a monthly salary each, days 15–90 `mid_factor`
  (2.5 %); other days cost nothing in this model. Choices where the definition is silent:
  * A day is weighed by the sick extent and the employment's rate: a full-time employee fully sick
    for a day is one day; half-time, or half the day sick, is half a day. The salary is then the
    full-time monthly salary of the unit, so that a part-timer's day costs its share of it.
  * Only days with ordinary working time count (monthly-paid employments), as for sick leave, and a
    day belongs to the unit of the employment, as sick hours do.
  * The salary of a unit is its own (imported) salary, else the nearest ancestor's, else the
    organisation's default; the salary used is shown beside every estimate.
  * A unit's cost covers its subtree: each unit's own days at its own salary, summed upwards, on
    each day's tree when a history is given (`tree`, kasam.metrics.tree_history): the days of a unit
    that moved count to the parent it had on them, and its salary stays its own (today's tree).
- "One percentage point lower sick leave is worth": the cost at the period's figure minus the cost
  with each unit's own sick hours lowered by one percentage point of its ordinary hours (never below
  zero), every sick day of the unit scaled down in the same proportion.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from kasam.metrics.intervals import (
    DEFAULT_WEEKLY_HOURS,
    RESICKNESS_GAP_DAYS,
    clip,
    day_number,
    intersect,
    sick_runs,
)
from kasam.metrics.tree_history import ancestor_intervals, at_places, engine_tree, places

SHORT_DAYS = (1, 14)
MID_DAYS = (15, 90)


def deviation(budget: float, outcome: float) -> float:
    """Budget − outcome (docs/definitions.md): negative is an overspend."""
    return budget - outcome


@dataclass(frozen=True)
class CostSettings:
    """The editable cost model (docs/definitions.md "Economics": the defaults)."""

    short_factor: float = 0.10  # of a monthly salary, per sick day 1–14
    mid_factor: float = 0.025  # per sick day 15–90
    default_salary: float = 34_000.0  # SEK a month, full time, where no unit has a salary

    @property
    def short_pct(self) -> float:
        return 100 * self.short_factor

    @property
    def mid_pct(self) -> float:
        return 100 * self.mid_factor


def _employments(employments: pl.DataFrame) -> pl.DataFrame:
    """Monthly-paid employments with their hours a day and their rate as a fraction of full time."""
    pay = pl.col("pay").cast(pl.String).str.to_lowercase()
    weekly = pl.col("weekly_hours").cast(pl.Float64).fill_null(DEFAULT_WEEKLY_HOURS)
    rate = pl.col("rate").cast(pl.Float64) / 100
    return employments.filter(pay != "hourly").select(
        pl.col("person_id").cast(pl.String),
        pl.col("unit_id").cast(pl.String),
        s=pl.col("start_date").cast(pl.Date).cast(pl.Int32),
        e=pl.col("end_date").cast(pl.Date).cast(pl.Int32).fill_null(2**30),
        h=weekly * rate / 7,
        fte=rate,
    )


def _overlap(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Days of the piece (s…e) within first…last."""
    return (pl.min_horizontal("e", last) - pl.max_horizontal("s", first) + 1).clip(lower_bound=0)


def own_sick_days(
    employments: pl.DataFrame,
    absences: pl.DataFrame,
    start: date,
    end: date,
    gap: int = RESICKNESS_GAP_DAYS,
    tree: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per unit (its own employments only): ordinary_hours, sick_hours, short_days (days 1–14 of a
    case) and mid_days (days 15–90), in full-time day-equivalents, for start…end. With the units'
    history `tree` (Frames.tree), a unit that moved in the period has a row per stretch under one
    parent instead (unit_id is then its place, kasam.metrics.tree_history.places): pass the same
    tree to `sick_leave_costs`."""
    first, last = day_number(start), day_number(end)
    jobs = clip(_employments(employments), first, last)
    if tree is not None:
        place_of, _targets = places(ancestor_intervals(tree))
        unplaced = jobs.join(place_of, on="unit_id", how="anti")  # a unit the history lacks stays
        jobs = pl.concat([at_places(jobs, place_of), unplaced])
    ordinary = jobs.group_by("unit_id").agg(
        ordinary_hours=(pl.col("h") * (pl.col("e") - pl.col("s") + 1)).sum()
    )
    runs = clip(sick_runs(absences, gap), first, last)
    pieces = intersect(jobs, runs)
    weight = pl.col("extent") / 100
    case = pl.col("case_start")
    sick = pieces.group_by("unit_id").agg(
        sick_hours=(pl.col("h") * (pl.col("e") - pl.col("s") + 1) * weight).sum(),
        short_days=(
            _overlap(case + SHORT_DAYS[0] - 1, case + SHORT_DAYS[1] - 1) * weight * pl.col("fte")
        ).sum(),
        mid_days=(_overlap(case + MID_DAYS[0] - 1, case + MID_DAYS[1] - 1) * weight * pl.col("fte")).sum(),
    )
    return (
        ordinary.join(sick, on="unit_id", how="full", coalesce=True)
        .with_columns(pl.exclude("unit_id").fill_null(0.0).cast(pl.Float64))
        .sort("unit_id")
    )


def salary_of(
    parent_of: Mapping[str, str | None], salaries: Mapping[str, float], default: float
) -> dict[str, float]:
    """Every unit's salary: its own, else the nearest ancestor's, else `default`."""
    found: dict[str, float] = {}
    for unit in parent_of:
        current: str | None = unit
        while current is not None and current not in salaries:
            current = parent_of.get(current)
        found[unit] = float(salaries[current]) if current is not None else default
    return found


@dataclass(frozen=True)
class UnitCost:
    """A unit's (subtree's) cost of sick leave in SEK, and its day-equivalents."""

    unit: str
    salary: float  # the unit's own salary used (its subtree may use others)
    short_days: float
    mid_days: float
    cost_short: float
    cost_mid: float
    worth_one_point: float
    sick_leave_pct: float | None

    @property
    def cost(self) -> float:
        return self.cost_short + self.cost_mid


def sick_leave_costs(
    own: pl.DataFrame,
    parent_of: Mapping[str, str | None],
    salaries: Mapping[str, float],
    settings: CostSettings = CostSettings(),
    tree: pl.DataFrame | None = None,
) -> dict[str, UnitCost]:
    """Every unit's cost of sick leave (its subtree), from `own_sick_days` (see the module); `tree`
    the same history given to it, or None for today's tree `parent_of` on every day. Choice: one
    point lower is taken of each unit's own hours per stretch under one parent."""
    salary = salary_of(parent_of, salaries, settings.default_salary)
    units = pl.DataFrame(
        {
            "unit_id": list(parent_of),
            "parent_id": list(parent_of.values()),
            "salary": [salary[u] for u in parent_of],
        },
        schema={"unit_id": pl.String, "parent_id": pl.String, "salary": pl.Float64},
    )
    place_of, targets = places(ancestor_intervals(engine_tree(units.select("unit_id", "parent_id"), tree)))
    rows = (
        place_of.select(unit_id="place", unit="unit_id")
        .unique()
        .join(units.select(unit="unit_id", salary="salary"), on="unit")
        .drop("unit")
        .join(own, on="unit_id", how="left")
        .with_columns(pl.col("ordinary_hours", "sick_hours", "short_days", "mid_days").fill_null(0.0))
    )
    lowered = (pl.col("sick_hours") - pl.col("ordinary_hours") / 100).clip(lower_bound=0.0)
    kept = pl.when(pl.col("sick_hours") > 0).then(lowered / pl.col("sick_hours")).otherwise(0.0)
    rows = rows.with_columns(
        cost_short=pl.col("short_days") * settings.short_factor * pl.col("salary"),
        cost_mid=pl.col("mid_days") * settings.mid_factor * pl.col("salary"),
    ).with_columns(worth_one_point=(pl.col("cost_short") + pl.col("cost_mid")) * (1 - kept))
    additive = [
        "ordinary_hours",
        "sick_hours",
        "short_days",
        "mid_days",
        "cost_short",
        "cost_mid",
        "worth_one_point",
    ]
    totals = rows.join(targets, on="unit_id").group_by("target").agg(pl.col(additive).sum())
    found = {}
    for row in totals.iter_rows(named=True):
        unit = row["target"]
        ordinary = row["ordinary_hours"]
        found[unit] = UnitCost(
            unit=unit,
            salary=salary[unit],
            short_days=row["short_days"],
            mid_days=row["mid_days"],
            cost_short=row["cost_short"],
            cost_mid=row["cost_mid"],
            worth_one_point=row["worth_one_point"],
            sick_leave_pct=100 * row["sick_hours"] / ordinary if ordinary else None,
        )
    return found
