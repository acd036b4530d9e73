"""The sick-leave engine's input (kasam.metrics.frames.Frames) from the database: one query per table
(Unit, Person, Employment, Absence), no model instances. Dates and decimals come back as text, so that
neither driver builds millions of Python dates or Decimals, and go through the same
`kasam.metrics.frames.normalise` as the import files: both paths give the engine identical frames."""

import io

import polars as pl
from django.db import connection

from kasam.absence.models import Absence
from kasam.metrics.frames import Frames, normalise
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


def load_frames() -> Frames:
    """Units, persons, employments and absences as `Frames` (DOMAIN.md "Inputs" columns)."""
    frames = {}
    for kind, (model, columns) in TABLES.items():
        raw = _query(model, columns)
        frames[kind] = raw.with_columns(
            *[pl.col(c).str.to_date("%Y-%m-%d") for c in DATES if c in raw.columns],
            *[pl.col(c).cast(pl.Float64) for c in NUMBERS if c in raw.columns],
        )
    return normalise(**frames)


def _query(model, columns: list[tuple[str, str]]) -> pl.DataFrame:
    names = [name for name, _sql in columns]
    schema = dict.fromkeys(names, pl.String)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"SELECT {', '.join(expr for _name, expr in columns)} FROM {table}"  # noqa: S608 - no values
    if connection.vendor == "postgresql":
        return _copy_out(sql, names, schema)
    parts = [pl.DataFrame(schema=schema)]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(CHUNK):
            parts.append(pl.DataFrame(rows, schema=schema, orient="row"))
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
