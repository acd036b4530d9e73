"""The `distributions` layout of a survey file: per unit (and gender) how many gave each value to each
item, for vendors who deliver no item-level answers.

Columns unit_id, item, value, count[, gender]. One row per (unit, gender, item, value) with `count`
answers, and per (unit, gender) one row with item `respondents`, an empty value and in `count` the
number who answered (at least one item). Choice: a row rather than a `respondents` column repeated on
every row, so that the number is written once and a file with genders gives each group its own.

Checked besides the cells: no row twice; a group with answers has its respondents row; no item has
more answers in a group than the group has respondents. Rows with count 0 are accepted and not
stored."""

from collections.abc import Collection

import polars as pl
from django.utils.translation import gettext as _

from kasam.core.validation import LINE, Problems
from kasam.survey import checks
from kasam.survey.checks import GENDER, RESPONDENTS, UNIT, Counted, flag

DISTRIBUTION_COLUMNS = (UNIT, "item", "value", "count")
_COUNT = r"^\+?\d{1,9}$"


def check_distributions(
    problems: Problems, frame: pl.DataFrame, known_units: Collection[str]
) -> Counted | None:
    """The counts of a distributions file read by read_table, or None after reporting its problems."""
    has_gender = GENDER in frame.columns
    frame = frame.with_columns(
        pl.col("item").str.to_lowercase(), checks.gender(GENDER if has_gender else None).alias("_gender")
    )
    is_respondents = pl.col("item") == RESPONDENTS
    is_answer = (pl.col("item") != "") & ~is_respondents
    empty_unit = checks.required(problems, frame, UNIT)
    checks.required(problems, frame, "item")
    checks.required(problems, frame, "count")
    checks.known_items(problems, frame, with_respondents=True)
    checks.known_units(problems, frame, known_units, empty_unit)
    required = _("This cell is empty, but a value is required.")
    flag(problems, frame, is_answer & (pl.col("value") == ""), "value", lambda row: required)
    checks.answer_values(problems, checks.with_scale(frame.filter(is_answer)), "value")
    not_empty = _("Leave value empty on a respondents row: its count is the number who answered.")
    flag(problems, frame, is_respondents & (pl.col("value") != ""), "value", lambda row: not_empty)
    count = _("The count must be a whole number, 0 or more, not %(value)s.")
    bad_count = (pl.col("count") != "") & ~pl.col("count").str.contains(_COUNT)
    flag(problems, frame, bad_count, "count", lambda row: count % {"value": row["count"]})
    _no_repeats(problems, frame, has_gender)
    if problems.errors:
        return None
    typed = frame.with_columns(pl.col("count").cast(pl.Int64))
    respondents = typed.filter(is_respondents).select(
        LINE, UNIT, pl.col("_gender").alias("gender"), pl.col("count").alias("respondents")
    )
    answers = typed.filter(~is_respondents).select(
        LINE, UNIT, pl.col("_gender").alias("gender"), "item", pl.col("value").cast(pl.Int64), "count"
    )
    _groups_add_up(problems, respondents, answers, has_gender)
    if problems.errors:
        return None
    return Counted(
        respondents.filter(pl.col("respondents") > 0).drop(LINE).sort(UNIT, "gender"),
        answers.filter(pl.col("count") > 0).drop(LINE).sort(UNIT, "gender", "item", "value"),
        frame.height,
    )


def _no_repeats(problems: Problems, frame: pl.DataFrame, has_gender: bool) -> None:
    key = [UNIT, "_gender", "item", "value"]
    rows = frame.with_columns(_first=checks.first_line(key))
    repeated = (pl.col(UNIT) != "") & (pl.col("item") != "") & (pl.col(LINE) != pl.col("_first"))
    if has_gender:
        text = _("This row repeats line %(other)s: the same unit, gender, item and value.")
    else:
        text = _("This row repeats line %(other)s: the same unit, item and value.")
    flag(problems, rows, repeated, "item", lambda row: text % {"other": row["_first"]})


def _groups_add_up(
    problems: Problems, respondents: pl.DataFrame, answers: pl.DataFrame, has_gender: bool
) -> None:
    """Every group with answers has a respondents row, and no item more answers than respondents."""
    per_item = answers.group_by(UNIT, "gender", "item").agg(
        pl.col("count").sum().alias("answers"), pl.col(LINE).min().alias("_item_line")
    )
    joined = per_item.join(respondents, on=[UNIT, "gender"], how="left").sort("_item_line")
    lonely = joined.filter(pl.col("respondents").is_null() & (pl.col("answers") > 0))
    lonely = lonely.group_by(UNIT, "gender").agg(pl.col("_item_line").min().alias(LINE)).sort(LINE)
    if has_gender:
        text = _(
            "Unit %(unit)s (gender “%(gender)s”) has answers but no respondents row: add a row with item "
            "respondents and the number who answered in count."
        )
    else:
        text = _(
            "Unit %(unit)s has answers but no respondents row: add a row with item respondents and the "
            "number who answered in count."
        )
    flag(
        problems, lonely, pl.lit(True), UNIT, lambda row: text % {"unit": row[UNIT], "gender": row["gender"]}
    )
    too_many = _(
        "%(answers)s answers to %(item)s, but this row says only %(respondents)s answered. An item cannot "
        "have more answers than there are respondents."
    )
    over = joined.filter(pl.col("answers") > pl.col("respondents")).sort(LINE, "item")
    flag(
        problems,
        over,
        pl.lit(True),
        "count",
        lambda row: (
            too_many % {"answers": row["answers"], "item": row["item"], "respondents": row["respondents"]}
        ),
    )
