"""Vectorised checks shared by the survey file layouts (kasam.survey.imports, .distributions): each
adds its messages to a `Problems` collector and returns the mask of the rows it found bad. Messages
are formatted only for bad rows, and at most MAX_PER_CHECK of one kind, then how many more."""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _

from kasam.core.validation import LINE, ImportMessage, Problems
from kasam.metrics.survey.items import ITEMS, SCALES

RESPONDENTS = "respondents"
UNIT, GENDER, RESPONDENT = "unit_id", "gender", "respondent_id"
MAX_PER_CHECK = 200
WOMEN = ("k", "kvinna", "kvinnor", "woman", "women", "female")
MEN = ("m", "man", "män", "men", "male")
ITEM_LIST = "hme1 … hme9, nmi1 … nmi3, enps"
_WHOLE = r"^[+-]?\d{1,9}$"


@dataclass
class Counted:
    """What a checked file holds: per (unit_id, gender) `respondents`; per (unit_id, gender, item,
    value) `count` > 0; and how many data rows were read."""

    respondents: pl.DataFrame
    distributions: pl.DataFrame
    rows: int


@dataclass
class Checked:
    counted: Counted | None
    errors: list[ImportMessage] = field(default_factory=list)
    warnings: list[ImportMessage] = field(default_factory=list)


def checked(problems: Problems, counted: Counted | None) -> Checked:
    """The result: the counts only when there is no error."""
    errors = problems.errors
    return Checked(None if errors else counted, errors, problems.warnings)


def flag(
    problems: Problems,
    frame: pl.DataFrame,
    bad: pl.Expr,
    column: str | None,
    text: Callable[[dict], str],
) -> pl.Series:
    """An error for each row where `bad` holds (at most MAX_PER_CHECK listed, then how many more);
    `column` names the column, or None to take it from the row's `_column`. Returns the mask."""
    mask = frame.select(bad.fill_null(False).alias("bad")).to_series()
    total = int(mask.sum())
    if total:
        for number, row in enumerate(frame.filter(mask).head(MAX_PER_CHECK + 1).iter_rows(named=True)):
            where = column if column is not None else row["_column"]
            if number == MAX_PER_CHECK:
                more = _("… and %(count)s more rows with the same kind of problem.")
                problems.error(row[LINE], where, more % {"count": total - MAX_PER_CHECK})
                break
            problems.error(row[LINE], where, text(row))
    return mask


def gender(column: str | None) -> pl.Expr:
    """K, M, or "" (other or not stated) from what a file writes."""
    if column is None:
        return pl.lit("")
    lower = pl.col(column).str.to_lowercase()
    return (
        pl.when(lower.is_in(WOMEN))
        .then(pl.lit("K"))
        .when(lower.is_in(MEN))
        .then(pl.lit("M"))
        .otherwise(pl.lit(""))
    )


def required(problems: Problems, frame: pl.DataFrame, column: str, label: str | None = None) -> pl.Series:
    text = _("This cell is empty, but a value is required.")
    return flag(problems, frame, pl.col(column) == "", label or column, lambda row: text)


def known_units(
    problems: Problems, frame: pl.DataFrame, known: Collection[str], skip: pl.Series, label: str = UNIT
) -> pl.Series:
    text = _("There is no unit %(value)s in Kasam. Check the id, or import the units first.")
    units = pl.Series(sorted(known), dtype=pl.String).implode()
    bad = (pl.col(UNIT) != "") & ~pl.col(UNIT).is_in(units) & ~pl.lit(skip)
    return flag(problems, frame, bad, label, lambda row: text % {"value": row[UNIT]})


def known_items(problems: Problems, frame: pl.DataFrame, with_respondents: bool = False) -> pl.Series:
    if with_respondents:
        text = _(
            "There is no item %(value)s. The items are %(items)s, and respondents for the number who "
            "answered."
        )
    else:
        text = _("There is no item %(value)s. The items are %(items)s.")
    names = [*ITEMS, RESPONDENTS] if with_respondents else list(ITEMS)
    bad = (pl.col("item") != "") & ~pl.col("item").is_in(pl.Series(names, dtype=pl.String).implode())
    return flag(problems, frame, bad, "item", lambda row: text % {"value": row["item"], "items": ITEM_LIST})


def with_scale(frame: pl.DataFrame, value: str = "value") -> pl.DataFrame:
    """`_low`, `_high` (null for an unknown item), `_whole` and `_number` of the `value` column."""
    lows = {item: low for item, (low, _high) in SCALES.items()}
    highs = {item: high for item, (_low, high) in SCALES.items()}
    return frame.with_columns(
        _low=pl.col("item").replace_strict(lows, default=None, return_dtype=pl.Int64),
        _high=pl.col("item").replace_strict(highs, default=None, return_dtype=pl.Int64),
        _whole=pl.col(value).str.contains(_WHOLE),
        _number=pl.col(value).cast(pl.Int64, strict=False),
    )


def answer_values(problems: Problems, frame: pl.DataFrame, column: str | None) -> pl.Series:
    """Answers on their item's scale; `frame` has item, value and the `with_scale` columns. Empty
    values and unknown items are other checks' business."""
    known = pl.col("_low").is_not_null()
    given = pl.col("value") != ""

    def words(row: dict) -> dict:
        return {"value": row["value"], "item": row["item"], "low": row["_low"], "high": row["_high"]}

    not_whole = _(
        "%(value)s is not a whole number. Answers to %(item)s are whole numbers from %(low)s to %(high)s."
    )
    bad = flag(problems, frame, known & given & ~pl.col("_whole"), column, lambda row: not_whole % words(row))
    off = _("%(value)s is off the scale. Answers to %(item)s go from %(low)s to %(high)s.")
    outside = known & pl.col("_whole") & ~pl.col("_number").is_between(pl.col("_low"), pl.col("_high"))
    return bad | flag(problems, frame, outside, column, lambda row: off % words(row))


def first_line(key: list[str]) -> pl.Expr:
    return pl.col(LINE).min().over(key)


class FileMessage(ImportMessage):
    """A problem of the whole file or survey (no line or column): "file: text"."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.text}"


def file_message(filename: str, text: str) -> FileMessage:
    return FileMessage(filename, 0, "", text)
