"""Sick leave as docs/definitions.md "Sick leave" defines it: ordinary and sick hours, long-term hours, bands,
occasions, healthy attendance and repeated short-term absence, for every unit's whole subtree, per
month (`monthly_series`) or per period and group of persons (`period_figures`), and the statutory
report of one unit or the organisation (`statutory_report`). Pure Polars, no Django.

The engine (kasam.metrics.aggregation on kasam.metrics.intervals) works on intervals, never on
employment days:
- ordinary hours = h × the days of an employment interval in the period, summed as exact integers
  (h × 7,000,000 is whole, since rate and weekly hours have 2 decimals) and divided once;
- a person's sick records become disjoint runs of constant extent (a day's extent is the highest
  record's; only overlapping clusters are exploded into days and compressed again); sick hours =
  Σ over run ∩ employment interval of days × h × extent / 100;
- a sick hour is long-term when its case (joined over all data) lasts ≥ `long_case_days`;
- figures are computed per (person, unit) first, then carried to every ancestor (the ancestor map
  explodes each unit into itself and its ancestors) and aggregated per (ancestor, group): persons
  are counted once per ancestor, max_person_sick_hours is the largest person's subtree sum,
  occasions count once per person and case per ancestor;
- a unit's days count to the ancestors it had on those days (docs/definitions.md "The tree and its history"):
  when `Frames.tree` holds a history, employment intervals are cut where their unit moved
  (kasam.metrics.tree_history), so a move changes only the figures of the days after it.

Choices where the definition is silent (each also in the docstring where it applies):
- A period is start…end, both inclusive; end before start raises ValueError. `monthly_series` cuts
  its first and last months to the period, so that months add up to it.
- Persons of a group, and persons counted for healthy attendance, are counted by the employment
  intervals alone: a person "with ordinary working time" on a day is one whom a monthly-paid
  employment covers that day, also if sick all day.
- Healthy attendance's "≤ N" is tested as ≤ N + 1e-9, so that sums of fractions such as 15 × 1/3
  count as 5; "at least half the days" is 2 × days ≥ the period's days (16 of 31).
- A person without birth year, or missing from `people`, counts in the total only; gender other than
  K or M likewise (docs/definitions.md).
- Sick days of a person outside every employment in the set carry no hours and no day-equivalents,
  but join cases (docs/definitions.md "Organisation and imports").
- The report's window for repeated short-term absence is the `repeated_window_days` (365) days up to
  and including the period's end, whatever the period's length.
"""

from datetime import date

import polars as pl

from kasam.metrics.aggregation import (
    BAND_COLUMNS,
    GROUPS,
    SERIES_COLUMNS,
    monthly_table,
    period_table,
    person_table,
)
from kasam.metrics.definitions import SickLeaveSettings
from kasam.metrics.frames import Frames
from kasam.metrics.intervals import (
    assign_sick_cases,
    join_sick_cases,
    sick_records,
    subtree_unit_ids,
)
from kasam.metrics.sickleave_gate import GateDecision, OwnHours, age_group, decide
from kasam.metrics.tree_history import ancestor_intervals, engine_tree, parents_on

__all__ = [
    "BAND_COLUMNS",
    "GROUPS",
    "SERIES_COLUMNS",
    "assign_sick_cases",
    "gate_decision",
    "join_sick_cases",
    "monthly_series",
    "period_figures",
    "sick_records",
    "statutory_report",
    "subtree_unit_ids",
]
GENDER_GROUPS, AGE_GROUPS = GROUPS[1:3], GROUPS[3:]


