"""The economics import files (docs/import-formats.md "Economics") → checked rows and messages, no writes.

- budget: `year`, `unit_id` (an area or the organisation; empty = the whole organisation),
  `budget_tkr`, `outcome_tkr` (thousand SEK), and optionally `period_end` (the last day the outcome
  covers; empty = 31 December), `reported_deviation_tkr` (the deviation the source published) and
  `savings_requirement_tkr`. A reported deviation that differs from budget − outcome by more than
  1 tkr is an error: the published deviations are computed from unrounded figures, so ±1 tkr is
  rounding, more is a typo (data/README.md).
- costs: `month` (YYYY-MM), `unit_id`, `overtime_sek`, `substitute_sek`.
- salaries: `unit_id`, `monthly_salary_sek` (the average full-time monthly salary).
One row per key (year and unit; month and unit; unit). Amounts may use a decimal comma."""

from collections.abc import Collection

import polars as pl
from django.utils.translation import gettext as _

from kasam.core.tabular import read_table
from kasam.core.validation import (
    FIRST_YEAR,
    LAST_YEAR,
    ImportScope,
    Problems,
    Validated,
    check_date,
    check_duplicates,
    check_id,
    check_known,
    check_required,
    check_units_in_scope,
    none_bad,
    parse_date,
    parse_decimal,
)

ROUNDING_TKR = 1.0
ORGANISATION = ""
BUDGET_REQUIRED = ("year", "unit_id", "budget_tkr", "outcome_tkr")
BUDGET_OPTIONAL = ("period_end", "reported_deviation_tkr", "savings_requirement_tkr")
COSTS_REQUIRED = ("month", "unit_id", "overtime_sek", "substitute_sek")
SALARIES_REQUIRED = ("unit_id", "monthly_salary_sek")
UNKNOWN_UNIT = "There is no unit %(value)s in Kasam. Check the id, or import the units first."


def _number(
    problems: Problems, frame: pl.DataFrame, column: str, *, required: bool, minimum: float | None
) -> pl.Series:
    bad = check_required(problems, frame, column) if required else none_bad(frame)
    number = parse_decimal(column)
    given = pl.col(column) != ""
    text = _("Write a number here, for example 1234,5, not %(value)s.")
    bad = bad | problems.flag(
        frame, given & number.is_null(), column, lambda row: text % {"value": row[column]}
    )
    if minimum is not None:
        low = _("This must be at least %(minimum)s, not %(value)s.")
        bad = bad | problems.flag(
            frame,
            given & (number < minimum),
            column,
            lambda row: low % {"minimum": minimum, "value": row[column]},
        )
    return bad


def _year(problems: Problems, frame: pl.DataFrame, column: str) -> pl.Series:
    bad = check_required(problems, frame, column)
    year = pl.col(column).cast(pl.Int32, strict=False)
    text = _("Write the year with four digits, between %(first)s and %(last)s, not %(value)s.")
    outside = (pl.col(column) != "") & (year.is_null() | ~year.is_between(FIRST_YEAR, LAST_YEAR))
    years = {"first": FIRST_YEAR, "last": LAST_YEAR}
    return bad | problems.flag(frame, outside, column, lambda row: text % {**years, "value": row[column]})


def _units(
    problems: Problems, frame: pl.DataFrame, known: Collection[str], required: bool, scope: ImportScope | None
) -> pl.Series:
    """Known unit ids; a scoped importer's only within the scope, and never the whole organisation
    (an empty unit_id of the budget)."""
    bad = check_id(problems, frame, "unit_id", required=required)
    bad = bad | check_known(problems, frame, "unit_id", known, _(UNKNOWN_UNIT), bad)
    if scope is not None and not required:
        text = _(
            "An empty unit_id means the whole organisation, which only a role over the whole organisation "
            "may import. Your role covers %(scope)s."
        )
        bad = bad | problems.flag(
            frame,
            (pl.col("unit_id") == "") & ~pl.lit(bad),
            "unit_id",
            lambda row: text % {"scope": scope.label},
        )
    return bad | check_units_in_scope(problems, frame, scope, bad)


