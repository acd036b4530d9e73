"""What rehabilitation cases add up to: return plans on time, days to the plan, the share back at work
at fixed days of the sick case, early signals that never became long, and the same by group behind the
rule of more than 10 persons (docs/definitions.md "What rehabilitation cases add up to"). Pure Polars
and NumPy, no Django.

The input is a Polars frame with one row per rehabilitation case (`COLUMNS`):

    person_id            any hashable id (str or int)
    source               long_term | repeated_short_term | returning | manual (`rehab.SOURCES`)
    sick_case_start      date | null   the first day of the sick case the case follows
    sick_case_end        date | null   its last recorded sick day (the expected end while it is open)
    returned             bool          the sick case has ended and the person is back (end < today)
    return_plan_due      date | null
    return_plan_done_on  date | null
    plan_required        bool          a return plan applies (60 days or more expected)
    adjustment_kinds     list[str]     kinds from `ADJUSTMENT_KINDS`, empty for none
    became_long          bool | null   an early-signal case: the person later had a case of ≥ 60 days

The share back at work is the Kaplan–Meier product-limit estimate of statsmodels (a well-kept survival
library), fed the distinct durations with their counts (`_km_returned`), so that open sick cases count
as censored and not as failures or successes.
Only the shares at fixed days leave this module, never the curve: a curve steps once per person.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl
from statsmodels.duration.survfunc import SurvfuncRight

from kasam.metrics.definitions import BANDS
from kasam.metrics.disclosure import suppress_split
from kasam.metrics.rehab import REPEATED_SHORT_TERM, RETURNING, SOURCES

COLUMNS = {
    "person_id": None,  # any type
    "source": pl.String,
    "sick_case_start": pl.Date,
    "sick_case_end": pl.Date,
    "returned": pl.Boolean,
    "return_plan_due": pl.Date,
    "return_plan_done_on": pl.Date,
    "plan_required": pl.Boolean,
    "adjustment_kinds": pl.List(pl.String),
    "became_long": pl.Boolean,
}
ADJUSTMENT_KINDS = ("working_hours", "tasks", "aids", "place", "pace", "schedule")
EARLY_SIGNAL_SOURCES = (REPEATED_SHORT_TERM, RETURNING)
DAYS = (30, 90, 180, 365)
NONE = "none"  # the group of cases without an adjustment, or without a sick case (length band)
GROUP_KEYS = ("adjustment_kind", "length_band")
MIN_PERSONS = 10  # a group is shown only with MORE than this many distinct persons

# The figures of a group, each gated on the persons behind it (see `by_group`).
FIGURES = ("plan_on_time", "days_to_plan", "returned_by", "early_signal_not_long")


@dataclass(frozen=True)
class Share:
    """`count` of `of` cases; `share` = count / of, None when `of` is 0."""

    count: int
    of: int
    share: float | None


@dataclass(frozen=True)
class DaysToPlan:
    """Over `cases` cases with a plan done: the median and mean day of the sick case it was done on
    (None when there are none)."""

    cases: int
    median: float | None
    mean: float | None


@dataclass(frozen=True)
class GroupFigures:
    """One group's figures. `hidden`: the group has 10 persons or fewer (or is hidden with one that
    has, see `by_group`), and then every figure and count is None. In a shown group, a figure whose own
    persons are too few is None and named in `hidden_figures`. An empty group (no case) has persons 0,
    figures None and is not hidden."""

    group: str
    hidden: bool
    persons: int | None
    cases: int | None
    plan_on_time: Share | None = None
    days_to_plan: DaysToPlan | None = None
    returned_by: dict[int, float | None] | None = None
    early_signal_not_long: Share | None = None
    hidden_figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grouped:
    key: str
    groups: tuple[GroupFigures, ...]
    total: GroupFigures


# ----------------------------------------------------------------------------------------- the input


def check_cases(cases: pl.DataFrame) -> pl.DataFrame:
    """The frame with its columns cast to `COLUMNS`' types; a missing column, an unknown source or an
    unknown adjustment kind, or a returned case without a sick case's last day is a ValueError."""
    missing = [c for c in COLUMNS if c not in cases.columns]
    if missing:
        raise ValueError(f"missing columns: {missing}")
    cases = cases.select(list(COLUMNS)).with_columns(
        pl.col(name).cast(dtype) for name, dtype in COLUMNS.items() if dtype is not None
    )
    cases = cases.with_columns(
        pl.col("returned", "plan_required").fill_null(False), pl.col("adjustment_kinds").fill_null([])
    )
    if unknown := set(cases["source"].unique()) - set(SOURCES):
        raise ValueError(f"unknown sources: {sorted(map(str, unknown))}")
    kinds = set(cases["adjustment_kinds"].explode().drop_nulls().unique())
    if unknown := kinds - set(ADJUSTMENT_KINDS):
        raise ValueError(f"unknown adjustment kinds: {sorted(unknown)}")
    if cases.filter(pl.col("returned") & pl.col("sick_case_end").is_null()).height:
        raise ValueError("a returned case needs its sick case's last day")
    return cases


