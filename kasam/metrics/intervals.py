"""Interval building blocks of the sick-leave engine (DOMAIN.md "Inputs", "Hours", "Sick cases,
occasions and bands"). Pure Polars, no Django.

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


def day_number(day: date) -> int:
    return (day - EPOCH).days


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


def sick_runs(absences: pl.DataFrame, gap: int = RESICKNESS_GAP_DAYS) -> pl.DataFrame:
    """A person's sick days as disjoint runs of constant extent, each with its sick case.

    Cases are joined over all of `absences` first (`assign_sick_cases`). Overlapping records of a
    person ("Inputs": merged, a day's extent is the highest) are rare, so only the clusters of
    overlapping records are exploded into days, the day's highest extent taken, and the days
    compressed into runs again; every other record is a run as it stands. Finally touching runs of
    one case with the same extent are joined, so that the same days give the same runs however the
    records were cut (the import stores merged clusters as runs; the files hold the records).

    Returns person_id, s, e (Int32 day numbers, inclusive), extent, case_start (day number),
    case_length (days), sorted by person and s.
    """
    records = assign_sick_cases(sick_records(absences), gap).select(
        "person_id",
        s=pl.col("start_date").cast(pl.Int32),
        e=pl.col("end_date").cast(pl.Int32),
        extent="extent",
        case_start=pl.col("case_start").cast(pl.Int32),
        case_length=pl.col("case_length").cast(pl.Int32),
    )
    # Sorted by person and start; a person's first record never overlaps, so a running count of the
    # records that do not overlap an earlier one numbers the clusters across all persons.
    overlaps = (pl.col("s") <= pl.col("e").cum_max().shift(1).over("person_id")).fill_null(False)
    records = records.with_columns(cluster=(~overlaps).cum_sum())
    in_overlap = pl.col("cluster").is_in(records.filter(overlaps)["cluster"].unique().implode())
    plain = records.filter(~in_overlap).drop("cluster")
    tangled = records.filter(in_overlap).drop("cluster")
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
        plain = pl.concat([plain, days])
    runs = plain.sort("person_id", "s")
    same_run = (
        (pl.col("person_id") == pl.col("person_id").shift(1))
        & (pl.col("s") == pl.col("e").shift(1) + 1)
        & (pl.col("extent") == pl.col("extent").shift(1))
        & (pl.col("case_start") == pl.col("case_start").shift(1))
    ).fill_null(False)
    runs = runs.with_columns(run=(~same_run).cum_sum())
    if runs["run"].n_unique() == runs.height:
        return runs.drop("run")
    return (
        runs.group_by("run", maintain_order=True)
        .agg(
            pl.col("person_id").first(),
            pl.col("s").min(),
            pl.col("e").max(),
            pl.col("extent").first(),
            pl.col("case_start").first(),
            pl.col("case_length").first(),
        )
        .drop("run")
    )


def employment_intervals(employments: pl.DataFrame) -> pl.DataFrame:
    """Monthly-paid employments as intervals with their ordinary hours per calendar day ("Hours").

    h = weekly_hours × rate / 100 / 7 (weekly_hours empty = 40). Hourly employments have no
    ordinary working time and are left out. Returns person_id, unit_id, s, e (Int32 day numbers,
    inclusive; e = ONGOING without end date), h.
    """
    pay = pl.col("pay").cast(pl.String).str.to_lowercase()
    h = pl.col("weekly_hours").cast(pl.Float64).fill_null(DEFAULT_WEEKLY_HOURS) * pl.col("rate") / 100 / 7
    return employments.filter(pay != "hourly").select(
        pl.col("person_id").cast(pl.String),
        pl.col("unit_id").cast(pl.String),
        s=pl.col("start_date").cast(pl.Date).cast(pl.Int32),
        e=pl.col("end_date").cast(pl.Date).cast(pl.Int32).fill_null(ONGOING),
        h=h.cast(pl.Float64),
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
