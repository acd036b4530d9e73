"""What rehabilitation cases add up to, from the database (docs/definitions.md "What rehabilitation
cases add up to"): the frame `kasam.metrics.rehab_outcomes` reads, one row per case, for the cases of
a set of subtrees in a period, and the figures over it.

**The period** (`Period`): the cases whose sick case began in it – a case without a sick case (one
opened by hand without sick leave) by the day it was opened. HR's page shows the last 12 months up
to today by default, or a year, or any from–to range the reader picks; a release holds a whole ended
year (kasam.rehab.release). Every figure is as of today (`day`): an ongoing sick case counts as
censored at today, a plan not done by today and due before it is late.

Fast at 50,000 employees (docs/performance.md "Rehabilitation at 50,000 employees"): the cases are
read with values_list, the done plans and the adjustment kinds in one query each, and the early
signals' later long sick cases from one query of the absences of those persons – the return plan's due
day and whether it applies are computed over the whole frame at once, with the rules of
`kasam.metrics.rehab.chain`."""

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl
from django.db.models import Min, Q, QuerySet

from kasam.absence.conf import sick_leave_settings
from kasam.absence.models import SICK, Absence
from kasam.absence.series import GENERATION as ABSENCES
from kasam.core import generations
from kasam.metrics import rehab, rehab_outcomes
from kasam.metrics.sickcases import sick_cases
from kasam.org.models import Unit
from kasam.org.stats import ORG
from kasam.rehab.models import Adjustment, Case, StepDone

RETURN_PLAN = "return_plan"
# The generation (kasam.core.generations) of the cases, their steps and adjustments: bumped on every
# change of one (kasam.rehab.apps); writers in bulk (a benchmark) bump it themselves.
GENERATION = "rehab"
# The columns of the frame besides rehab_outcomes.COLUMNS: the case, its unit and its opening day.
EXTRA = {"case_id": pl.Int64, "unit_id": pl.String, "opened_on": pl.Date}


@dataclass(frozen=True)
class Period:
    """The cases whose sick case began from `start` to `end`, both included (see the module)."""

    start: date
    end: date

    @property
    def is_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)


def year(value: int) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31))


def last_twelve_months(day: date) -> Period:
    """The 12 months up to and including `day`: from the same day a year earlier, + 1."""
    try:
        start = day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        start = date(day.year - 1, 3, 1)
    return Period(start, day)


def cases_in(period: Period, paths: list[str] | None = None) -> QuerySet[Case]:
    """The cases of the period (see the module) whose unit lies in one of the subtrees `paths`
    (every case when None)."""
    found = Case.objects.filter(
        Q(sick_case_start__range=(period.start, period.end))
        | Q(sick_case_start__isnull=True, opened_on__range=(period.start, period.end))
    )
    if paths is not None:
        if not paths:
            return Case.objects.none()
        roots = set(Unit.objects.filter(parent__isnull=True).values_list("path", flat=True))
        if roots <= set(paths):  # the whole organisation: no join with the units
            return found.filter(unit__isnull=False)
        condition = Q()
        for path in paths:
            condition |= Q(unit__path__startswith=path)
        found = found.filter(condition)
    return found


def load(period: Period, day: date, paths: list[str] | None = None) -> pl.DataFrame:
    """One row per case of the period in the subtrees `paths` (see `cases_in`): the columns of
    `rehab_outcomes.COLUMNS` and `EXTRA`, as of `day`."""
    found = cases_in(period, paths)
    fields = {
        "case_id": ("pk", pl.Int64),
        "unit_id": ("unit_id", pl.String),
        "person_id": ("person_id", pl.String),
        "source": ("source", pl.String),
        "opened_on": ("opened_on", pl.Date),
        "sick_case_start": ("sick_case_start", pl.Date),
        "sick_case_end": ("sick_case_end", pl.Date),
        "learned_long_on": ("learned_long_on", pl.Date),
    }
    rows = list(found.values_list(*(field for field, _type in fields.values())))
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(fields)
    frame = pl.DataFrame(
        [
            pl.Series(name, values, dtype=dtype)
            for (name, (_field, dtype)), values in zip(fields.items(), columns, strict=True)
        ]
    )
    ids = found.values("pk")
    # Only a case opened by hand has chosen steps: read them for those few (decoding JSON costs).
    by_hand = [
        pk
        for pk, chosen in found.filter(source=rehab.MANUAL).values_list("pk", "chosen_steps")
        if RETURN_PLAN in (chosen or [])
    ]
    plans = pl.DataFrame(
        list(StepDone.objects.filter(case__in=ids, step=RETURN_PLAN).values_list("case_id", "done_on")),
        schema={"case_id": pl.Int64, "return_plan_done_on": pl.Date},
        orient="row",
    )
    adjustments = Adjustment.objects.filter(case__in=ids).order_by().values_list("case_id", "kind").distinct()
    kinds = (
        pl.DataFrame(list(adjustments), schema={"case_id": pl.Int64, "kind": pl.String}, orient="row")
        .group_by("case_id")
        .agg(adjustment_kinds=pl.col("kind").sort())
    )
    frame = (
        frame.with_columns(
            has_plan_step=(pl.col("source") == rehab.LONG_TERM) | pl.col("case_id").is_in(by_hand)
        )
        .join(plans, on="case_id", how="left", maintain_order="left")
        .join(kinds, on="case_id", how="left", maintain_order="left")
        .with_columns(pl.col("adjustment_kinds").fill_null(pl.lit([], dtype=pl.List(pl.String))))
    )
    return (
        _with_plan_and_return(frame, day)
        .with_columns(became_long=_became_long(frame, found, day))
        .select(*EXTRA, *rehab_outcomes.COLUMNS)
    )