# --------------------------------------------------------------------------------------- the figures


def plan_on_time_share(cases: pl.DataFrame, today: date) -> Share:
    """Of the cases whose return plan was required and that can be judged on `today`, the share done on
    or before its due date.

    Judged: `plan_required`, a due date, and either done (on any day) or due before `today`. A plan
    done after its due date counts in the denominator only; an undone plan past its due date too.
    Choice: a plan due today or later and not yet done is not judged yet – it can still be on time (as
    in `rehab.chain`, on time is done on or before the due day). A plan done though none was required
    is not counted. Counted per case: a person with two cases counts twice.
    """
    return _on_time(check_cases(cases).filter(_judged(today)))


def days_to_plan(cases: pl.DataFrame) -> DaysToPlan:
    """The median and mean day of the sick case on which the return plan was done: done day − the sick
    case's first day + 1, over the cases with a required plan that is done and a sick case's first day.

    Choice: counted as the day of the sick case (its first day is day 1), so that it reads against the
    plan's due day 30 – a plan done on its due day is day 30, not 29 days. Choice: only cases whose plan
    was required, the same cases as `plan_on_time_share`. Counted per case.
    """
    return _days_to_plan(check_cases(cases).filter(_done()))


def returned_by(cases: pl.DataFrame, today: date, days: Sequence[int] = DAYS) -> dict[int, float | None]:
    """The estimated share of sick cases whose person is back at work by day n of the sick case, for each
    n in `days`: 1 − S(n), S the Kaplan–Meier product-limit estimate

        S(n) = Π over the distinct durations t ≤ n of (1 − d_t / r_t),

    d_t the sick cases that ended after exactly t days, r_t those that lasted t days or more (at risk
    on day t, the censored ones included). The duration of a sick case is its length, end − start + 1,
    when the person has `returned`, and `today` − start + 1, censored, while it is ongoing: the person
    is known to be sick through today and nothing more.

    Choice: back by day n is a sick case of at most n days – the last sick day is on or before day n –
    so the case of exactly 30 days counts as back by day 30. Choice: each distinct sick case counts once
    (person and first day): a `returning` case follows the same sick case as the `long_term` case before
    it. A person with two sick cases counts twice. Cases without a sick case, or whose sick case starts
    after `today`, are not counted. Choice: a day beyond the longest duration, when that duration is
    censored, has no estimate (None): nothing is known there. The curve itself is never returned.
    """
    return _km_returned(_durations(check_cases(cases), today), days)


def early_signal_cases_not_long(cases: pl.DataFrame) -> Share:
    """Of the cases opened from an early signal (`repeated_short_term`, `returning`), how many and what
    share never became long-term: the person has had no sick case of 60 days or more since.

    Choice: `became_long` null counts as not long (nothing long is known). This is as of today, not
    after a fixed time: a case opened last week has had little time to become long. Counted per case.
    """
    early = check_cases(cases).filter(_early())
    return _share(early.filter(_not_long()).height, early.height)


# --------------------------------------------------------------------------------------- the groups


@dataclass(frozen=True)
class MorePersonsThan:
    """The rule for a group of persons: shown with more than `limit` distinct persons (the `Rule` of
    `kasam.metrics.disclosure`, for `suppress_split`)."""

    limit: int = MIN_PERSONS

    def passes(self, group: int) -> bool:
        return group > self.limit

    def is_empty(self, group: int) -> bool:
        return group == 0

    def size(self, group: int) -> float:
        return group

    def combine(self, groups: Iterable[int]) -> int:
        return sum(groups)


