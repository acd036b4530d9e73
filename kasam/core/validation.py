"""Messages and vectorised checks shared by the imports (docs/import-formats.md).

A file is read into an all-string Polars frame (kasam.core.tabular) with a `_line` column; checks are
Polars expressions that are True on bad rows, and Python strings are formatted only for those rows,
so a clean file of 1.5 million rows costs a few column scans and no per-row Python."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import polars as pl
from django.utils.translation import gettext as _

LINE = "_line"
MAX_ID_LENGTH = 64
# Dates outside these years are typos (0225 for 2025); catching them keeps an absence file's
# whole-truth range from reaching back centuries.
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class ImportMessage:
    """One problem or warning in an import file; line 1 is the header."""

    filename: str
    line: int
    column: str
    text: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}: {self.text}"


@dataclass
class ImportResult:
    kind: str
    filename: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    errors: list[ImportMessage] = field(default_factory=list)
    warnings: list[ImportMessage] = field(default_factory=list)
    # The import changed what stored figures are computed from, and asked for them to be recomputed
    # (in the background queue, or at once with the immediate task backend).
    recompute: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class Counts(NamedTuple):
    """What an import did (or, in a dry run, would do), counted in stored records."""

    created: int
    updated: int
    unchanged: int
    deleted: int


@dataclass
class Validated:
    """A checked file: `frame` holds the typed rows, and only when there are no errors."""

    frame: pl.DataFrame | None
    errors: list[ImportMessage]
    warnings: list[ImportMessage]


@dataclass(frozen=True)
class ImportScope:
    """What an importer whose role covers only part of the organisation may change (docs/import-
    formats.md "Who may import what"): the stored units and persons outside it, decided on today's
    tree, and the names of its top units for the messages. An importer over the whole organisation
    has no ImportScope (None) and may change everything."""

    label: str
    units_outside: frozenset[str]
    persons_outside: frozenset[str]


def unit_outside_text() -> str:
    """The message for a row about a stored unit outside the importer's scope: %(value)s, %(scope)s."""
    return _(
        "Unit %(value)s is outside the part of the organisation your role covers (%(scope)s). "
        "Only a role over the whole organisation may import rows for it."
    )


def check_in_scope(
    problems: "Problems",
    frame: pl.DataFrame,
    column: str,
    scope: ImportScope,
    outside: Collection[str],
    text: str,
    skip: pl.Series,
) -> pl.Series:
    """Rows whose id (not already reported in `skip`) is among `outside`; `text` has %(value)s and
    %(scope)s."""
    outside_series = pl.Series(list(outside), dtype=pl.String)
    bad = pl.col(column).is_in(outside_series.implode()) & ~pl.lit(skip)
    return problems.flag(frame, bad, column, lambda row: text % {"value": row[column], "scope": scope.label})


def check_persons_in_scope(
    problems: "Problems", frame: pl.DataFrame, scope: ImportScope | None, skip: pl.Series
) -> pl.Series:
    """Rows of person_id that a scoped importer may not change (none without a scope)."""
    if scope is None:
        return none_bad(frame)
    text = _(
        "Person %(value)s is not within the part of the organisation your role covers (%(scope)s). "
        "Only a role over the whole organisation may import rows for them."
    )
    return check_in_scope(problems, frame, "person_id", scope, scope.persons_outside, text, skip)


def check_units_in_scope(
    problems: "Problems", frame: pl.DataFrame, scope: ImportScope | None, skip: pl.Series
) -> pl.Series:
    """Rows of unit_id outside a scoped importer's part of the organisation (none without a scope)."""
    if scope is None:
        return none_bad(frame)
    return check_in_scope(problems, frame, "unit_id", scope, scope.units_outside, unit_outside_text(), skip)


class Problems:
    """Errors and warnings of one file, sorted by line and then by the column's place in the file."""

    def __init__(self, filename: str, columns: Iterable[str] = ()):
        self.filename = filename
        self.order = {name: index for index, name in enumerate(columns)}
        self._errors: list[ImportMessage] = []
        self._warnings: list[ImportMessage] = []

    def error(self, line: int, column: str, text: str) -> None:
        self._errors.append(ImportMessage(self.filename, int(line), column, text))

    def warn(self, line: int, column: str, text: str) -> None:
        self._warnings.append(ImportMessage(self.filename, int(line), column, text))

    def _sorted(self, messages: list[ImportMessage]) -> list[ImportMessage]:
        return sorted(messages, key=lambda m: (m.line, self.order.get(m.column, len(self.order)), m.column))

    @property
    def errors(self) -> list[ImportMessage]:
        return self._sorted(self._errors)

    @property
    def warnings(self) -> list[ImportMessage]:
        return self._sorted(self._warnings)

    def result(self, frame: pl.DataFrame | None) -> Validated:
        errors = self.errors
        return Validated(None if errors else frame, errors, self.warnings)

    def flag(self, frame: pl.DataFrame, bad: pl.Expr, column: str, text: Callable[[dict], str]) -> pl.Series:
        """An error on `column` for every row where `bad` is True; returns the bad-row mask."""
        mask = frame.select(bad.fill_null(False).alias("bad")).to_series()
        if mask.any():
            for row in frame.filter(mask).iter_rows(named=True):
                self.error(row[LINE], column, text(row))
        return mask


# Parsing: every parse returns null where the text is not a valid value, so that a check is
# "text given but parse is null".


def parse_date(column: str) -> pl.Expr:
    parsed = pl.col(column).str.to_date("%Y-%m-%d", strict=False)
    in_range = parsed.dt.year().is_between(FIRST_YEAR, LAST_YEAR)
    return pl.when(in_range).then(parsed).otherwise(None)


