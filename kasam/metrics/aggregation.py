"""The aggregations behind kasam.metrics.sickleave: the period figures per (target, group) and the
monthly series per (unit, month), from employment intervals and sick runs (kasam.metrics.intervals).
Pure Polars, no Django. The public functions, their definitions and choices are documented in
kasam.metrics.sickleave; this module holds how they are computed fast.
"""

from datetime import date, timedelta

import polars as pl

from kasam.metrics.definitions import BANDS, SickLeaveSettings
from kasam.metrics.frames import Frames
from kasam.metrics.intervals import (
    EPOCH,
    HOUR_UNITS,
    clip,
    day_number,
    employment_intervals,
    intersect,
    sick_runs,
    union_intervals,
)
from kasam.metrics.tree_history import ancestor_intervals, at_places, engine_tree, places

BAND_COLUMNS = [f"sick_hours_{first}_{last}" if last else f"sick_hours_{first}" for _l, first, last in BANDS]
SERIES_COLUMNS = ["persons", "ordinary_hours", "sick_hours", "long_sick_hours", *BAND_COLUMNS, "occasions"]
GROUPS = ["all", "K", "M", "-29", "30-49", "50-"]
GENDER_GROUPS, AGE_GROUPS = GROUPS[1:3], GROUPS[3:]
DAY_EQUIVALENT_TOLERANCE = 1e-9


def monthly_table(frames: Frames, start: date, end: date, settings: SickLeaveSettings) -> pl.DataFrame:
    """`kasam.metrics.sickleave.monthly_series`: every unit × month of start…end, subtree figures."""
    first, last = _bounds(start, end)
    # Each day's tree: employments are cut at their unit's moves into places, and a place counts to
    # the ancestors its unit had on its days (kasam.metrics.tree_history).
    place_of, targets = places(ancestor_intervals(engine_tree(frames.units, frames.tree)))
    employments = at_places(clip(employment_intervals(frames.employments), first, last), place_of)
    runs = clip(_sick_runs(frames.absences, settings.resickness_gap_days), first, last)
    months = _months(first, last)
    month_days = months.select("month", "month_date", days=pl.col("me") - pl.col("ms") + 1)
    grid = frames.units.select("unit_id").join(month_days, how="cross").sort("unit_id", "month")
    place_grid = place_of.select(unit_id="place").unique().join(month_days, how="cross")
    keys = ["unit_id", "month"]

    per_unit, emp = _ordinary_hours(employments, months, place_grid)
    sick_by_unit = _sick_hours(employments, runs, months, settings)
    additive = (
        per_unit.join(sick_by_unit, on=keys, how="left")
        .join(targets, on="unit_id")
        .group_by("target", "month")
        .agg(pl.exclude("unit_id").fill_null(0).sum())
        .rename({"target": "unit_id"})
    )

    # Persons with several employments: cut into months, counted once per unit's subtree.
    several = _split_by_month(emp.filter(~pl.col("solo")).select("person_id", "unit_id", "s", "e"), months)
    several = _count_distinct(several, ["person_id"], ["month"], targets)
    occasions = (
        _occasion_units(runs, employments)
        .with_columns(month=_month_index(pl.col("case_start")))
        .join(months.select("month"), on="month")
    )
    occasions = _count_distinct(occasions, ["person_id", "case_start"], ["month"], targets)
    return (
        grid.join(additive, on=keys, how="left")
        .join(several.rename({"target": "unit_id", "count": "more"}), on=keys, how="left")
        .join(occasions.rename({"target": "unit_id", "count": "occasions"}), on=keys, how="left")
        .select(
            "unit_id",
            month="month_date",
            persons=(pl.col("persons").fill_null(0) + pl.col("more").fill_null(0)).cast(pl.Int64),
            ordinary_hours=(pl.col("units").fill_null(0) / HOUR_UNITS).cast(pl.Float64),
            **{c: pl.col(c).fill_null(0.0).cast(pl.Float64) for c in SERIES_COLUMNS[2:-1]},
            occasions=pl.col("occasions").fill_null(0).cast(pl.Int64),
        )
        .sort("unit_id", "month")
    )


