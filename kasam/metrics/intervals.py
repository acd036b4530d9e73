"""Interval building blocks of the sick-leave engine (docs/definitions.md "Organisation and
imports", "Ordinary and sick hours", "Sick cases"). Pure Polars, no Django.

Nothing here explodes employments into days: an employment is one interval with its hours per day
`h`, a person's sick records become disjoint runs of constant extent, and hours are lengths of
intersections × h (× extent / 100). Inside the engine, days are Int32 day numbers (days since
1970-01-01, as Polars stores dates), so that clipping and intersecting are integer min/max.
"""

from datetime import date

import polars as pl

from kasam.metrics.definitions import SickLeaveSettings

SICK_KIND = "sjuk"
DEFAULT_WEEKLY_HOURS = 40.0
RESICKNESS_GAP_DAYS = SickLeaveSettings().resickness_gap_days
ONGOING = 2**30  # the end day number of an employment without end date; always clipped to a period
EPOCH = date(1970, 1, 1)
HOUR_UNITS = 7_000_000  # h × HOUR_UNITS = weekly_hours × 100 × rate × 100, a whole number


def day_number(day: date) -> int:
    return (day - EPOCH).days


def sick_records(absences: pl.DataFrame) -> pl.DataFrame:
    """The sick records among absences ("Inputs", Absence): kind `sjuk` in any case, or empty.

    Choice: surrounding blanks in kind are ignored. Returns person_id, start_date, end_date, extent
    with a missing extent read as 100.
    """
    frame = absences
    if "kind" in frame.columns:
        # A file has a handful of distinct kinds: decide for each in Python, then filter on equality.
        kinds = frame["kind"].cast(pl.String).unique().drop_nulls().to_list()
        sick = [kind for kind in kinds if kind.strip().lower() in ("", SICK_KIND)]
        frame = frame.filter(pl.col("kind").is_null() | pl.col("kind").cast(pl.String).is_in(sick))
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


def sick_runs(absences: pl.DataFrame, gap: int = RESICKNESS_GAP_DAYS) -> pl.DataFrame:
    """A person's sick days as disjoint runs of constant extent, each with its sick case.

    Cases are joined over all of `absences` first, by the rule of `assign_sick_cases` (computed here
    with running maxima over the sorted records instead of windows). Overlapping records of a person
    ("Inputs": merged, a day's extent is the highest) are rare, so only the clusters of overlapping
    records are exploded into days, the day's highest extent taken, and the days compressed into
    runs again; every other record is a run as it stands. Finally touching runs of one case with the
    same extent are joined, so that the same days give the same runs however the records were cut.

    Returns person_id, s, e (Int32 day numbers, inclusive), extent, case_start (day number),
    case_length (days), sorted by person and s.
    """
    records = (
        sick_records(absences)
        .select(
            "person_id",
            s=pl.col("start_date").cast(pl.Int32),
            e=pl.col("end_date").cast(pl.Int32),
            extent="extent",
        )
        .sort("person_id", "s", "e")
    )
    # Number the persons in sorted order; person_no × 2³² + end is then increasing across persons,
    # so one running maximum over the whole frame is each person's running maximum of end dates.
    new_person = (pl.col("person_id") != pl.col("person_id").shift(1)).fill_null(True)
    offset = pl.col("person_no") * 2**32 + 2**31
    records = records.with_columns(person_no=new_person.cum_sum().cast(pl.Int64)).with_columns(
        reach=(offset + pl.col("e")).cum_max() - offset  # the latest end so far, this record included
    )
    latest_before = pl.when(~new_person).then(pl.col("reach").shift(1))
    opens = new_person | (pl.col("s") - latest_before > gap)
    overlaps = (pl.col("s") <= latest_before).fill_null(False)
    last_of_case = opens.shift(-1).fill_null(True)
    records = records.with_columns(
        case_start=pl.when(opens).then(pl.col("s")).forward_fill(),
        case_end=pl.when(last_of_case).then(pl.col("reach")).backward_fill(),
        tangled=overlaps | overlaps.shift(-1).fill_null(False),
    ).select(
        "person_id",
        "s",
        "e",
        "extent",
        pl.col("case_start").cast(pl.Int32),
        case_length=(pl.col("case_end") - pl.col("case_start") + 1).cast(pl.Int32),
        tangled="tangled",
    )
    runs = records.filter(~pl.col("tangled")).drop("tangled")
    tangled = records.filter("tangled")
    if tangled.height:
        days = (
            tangled.with_columns(day=pl.int_ranges("s", pl.col("e") + 1, dtype=pl.Int32))
            .explode("day")
            .group_by("person_id", "day")
            .agg(pl.col("extent").max(), pl.col("case_start").first(), pl.col("case_length").first())
            .select(
                "person_id",
                s="day",
                e="day",
                extent="extent",
                case_start="case_start",
                case_length="case_length",
            )
        )
        runs = pl.concat([runs, days]).sort("person_id", "s")
    same_run = (
        (pl.col("person_id") == pl.col("person_id").shift(1))
        & (pl.col("s") == pl.col("e").shift(1) + 1)
        & (pl.col("extent") == pl.col("extent").shift(1))
        & (pl.col("case_start") == pl.col("case_start").shift(1))
    ).fill_null(False)
    last_of_run = ~same_run.shift(-1).fill_null(False)
    return (
        runs.with_columns(same_run=same_run, e=pl.when(last_of_run).then(pl.col("e")).backward_fill())
        .filter(~pl.col("same_run"))
        .drop("same_run")
    )