def monthly_series(
    frames: Frames, start: date, end: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """One row per unit × calendar month in start…end: unit_id, month (the 1st), *SERIES_COLUMNS.

    Every unit's figures include its whole subtree. persons = persons with ordinary working time in
    the subtree on at least one day of the month; hours are additive; sick hours are split by the
    band of their case's length (over all data) and long_sick_hours are those of cases of at least
    `long_case_days`; occasions = cases starting in the month on a day the person had ordinary
    working time in the subtree, once per person and case. Choice: the first and last months are
    cut to start…end (a month row covers its days inside the period), so that the months add up to
    the period. Units without staff have rows of zeros.
    """
    return monthly_table(frames, start, end, settings)


def period_figures(
    frames: Frames, start: date, end: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """One row per unit × group (GROUPS) for start…end, each unit's figures over its whole subtree,
    unsuppressed: unit_id, group, persons, ordinary_hours, sick_hours, long_sick_hours,
    max_person_sick_hours, occasions, repeated_short_term_persons, ha_persons and one ha_healthy_N
    per N in `settings.healthy_attendance_n`.

    Groups: "all"; "K", "M" by gender (other or empty genders count in "all" only); "-29" (age
    ≤ 29), "30-49", "50-" (≥ 50) with age = end.year − birth_year (choice: a person without birth
    year, or missing from `people`, counts in "all" only). Persons of a group have ordinary
    working time in the subtree on at least one day. ha_persons: those with ordinary working time in
    the subtree on at least half the period's days (2 × covered days ≥ period days, the days covered
    by the union of their monthly-paid employments in the subtree); ha_healthy_N: of them, those
    whose sick day-equivalents in the subtree are ≤ N, a day-equivalent being the day's extent / 100
    on a day with ordinary working time in the subtree. repeated_short_term_persons: persons of the
    group with ≥ `repeated_short_cases` short cases starting in the `repeated_window_days` days up to
    and including `end` (kasam.metrics.sickcases.repeated_short_term).
    """
    targets = ancestor_intervals(engine_tree(frames.units, frames.tree))
    figures = period_table(frames, start, end, targets, settings)
    grid = frames.units.select(target="unit_id").join(pl.DataFrame({"group": GROUPS}), how="cross")
    filled = grid.join(figures, on=["target", "group"], how="left").with_columns(
        pl.col(pl.Float64).fill_null(0.0), pl.col(pl.Int64).fill_null(0)
    )
    order = pl.col("group").replace_strict(GROUPS, list(range(len(GROUPS))), return_dtype=pl.Int64)
    return filled.sort(pl.col("target"), order).rename({"target": "unit_id"})


def gate_decision(
    frames: Frames, start: date, end: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> GateDecision:
    """The sick-leave gate's decision for start…end over the whole tree (kasam.metrics.sickleave_gate),
    from each person's sick hours in each unit's own employments. A person's groups are those of
    `period_figures` (age = end.year − birth_year); a person without gender or birth year, or missing
    from `people`, is *not stated* in that split."""
    own = frames.units.select("unit_id", target="unit_id")
    parent_of = parents_on(frames.units, frames.tree, end)
    return decide(parent_of, _person_hours(frames, start, end, own, settings), settings.max_hidden_persons)


def _person_hours(
    frames: Frames, start: date, end: date, targets: pl.DataFrame, settings: SickLeaveSettings
) -> list[OwnHours]:
    """Each person's sick hours per target, with the person's gender and age group."""
    hours = person_table(frames, start, end, targets, settings)
    people = frames.people.select(
        pl.col("person_id").cast(pl.String),
        gender=pl.col("gender").cast(pl.String),
        age=(end.year - pl.col("birth_year")).cast(pl.Int64),
    )
    rows = hours.join(people, on="person_id", how="left").select(
        "target", "person_id", "sick_hours", "gender", "age"
    )
    return [
        OwnHours(unit, person, float(sick or 0.0), gender, age_group(age))
        for unit, person, sick, gender, age in rows.iter_rows()
    ]


def statutory_report(
    frames: Frames,
    start: date,
    end: date,
    unit_id: str | None = None,
    settings: SickLeaveSettings = SickLeaveSettings(),
) -> dict:
    """The statutory annual-report figures as one JSON-ready dict, as HR sees them: the unit's own total
    shown, its groups K/M and the age groups suppressed by the split rule (kasam.metrics.sickleave_gate:
    persons without gender or birth year form a not-stated group that counts in the pairing). `unit_id` None
    means the whole organisation. Numbers are rounded to 2 decimals; a figure whose denominator is 0,
    or that is suppressed, is None. Raises ValueError for an unknown unit or end before start."""
    if unit_id is None:
        targets = frames.units.select("unit_id", target=pl.lit("", pl.String))
    else:
        if unit_id not in set(frames.units["unit_id"].to_list()):
            raise ValueError(f"there is no unit {unit_id}")
        targets = ancestor_intervals(engine_tree(frames.units, frames.tree)).filter(target=unit_id)
    rows = {
        row["group"]: row for row in period_table(frames, start, end, targets, settings).iter_rows(named=True)
    }
    target = targets["target"][0] if targets.height else ""
    split_hidden = {
        group
        for unit, group in decide(
            {target: None}, _person_hours(frames, start, end, targets, settings), settings.max_hidden_persons
        ).split_hidden
        if unit == target
    }
    empty = {"persons": 0, "ordinary_hours": 0.0, "sick_hours": 0.0, "max_person_sick_hours": 0.0}
    total = rows.get("all", empty | {"long_sick_hours": 0.0, "occasions": 0, "ha_persons": 0})
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "unit": unit_id,
        "persons": total["persons"],
        "ordinary_hours": round(total["ordinary_hours"], 2),
        "sick_hours": round(total["sick_hours"], 2),
        "sick_leave_pct": _pct(total["sick_hours"], total["ordinary_hours"]),
        "long_term_share_pct": _pct(total["long_sick_hours"], total["sick_hours"]),
        "by_gender": _split([rows.get(g, empty) for g in GENDER_GROUPS], GENDER_GROUPS, split_hidden),
        "by_age": _split([rows.get(g, empty) for g in AGE_GROUPS], AGE_GROUPS, split_hidden),
        "healthy_attendance_pct": {
            str(n): _pct(total.get(f"ha_healthy_{n}", 0), total["ha_persons"])
            for n in settings.healthy_attendance_n
        },
        "healthy_attendance_persons": total["ha_persons"],
        "occasions": total["occasions"],
        "repeated_short_term_persons": total.get("repeated_short_term_persons", 0),
        "definition": settings.as_dict(),
    }


# --- the report ----------------------------------------------------------------------------------


def _pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _split(rows: list[dict], names: list[str], hidden: set[str]) -> dict:
    return {
        name: {
            "persons": row["persons"],
            "sick_leave_pct": None if name in hidden else _pct(row["sick_hours"], row["ordinary_hours"]),
            "suppressed": name in hidden,
        }
        for name, row in zip(names, rows, strict=True)
    }
