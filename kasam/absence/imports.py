"""Checking an absence file (docs/import-formats.md, absences): file → typed Polars frame and messages.
Nothing here writes or reads the database; the persons that exist are passed in.

Overlapping sick records of one person are not errors: each overlapping pair gets a warning and the
records are stored as given, since the figures take a day's highest extent. Records that also share
the key (person, start, sjuk) cannot both be stored, so each cluster of overlapping sick records that
contains such a pair is replaced by runs of constant extent, day by day the highest one — the same
figures, with unique keys (every run starts on a different day)."""

from collections.abc import Collection, Iterator
from datetime import date, timedelta

import polars as pl
from django.utils.translation import gettext as _

from kasam.absence.models import ABSENCE_KINDS, SICK
from kasam.core import validation as v
from kasam.core.tabular import read_table
from kasam.core.validation import LINE, ImportScope, Problems, Validated

ABSENCE_COLUMNS = ("person_id", "start_date", "end_date", "extent", "kind")
KEY = ["person_id", "start_date", "kind"]
DEFAULT_EXTENT = 100.0


def validate_absences(
    data: bytes, filename: str, persons: Collection[str], scope: ImportScope | None = None
) -> Validated:
    """The frame has person_id, start_date, end_date (dates), extent (float, 2 decimals) and kind. A
    scoped importer may import absences only of persons within the scope."""
    problems = Problems(filename, ABSENCE_COLUMNS)
    frame = read_table(data, problems, ABSENCE_COLUMNS)
    if frame is None:
        return problems.result(None)
    bad = _check_columns(problems, frame, persons)
    bad |= v.check_persons_in_scope(problems, frame, scope, bad)
    extent, kind = pl.col("extent"), pl.col("kind")
    typed = frame.select(
        LINE,
        "person_id",
        v.parse_date("start_date"),
        v.parse_date("end_date"),
        pl.when(extent == "").then(DEFAULT_EXTENT).otherwise(v.parse_decimal("extent")).alias("extent"),
        pl.when(kind == "").then(pl.lit(SICK)).otherwise(kind.str.to_lowercase()).alias("kind"),
    )
    is_other = typed["kind"] != SICK
    other = typed.filter(is_other)
    duplicate = _("Duplicate: line %(other)s has the same person, start date and kind.")
    v.check_duplicates(problems, other, KEY, "start_date", duplicate, bad.filter(is_other))
    if problems.errors:
        return problems.result(None)
    sick = typed.filter(pl.col("kind") == SICK).sort("person_id", "start_date", "end_date", LINE)
    _warn_overlaps(problems, sick)
    return problems.result(pl.concat([other, _merge_same_start(sick)]))


def _check_columns(problems: Problems, frame: pl.DataFrame, persons: Collection[str]) -> pl.Series:
    bad = v.check_id(problems, frame, "person_id")
    no_person = _("There is no person %(value)s in Kasam. Import the persons first.")
    bad |= v.check_known(problems, frame, "person_id", persons, no_person, bad)
    bad |= v.check_date(problems, frame, "start_date", required=True)
    bad |= v.check_date(problems, frame, "end_date", required=True)
    bad |= v.check_end_after_start(problems, frame, "start_date", "end_date")
    extent = _("Extent must be above 0 and at most 100, not %(value)s.")
    bad |= v.check_range(problems, frame, "extent", 100, extent, required=False)
    kinds = _("There is no kind of absence %(value)s. Use one of: %(kinds)s.")
    kinds = kinds.replace("%(kinds)s", ", ".join(ABSENCE_KINDS))  # %(value)s is the row's
    return bad | v.check_choice(problems, frame, "kind", ABSENCE_KINDS, kinds, required=False)