def _ordinary_hours(
    employments: pl.DataFrame, months: pl.DataFrame, place_grid: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(units – ordinary hours in HOUR_UNITS – and persons with a single employment per place and month,
    the employments with their first and last month and whether the person has only one)."""
    keys = ["unit_id", "month"]
    # Ordinary hours and the persons of single-employment persons per unit and month, without
    # cutting employments into months: each interval adds its first and last (partial) months'
    # hours directly, and its full months in between through running sums over the months of a
    # unit (+hu from the second month, −hu from the last). Exact integers (hu × days).
    emp = employments.with_columns(m0=_month_index(pl.col("s")), m1=_month_index(pl.col("e")))
    emp = emp.join(months.select(m0="month", end0="me"), on="m0").join(
        months.select(m1="month", start1="ms"), on="m1"
    )
    one_month = pl.col("m0") == pl.col("m1")
    partial = (
        pl.concat(
            [
                emp.select(
                    "unit_id",
                    month="m0",
                    units=pl.col("hu")
                    * (pl.when(one_month).then(pl.col("e")).otherwise("end0") - pl.col("s") + 1),
                ),
                emp.filter(~one_month).select(
                    "unit_id", month="m1", units=pl.col("hu") * (pl.col("e") - pl.col("start1") + 1)
                ),
            ]
        )
        .group_by(keys)
        .agg(pl.col("units").sum())
    )
    solo_persons = employments.group_by("person_id").agg(solo=pl.len() == 1)
    emp = emp.join(solo_persons, on="person_id")
    steps = (
        pl.concat(
            [
                emp.filter(~one_month).select(
                    "unit_id", month=pl.col("m0") + 1, rate="hu", solo=pl.lit(0, pl.Int64)
                ),
                emp.filter(~one_month).select(
                    "unit_id", month="m1", rate=-pl.col("hu"), solo=pl.lit(0, pl.Int64)
                ),
                emp.filter("solo").select(
                    "unit_id", month="m0", rate=pl.lit(0, pl.Int64), solo=pl.lit(1, pl.Int64)
                ),
                emp.filter("solo").select(
                    "unit_id", month=pl.col("m1") + 1, rate=pl.lit(0, pl.Int64), solo=pl.lit(-1, pl.Int64)
                ),
            ]
        )
        .group_by(keys)
        .agg(pl.col("rate", "solo").sum())
    )
    per_unit = (
        place_grid.join(partial, on=keys, how="left")
        .join(steps, on=keys, how="left")
        .with_columns(pl.col("units", "rate", "solo").fill_null(0))
        .sort(keys)
        .with_columns(pl.col("rate", "solo").cum_sum().over("unit_id"))
        .select(*keys, units=pl.col("units") + pl.col("rate") * pl.col("days"), persons="solo")
    )
    return per_unit, emp


def _sick_hours(
    employments: pl.DataFrame, runs: pl.DataFrame, months: pl.DataFrame, settings: SickLeaveSettings
) -> pl.DataFrame:
    """Sick hours per place and month: in all, in long cases and in each band of case length."""
    keys = ["unit_id", "month"]
    # Sick hours: run ∩ employment pieces, short as a rule, cut at month ends.
    hours = _split_by_month(intersect(employments, runs), months).with_columns(
        sick=pl.col("h") * (pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100
    )
    length = pl.col("case_length")
    bands = [(length >= low) & (length <= high) if high else length >= low for _l, low, high in BANDS]
    return (
        hours.select(
            *keys,
            sick_hours="sick",
            long_sick_hours=pl.when(length >= settings.long_case_days).then("sick").otherwise(0.0),
            **{
                c: pl.when(band).then("sick").otherwise(0.0)
                for c, band in zip(BAND_COLUMNS, bands, strict=True)
            },
        )
        .group_by(keys)
        .agg(pl.all().sum())
    )


# --- the period figures ---------------------------------------------------------------------------


def period_table(
    frames: Frames, start: date, end: date, targets: pl.DataFrame, settings: SickLeaveSettings
) -> pl.DataFrame:
    """period_figures' columns per (target, group) for the groups that have rows; `targets` maps each
    unit to the targets its figures count in (its ancestors, or one chosen set), with s and e (day
    numbers) when only on those days (kasam.metrics.tree_history.ancestor_intervals), else always."""
    first, last = _bounds(start, end)
    period_days = last - first + 1
    employments, targets, all_runs, runs = _period_inputs(frames, first, last, targets, settings)
    per_person = _per_person(employments, runs, targets, settings)
    attendance = _attendance(employments, runs, targets, period_days, settings)
    occasions = (
        _occasion_units(runs, employments)
        .join(targets, on="unit_id")
        .unique(["person_id", "case_start", "target"])
        .group_by("person_id", "target")
        .agg(occasions=pl.len().cast(pl.Int64))
    )
    repeated = _repeated(all_runs, end, settings)
    keys = ["person_id", "target"]
    ha_columns = [f"ha_healthy_{n}" for n in settings.healthy_attendance_n]
    persons = (
        per_person.join(attendance, on=keys, how="left")
        .join(occasions, on=keys, how="left")
        .join(repeated, on="person_id", how="left")
        .with_columns(pl.col("ha", "occasions", "repeated", *ha_columns).fill_null(0))
        .join(_person_groups(frames.people, end.year), on="person_id", how="left")
        .with_columns(pl.col("group").fill_null("all"))  # a person missing from people: totals only
    )
    return persons.group_by("target", "group").agg(
        persons=pl.len().cast(pl.Int64),
        ordinary_hours=(pl.col("ordinary_hours").sum() / HOUR_UNITS).cast(pl.Float64),
        sick_hours=pl.col("sick_hours").sum(),
        long_sick_hours=pl.col("long_sick_hours").sum(),
        max_person_sick_hours=pl.col("sick_hours").max(),
        occasions=pl.col("occasions").sum().cast(pl.Int64),
        repeated_short_term_persons=pl.col("repeated").sum().cast(pl.Int64),
        ha_persons=pl.col("ha").sum().cast(pl.Int64),
        **{c: pl.col(c).sum().cast(pl.Int64) for c in ha_columns},
    )


def _attendance(
    employments: pl.DataFrame,
    runs: pl.DataFrame,
    targets: pl.DataFrame,
    period_days: int,
    settings: SickLeaveSettings,
) -> pl.DataFrame:
    """Per person and target employed at least half the period: 1 in `ha`, and 1 in each
    `ha_healthy_<n>` when the person's sick days (by extent) were at most n."""
    # Healthy attendance: the union of the person's employments in the target, and the sick runs on it.
    covered = union_intervals(employments.join(targets, on="unit_id"), ["person_id", "target"])
    equivalents = (
        intersect(covered, runs.select("person_id", "s", "e", "extent"))
        .group_by("person_id", "target")
        .agg(day_equivalents=((pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100).sum())
    )
    return (
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


def _repeated(all_runs: pl.DataFrame, end: date, settings: SickLeaveSettings) -> pl.DataFrame:
    """The persons with repeated short-term sick leave at `end`, with `repeated` 1."""
    from kasam.metrics.sickcases import repeated_short_term  # imports this module: import it late

    cases = all_runs.filter(pl.col("s") == pl.col("case_start")).select(  # a case's first run
        "person_id",
        start_date=pl.col("case_start").cast(pl.Date),
        end_date=(pl.col("case_start") + pl.col("case_length") - 1).cast(pl.Date),
        length=pl.col("case_length").cast(pl.Int64),
    )
    return (
        repeated_short_term(cases, end, settings)
        .filter("repeated")
        .select("person_id", repeated=pl.lit(1, pl.Int64))
    )


def person_table(
    frames: Frames, start: date, end: date, targets: pl.DataFrame, settings: SickLeaveSettings
) -> pl.DataFrame:
    """`kasam.metrics.sickleave.person_hours`: person_id, target, ordinary_hours (in hour units),
    sick_hours, long_sick_hours per person with ordinary working time in the target."""
    first, last = _bounds(start, end)
    employments, targets, _all_runs, runs = _period_inputs(frames, first, last, targets, settings)
    return _per_person(employments, runs, targets, settings)


def _period_inputs(
    frames: Frames, first: int, last: int, targets: pl.DataFrame, settings: SickLeaveSettings
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The period's employment intervals cut at their units' places (unit_id is then the place,
    kasam.metrics.tree_history.places: a unit's days count to the targets it had on them), the
    places' targets, all sick runs, and those clipped. Days on which a unit counts to no target are
    left out."""
    place_of, place_targets = places(targets)
    employments = at_places(clip(employment_intervals(frames.employments), first, last), place_of)
    all_runs = _sick_runs(frames.absences, settings.resickness_gap_days)
    return employments, place_targets, all_runs, clip(all_runs, first, last)


def _per_person(
    employments: pl.DataFrame, runs: pl.DataFrame, targets: pl.DataFrame, settings: SickLeaveSettings
) -> pl.DataFrame:
    """Per (person, target): ordinary hours (hour units), sick and long-term sick hours; only persons
    with ordinary working time in the target."""
    sick = intersect(employments, runs).with_columns(
        sick=pl.col("h") * (pl.col("e") - pl.col("s") + 1) * pl.col("extent") / 100
    )
    long = pl.col("case_length") >= settings.long_case_days
    by_unit = (
        employments.group_by("person_id", "unit_id")
        .agg(ordinary_hours=(pl.col("hu") * (pl.col("e") - pl.col("s") + 1)).sum())
        .join(
            sick.group_by("person_id", "unit_id").agg(
                sick_hours=pl.col("sick").sum(), long_sick_hours=pl.col("sick").filter(long).sum()
            ),
            on=["person_id", "unit_id"],
            how="left",
        )
    )
    return (
        by_unit.join(targets, on="unit_id")
        .group_by("person_id", "target")
        .agg(pl.col("ordinary_hours").sum(), pl.col("sick_hours", "long_sick_hours").fill_null(0.0).sum())
        .filter(pl.col("ordinary_hours") > 0)
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
    case's first day, so clipping never loses a case that starts in the period; runs are disjoint,
    so exactly one run of a case starts on that day."""
    starts = runs.filter(pl.col("s") == pl.col("case_start")).select("person_id", "case_start")
    return (
        starts.join(employments.select("person_id", "unit_id", "s", "e"), on="person_id")
        .filter((pl.col("s") <= pl.col("case_start")) & (pl.col("case_start") <= pl.col("e")))
        .select("person_id", "case_start", "unit_id")
    )


# --- months and distinct counts ------------------------------------------------------------------

_RUNS_CACHE: list = []  # [(absences frame, gap, runs)]: the last one computed


def _sick_runs(absences: pl.DataFrame, gap: int) -> pl.DataFrame:
    """sick_runs over all data, remembered for the last absences frame (by identity): a report and
    the monthly series of the same Frames, or several periods, join the cases once. Polars frames
    are immutable, so the same object holds the same rows."""
    if _RUNS_CACHE and _RUNS_CACHE[0][0] is absences and _RUNS_CACHE[0][1] == gap:
        return _RUNS_CACHE[0][2]
    runs = sick_runs(absences, gap)
    _RUNS_CACHE[:] = [(absences, gap, runs)]
    return runs


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
    (*entity, unit_id, *by): an entity in two units below one target counts once there. Entities
    with a single row per `by` (the rule) are counted per unit and summed up the tree; only the
    others are exploded to their targets and made unique."""
    keys = [*entity, *by]
    rows = rows.select(*keys, "unit_id").with_columns(alone=pl.len().over(keys) == 1)
    single = (
        rows.filter("alone")
        .group_by("unit_id", *by)
        .agg(count=pl.len().cast(pl.Int64))
        .join(targets, on="unit_id")
        .group_by("target", *by)
        .agg(pl.col("count").sum())
    )
    several = (
        rows.filter(~pl.col("alone"))
        .join(targets, on="unit_id")
        .unique([*keys, "target"])
        .group_by("target", *by)
        .agg(count=pl.len().cast(pl.Int64))
    )
    return pl.concat([single, several]).group_by("target", *by).agg(pl.col("count").sum())