def by_group(cases: pl.DataFrame, key: str, today: date, days: Sequence[int] = DAYS) -> Grouped:
    """Every figure of this module by group, and the totals, each shown only for MORE than 10 distinct
    persons (`MIN_PERSONS`).

    `key` "adjustment_kind": a case counts in each kind it used (`ADJUSTMENT_KINDS`, in that order), in
    "none" when it used none. `key` "length_band": a case's band (`definitions.BANDS`) by the known
    length of its sick case on `today` – end − start + 1 when the person has returned, today − start + 1
    so far while it is ongoing (the duration of `returned_by`) – and "none" without a sick case.
    Choice: an ongoing case moves up the bands as it lasts, rather than sitting in the band of an
    expected end that may move.

    The rule: a group is shown when more than 10 distinct persons have a case in it (a person with two
    cases is one person); otherwise it is hidden – `hidden` True and every figure and count None, never
    the count. When exactly one group with persons is hidden, the smallest other group with persons is
    hidden too (`disclosure.suppress_split`), so that no group follows from the total by subtraction.
    Choice: each figure of a shown group passes the same rule again on its own persons – those with a
    judged plan, a done plan, a sick case, an early-signal case – with the same pairing across the
    groups; a figure that fails is None and named in `hidden_figures`. The total follows the rule alone.
    """
    labels = group_labels(key)
    cases = check_cases(cases)
    grouped = _with_group(cases, key, today)
    found = _raw_by_group(grouped, today, days)
    raw = {label: found.get(label, _NO_FIGURES) for label in labels}
    rule = MorePersonsThan()
    hidden = dict(zip(labels, suppress_split([raw[g]["persons"] for g in labels], rule), strict=True))
    figure_hidden = {
        figure: dict(zip(labels, suppress_split([raw[g][figure][0] for g in labels], rule), strict=True))
        for figure in FIGURES
    }
    groups = tuple(
        _gated(label, raw[label], hidden[label], {f for f in FIGURES if figure_hidden[f][label]})
        for label in labels
    )
    total = _raw_by_group(cases.with_columns(pl.lit("total").alias("_group")), today, days).get(
        "total", _NO_FIGURES
    )
    total_hidden = total["persons"] > 0 and not rule.passes(total["persons"])
    figures_hidden = {f for f in FIGURES if total[f][0] > 0 and not rule.passes(total[f][0])}
    return Grouped(key, groups, _gated("total", total, total_hidden, figures_hidden))


def by_column(cases: pl.DataFrame, column: str, today: date, days: Sequence[int] = DAYS) -> dict:
    """{value: GroupFigures} for each value of `column` (a unit, say; rows with a null value are left
    out), each gated alone by the rule of more than 10 persons, as `by_group` gates its total: no
    pairing across the values – the caller decides what may be shown together (over a tree,
    `disclosure.suppress_complements`). A case may appear in several rows, one per value (a unit and
    each unit above it)."""
    if column not in cases.columns:
        raise ValueError(f"missing column: {column}")
    frame = check_cases(cases).with_columns(cases[column].cast(pl.String).alias("_group"))
    raw = _raw_by_group(frame.filter(pl.col("_group").is_not_null()), today, days)
    rule = MorePersonsThan()
    found = {}
    for value, figures in raw.items():
        hidden = figures["persons"] > 0 and not rule.passes(figures["persons"])
        failing = {f for f in FIGURES if figures[f][0] > 0 and not rule.passes(figures[f][0])}
        found[value] = _gated(value, figures, hidden, failing)
    return found


def behind(today: date) -> dict[str, pl.Expr]:
    """{figure: the expression that marks the cases behind it}: the persons of those cases are the ones
    the rule counts for the figure (`by_group`) – a judged plan, a done plan, a sick case begun by
    `today`, an early-signal case."""
    started = pl.col("sick_case_start").is_not_null() & (pl.col("sick_case_start") <= today)
    return {
        "plan_on_time": _judged(today),
        "days_to_plan": _done(),
        "returned_by": started,
        "early_signal_not_long": _early(),
    }


def group_labels(key: str) -> tuple[str, ...]:
    """The groups of `key`, in their order (also the order of the pairing's ties)."""
    if key == "adjustment_kind":
        return (*ADJUSTMENT_KINDS, NONE)
    if key == "length_band":
        return (*(band for band, _, _ in BANDS), NONE)
    raise ValueError(f"unknown group key: {key!r} (one of {GROUP_KEYS})")