def _overlapping(sick: pl.DataFrame) -> pl.Expr:
    """True on a sick row that starts on or before the last day of an earlier row of the same person
    (rows sorted by person and start): a running maximum instead of comparing all pairs."""
    earlier_end = pl.col("end_date").cum_max().shift(1).over("person_id")
    return (pl.col("start_date") <= earlier_end).fill_null(False)


def _warn_overlaps(problems: Problems, sick: pl.DataFrame) -> None:
    """One warning per overlapping pair, on the later line, naming the earlier one. Only persons with
    an overlap are walked in Python."""
    persons = sick.filter(_overlapping(sick))["person_id"].unique()
    if persons.is_empty():
        return
    rows = sick.filter(pl.col("person_id").is_in(persons.implode()))
    overlap = _(
        "This sick period overlaps the one on line %(other)s. Both are kept; each day counts "
        "with the highest extent."
    )
    same_start = _(
        "This sick period starts on the same day as the one on line %(other)s. They are "
        "merged; each day counts with the highest extent."
    )
    for first, second in _pairs(rows.select(LINE, "person_id", "start_date", "end_date").iter_rows()):
        text = same_start if first[2] == second[2] else overlap
        (earlier, later) = sorted((first[0], second[0]))
        problems.warn(later, "start_date", text % {"other": earlier})


def _pairs(rows: Iterator[tuple]) -> Iterator[tuple[tuple, tuple]]:
    """Overlapping pairs among rows (line, person, start, end) sorted by person and start."""
    person, active = None, []
    for row in rows:
        if row[1] != person:
            person, active = row[1], []
        active = [earlier for earlier in active if earlier[3] >= row[2]]
        for earlier in active:
            yield earlier, row
        active.append(row)


def _merge_same_start(sick: pl.DataFrame) -> pl.DataFrame:
    """Sick rows with unique keys: clusters of overlapping rows that hold two rows with the same start
    become runs of constant extent; all other rows are kept as given."""
    # Sorted by person, and a person's first row never overlaps, so a running count of the rows that
    # start a cluster numbers the clusters across all persons, with no window per cluster.
    clustered = sick.with_columns(
        (~_overlapping(sick)).cast(pl.Int64).cum_sum().alias("_cluster"),
        pl.struct("person_id", "start_date").is_duplicated().alias("_same_start"),
    )
    merging = clustered.filter(pl.col("_same_start"))["_cluster"].unique()
    clustered = clustered.with_columns(pl.col("_cluster").is_in(merging.implode()).alias("_merge"))
    kept = clustered.filter(~pl.col("_merge")).drop("_cluster", "_same_start", "_merge")
    to_merge = clustered.filter(pl.col("_merge"))
    if to_merge.is_empty():
        return kept
    runs = []
    for (_person, _cluster), group in to_merge.group_by("person_id", "_cluster", maintain_order=True):
        runs.extend(_runs(group.select(LINE, "person_id", "start_date", "end_date", "extent").rows()))
    merged = pl.DataFrame(runs, schema=kept.drop("kind").schema, orient="row").with_columns(kind=pl.lit(SICK))
    return pl.concat([kept, merged])


def _runs(rows: list[tuple]) -> list[tuple]:
    """The day-by-day highest extent of overlapping rows (line, person, start, end, extent), as rows
    of constant extent. The first line of the cluster stands for all of them."""
    line, person = min(row[0] for row in rows), rows[0][1]
    first = min(row[2] for row in rows)
    days = (max(row[3] for row in rows) - first).days + 1
    extent = [0.0] * days
    for _line, _person, start, end, value in rows:
        for day in range((start - first).days, (end - first).days + 1):
            extent[day] = max(extent[day], value)
    runs, run_start = [], 0
    for day in range(1, days + 1):
        if day == days or extent[day] != extent[run_start]:
            if extent[run_start] > 0:
                runs.append((line, person, _day(first, run_start), _day(first, day - 1), extent[run_start]))
            run_start = day
    return runs


def _day(first: date, offset: int) -> date:
    return first + timedelta(days=offset)