def parse_decimal(column: str) -> pl.Expr:
    """A number with decimal point or decimal comma, rounded to the 2 decimals the database keeps."""
    text = pl.col(column).str.replace(",", ".", literal=True)
    return text.cast(pl.Float64, strict=False).round(2)


# Checks. Each adds its messages to `problems` and returns the mask of rows it found bad, so that a
# later check (an existence lookup, say) can skip rows already reported.


def none_bad(frame: pl.DataFrame) -> pl.Series:
    """The mask of a check that found nothing."""
    return pl.Series("bad", [False] * frame.height, dtype=pl.Boolean)


def check_required(problems: Problems, frame: pl.DataFrame, column: str) -> pl.Series:
    text = _("This cell is empty, but a value is required.")
    return problems.flag(frame, pl.col(column) == "", column, lambda row: text)


def check_id(problems: Problems, frame: pl.DataFrame, column: str, required: bool = True) -> pl.Series:
    """Ids are stripped strings without "/" (they appear in web addresses and tree paths)."""
    value = pl.col(column)
    bad = check_required(problems, frame, column) if required else none_bad(frame)
    slash = _("An id cannot contain “/”, since ids are used in web addresses: %(value)s.")
    bad = bad | problems.flag(
        frame, value.str.contains("/", literal=True), column, lambda row: slash % {"value": row[column]}
    )
    return bad | check_length(problems, frame, column, MAX_ID_LENGTH)


def check_length(problems: Problems, frame: pl.DataFrame, column: str, maximum: int) -> pl.Series:
    text = _("This can be at most %(max)s characters long, but it has %(length)s.")
    return problems.flag(
        frame,
        pl.col(column).str.len_chars() > maximum,
        column,
        lambda row: text % {"max": maximum, "length": len(row[column])},
    )


def check_known(
    problems: Problems, frame: pl.DataFrame, column: str, known: Collection[str], text: str, skip: pl.Series
) -> pl.Series:
    """Rows whose id (not already reported in `skip`) is not among `known`; `text` has %(value)s."""
    known_series = pl.Series(list(known), dtype=pl.String)
    bad = (pl.col(column) != "") & ~pl.col(column).is_in(known_series.implode()) & ~pl.lit(skip)
    return problems.flag(frame, bad, column, lambda row: text % {"value": row[column]})


def check_date(problems: Problems, frame: pl.DataFrame, column: str, required: bool) -> pl.Series:
    bad = check_required(problems, frame, column) if required else none_bad(frame)
    text = _("Write the date as YYYY-MM-DD, for example 2025-03-31, not %(value)s.")
    any_year = pl.col(column).str.to_date("%Y-%m-%d", strict=False)
    unparsed = (pl.col(column) != "") & any_year.is_null()
    bad = bad | problems.flag(frame, unparsed, column, lambda row: text % {"value": row[column]})
    year = _("Check the year: %(value)s is not between %(first)s and %(last)s.")
    outside = any_year.is_not_null() & parse_date(column).is_null()
    years = {"first": FIRST_YEAR, "last": LAST_YEAR}
    return bad | problems.flag(frame, outside, column, lambda row: year % {**years, "value": row[column]})


def check_end_after_start(problems: Problems, frame: pl.DataFrame, start: str, end: str) -> pl.Series:
    text = _("The end date %(end)s is before the start date %(start)s.")
    bad = parse_date(end) < parse_date(start)
    return problems.flag(frame, bad, end, lambda row: text % {"end": row[end], "start": row[start]})


def check_range(
    problems: Problems, frame: pl.DataFrame, column: str, maximum: float, text: str, required: bool
) -> pl.Series:
    """A number with 0 < value ≤ maximum; `text` has %(value)s and may have %(max)s. Empty passes
    unless required."""
    bad = check_required(problems, frame, column) if required else none_bad(frame)
    number = parse_decimal(column)
    outside = number.is_null() | number.is_nan() | (number <= 0) | (number > maximum)
    given = pl.col(column) != ""
    return bad | problems.flag(
        frame, given & outside, column, lambda row: text % {"value": row[column], "max": maximum}
    )


def check_choice(
    problems: Problems,
    frame: pl.DataFrame,
    column: str,
    choices: Collection[str],
    text: str,
    required: bool = True,
) -> pl.Series:
    """A value whose lower-cased form is one of `choices` (empty passes unless required); `text` has
    %(value)s."""
    bad = check_required(problems, frame, column) if required else none_bad(frame)
    allowed = pl.Series(list(choices), dtype=pl.String).implode()
    unknown = (pl.col(column) != "") & ~pl.col(column).str.to_lowercase().is_in(allowed)
    return bad | problems.flag(frame, unknown, column, lambda row: text % {"value": row[column]})


def check_duplicates(
    problems: Problems, frame: pl.DataFrame, key: list[str], column: str, text: str, skip: pl.Series
) -> pl.Series:
    """Rows whose key repeats an earlier row's; the message (with %(other)s) names the first line."""
    candidates = frame.with_columns(pl.lit(skip).alias("_skip")).filter(~pl.col("_skip"))
    first = pl.col(LINE).min().over(key)
    repeated = candidates.with_columns(first.alias("_first")).filter(pl.col(LINE) != pl.col("_first"))
    for row in repeated.iter_rows(named=True):
        problems.error(row[LINE], column, text % {"other": row["_first"], "value": row[column]})
    return frame.select(pl.col(LINE).is_in(repeated[LINE].implode()).alias("dup")).to_series()