def employment_intervals(employments: pl.DataFrame) -> pl.DataFrame:
    """Monthly-paid employments as intervals with their ordinary hours per calendar day ("Hours").

    h = weekly_hours × rate / 100 / 7 (weekly_hours empty = 40). Hourly employments have no
    ordinary working time and are left out. Returns person_id, unit_id, s, e (Int32 day numbers,
    inclusive; e = ONGOING without end date), h (Float64) and hu, the same h as an exact integer in
    units of 1 / HOUR_UNITS hours: weekly_hours and rate have 2 decimals (the database keeps 2), so
    weekly_hours × 100 × rate × 100 = h × 7 × 10⁶ is a whole number. Sums of ordinary hours are
    taken over hu × days, exactly and in any order, and divided once at the end.
    """
    pay = pl.col("pay").cast(pl.String).str.to_lowercase()
    weekly = (pl.col("weekly_hours").cast(pl.Float64).fill_null(DEFAULT_WEEKLY_HOURS) * 100).round(0)
    hu = weekly.cast(pl.Int64) * (pl.col("rate").cast(pl.Float64) * 100).round(0).cast(pl.Int64)
    return employments.filter(pay != "hourly").select(
        pl.col("person_id").cast(pl.String),
        pl.col("unit_id").cast(pl.String),
        s=pl.col("start_date").cast(pl.Date).cast(pl.Int32),
        e=pl.col("end_date").cast(pl.Date).cast(pl.Int32).fill_null(ONGOING),
        h=(hu / HOUR_UNITS).cast(pl.Float64),
        hu=hu,
    )


def clip(frame: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """Intervals (s, e) overlapping first…last, cut to it."""
    return frame.with_columns(
        s=pl.max_horizontal("s", pl.lit(first, pl.Int32)), e=pl.min_horizontal("e", pl.lit(last, pl.Int32))
    ).filter(pl.col("s") <= pl.col("e"))


def intersect(left: pl.DataFrame, right: pl.DataFrame, on: str | list[str] = "person_id") -> pl.DataFrame:
    """Pairs of intervals of the same key that overlap, with (s, e) their intersection. Right
    columns that clash get the suffix `_right`; the right frame's own s and e are dropped."""
    joined = left.join(right, on=on, how="inner", suffix="_right")
    return (
        joined.with_columns(
            s=pl.max_horizontal("s", "s_right"),
            e=pl.min_horizontal("e", "e_right"),
        )
        .filter(pl.col("s") <= pl.col("e"))
        .drop("s_right", "e_right")
    )


def union_intervals(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """The union of the intervals (s, e) of each key as disjoint intervals: keys, s, e."""
    frame = frame.select(*keys, "s", "e").sort([*keys, "s"])
    same_key = pl.all_horizontal([pl.col(k) == pl.col(k).shift(1) for k in keys])
    # A new block starts where the interval begins after the running end of its key's earlier ones.
    reach = pl.col("e").cum_max().shift(1).over(keys)
    opens = ~(same_key & (pl.col("s") <= reach)).fill_null(False)
    return (
        frame.with_columns(block=opens.cum_sum())
        .group_by("block", maintain_order=True)
        .agg(*[pl.col(k).first() for k in keys], pl.col("s").min(), pl.col("e").max())
        .drop("block")
    )


def ancestor_map(units: pl.DataFrame) -> pl.DataFrame:
    """unit_id → target for every unit and each of its ancestors, itself included: the rows to
    aggregate a unit's figures into every unit whose subtree holds it. Raises ValueError on a cycle."""
    parent_of = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list(), strict=True))
    units_col, targets = [], []
    for unit in parent_of:
        seen, current = set(), unit
        while current is not None:
            if current in seen:
                raise ValueError(f"the units' parents go round in a circle at {current}")
            seen.add(current)
            units_col.append(unit)
            targets.append(current)
            current = parent_of.get(current)
    return pl.DataFrame(
        {"unit_id": units_col, "target": targets}, schema={"unit_id": pl.String, "target": pl.String}
    )


def subtree_unit_ids(units: pl.DataFrame, root_id: str) -> list[str]:
    """The unit and all units below it (a unit's figures include its whole subtree), sorted."""
    found, frontier = [root_id], [root_id]
    while frontier:
        frontier = units.filter(pl.col("parent_id").is_in(pl.Series(frontier, dtype=pl.String).implode()))[
            "unit_id"
        ].to_list()
        found += frontier
    return sorted(found)