def validate_budget(
    data: bytes, filename: str, known_units: Collection[str], scope: ImportScope | None = None
) -> Validated:
    problems = Problems(filename, BUDGET_REQUIRED + BUDGET_OPTIONAL)
    frame = read_table(data, problems, BUDGET_REQUIRED, BUDGET_OPTIONAL)
    if frame is None:
        return problems.result(None)
    for column in BUDGET_OPTIONAL:
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    bad = _year(problems, frame, "year") | _units(problems, frame, known_units, False, scope)
    for column in ("budget_tkr", "outcome_tkr"):
        bad = bad | _number(problems, frame, column, required=True, minimum=0)
    for column in ("reported_deviation_tkr", "savings_requirement_tkr"):
        bad = bad | _number(problems, frame, column, required=False, minimum=None)
    bad = bad | check_date(problems, frame, "period_end", required=False)
    typed = frame.with_columns(
        year_int=pl.col("year").cast(pl.Int32, strict=False),
        budget=parse_decimal("budget_tkr"),
        outcome=parse_decimal("outcome_tkr"),
        reported=parse_decimal("reported_deviation_tkr"),
        savings=parse_decimal("savings_requirement_tkr"),
        period_end_date=parse_date("period_end"),
    )
    text = _(
        "The reported deviation %(value)s differs from budget − outcome (%(computed)s) by more than "
        "rounding (1 tkr). Check the budget, the outcome and the deviation."
    )
    off = (
        ~pl.lit(bad)
        & pl.col("reported").is_not_null()
        & ((pl.col("budget") - pl.col("outcome") - pl.col("reported")).abs() > ROUNDING_TKR + 1e-9)
    )
    bad = bad | problems.flag(
        typed,
        off,
        "reported_deviation_tkr",
        lambda row: (
            text
            % {"value": row["reported_deviation_tkr"], "computed": f"{row['budget'] - row['outcome']:.1f}"}
        ),
    )
    duplicate = _("Year %(value)s of this unit is already on line %(other)s. A unit has one row a year.")
    check_duplicates(problems, typed, ["year", "unit_id"], "year", duplicate, bad)
    return problems.result(typed)


def validate_costs(
    data: bytes, filename: str, known_units: Collection[str], scope: ImportScope | None = None
) -> Validated:
    problems = Problems(filename, COSTS_REQUIRED)
    frame = read_table(data, problems, COSTS_REQUIRED)
    if frame is None:
        return problems.result(None)
    bad = check_required(problems, frame, "month") | _units(problems, frame, known_units, True, scope)
    month = (pl.col("month") + "-01").str.to_date("%Y-%m-%d", strict=False)
    text = _("Write the month as YYYY-MM, for example 2025-03, not %(value)s.")
    outside = (pl.col("month") != "") & (month.is_null() | ~month.dt.year().is_between(FIRST_YEAR, LAST_YEAR))
    bad = bad | problems.flag(frame, outside, "month", lambda row: text % {"value": row["month"]})
    for column in ("overtime_sek", "substitute_sek"):
        bad = bad | _number(problems, frame, column, required=True, minimum=0)
    typed = frame.with_columns(
        month_date=month, overtime=parse_decimal("overtime_sek"), substitute=parse_decimal("substitute_sek")
    )
    duplicate = _("Month %(value)s of this unit is already on line %(other)s. A unit has one row a month.")
    check_duplicates(problems, typed, ["month", "unit_id"], "month", duplicate, bad)
    return problems.result(typed)


def validate_salaries(
    data: bytes, filename: str, known_units: Collection[str], scope: ImportScope | None = None
) -> Validated:
    problems = Problems(filename, SALARIES_REQUIRED)
    frame = read_table(data, problems, SALARIES_REQUIRED)
    if frame is None:
        return problems.result(None)
    bad = _units(problems, frame, known_units, True, scope)
    bad = bad | _number(problems, frame, "monthly_salary_sek", required=True, minimum=1)
    typed = frame.with_columns(salary=parse_decimal("monthly_salary_sek"))
    duplicate = _("Unit %(value)s is already on line %(other)s. A unit has one salary.")
    check_duplicates(problems, typed, ["unit_id"], "unit_id", duplicate, bad)
    return problems.result(typed)
