"""Long answer rows (respondent_id, unit_id, item, value; one row per answer): their checks, each
problem with its row and a message, and the per-unit respondents and answer counts (Polars)."""

from collections.abc import Iterable
from typing import NamedTuple

import polars as pl

from kasam.metrics.survey.items import ANSWER_COLUMNS, ITEMS, SCALES


class UnitCounts(NamedTuple):
    """Per unit: its respondents (distinct respondent ids) and its {item: {value: answers}}."""

    respondents: dict[str, int]
    item_counts: dict[str, dict[str, dict[int, int]]]


class Problem(NamedTuple):
    """A bad answer row: `row` is the value of the frame's line column when one is named, else the
    0-based row number; `column` is one of ANSWER_COLUMNS."""

    row: int
    column: str
    message: str


def counts_from_answers(frame: pl.DataFrame, check: bool = True) -> UnitCounts:
    """Per-unit respondents and answer counts from long rows respondent_id, unit_id, item, value (one
    row per answer; a skipped item has no row). Two Polars group-bys. With `check` the rows are checked
    first (`answer_problems`) and the first problem raises ValueError; the checks cost about as much as
    the counting, so a caller that has checked already passes check=False."""
    if check:
        problems, total = answer_problems(frame, limit=1)
        if total:
            row, column, message = problems[0]
            raise ValueError(f"row {row}, {column}: {message} ({total} problems in all)")
    typed = frame.select(
        *(pl.col(name).cast(pl.String).str.strip_chars() for name in ("respondent_id", "unit_id", "item")),
        pl.col("value").cast(pl.String).str.strip_chars().cast(pl.Int64),
    )
    per_unit = typed.group_by("unit_id").agg(pl.col("respondent_id").n_unique().alias("respondents"))
    respondents = dict(zip(per_unit["unit_id"].to_list(), per_unit["respondents"].to_list(), strict=True))
    answers = typed.group_by("unit_id", "item", "value").len()
    item_counts: dict[str, dict[str, dict[int, int]]] = {unit: {} for unit in respondents}
    columns = (answers[name].to_list() for name in ("unit_id", "item", "value", "len"))
    for unit, item, value, count in zip(*columns, strict=True):
        item_counts[unit].setdefault(item, {})[value] = count
    return UnitCounts(respondents, item_counts)


def answer_problems(
    frame: pl.DataFrame,
    known_units: Iterable[str] | None = None,
    line_column: str | None = None,
    limit: int = 20,
) -> tuple[list[Problem], int]:
    """The first `limit` problems of long answer rows (respondent_id, unit_id, item, value) in row
    order, and how many problems there are in all. Vectorised; a message is formatted only for a
    problem it returns. Cells are compared stripped of spaces.

    Checked: no empty cell; a known item (exact names: "hme1" … "hme9", "nmi1" … "nmi3", "enps"); a
    whole-number value on the item's scale; a unit among `known_units` when given; one row per
    (respondent_id, item) – later rows are the problem; one unit per respondent – a respondent is
    counted once, in one unit, so rows naming another unit than the respondent's first are."""
    missing = [name for name in ANSWER_COLUMNS if name not in frame.columns]
    if missing:
        raise ValueError(f"the answers have no column {missing[0]}")
    prepared = _prepared(frame, line_column)
    found: list[Problem] = []
    total = 0
    for column, mask, message in _answer_checks(known_units, "line" if line_column else "row"):
        bad = prepared.filter(mask)
        total += bad.height
        found.extend(
            Problem(row["_row"], column, message(row)) for row in bad.head(limit).iter_rows(named=True)
        )
    found.sort(key=lambda problem: (problem.row, ANSWER_COLUMNS.index(problem.column)))
    return found[:limit], total


def _prepared(frame: pl.DataFrame, line_column: str | None) -> pl.DataFrame:
    """Stripped string cells, the row (or line) number and what the checks compare."""
    row = pl.col(line_column) if line_column else pl.int_range(pl.len(), dtype=pl.Int64)
    if frame["value"].dtype.is_integer():
        number, whole = pl.col("value").cast(pl.Int64), pl.col("value").is_not_null()
    else:
        number = pl.col("value").cast(pl.String).str.strip_chars().cast(pl.Int64, strict=False)
        whole = (
            pl.col("value").cast(pl.String).str.strip_chars().str.contains(r"^[+-]?\d{1,9}$").fill_null(False)
        )
    cells = [
        pl.col(name).cast(pl.String).fill_null("").str.strip_chars().alias(name) for name in ANSWER_COLUMNS
    ]
    prepared = frame.select(
        row.cast(pl.Int64).alias("_row"), *cells, number.alias("_number"), whole.alias("_whole")
    )
    lows = {item: low for item, (low, _high) in SCALES.items()}
    highs = {item: high for item, (_low, high) in SCALES.items()}
    has_unit = pl.col("unit_id") != ""
    return prepared.with_columns(
        _low=pl.col("item").replace_strict(lows, default=None, return_dtype=pl.Int64),
        _high=pl.col("item").replace_strict(highs, default=None, return_dtype=pl.Int64),
        _first=pl.col("_row").first().over("respondent_id", "item"),
        _unit0=pl.col("unit_id").filter(has_unit).first().over("respondent_id"),
        _unit0_row=pl.col("_row").filter(has_unit).first().over("respondent_id"),
    )


def _answer_checks(known_units: Iterable[str] | None, place: str) -> list:
    """(column, mask over `_prepared`, message(row)) per check; each needs only valid cells it uses."""
    item_ok = pl.col("item").is_in(list(ITEMS))
    value_given = pl.col("value") != ""
    respondent = pl.col("respondent_id") != ""
    unit = pl.col("unit_id") != ""
    checks: list = [
        (name, pl.col(name) == "", lambda row, name=name: f"{name} is empty") for name in ANSWER_COLUMNS
    ]
    expected = ", ".join(ITEMS)
    checks += [
        (
            "item",
            (pl.col("item") != "") & ~item_ok,
            lambda row: f"unknown item {row['item']!r}; expected {expected}",
        ),
        ("value", value_given & ~pl.col("_whole"), lambda row: f"{row['value']!r} is not a whole number"),
        (
            "value",
            pl.col("_whole") & item_ok & ~pl.col("_number").is_between(pl.col("_low"), pl.col("_high")),
            lambda row: f"{row['value']} is off {row['item']}'s scale {row['_low']}–{row['_high']}",
        ),
    ]
    if known_units is not None:
        units = sorted(set(known_units))
        checks.append(
            (
                "unit_id",
                unit & ~pl.col("unit_id").is_in(units),
                lambda row: f"unit {row['unit_id']!r} is not in the units file",
            )
        )
    checks += [
        (
            "item",
            respondent & item_ok & (pl.col("_row") != pl.col("_first")),
            lambda row: (
                f"respondent {row['respondent_id']!r} answered {row['item']} twice "
                f"(first on {place} {row['_first']})"
            ),
        ),
        (
            "unit_id",
            respondent & unit & (pl.col("unit_id") != pl.col("_unit0")),
            lambda row: (
                f"respondent {row['respondent_id']!r} is in unit {row['_unit0']!r} on {place} "
                f"{row['_unit0_row']}; a respondent belongs to one unit"
            ),
        ),
    ]
    return checks
