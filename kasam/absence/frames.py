"""The sick-leave engine's input (kasam.metrics.frames.Frames) from the database: one query per table
(Unit, Person, Employment, Absence), no model instances. Dates and decimals come back as text, so that
neither driver builds millions of Python dates or Decimals, and go through the same
`kasam.metrics.frames.normalise` as the import files: both paths give the engine identical frames."""

import io

import polars as pl
from django.db import connection

from kasam.absence.models import SICK, Absence
from kasam.metrics.frames import Frames, normalise
from kasam.org.history import tree_frame
from kasam.org.models import Employment, Person, Unit

CHUNK = 50_000

# (model, [(frame column, SQL expression)]); every value is read as text or NULL.
TABLES = {
    "units": (
        Unit,
        [
            ("unit_id", "id"),
            ("parent_id", "parent_id"),
            ("name", "name"),
            ("kind", "kind"),
            ("activity", "activity"),
        ],
    ),
    "people": (
        Person,
        [("person_id", "id"), ("birth_year", "CAST(birth_year AS TEXT)"), ("gender", "gender")],
    ),
    "employments": (
        Employment,
        [
            ("person_id", "person_id"),
            ("unit_id", "unit_id"),
            ("start_date", "CAST(start_date AS TEXT)"),
            ("end_date", "CAST(end_date AS TEXT)"),
            ("rate", "CAST(rate AS TEXT)"),
            ("weekly_hours", "CAST(weekly_hours AS TEXT)"),
            ("pay", "pay"),
        ],
    ),
    "absences": (
        Absence,
        [
            ("person_id", "person_id"),
            ("start_date", "CAST(start_date AS TEXT)"),
            ("end_date", "CAST(end_date AS TEXT)"),
            ("extent", "CAST(extent AS TEXT)"),
            ("kind", "kind"),
        ],
    ),
}
DATES = ("start_date", "end_date")
NUMBERS = ("rate", "weekly_hours", "extent", "birth_year")


def load_frames(*, sick_only: bool = False) -> Frames:
    """Units, persons, employments and absences as `Frames` (docs/import-formats.md columns), with the
    units' history as `tree` (kasam.org.history): figures follow each day's tree.

    With `sick_only`, only absences of kind `sjuk` are read (the import stores kinds in lower case
    and an empty kind as `sjuk`): the sick-leave figures use nothing else, and the other kinds are
    most of the rows."""
    frames = {}
    for kind, (model, columns) in TABLES.items():
        where = f"WHERE kind = '{SICK}'" if kind == "absences" and sick_only else ""
        raw = _query(model, columns, where)
        frames[kind] = raw.with_columns(
            *[pl.col(c).str.to_date("%Y-%m-%d") for c in DATES if c in raw.columns],
            *[pl.col(c).cast(pl.Float64) for c in NUMBERS if c in raw.columns],
        )
    return normalise(**frames, tree=tree_frame())


def _query(model, columns: list[tuple[str, str]], where: str = "") -> pl.DataFrame:
    names = [name for name, _sql in columns]
    schema = dict.fromkeys(names, pl.String)
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor == "postgresql":
        sql = f"SELECT {', '.join(expr for _name, expr in columns)} FROM {table} {where}"  # noqa: S608
        return _copy_out(sql, names, schema)
    # Elsewhere (SQLite) each row comes back as one string, its values joined by a separator that
    # no id or date holds: a fifth of the Python objects that tuples of values would cost. An empty
    # value and NULL both become null (`normalise` reads an empty string as missing anyway).
    joined = " || char(31) || ".join(f"COALESCE({expr}, '')" for _name, expr in columns)
    parts = [pl.DataFrame(schema=schema)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {joined} FROM {table} {where}")  # noqa: S608 - no values
        while rows := cursor.fetchmany(CHUNK):
            values = pl.Series("row", [row[0] for row in rows], dtype=pl.String)
            split = values.str.split_exact("\x1f", len(names) - 1).struct.rename_fields(names).struct.unnest()
            parts.append(split.with_columns(pl.when(pl.col(n) != "").then(pl.col(n)).alias(n) for n in names))
    return pl.concat(parts)


def _copy_out(sql: str, names: list[str], schema: dict) -> pl.DataFrame:
    """PostgreSQL: COPY … TO STDOUT as CSV, read by Polars (NULL is an unquoted empty field)."""
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy,
    ):
        for block in copy:
            buffer.write(block)
    if not buffer.getbuffer().nbytes:
        return pl.DataFrame(schema=schema)
    buffer.seek(0)
    return pl.read_csv(buffer, has_header=False, new_columns=names, schema=schema)