def _with_plan_and_return(frame: pl.DataFrame, day: date) -> pl.DataFrame:
    """The return plan's due day and whether it is required, and whether the person is back, over the
    whole frame (the rules of `rehab.chain`: due on day 30 of the sick case, or 7 days after the day
    the case learned that 60 days or more are expected, whichever is later; required when the case has
    the step and its sick case is expected to last `long_case_days` days or more)."""
    settings = sick_leave_settings()
    start, end = pl.col("sick_case_start"), pl.col("sick_case_end")
    day_30 = start + pl.duration(days=rehab.CASE_DAY_STEPS[RETURN_PLAN] - 1)
    learned = pl.col("learned_long_on") + pl.duration(days=rehab.LEARNED_LONG_DAYS)
    due = pl.when(pl.col("has_plan_step") & start.is_not_null()).then(
        pl.max_horizontal(day_30, learned)  # a null learned day is ignored
    )
    length = (end - start).dt.total_days() + 1
    return frame.with_columns(
        return_plan_due=due,
        plan_required=(pl.col("has_plan_step") & (length >= settings.long_case_days)).fill_null(False),
        returned=(end < day).fill_null(False),
    )


def _became_long(frame: pl.DataFrame, found: QuerySet[Case], day: date) -> pl.Series:
    """For each case opened from an early signal: whether its person has had a sick case of
    `long_case_days` days or more that began on or after the day the case was opened (and by `day`);
    null for the other cases. One query of those persons' absences since the earliest such opening
    (less the re-sickness gap, so that a sick case running into it keeps its first day)."""
    settings = sick_leave_settings()
    early = found.filter(source__in=rehab_outcomes.EARLY_SIGNAL_SOURCES)
    is_early = pl.col("source").is_in(rehab_outcomes.EARLY_SIGNAL_SOURCES)
    first = early.aggregate(first=Min("opened_on"))["first"]
    if first is None:
        return pl.Series("became_long", [None] * frame.height, dtype=pl.Boolean)
    rows = Absence.objects.filter(
        person_id__in=early.values("person_id"),
        kind=SICK,
        end_date__gte=first - timedelta(days=settings.resickness_gap_days + 1),
        start_date__lte=day,
    ).values_list("person_id", "start_date", "end_date", "extent")
    names = {"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date, "extent": pl.Float64}
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    absences = pl.DataFrame(
        [
            pl.Series(name, values, dtype=dtype, strict=False)
            for (name, dtype), values in zip(names.items(), columns, strict=True)
        ]
    )
    long = sick_cases(absences, settings).filter(
        (pl.col("length") >= settings.long_case_days) & (pl.col("start_date") <= day)
    )
    flagged = (
        frame.filter(is_early)
        .select("case_id", "person_id", "opened_on")
        .join(long.select("person_id", "start_date"), on="person_id", how="left")
        .group_by("case_id")
        .agg(long=(pl.col("start_date") >= pl.col("opened_on")).fill_null(False).any())
    )
    looked_up = frame.select("case_id").join(flagged, on="case_id", how="left", maintain_order="left")
    return looked_up["long"].alias("became_long")


# ------------------------------------------------------------------------------------------ the figures


@dataclass(frozen=True)
class Figures:
    """The figures of one set of cases: the total and the two splits, each behind the rule of more
    than 10 persons (`rehab_outcomes.by_group`)."""

    total: rehab_outcomes.GroupFigures
    by_adjustment: rehab_outcomes.Grouped
    by_length: rehab_outcomes.Grouped


def figures(frame: pl.DataFrame, day: date) -> Figures:
    by_adjustment = rehab_outcomes.by_group(frame, "adjustment_kind", day)
    by_length = rehab_outcomes.by_group(frame, "length_band", day)
    return Figures(by_adjustment.total, by_adjustment, by_length)


def as_dict(group: rehab_outcomes.GroupFigures) -> dict:
    """A group's figures as JSON keeps them (a release, a page): shares as {count, of, share}, the
    share back at work as {"30": share, …}; a hidden figure None."""

    def share(value: rehab_outcomes.Share | None) -> dict | None:
        return None if value is None else {"count": value.count, "of": value.of, "share": value.share}

    days = group.days_to_plan
    return {
        "group": group.group,
        "persons": group.persons,
        "cases": group.cases,
        "plan_on_time": share(group.plan_on_time),
        "days_to_plan": None
        if days is None
        else {"cases": days.cases, "median": days.median, "mean": days.mean},
        "returned_by": None
        if group.returned_by is None
        else {str(day): value for day, value in group.returned_by.items()},
        "early_signal_not_long": share(group.early_signal_not_long),
        "hidden_figures": list(group.hidden_figures),
    }


def groups_as_dict(grouped: rehab_outcomes.Grouped) -> list[dict]:
    """The groups of a split as a release keeps them: a hidden group is left out, with nothing about
    it; an empty one keeps its name and 0 persons."""
    return [as_dict(group) for group in grouped.groups if not group.hidden]


def cached_figures(period: Period, day: date, paths: list[str] | None) -> tuple[dict, dict, bool]:
    """The page's figures – the total and the groups as `as_dict` writes them, and whether the total is
    hidden – kept (kasam.core.generations) until a case, a step, an adjustment, the absences or the
    tree change, or the day does."""

    def compute() -> tuple[dict, dict, bool]:
        computed = figures(load(period, day, paths), day)
        groups = {
            "adjustment_kind": groups_as_dict(computed.by_adjustment),
            "length_band": groups_as_dict(computed.by_length),
        }
        return as_dict(computed.total), groups, computed.total.hidden

    key = ("rehab-outcomes", period.start, period.end, day, tuple(paths) if paths is not None else None)
    return generations.cached((GENERATION, ABSENCES, ORG), key, compute)