def with_group(cases: pl.DataFrame, key: str, today: date) -> pl.DataFrame:
    """The checked cases with a column `_group` (see `by_group`): one row per case and adjustment kind
    it used ("none" for none), or one row per case with its length band on `today` ("none" without a
    sick case begun by today)."""
    group_labels(key)
    return _with_group(check_cases(cases), key, today)


def _with_group(cases: pl.DataFrame, key: str, today: date) -> pl.DataFrame:
    if key == "adjustment_kind":
        kinds = pl.col("adjustment_kinds")
        if (cases["adjustment_kinds"].list.len() != cases["adjustment_kinds"].list.n_unique()).any():
            cases = cases.with_columns(kinds.list.unique())  # a kind named twice counts once
        # An empty list explodes to one null row: the case without an adjustment.
        return (
            cases.with_columns(kinds.alias("_group"))
            .explode("_group", empty_as_null=True)
            .with_columns(pl.col("_group").fill_null(NONE))
        )
    length = _known_length(today)
    band = pl.lit(NONE)
    for name, first, last in reversed(BANDS):
        band = (
            pl.when(length >= first if last is None else length.is_between(first, last))
            .then(pl.lit(name))
            .otherwise(band)
        )
    return cases.with_columns(band.alias("_group"))


def _raw_by_group(frame: pl.DataFrame, today: date, days: Sequence[int]) -> dict[str, dict]:
    """The raw figures of each `_group` of `frame` (a group absent from it has none): persons, cases,
    and for each figure (the distinct persons behind it, its value). One pass of group-bys, the same
    definitions as the functions above."""
    judged, done, early = _judged(today), _done(), _early()
    day = (pl.col("return_plan_done_on") - pl.col("sick_case_start")).dt.total_days() + 1
    pid = pl.col("person_id")
    stats = frame.group_by("_group").agg(
        persons=pid.n_unique(),
        cases=pl.len(),
        judged_persons=pid.filter(judged).n_unique(),
        judged=judged.sum(),
        on_time=(judged & _in_time()).sum(),
        done_persons=pid.filter(done).n_unique(),
        done=done.sum(),
        median_day=day.filter(done).median(),
        mean_day=day.filter(done).mean(),
        early_persons=pid.filter(early).n_unique(),
        early=early.sum(),
        not_long=(early & _not_long()).sum(),
    )
    durations = _durations(frame, today, by=("_group",))
    km_persons = dict(durations.group_by("_group").agg(pid.n_unique()).iter_rows())
    tables = _km_tables(durations, by=("_group",)).partition_by("_group", as_dict=True)
    empty = _km_tables(durations.clear(), by=("_group",))
    raw = {}
    for row in stats.iter_rows(named=True):
        group = row["_group"]
        raw[group] = {
            "persons": row["persons"],
            "cases": row["cases"],
            "plan_on_time": (row["judged_persons"], _share(row["on_time"], row["judged"])),
            "days_to_plan": (
                row["done_persons"],
                DaysToPlan(row["done"], row["median_day"], row["mean_day"]),
            ),
            "returned_by": (km_persons.get(group, 0), _km_at(tables.get((group,), empty), days)),
            "early_signal_not_long": (row["early_persons"], _share(row["not_long"], row["early"])),
        }
    return raw


def _gated(label: str, raw: dict, hidden: bool, figures_hidden: set[str]) -> GroupFigures:
    if hidden:
        return GroupFigures(label, True, None, None)
    if raw["persons"] == 0:
        return GroupFigures(label, False, 0, 0)
    shown = {f: None if f in figures_hidden else raw[f][1] for f in FIGURES}
    return GroupFigures(
        label,
        False,
        raw["persons"],
        raw["cases"],
        **shown,
        hidden_figures=tuple(f for f in FIGURES if f in figures_hidden),
    )


# ---------------------------------------------------------------------------------- the computations


def _judged(today: date) -> pl.Expr:
    """A required plan with a due date, done or due before today (see `plan_on_time_share`)."""
    return (
        pl.col("plan_required")
        & pl.col("return_plan_due").is_not_null()
        & (pl.col("return_plan_done_on").is_not_null() | (pl.col("return_plan_due") < today))
    )


def _in_time() -> pl.Expr:
    return (pl.col("return_plan_done_on") <= pl.col("return_plan_due")).fill_null(False)


def _done() -> pl.Expr:
    """A required plan done, in a case with a sick case (see `days_to_plan`)."""
    return (
        pl.col("plan_required")
        & pl.col("return_plan_done_on").is_not_null()
        & pl.col("sick_case_start").is_not_null()
    )


