"""Sick leave as DOMAIN.md "Sick leave" defines it: ordinary and sick hours, long-term hours, bands,
occasions, healthy attendance and repeated short-term absence, for every unit's whole subtree, per
month (`monthly_series`) or per period and group of persons (`period_figures`), and the statutory
report of one unit or the organisation (`statutory_report`). Pure Polars, no Django.

The engine works on intervals (kasam.metrics.intervals), never on employment days:
- ordinary hours = h × the days of an employment interval in the period;
- a person's sick records become disjoint runs of constant extent (a day's extent is the highest
  record's); sick hours = Σ over run ∩ employment interval of days × h × extent / 100;
- a sick hour is long-term when its case (joined over all data) lasts ≥ `long_case_days`;
- figures are computed per (person, unit) first, then carried to every ancestor (the ancestor map
  explodes each unit into itself and its ancestors) and aggregated per (ancestor, group): persons
  are counted once per ancestor, occasions once per person and case per ancestor.

Choices where DOMAIN.md is silent (each also in the docstring where it applies):
- A period is start…end, both inclusive; `monthly_series` cuts its first and last months to it.
- A person's age group uses the period's end year even in a monthly row.
- Persons of a group, and persons counted for healthy attendance, are counted by the employment
  intervals alone: a person is "with ordinary working time" on a day an employment with rate > 0
  covers, also if sick all day.
- The day-equivalent tolerance: "≤ N" is tested as ≤ N + 1e-9, so that sums of fractions such as
  15 × 1/3 count as 5.
- Sick days of a person outside every employment in the set carry no hours and no day-equivalents,
  but join cases (DOMAIN.md "Inputs").
"""

from datetime import date, timedelta

import polars as pl

from kasam.metrics.anonymity import Group, hide_in_split
from kasam.metrics.definitions import BANDS, SickLeaveSettings
from kasam.metrics.frames import Frames
from kasam.metrics.intervals import (
    EPOCH,
    ancestor_map,
    assign_sick_cases,
    clip,
    day_number,
    employment_intervals,
    intersect,
    join_sick_cases,
    sick_records,
    sick_runs,
    subtree_unit_ids,
    union_intervals,
)

__all__ = [
    "GROUPS",
    "SERIES_COLUMNS",
    "assign_sick_cases",
    "join_sick_cases",
    "monthly_series",
    "period_figures",
    "sick_records",
    "statutory_report",
    "subtree_unit_ids",
]