def _early() -> pl.Expr:
    return pl.col("source").is_in(EARLY_SIGNAL_SOURCES)


def _not_long() -> pl.Expr:
    return ~pl.col("became_long").fill_null(False)


def _on_time(judged: pl.DataFrame) -> Share:
    return _share(judged.filter(_in_time()).height, judged.height)


def _days_to_plan(done: pl.DataFrame) -> DaysToPlan:
    if done.is_empty():
        return DaysToPlan(0, None, None)
    days = (done["return_plan_done_on"] - done["sick_case_start"]).dt.total_days() + 1
    return DaysToPlan(days.len(), float(days.median()), float(days.mean()))


def _share(count: int, of: int) -> Share:
    return Share(count, of, count / of if of else None)


_NO_FIGURES = {
    "persons": 0,
    "cases": 0,
    "plan_on_time": (0, _share(0, 0)),
    "days_to_plan": (0, DaysToPlan(0, None, None)),
    "returned_by": (0, None),
    "early_signal_not_long": (0, _share(0, 0)),
}


# ------------------------------------------------------------------------------------- Kaplan–Meier


def _known_length(today: date) -> pl.Expr:
    """The sick case's length so far: end − start + 1 when returned, today − start + 1 while ongoing."""
    last = pl.when(pl.col("returned")).then(pl.col("sick_case_end")).otherwise(pl.lit(today))
    return (last - pl.col("sick_case_start")).dt.total_days() + 1


def _durations(cases: pl.DataFrame, today: date, by: Sequence[str] = ()) -> pl.DataFrame:
    """One row per distinct sick case (person, first day; within each `by` group) that has started by
    `today`: its `duration` and whether it ended (`event`) or is censored. A sick case found in two
    rehabilitation cases keeps the longer duration, ended on a tie."""
    code = (_known_length(today) * 2 + pl.col("returned").cast(pl.Int64)).alias("code")
    return (
        cases.filter(pl.col("sick_case_start").is_not_null() & (pl.col("sick_case_start") <= today))
        .group_by(*by, "person_id", "sick_case_start")
        .agg(code.max())
        .select(
            *by,
            "person_id",
            (pl.col("code") // 2).alias("duration"),
            (pl.col("code") % 2 == 1).alias("event"),
        )
    )


def _km_tables(durations: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per distinct duration t (within each `by` group): `d` sick cases ended after exactly t days,
    `n` of exactly t days in all (ended or censored); sorted by t."""
    return (
        durations.group_by(*by, "duration")
        .agg(pl.col("event").sum().cast(pl.Int64).alias("d"), pl.len().alias("n"))
        .sort(*by, "duration")
    )


def _km_returned(durations: pl.DataFrame, days: Sequence[int]) -> dict[int, float | None]:
    """1 − the product-limit estimate at each day of `days` (see `returned_by`)."""
    return _km_at(_km_tables(durations), days)


def _km_at(table: pl.DataFrame, days: Sequence[int]) -> dict[int, float | None]:
    """1 − S(day) for each day, from a `_km_tables` table of one group, estimated by statsmodels'
    product-limit estimator (`SurvfuncRight`) on the durations weighted by how many sick cases ended
    (`d`) or are still open (`n` − `d`) at each: the open ones count as at risk up to their duration."""
    if table.is_empty():
        return dict.fromkeys(days)
    t = table["duration"].to_numpy().astype(float)
    d = table["d"].to_numpy().astype(float)
    censored = table["n"].to_numpy().astype(float) - d
    times = np.concatenate([t[d > 0], t[censored > 0]])
    status = np.concatenate([np.ones(int((d > 0).sum())), np.zeros(int((censored > 0).sum()))])
    weights = np.concatenate([d[d > 0], censored[censored > 0]])
    longest_censored = censored[-1] > 0  # someone is still sick at the longest duration
    if not (d > 0).any():
        return {day: None if day > t[-1] else 0.0 for day in days}
    estimate = SurvfuncRight(times, status, freq_weights=weights)
    ended, survival = estimate.surv_times, estimate.surv_prob
    result: dict[int, float | None] = {}
    for day in days:
        if day > t[-1] and longest_censored:
            result[day] = None  # beyond what is known
        else:
            i = int(np.searchsorted(ended, day, side="right"))  # the end days ≤ day
            result[day] = 0.0 if i == 0 else float(1.0 - survival[i - 1])
    return result