BAND_COLUMNS = [f"sick_hours_{first}_{last}" if last else f"sick_hours_{first}" for _l, first, last in BANDS]
SERIES_COLUMNS = ["persons", "ordinary_hours", "sick_hours", "long_sick_hours", *BAND_COLUMNS, "occasions"]
GROUPS = ["all", "K", "M", "-29", "30-49", "50-"]
GENDER_GROUPS, AGE_GROUPS = GROUPS[1:3], GROUPS[3:]
DAY_EQUIVALENT_TOLERANCE = 1e-9


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
    first, last = _bounds(start, end)
    targets = ancestor_map(frames.units)
    employments = clip(employment_intervals(frames.employments), first, last)
    runs = clip(sick_runs(frames.absences, settings.resickness_gap_days), first, last)
    months = _months(first, last)

    solo = employments.group_by("person_id").agg(solo=pl.len() == 1)
    ordinary = _split_by_month(employments, months).join(solo, on="person_id")
    hours = _split_by_month(intersect(employments, runs), months).with_columns(
        sick=pl.col("h") * (pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100
    )
    band_sums = []
    for (_label, low, high), column in zip(BANDS, BAND_COLUMNS, strict=True):
        length = pl.col("case_length")
        in_band = (length >= low) & (length <= high) if high else length >= low
        band_sums.append(pl.col("sick").filter(in_band).sum().alias(column))
    sick_by_unit = hours.group_by("unit_id", "month").agg(
        pl.col("sick").sum().alias("sick_hours"),
        pl.col("sick")
        .filter(pl.col("case_length") >= settings.long_case_days)
        .sum()
        .alias("long_sick_hours"),
        *band_sums,
    )
    ordinary_by_unit = ordinary.group_by("unit_id", "month").agg(
        ordinary_hours=(pl.col("h") * (pl.col("e") - pl.col("s") + 1)).sum()
    )
    additive = (
        ordinary_by_unit.join(sick_by_unit, on=["unit_id", "month"], how="full", coalesce=True)
        .join(targets, on="unit_id")
        .group_by("target", "month")
        .agg(pl.exclude("unit_id").fill_null(0.0).sum())
    )
    persons = _count_distinct(ordinary, ["person_id"], ["month"], targets).rename({"count": "persons"})
    occasions = (
        _occasion_units(runs, employments)
        .with_columns(month=_month_index(pl.col("case_start")))
        .join(months.select("month"), on="month")
    )
    occasions = _count_distinct(occasions, ["person_id", "case_start"], ["month"], targets)
    grid = frames.units.select(target="unit_id").join(months.select("month", "month_date"), how="cross")
    return (
        grid.join(additive, on=["target", "month"], how="left")
        .join(persons, on=["target", "month"], how="left")
        .join(occasions.rename({"count": "occasions"}), on=["target", "month"], how="left")
        .select(
            unit_id="target",
            month="month_date",
            persons=pl.col("persons").fill_null(0).cast(pl.Int64),
            **{c: pl.col(c).fill_null(0.0).cast(pl.Float64) for c in SERIES_COLUMNS[1:-1]},
            occasions=pl.col("occasions").fill_null(0).cast(pl.Int64),
        )
        .sort("unit_id", "month")
    )


def period_figures(
    frames: Frames, start: date, end: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """One row per unit × group (GROUPS) for start…end, each unit's figures over its whole subtree,
    unsuppressed: unit_id, group, persons, ordinary_hours, sick_hours, long_sick_hours,
    max_person_sick_hours, occasions, repeated_short_term_persons, ha_persons and one ha_healthy_N
    per N in `settings.healthy_attendance_n`.

    Groups: "all"; "K", "M" by gender (other or empty genders count in "all" only); "-29" (age
    ≤ 29), "30-49", "50-" (≥ 50) with age = end.year − birth_year. Persons of a group have ordinary
    working time in the subtree on at least one day. ha_persons: those with ordinary working time in
    the subtree on at least half the period's days (2 × covered days ≥ period days, the days covered
    by the union of their monthly-paid employments in the subtree); ha_healthy_N: of them, those
    whose sick day-equivalents in the subtree are ≤ N, a day-equivalent being the day's extent / 100
    on a day with ordinary working time in the subtree. repeated_short_term_persons: persons of the
    group with ≥ `repeated_short_cases` short cases starting in the `repeated_window_days` days up to
    and including `end` (kasam.metrics.sickcases.repeated_short_term).
    """
    figures = _figures(frames, start, end, ancestor_map(frames.units), settings)
    grid = frames.units.select(target="unit_id").join(pl.DataFrame({"group": GROUPS}), how="cross")
    filled = grid.join(figures, on=["target", "group"], how="left").with_columns(
        pl.col(pl.Float64).fill_null(0.0), pl.col(pl.Int64).fill_null(0)
    )
    order = pl.col("group").replace_strict(GROUPS, list(range(len(GROUPS))), return_dtype=pl.Int64)
    return filled.sort(pl.col("target"), order).rename({"target": "unit_id"})


def statutory_report(
    frames: Frames,
    start: date,
    end: date,
    unit_id: str | None = None,
    settings: SickLeaveSettings = SickLeaveSettings(),
) -> dict:
    """The statutory figures of issue 3 as one JSON-ready dict, as HR sees them: the unit's own total
    shown, its groups K/M and the age groups suppressed by anonymity.hide_in_split. `unit_id` None
    means the whole organisation. Numbers are rounded to 2 decimals; a figure whose denominator is 0,
    or that is suppressed, is None. Raises ValueError for an unknown unit or end before start."""
    if unit_id is None:
        targets = frames.units.select("unit_id", target=pl.lit("", pl.String))
    else:
        if unit_id not in set(frames.units["unit_id"].to_list()):
            raise ValueError(f"there is no unit {unit_id}")
        subtree = subtree_unit_ids(frames.units, unit_id)
        targets = pl.DataFrame({"unit_id": subtree, "target": [unit_id] * len(subtree)})
    rows = {
        row["group"]: row for row in _figures(frames, start, end, targets, settings).iter_rows(named=True)
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
        "by_gender": _split([rows.get(g, empty) for g in GENDER_GROUPS], GENDER_GROUPS, settings),
        "by_age": _split([rows.get(g, empty) for g in AGE_GROUPS], AGE_GROUPS, settings),
        "healthy_attendance_pct": {
            str(n): _pct(total.get(f"ha_healthy_{n}", 0), total["ha_persons"])
            for n in settings.healthy_attendance_n
        },
        "healthy_attendance_persons": total["ha_persons"],
        "occasions": total["occasions"],
        "repeated_short_term_persons": total.get("repeated_short_term_persons", 0),
        "definition": settings.as_dict(),
    }


# --- the period engine ---------------------------------------------------------------------------


def _figures(
    frames: Frames, start: date, end: date, targets: pl.DataFrame, settings: SickLeaveSettings
) -> pl.DataFrame:
    """period_figures' columns per (target, group) for the groups that have rows; `targets` maps each
    unit to the targets its figures count in (its ancestors, or one chosen set)."""
    from kasam.metrics.sickcases import repeated_short_term  # imports this module: import it late

    first, last = _bounds(start, end)
    period_days = last - first + 1
    employments = clip(employment_intervals(frames.employments), first, last).join(
        targets.select("unit_id").unique(), on="unit_id", how="semi"
    )
    all_runs = sick_runs(frames.absences, settings.resickness_gap_days)
    runs = clip(all_runs, first, last)
    sick = intersect(employments, runs).with_columns(
        sick=pl.col("h") * (pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100
    )
    long = pl.col("case_length") >= settings.long_case_days
    by_unit = (
        employments.group_by("person_id", "unit_id")
        .agg(ordinary_hours=(pl.col("h") * (pl.col("e") - pl.col("s") + 1)).sum())
        .join(
            sick.group_by("person_id", "unit_id").agg(
                sick_hours=pl.col("sick").sum(), long_sick_hours=pl.col("sick").filter(long).sum()
            ),
            on=["person_id", "unit_id"],
            how="left",
        )
    )
    per_person = (
        by_unit.join(targets, on="unit_id")
        .group_by("person_id", "target")
        .agg(pl.col("ordinary_hours", "sick_hours", "long_sick_hours").fill_null(0.0).sum())
        .filter(pl.col("ordinary_hours") > 0)
    )

    # Healthy attendance: the union of the person's employments in the target, and the sick runs on it.
    covered = union_intervals(employments.join(targets, on="unit_id"), ["person_id", "target"])
    equivalents = (
        intersect(covered, runs.select("person_id", "s", "e", "extent"))
        .group_by("person_id", "target")
        .agg(day_equivalents=((pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100).sum())
    )
    attendance = (
        covered.group_by("person_id", "target")
        .agg(days=(pl.col("e") - pl.col("s") + 1).sum())
        .filter(2 * pl.col("days") >= period_days)
        .join(equivalents, on=["person_id", "target"], how="left")
        .select(
            "person_id",
            "target",
            ha=pl.lit(1, pl.Int64),
            **{
                f"ha_healthy_{n}": (
                    pl.col("day_equivalents").fill_null(0.0) <= n + DAY_EQUIVALENT_TOLERANCE
                ).cast(pl.Int64)
                for n in settings.healthy_attendance_n
            },
        )
    )

    occasions = (
        _occasion_units(runs, employments)
        .join(targets, on="unit_id")
        .unique(["person_id", "case_start", "target"])
        .group_by("person_id", "target")
        .agg(occasions=pl.len().cast(pl.Int64))
    )

    cases = (
        all_runs.group_by("person_id", "case_start")
        .agg(pl.col("e").max(), pl.col("case_length").first())
        .select(
            "person_id",
            start_date=pl.col("case_start").cast(pl.Date),
            end_date=pl.col("e").cast(pl.Date),
            length=pl.col("case_length").cast(pl.Int64),
        )
    )
    repeated = (
        repeated_short_term(cases, end, settings)
        .filter("repeated")
        .select("person_id", repeated=pl.lit(1, pl.Int64))
    )

    keys = ["person_id", "target"]
    ha_columns = [f"ha_healthy_{n}" for n in settings.healthy_attendance_n]
    persons = (
        per_person.join(attendance, on=keys, how="left")
        .join(occasions, on=keys, how="left")
        .join(repeated, on="person_id", how="left")
        .with_columns(pl.col("ha", "occasions", "repeated", *ha_columns).fill_null(0))
        .join(_person_groups(frames.people, end.year), on="person_id")
    )
    return persons.group_by("target", "group").agg(
        persons=pl.len().cast(pl.Int64),
        ordinary_hours=pl.col("ordinary_hours").sum(),
        sick_hours=pl.col("sick_hours").sum(),
        long_sick_hours=pl.col("long_sick_hours").sum(),
        max_person_sick_hours=pl.col("sick_hours").max(),
        occasions=pl.col("occasions").sum().cast(pl.Int64),
        repeated_short_term_persons=pl.col("repeated").sum().cast(pl.Int64),
        ha_persons=pl.col("ha").sum().cast(pl.Int64),
        **{c: pl.col(c).sum().cast(pl.Int64) for c in ha_columns},
    )


def _person_groups(people: pl.DataFrame, end_year: int) -> pl.DataFrame:
    """person_id, group: every person in "all", K and M by gender, and an age group by end year."""
    age = end_year - pl.col("birth_year")
    age_group = (
        pl.when(age <= 29).then(pl.lit("-29")).when(age <= 49).then(pl.lit("30-49")).when(age >= 50)
    ).then(pl.lit("50-"))
    gender = pl.when(pl.col("gender").is_in(GENDER_GROUPS)).then(pl.col("gender"))
    return (
        people.select(
            "person_id",
            group=pl.concat_list(pl.lit("all"), gender, age_group).list.drop_nulls(),
        )
        .explode("group")
        .select(pl.col("person_id").cast(pl.String), pl.col("group").cast(pl.String))
    )


def _occasion_units(runs: pl.DataFrame, employments: pl.DataFrame) -> pl.DataFrame:
    """Each case starting in the (clipped) runs' period with the units where the person had ordinary
    working time on its first day: person_id, case_start, unit_id. A case's first run starts on the
    case's first day, so clipping never loses a case that starts in the period."""
    starts = runs.filter(pl.col("s") == pl.col("case_start")).select("person_id", "case_start").unique()
    return (
        starts.join(employments.select("person_id", "unit_id", "s", "e"), on="person_id")
        .filter((pl.col("s") <= pl.col("case_start")) & (pl.col("case_start") <= pl.col("e")))
        .select("person_id", "case_start", "unit_id")
    )


# --- months and distinct counts ------------------------------------------------------------------


def _bounds(start: date, end: date) -> tuple[int, int]:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return day_number(start), day_number(end)


def _month_index(day: pl.Expr) -> pl.Expr:
    as_date = day.cast(pl.Date)
    return (as_date.dt.year().cast(pl.Int32) * 12 + as_date.dt.month().cast(pl.Int32) - 1).alias("month")


def _months(first: int, last: int) -> pl.DataFrame:
    """month (index year × 12 + month − 1), month_date (the 1st), ms, me: the month's days in
    first…last as day numbers."""
    rows, day = [], EPOCH + timedelta(days=first)
    current = date(day.year, day.month, 1)
    while day_number(current) <= last:
        following = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        rows.append(
            (
                current.year * 12 + current.month - 1,
                current,
                max(day_number(current), first),
                min(day_number(following) - 1, last),
            )
        )
        current = following
    schema = {"month": pl.Int32, "month_date": pl.Date, "ms": pl.Int32, "me": pl.Int32}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _split_by_month(frame: pl.DataFrame, months: pl.DataFrame) -> pl.DataFrame:
    """Intervals (s, e) cut at month ends: one row per interval and month it touches, with month."""
    exploded = frame.with_columns(
        month=pl.int_ranges(_month_index(pl.col("s")), _month_index(pl.col("e")) + 1, dtype=pl.Int32)
    ).explode("month")
    return (
        exploded.join(months.select("month", "ms", "me"), on="month")
        .with_columns(s=pl.max_horizontal("s", "ms"), e=pl.min_horizontal("e", "me"))
        .drop("ms", "me")
    )


def _count_distinct(
    rows: pl.DataFrame, entity: list[str], by: list[str], targets: pl.DataFrame
) -> pl.DataFrame:
    """How many distinct entities (persons, or person and case) each target holds per `by`, from rows
    (*entity, unit_id, *by): an entity in two units below one target counts once there. Entities with
    one unit per `by` (the rule; a column `solo` may say so in advance) are counted per unit and
    summed up the tree; only the others are exploded to their targets and made unique."""
    keys = [*entity, *by]
    if "solo" not in rows.columns:
        rows = rows.select(*keys, "unit_id").unique().with_columns(solo=pl.len().over(keys) == 1)
    single = (
        rows.filter("solo")
        .group_by("unit_id", *by)
        .agg(count=pl.len().cast(pl.Int64))
        .join(targets, on="unit_id")
        .group_by("target", *by)
        .agg(pl.col("count").sum())
    )
    several = (
        rows.filter(~pl.col("solo"))
        .select(*keys, "unit_id")
        .join(targets, on="unit_id")
        .unique([*keys, "target"])
        .group_by("target", *by)
        .agg(count=pl.len().cast(pl.Int64))
    )
    return pl.concat([single, several]).group_by("target", *by).agg(pl.col("count").sum())


# --- the report ----------------------------------------------------------------------------------


def _pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _split(rows: list[dict], names: list[str], settings: SickLeaveSettings) -> dict:
    groups = [Group(r["persons"], r["sick_hours"], r["max_person_sick_hours"]) for r in rows]
    hidden = hide_in_split(groups, settings.max_hidden_persons)
    return {
        name: {
            "persons": row["persons"],
            "sick_leave_pct": None if hide else _pct(row["sick_hours"], row["ordinary_hours"]),
            "suppressed": hide,
        }
        for name, row, hide in zip(names, rows, hidden, strict=True)
    }
